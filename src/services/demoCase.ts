import { insertChronologyEntry } from '../data/chronology.js'
import type { Executor } from '../data/database.js'
import { allocateEpisode, insertAgreement, insertEpisode } from '../data/episodes.js'
import {
  decideReview,
  insertAssessment,
  insertReview,
  writeEntries,
  writeNeeds,
  type EntryRow,
} from '../data/assessments.js'
import { insertOversightEntry } from '../data/oversight.js'
import { insertAction, insertOutcome, insertPlanVersion } from '../data/plans.js'
import { insertProgrammeDelivery } from '../data/programmes.js'
import { insertSpiderGraphScores } from '../data/spiderGraphs.js'
import { insertTafMeeting, insertToolRecord, recordMeetingHeld } from '../data/tafMeetings.js'
import { insertVisitFrequency, insertWorkSession } from '../data/workSessions.js'
import type { FamilyMemberRole, GenderCode } from '../data/schema.js'
import { addDays } from '../lib/dates.js'
import type { PracticeModel } from '../practice-models/schema.js'
import { assessedPeople, contentOf, snapshotOf, suggestedType } from './assessmentContent.js'
import { chronologyEvents, type ChronologyEvent } from './chronology.js'

/** A demo family as the demo seeds it. */
export interface DemoCaseFamily {
  familyId: string
  surname: string
  teamId: string | null
  members: { given: string; gender: GenderCode; role: FamilyMemberRole }[]
  ids: string[]
}

/**
 * A case twelve weeks into its work, so the case page shows what a worked case looks like: allocated, the
 * agreement and the baseline spider graph before the initial Team Around the Family (001 §4), the assessment
 * approved, the plan, visit frequency, fortnightly PARA sessions, an evidence-based programme under way and the
 * manager's oversight; its first review falls due in the coming weeks. Written straight to the tables, inside the
 * demo's one transaction, with the chronology entries the pages would have written.
 */
export async function seedWorkedCase(
  ex: Executor,
  input: {
    authorityId: string
    model: PracticeModel
    family: DemoCaseFamily
    workerUserId: string
    managerUserId: string
    today: string
    at: Date
  },
) {
  const { authorityId, model, family, workerUserId, managerUserId, today, at } = input
  const day = (offset: number) => addDays(today, offset)
  const person = (index: number) => ({
    personId: family.ids[index]!,
    name: `${family.members[index]!.given} ${family.surname}`,
  })
  const indexes = (role: FamilyMemberRole) =>
    family.members.flatMap((member, index) => (member.role === role ? [index] : []))
  const children = indexes('child').map(person)
  const parents = indexes('parent').map(person)
  const mother = parents[0]!
  const taf = model.vocabulary.teamAroundTheFamily
  const chronicle = (occurredOn: string, event: ChronologyEvent, summary: string, by = workerUserId) =>
    insertChronologyEntry(ex, {
      authorityId,
      entry: {
        familyId: family.familyId,
        personIds: [],
        occurredOn,
        category: 'Early help',
        summary,
        detail: null,
        source: 'Tandem',
        kind: 'system',
        event,
      },
      by,
      at,
    })

  const level = model.levelsOfNeed.find(candidate => !candidate.statutory && candidate !== model.levelsOfNeed[0])!
  const episodeId = await insertEpisode(ex, {
    authorityId,
    familyId: family.familyId,
    teamId: family.teamId,
    service: null,
    levelOfNeed: level.code,
    leadProfessionalUserId: null,
    openedOn: day(-88),
    requestId: null,
    childIds: children.map(child => child.personId),
    levelReason: `Agreed by the ${model.panel.name}`,
    by: managerUserId,
    at,
  })
  await chronicle(
    day(-88),
    chronologyEvents.episodeOpened,
    `Early help episode opened by the ${model.panel.name}`,
    managerUserId,
  )
  await allocateEpisode(ex, {
    authorityId,
    episodeId,
    version: 1,
    workerUserId,
    leadProfessionalUserId: workerUserId,
    allocatedOn: day(-84),
    reason: null,
    by: managerUserId,
    at,
  })
  await chronicle(day(-84), chronologyEvents.allocated, 'Allocated', managerUserId)

  await insertAgreement(ex, {
    authorityId,
    episodeId,
    agreedOn: day(-80),
    workerUserId,
    signedHow: 'on paper',
    notes: null,
    personIds: parents.map(parent => parent.personId),
    by: workerUserId,
    at,
  })
  await chronicle(day(-80), chronologyEvents.agreementSigned, `Early help agreement signed by ${mother.name}`)
  const baselineTool =
    model.progressionTools.find(tool => tool.when === 'baseline_and_reviews') ?? model.progressionTools[0]!
  const baselineToolId = await insertToolRecord(ex, {
    authorityId,
    episodeId,
    tool: baselineTool.code,
    stage: 'baseline',
    completedOn: day(-79),
    completedWith: `${mother.name} and the children`,
    summary: 'Lowest scores: routines, school attendance and money worries.',
    familyViews: baselineTool.instrument === 'spider-graph' ? 'We want help getting the mornings right.' : null,
    parentPersonId: baselineTool.instrument === 'spider-graph' ? mother.personId : null,
    by: workerUserId,
    at,
  })
  if (baselineTool.instrument === 'spider-graph') {
    // The worker's and the mother's scores, 1 (the greatest worry) to 10 (going well).
    const worker = [5, 6, 4, 6, 3, 5, 7, 3]
    const parent = [6, 7, 5, 6, 4, 4, 8, 2]
    await insertSpiderGraphScores(
      ex,
      authorityId,
      baselineToolId,
      model.spiderGraphDomains.map((domain, index) => ({
        domainCode: domain.code,
        domainLabel: domain.label,
        worker: worker[index % worker.length]!,
        parent: parent[index % parent.length]!,
        child: null,
      })),
    )
  }
  await chronicle(day(-79), chronologyEvents.toolCompleted, `${baselineTool.label} completed (baseline)`)

  // The assessment, approved by the manager.
  const type =
    model.assessment.types.find(candidate => candidate.code === suggestedType(model)) ?? model.assessment.types[0]!
  const assessmentId = await insertAssessment(ex, {
    authorityId,
    episodeId,
    assessmentType: type.code,
    startedOn: day(-82),
    completingAgency: 'Early help',
    workerUserId,
    by: workerUserId,
    at,
  })
  const people = assessedPeople({
    children: children.map(child => ({
      person_id: child.personId,
      given_name: child.name.split(' ')[0]!,
      family_name: family.surname,
    })),
    members: family.members.map((member, index) => ({
      person_id: family.ids[index]!,
      given_name: member.given,
      family_name: family.surname,
      gender: member.gender,
      role: member.role,
      left_on: null,
    })),
    relationships: [],
  })
  const entries = model.assessment.sections.flatMap((section): EntryRow[] => {
    const about = section.about ?? 'family'
    if (about === 'each_child')
      return people.children.map(child => ({
        section: section.code,
        personId: child.personId,
        body: `${child.name.split(' ')[0]} is settled at school when there; lateness and tiredness most mornings.`,
        notRecordedReason: null,
      }))
    if (about === 'each_parent')
      return people.parents.map(parent => ({
        section: section.code,
        personId: parent.personId,
        body: parent.father
          ? 'Wants to help with the school run on the days he has the children.'
          : 'Wants help with morning routines and with money; worried about the school’s letters.',
        notRecordedReason: null,
      }))
    return [
      {
        section: section.code,
        personId: null,
        body: 'Warm relationships; routines break down at the start of the day and when money runs short.',
        notRecordedReason: null,
      },
    ]
  })
  await writeEntries(ex, authorityId, assessmentId, entries)
  const areas = model.outcomeAreas.areas
  const needs = [
    { needId: null, description: 'School attendance is below 90% for both children.', outcomeArea: areas[0]!.code },
    {
      needId: null,
      description: 'Money runs short before payday; the family has used a food bank.',
      outcomeArea: (areas.find(area => /financ|money|work/i.test(area.label)) ?? areas[areas.length - 1]!).code,
    },
  ]
  await writeNeeds(ex, authorityId, assessmentId, needs)
  const needIds = (
    await ex
      .selectFrom('assessment_need')
      .select('need_id')
      .where('authority_id', '=', authorityId)
      .where('assessment_id', '=', assessmentId)
      .orderBy('position')
      .execute()
  ).map(need => need.need_id)
  const content = contentOf(model, people, entries, needs)
  await insertReview(ex, {
    authorityId,
    assessmentId,
    number: 1,
    snapshot: snapshotOf(content, {
      type: { code: type.code, label: type.label },
      startedOn: day(-82),
      completingAgency: 'Early help',
    }),
    by: workerUserId,
    at,
  })
  await ex
    .updateTable('assessment')
    .set({ status: 'approved', submitted_on: day(-74), approved_on: day(-72) })
    .where('authority_id', '=', authorityId)
    .where('assessment_id', '=', assessmentId)
    .execute()
  await decideReview(ex, {
    authorityId,
    assessmentId,
    number: 1,
    decision: 'approved',
    comments: null,
    by: managerUserId,
    at,
  })
  await chronicle(day(-74), chronologyEvents.assessmentSubmitted, `${type.label} submitted for approval`)
  await chronicle(day(-72), chronologyEvents.assessmentApproved, `${type.label} approved`, managerUserId)

  // The initial Team Around the Family, five weeks after allocation.
  const tafMeetingId = await insertTafMeeting(ex, {
    authorityId,
    episodeId,
    kind: 'initial',
    plannedOn: day(-50),
    venue: 'The children’s school',
    attendees: [
      ...parents.map(parent => ({ personId: parent.personId, userId: null, name: parent.name, agency: null })),
      { personId: null, userId: workerUserId, name: 'Early help worker', agency: 'Early help' },
      { personId: null, userId: null, name: 'Mrs Patel', agency: 'School (attendance officer)' },
    ].map(attendee => ({ ...attendee, attendance: 'invited' as const })),
    by: workerUserId,
    at,
  })
  await recordMeetingHeld(ex, {
    authorityId,
    tafMeetingId,
    version: 1,
    heldOn: day(-50),
    minutes: 'Agreed the plan: a morning routine chart, a walking bus place, and a referral for money advice.',
    progress: null,
    attendance: [
      ...parents.map(
        (_, index) => ({ position: index + 1, attendance: index === 0 ? 'attended' : 'apologies' }) as const,
      ),
      { position: parents.length + 1, attendance: 'attended' as const },
      { position: parents.length + 2, attendance: 'attended' as const },
    ],
    others: [],
    by: workerUserId,
    at,
  })
  await chronicle(day(-50), chronologyEvents.tafHeld, `Initial ${taf} meeting held`)

  // The plan agreed at it.
  const planVersionId = await insertPlanVersion(ex, {
    authorityId,
    episodeId,
    number: 1,
    tafMeetingId,
    startedOn: day(-50),
    version: 1,
    by: workerUserId,
    at,
  })
  const attendance = await insertOutcome(ex, {
    authorityId,
    planVersionId,
    needIds: needIds.slice(0, 1),
    outcome: 'The children get to school on time every day.',
    measure: 'Attendance above 95% for a half term, from the school’s register.',
    outcomeArea: needs[0]!.outcomeArea,
    targetDate: day(60),
    status: 'open',
  })
  const money = await insertOutcome(ex, {
    authorityId,
    planVersionId,
    needIds: needIds.slice(1, 2),
    outcome: 'The family has enough money for food every week.',
    measure: 'No food bank visits for two months; a budget plan in place.',
    outcomeArea: needs[1]!.outcomeArea,
    targetDate: day(45),
    status: 'open',
  })
  const actions = [
    [attendance, 'Set up a morning routine chart with the children', mother.personId, mother.name, day(-36), 'done'],
    [attendance, 'Offer a place on the walking bus', null, 'Mrs Patel', day(-30), 'done'],
    [money, 'Refer the family for money and debt advice', null, 'Early help worker', day(-40), 'in_progress'],
  ] as const
  for (const [outcome, action, personId, name, byWhen, status] of actions) {
    await insertAction(ex, {
      authorityId,
      planVersionId,
      outcomeKey: outcome,
      action,
      whoPersonId: personId,
      whoUserId: null,
      whoName: name,
      whoAgency: personId ? null : name === 'Mrs Patel' ? 'School' : 'Early help',
      byWhen,
      status,
    })
  }
  await chronicle(day(-50), chronologyEvents.planCreated, 'Plan created: version 1')

  await insertVisitFrequency(ex, {
    authorityId,
    episodeId,
    everyDays: 14,
    agreedOn: day(-50),
    notes: 'Agreed with the team manager in supervision.',
    by: workerUserId,
    at,
  })
  for (const [offset, kind] of [
    [-46, 'home visit'],
    [-32, 'school'],
    [-18, 'home visit'],
    [-4, 'home visit'],
  ] as const) {
    await insertWorkSession(ex, {
      authorityId,
      episodeId,
      workerUserId,
      heldOn: day(offset),
      kind,
      purpose: 'From the plan: getting to school on time.',
      action: 'Went through the week’s routine chart together and agreed one change.',
      reflection: `${mother.name.split(' ')[0]} said the mornings feel calmer; the children chose their own rewards.`,
      analysis: 'Attendance is improving: keep the chart and review at the TAF.',
      seen: [mother, ...children].map((seen, index) => ({
        personId: seen.personId,
        seenAlone: kind === 'school' && index === 1,
      })),
      outcomeKeys: [attendance],
      by: workerUserId,
      at,
    })
    await chronicle(day(offset), chronologyEvents.sessionRecorded, `Session recorded (${kind})`)
  }
  const programme = model.evidenceBasedProgrammes[0]
  if (programme) {
    await insertProgrammeDelivery(ex, {
      authorityId,
      episodeId,
      programme: programme.code,
      startedOn: day(-28),
      deliveredBy: 'Children’s centre',
      notes: null,
      personIds: [mother.personId],
      by: workerUserId,
      at,
    })
    await chronicle(day(-28), chronologyEvents.programmeStarted, `${programme.label} started`)
  }
  await insertOversightEntry(ex, {
    authorityId,
    episodeId,
    heldOn: day(-21),
    kind: 'supervision',
    reflection: 'Good engagement; attendance rising. Money advice is slow to start.',
    decisions: 'Continue the plan; chase the money advice referral before the review.',
    actions: 'Worker to chase the referral.',
    byWhen: day(-7),
    by: managerUserId,
    at,
  })
  await chronicle(day(-21), chronologyEvents.oversightRecorded, 'Management oversight (supervision)', managerUserId)
  return episodeId
}
