import type { Executor } from '../data/database.js'
import { insertChronologyEntry } from '../data/chronology.js'
import { insertConsent } from '../data/consent.js'
import {
  insertCurrentAddress,
  insertMember,
  insertPersonDetails,
  upsertRelationship,
  type PersonDetails,
} from '../data/people.js'
import { insertFamily, insertFamilyProfessional } from '../data/records.js'
import { insertRestriction } from '../data/restrictions.js'
import type { FamilyMemberRole, GenderCode, RelationshipType, Role } from '../data/schema.js'
import { addDays, todayIn } from '../lib/dates.js'
import { addWorkingDays } from '../lib/workingDays.js'
import { insertEpisode } from '../data/episodes.js'
import { insertMeetings, insertPanelDecision, replaceAttendees } from '../data/panels.js'
import { insertFrontDoorDecision, insertRequest } from '../data/requests.js'
import { presets } from '../practice-models/presets/index.js'
import { normaliseName } from '../lib/names.js'
import { insertTeam, insertUser, listAuthorities } from '../data/staff.js'
import { roleLabels } from '../policies/index.js'
import type { PresetName } from '../practice-models/presets/index.js'
import type { ServiceDeps } from './context.js'
import type { createAuthorityService } from './authorities.js'
import { hashPassword } from './passwords.js'
import { seedWorkedCase } from './demoCase.js'

/** The one password every demo user signs in with: three random words, as NCSC advises. */
export const DEMO_PASSWORD = 'walnut-harbour-lantern'

interface DemoAuthority {
  slug: PresetName
  name: string
  teams: { name: string; area: number }[]
  staff: Partial<Record<Role, string>>
  /** A practitioner in the second team, so "my team's families" visibly leaves some out. */
  secondPractitioner: string
  /** Surnames for the synthetic families, so each authority's demo reads differently. */
  surnames: string[]
  /** Where the synthetic families live: real-looking streets and postcode districts of the area. */
  town: string
  streets: string[]
  postcodeDistricts: string[]
}

interface SeededFamily {
  familyId: string
  surname: string
  areaId: string | null
  teamId: string | null
  members: DemoMember[]
  ids: string[]
}

interface DemoMember {
  given: string
  born: string | null
  expected?: string
  gender: GenderCode
  role: FamilyMemberRole
  livesApart?: boolean
}

/** Synthetic NHS numbers with a valid check digit, from a range no one is issued (they start 999). */
function* syntheticNhsNumbers(): Generator<string, never> {
  for (let base = 999_000_000; ; base += 1) {
    const digits = String(base).split('').map(Number)
    const check = 11 - (digits.reduce((sum, digit, position) => sum + digit * (10 - position), 0) % 11)
    if (check === 10) continue
    yield `${base}${check === 11 ? 0 : check}`
  }
}

function demoPerson(member: DemoMember, surname: string, nhs: Generator<string, never>): PersonDetails {
  const child = member.role === 'child'
  return {
    givenName: member.given,
    familyName: surname,
    dateOfBirth: member.born,
    expectedDate: member.expected ?? null,
    gender: member.gender,
    ethnicity: 'WBRI',
    firstLanguage: member.role === 'unborn child' ? null : 'English',
    interpreterNeeded: false,
    disability: 'not known',
    senProvision: child ? 'N' : null,
    upn: null,
    nhsNumber: member.role === 'unborn child' ? null : nhs.next().value,
    youngCarer: false,
    privatelyFostered: false,
    noRecourseToPublicFunds: false,
    socialCareStatus: 'none',
  }
}

/** Mother and father to each child, the parents' partnership (or separation) and the children as siblings. */
async function relateDemoFamily(
  ex: Executor,
  authorityId: string,
  members: DemoMember[],
  ids: string[],
  by: string,
  at: Date,
) {
  const relate = (
    from: number,
    to: number,
    type: RelationshipType,
    livesWith: boolean,
    parentalResponsibility = false,
  ) =>
    upsertRelationship(ex, {
      authorityId,
      relationship: {
        personId: ids[from]!,
        relatedPersonId: ids[to]!,
        type,
        livesWith,
        parentalResponsibility,
        note: null,
      },
      by,
      at,
    })
  const parents = members.flatMap((member, index) => (member.role === 'parent' ? [index] : []))
  const children = members.flatMap((member, index) => (member.role !== 'parent' ? [index] : []))
  for (const parent of parents) {
    for (const child of children) {
      const together = !members[parent]!.livesApart
      await relate(parent, child, members[parent]!.gender === '2' ? 'mother' : 'father', together, true)
    }
  }
  if (parents.length === 2) {
    const apart = parents.some(parent => members[parent]!.livesApart)
    await relate(parents[0]!, parents[1]!, apart ? 'ex-partner' : 'partner', !apart)
  }
  for (const [position, child] of children.entries()) {
    for (const sibling of children.slice(position + 1)) await relate(child, sibling, 'sibling', true)
  }
}

// Synthetic people only. Each authority starts from its own preset (its areas come from there: Derby's
// three localities, Durham's North / South / East, Leeds' twenty-five clusters); teams name an area by
// its place in the preset's list.
const demoAuthorities: DemoAuthority[] = [
  {
    slug: 'derby',
    name: 'Derby City Council',
    teams: [
      { name: 'Locality 1 Multi-Agency Team', area: 0 },
      { name: 'Locality 2 Multi-Agency Team', area: 1 },
      { name: 'Locality 3 Multi-Agency Team', area: 2 },
      { name: 'Locality 1 Children’s Centres', area: 0 },
    ],
    staff: {
      practitioner: 'Priya Sandhu',
      team_manager: 'Gareth Allsop',
      head_of_service: 'Helen Marsh',
      front_door: 'Dev Kapoor',
      panel_chair: 'Ruth Beeston',
      partner: 'Tom Ridley',
      qa_auditor: 'Ann Whitworth',
      performance_analyst: 'Sam Okafor',
      admin: 'Liz Carver',
    },
    secondPractitioner: 'Jordan Whitfield',
    surnames: ['Ashworth', 'Bramley', 'Coulson', 'Dunmore', 'Elwood', 'Fairley'],
    town: 'Derby',
    streets: ['Osmaston Road', 'Normanton Road', 'Kedleston Road', 'Nottingham Road'],
    postcodeDistricts: ['DE1', 'DE23', 'DE22', 'DE21', 'DE24', 'DE3'],
  },
  {
    slug: 'durham',
    name: 'Durham County Council',
    teams: [
      { name: 'North Early Help Team', area: 0 },
      { name: 'South Early Help Team', area: 1 },
      { name: 'East Early Help Team', area: 2 },
    ],
    staff: {
      practitioner: 'Kerry Armstrong',
      team_manager: 'Neil Robson',
      head_of_service: 'Joanne Pattinson',
      front_door: 'Craig Tennant',
      panel_chair: 'Lesley Hodgson',
      partner: 'Mark Elliott',
      qa_auditor: 'Wendy Bainbridge',
      performance_analyst: 'Chris Lumsden',
      admin: 'Paula Dodds',
    },
    secondPractitioner: 'Sasha Whitfield',
    surnames: ['Gowland', 'Hetherington', 'Iveson', 'Jobling', 'Kirtley', 'Laidler'],
    town: 'Durham',
    streets: ['Front Street', 'Gilesgate', 'Sunderland Road', 'Durham Road'],
    postcodeDistricts: ['DH1', 'DH6', 'DL14', 'SR8', 'DH9', 'DL17'],
  },
  {
    slug: 'leeds',
    name: 'Leeds City Council',
    teams: [
      { name: 'Cluster 01 Targeted Services', area: 0 },
      { name: 'Cluster 02 Targeted Services', area: 1 },
      { name: 'Cluster 03 Targeted Services', area: 2 },
    ],
    staff: {
      practitioner: 'Aisha Rahman',
      team_manager: 'Dave Holroyd',
      head_of_service: 'Margaret Firth',
      front_door: 'Imran Hussain',
      panel_chair: 'Julie Sutcliffe',
      partner: 'Rachel Ackroyd',
      qa_auditor: 'Steve Crowther',
      performance_analyst: 'Nadia Mahmood',
      admin: 'Gary Lister',
    },
    secondPractitioner: 'Sasha Whitfield',
    surnames: ['Moorhouse', 'Naylor', 'Oldroyd', 'Pickersgill', 'Quarmby', 'Rushworth'],
    town: 'Leeds',
    streets: ['Harehills Lane', 'Beeston Road', 'Tong Road', 'Seacroft Avenue'],
    postcodeDistricts: ['LS9', 'LS11', 'LS12', 'LS14', 'LS8', 'LS10'],
  },
]

export interface DemoSignIn {
  authority: string
  role: string
  name: string
  email: string
}

const demoEmail = (role: Role, slug: string) => `${role.replace(/_/g, '-')}@${slug}.tandem.example`

const partnerAgencies: Record<string, string> = {
  derby: 'Brookfield Primary School',
  durham: 'County Durham Health Visiting',
  leeds: 'Westfield Community Trust',
}

const childNames = [
  'Ellie',
  'Jayden',
  'Maisie',
  'Kai',
  'Amelia',
  'Reuben',
  'Isla',
  'Tyler',
  'Freya',
  'Leo',
  'Ruby',
  'Mason',
]
const adultNames = [
  'Claire',
  'Daniel',
  'Leanne',
  'Stuart',
  'Kirsty',
  'Wayne',
  'Hayley',
  'Lee',
  'Gemma',
  'Carl',
  'Sian',
  'Paul',
]

/** Seeds the three demo authorities on an empty database, in one transaction; does nothing otherwise. */
export function createDemoService(
  { database, clock }: ServiceDeps,
  authorities: ReturnType<typeof createAuthorityService>,
) {
  const { db } = database

  async function seedAuthority(ex: Executor, demo: DemoAuthority, passwordHash: string, signIns: DemoSignIn[]) {
    const now = clock.now()
    const { authorityId, areaIds } = await authorities.provision(ex, {
      slug: demo.slug,
      name: demo.name,
      preset: demo.slug,
    })
    const teamIds: string[] = []
    for (const team of demo.teams) {
      teamIds.push(
        (await insertTeam(ex, authorityId, { name: team.name, areaId: areaIds[team.area] ?? null, now })).team_id,
      )
    }
    const userIds = new Map<Role, string>()
    for (const [role, name] of Object.entries(demo.staff) as [Role, string][]) {
      const worksInTeam = role === 'practitioner' || role === 'team_manager'
      const worksInArea = worksInTeam || role === 'head_of_service' || role === 'panel_chair'
      const email = demoEmail(role, demo.slug)
      const userId = await insertUser(ex, {
        authority_id: authorityId,
        email,
        display_name: name,
        role,
        team_id: worksInTeam ? (teamIds[0] ?? null) : null,
        area_id: worksInArea ? (areaIds[0] ?? null) : null,
        agency: role === 'partner' ? (partnerAgencies[demo.slug] ?? null) : null,
        job_title: role === 'practitioner' ? 'Early help worker' : roleLabels[role],
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      })
      userIds.set(role, userId)
      signIns.push({ authority: demo.name, role: roleLabels[role], name, email })
    }
    await insertUser(ex, {
      authority_id: authorityId,
      email: `practitioner-2@${demo.slug}.tandem.example`,
      display_name: demo.secondPractitioner,
      role: 'practitioner',
      team_id: teamIds[1] ?? null,
      area_id: areaIds[1] ?? null,
      agency: null,
      job_title: 'Family support worker',
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    })
    const byUser = userIds.get('admin')!
    const today = todayIn(now)
    const nextNhsNumber = syntheticNhsNumbers()
    const seeded: SeededFamily[] = []
    for (const [index, surname] of demo.surnames.entries()) {
      const teamIndex = index < 4 ? 0 : 1
      const address = {
        line1: `${12 + index * 7} ${demo.streets[index % demo.streets.length]}`,
        line2: null,
        town: demo.town,
        postcode: `${demo.postcodeDistricts[index % demo.postcodeDistricts.length]} ${index + 1}${'ABDEFG'[index]}${'HJLNPQ'[index]}`,
      }
      const familyId = await insertFamily(ex, {
        authorityId,
        name: surname,
        areaId: areaIds[teamIndex] ?? null,
        teamId: teamIds[teamIndex] ?? null,
        address,
        by: byUser,
        at: now,
      })
      // Even-numbered families have two parents; the third family's father lives apart and a baby is on the way.
      const fatherLivesApart = index === 2
      const members: DemoMember[] = [
        {
          given: adultNames[(index * 2) % adultNames.length]!,
          born: `${1984 + index}-0${(index % 9) + 1}-14`,
          gender: '2',
          role: 'parent',
        },
        {
          given: childNames[(index * 2) % childNames.length]!,
          born: `${2012 + index}-1${index % 3}-0${(index % 8) + 1}`,
          gender: '2',
          role: 'child',
        },
        {
          given: childNames[(index * 2 + 1) % childNames.length]!,
          born: `${2016 + index}-0${(index % 9) + 1}-2${index % 8}`,
          gender: '1',
          role: 'child',
        },
      ]
      if (index % 2 === 0) {
        members.splice(1, 0, {
          given: adultNames[(index * 2 + 1) % adultNames.length]!,
          born: `${1981 + index}-11-03`,
          gender: '1',
          role: 'parent',
          livesApart: fatherLivesApart,
        })
      }
      if (fatherLivesApart) {
        members.push({ given: 'Baby', born: null, expected: addDays(today, 90), gender: '0', role: 'unborn child' })
      }
      const ids: string[] = []
      for (const member of members) {
        const details = demoPerson(member, surname, nextNhsNumber)
        const personId = await insertPersonDetails(ex, {
          authorityId,
          details,
          searchName: normaliseName(`${member.given} ${surname}`),
          by: byUser,
          at: now,
        })
        ids.push(personId)
        await insertMember(ex, {
          authorityId,
          familyId,
          personId,
          role: member.role,
          joinedOn: null,
          livesInHousehold: !member.livesApart,
        })
        if (!member.livesApart && member.role !== 'unborn child') {
          await insertCurrentAddress(ex, { authorityId, personId, address, movedIn: null, by: byUser, at: now })
        }
      }
      await relateDemoFamily(ex, authorityId, members, ids, byUser, now)
      seeded.push({
        familyId,
        surname,
        areaId: areaIds[teamIndex] ?? null,
        teamId: teamIds[teamIndex] ?? null,
        members,
        ids,
      })
      await insertChronologyEntry(ex, {
        authorityId,
        entry: {
          familyId,
          personIds: [],
          occurredOn: addDays(today, -60 + index),
          category: 'Early help',
          summary: 'Family record created',
          detail: null,
          source: 'Tandem',
          kind: 'system',
          event: 'family created',
        },
        by: byUser,
        at: now,
      })
      await insertChronologyEntry(ex, {
        authorityId,
        entry: {
          familyId,
          personIds: [ids[ids.length - 1]!],
          occurredOn: addDays(today, -45 + index),
          category: 'Education',
          summary: `School raised concerns about ${members[members.length - 1]!.given}’s attendance (82% this term)`,
          detail: null,
          source: partnerAgencies[demo.slug] ?? 'School',
          kind: 'manual',
          event: null,
        },
        by: userIds.get('practitioner')!,
        at: now,
      })
      if (index % 3 === 0) {
        await insertConsent(ex, {
          authorityId,
          familyId,
          consent: {
            givenByPersonId: ids[0]!,
            givenOn: addDays(today, -50 + index),
            how: 'written',
            agencies: ['Early help', 'Schools and education', 'Health'],
            purposes: ['Assessing the family’s needs', 'Working together in a Team Around the Family'],
          },
          by: userIds.get('practitioner')!,
          at: now,
        })
      }
      if (index === 0 || index === 4) {
        await insertFamilyProfessional(ex, {
          authorityId,
          familyId,
          userId: userIds.get('partner')!,
          involvement: 'Designated safeguarding lead',
        })
      }
      // The fourth family is restricted to the team manager: the practitioner in the same team cannot find it.
      if (index === 3) {
        await insertRestriction(ex, {
          authorityId,
          recordType: 'family',
          recordId: familyId,
          reason: 'A relative of the family works in the early help service',
          userIds: [userIds.get('team_manager')!],
          by: userIds.get('team_manager')!,
          at: now,
        })
      }
    }
    await seedFrontDoor(ex, demo, { authorityId, areaIds, userIds, families: seeded })
    // The third family's case is twelve weeks into its work, so the case page has a worked case to show.
    await seedWorkedCase(ex, {
      authorityId,
      model: presets[demo.slug],
      family: seeded[2]!,
      workerUserId: userIds.get('practitioner')!,
      managerUserId: userIds.get('team_manager')!,
      today: todayIn(clock.now()),
      at: clock.now(),
    })
  }

  /**
   * The front door and panel as a working week leaves them: the weekly panel meetings of the first two
   * areas from today, a request waiting, one overdue past the model's "never do nothing" limit, one at the
   * panel (on the agenda of the next meeting) and an episode the panel opened, waiting for a worker.
   */
  async function seedFrontDoor(
    ex: Executor,
    demo: DemoAuthority,
    ids: { authorityId: string; areaIds: string[]; userIds: Map<Role, string>; families: SeededFamily[] },
  ) {
    const { authorityId, areaIds, userIds, families } = ids
    const model = presets[demo.slug]
    const now = clock.now()
    const today = todayIn(now)
    const partner = userIds.get('partner')!
    const frontDoor = userIds.get('front_door')!
    const agency = partnerAgencies[demo.slug] ?? 'School'
    const partnerName = demo.staff.partner ?? 'Partner'
    const concern = (index: number) => model.concernCategories[index % model.concernCategories.length]!.code
    for (const areaId of areaIds.slice(0, 2)) {
      await insertMeetings(ex, {
        authorityId,
        areaId,
        dates: Array.from({ length: 8 }, (_, week) => addDays(today, week * 7)),
        startsAt: '10:00',
        venue: `${model.areas.singular[0]!.toUpperCase()}${model.areas.singular.slice(1)} office, meeting room 2`,
        chairUserId: userIds.get('panel_chair') ?? null,
        by: userIds.get('panel_chair') ?? frontDoor,
        at: now,
      })
    }
    const kind = model.wayIn.kind === 'conversation' ? ('conversation' as const) : ('request' as const)
    const base = {
      kind,
      wayInTool: kind === 'request' ? (model.wayIn.tools[0]?.code ?? null) : null,
      requesterKind: 'partner' as const,
      requesterUserId: partner,
      requesterName: partnerName,
      requesterAgency: agency,
      requesterContact: demoEmail('partner', demo.slug),
      consentGivenBy: null,
      tried: 'Meetings with the parent at school; a referral to the school nurse.',
      withWhom: kind === 'conversation' ? `${partnerName} and the family` : null,
      agreed: kind === 'conversation' ? `To ask ${model.frontDoor.name} for support from the cluster` : null,
      conversationOutcome: kind === 'conversation' ? ('front_door' as const) : null,
      socialCareReference: null,
      handoverSummary: null,
    }
    const waiting: [string, string, string, number, 'routine' | 'urgent'][] = [
      ['Kacey', 'Rowntree', '2017-06-11', 1, 'routine'],
      ['Jaden', 'Okafor', '2013-01-29', 8, 'urgent'],
    ]
    for (const [index, [given, family, born, daysAgo, urgency]] of waiting.entries()) {
      await insertRequest(ex, {
        authorityId,
        request: {
          ...base,
          familyId: null,
          areaId: areaIds[0] ?? null,
          receivedOn: addWorkingDays(today, -daysAgo),
          urgency,
          concerns: [concern(index * 3), concern(index * 3 + 4)],
          worries: `${given} has been late or absent most mornings this half term and seems hungry and tired.`,
          familyKnows: `${given}’s mother knows the school is asking for help and agrees.`,
          consent: 'given',
          consentGivenBy: `${given}’s mother`,
          safeguardingConcern: false,
          status: 'awaiting_decision',
        },
        subjects: [
          {
            personId: null,
            givenName: given,
            familyName: family,
            dateOfBirth: born,
            expectedDate: null,
            memberRole: 'child',
            address: null,
            postcode: null,
          },
        ],
        by: partner,
        at: now,
      })
    }
    // The partner's family (the first): its request went to the panel, which opened an episode.
    const opened = families[0]!
    const toPanel = model.frontDoor.outcomes.find(outcome => outcome.route === 'panel')
    const allocate = model.panel.decisions.find(decision => decision.action === 'allocate')
    const level = model.levelsOfNeed.find(candidate => !candidate.statutory && candidate !== model.levelsOfNeed[0])
    const children = opened.ids.filter((_, position) => opened.members[position]!.role === 'child')
    const subjects = opened.ids.map((personId, position) => {
      const member = opened.members[position]!
      return {
        personId,
        givenName: member.given,
        familyName: opened.surname,
        dateOfBirth: member.born,
        expectedDate: member.expected ?? null,
        memberRole: member.role,
        address: null,
        postcode: null,
      }
    })
    const receivedOn = addWorkingDays(today, -6)
    const requestId = await insertRequest(ex, {
      authorityId,
      request: {
        ...base,
        familyId: opened.familyId,
        areaId: opened.areaId,
        receivedOn,
        urgency: 'routine',
        concerns: [concern(0), concern(5)],
        worries: 'Attendance has fallen to 82% and the younger child says there is often no food in the house.',
        familyKnows: 'Both parents know and want help with routines and money.',
        consent: 'given',
        consentGivenBy: 'Both parents',
        safeguardingConcern: false,
        status: toPanel && allocate ? 'episode_opened' : 'awaiting_decision',
      },
      subjects,
      by: partner,
      at: now,
    })
    if (!toPanel || !allocate || !level || !opened.areaId) return
    await insertFrontDoorDecision(ex, {
      authorityId,
      requestId,
      outcome: toPanel.code,
      route: 'panel',
      reason: 'Needs across attendance, food and routines: a multi-agency response.',
      signpostTo: null,
      decidedOn: addWorkingDays(receivedOn, 1),
      workingDaysToDecision: 1,
      by: frontDoor,
      at: now,
    })
    const [pastMeeting] = await insertMeetings(ex, {
      authorityId,
      areaId: opened.areaId,
      dates: [addDays(today, -3)],
      startsAt: '10:00',
      venue: null,
      chairUserId: userIds.get('panel_chair') ?? null,
      by: userIds.get('panel_chair') ?? frontDoor,
      at: now,
    })
    await replaceAttendees(ex, {
      authorityId,
      meetingId: pastMeeting!,
      attendees: [
        {
          name: demo.staff.panel_chair ?? 'Chair',
          agency: 'Early help (chair)',
          userId: userIds.get('panel_chair') ?? null,
          attendance: 'attended',
        },
        { name: partnerName, agency, userId: partner, attendance: 'attended' },
        {
          name: demo.staff.team_manager ?? 'Team manager',
          agency: 'Early help',
          userId: userIds.get('team_manager') ?? null,
          attendance: 'attended',
        },
        { name: 'Health visitor', agency: 'Health', userId: null, attendance: 'apologies' },
      ],
    })
    await ex
      .updateTable('panel_meeting')
      .set({ status: 'held', minutes: `One family discussed and allocated to ${demo.teams[0]!.name}.` })
      .where('authority_id', '=', authorityId)
      .where('meeting_id', '=', pastMeeting!)
      .execute()
    const episodeId = await insertEpisode(ex, {
      authorityId,
      familyId: opened.familyId,
      teamId: opened.teamId,
      service: 'service' in allocate ? (allocate.service ?? null) : null,
      levelOfNeed: level.code,
      leadProfessionalUserId: null,
      openedOn: addDays(today, -3),
      requestId,
      childIds: children,
      levelReason: `Agreed by the ${model.panel.name}`,
      by: userIds.get('panel_chair') ?? frontDoor,
      at: now,
    })
    await insertPanelDecision(ex, {
      authorityId,
      meetingId: pastMeeting!,
      requestId,
      decision: allocate.code,
      action: 'allocate',
      levelOfNeed: level.code,
      rationale:
        'Emerging needs across school, food and routines; the family want help. Allocated for targeted early help.',
      teamId: opened.teamId,
      leadProfessionalUserId: null,
      service: 'service' in allocate ? (allocate.service ?? null) : null,
      signpostTo: null,
      episodeId,
      by: userIds.get('panel_chair') ?? frontDoor,
      at: now,
    })
    // The second family's request waits for today's meeting.
    const waitingFamily = families[1]!
    const atPanel = await insertRequest(ex, {
      authorityId,
      request: {
        ...base,
        familyId: waitingFamily.familyId,
        areaId: waitingFamily.areaId,
        receivedOn: addWorkingDays(today, -3),
        urgency: 'routine',
        concerns: [concern(2)],
        worries: 'The parent has told the school she is struggling to manage the children’s behaviour at home.',
        familyKnows: 'The parent asked the school for help.',
        consent: 'given',
        consentGivenBy: 'The parent',
        safeguardingConcern: false,
        status: 'at_panel',
      },
      subjects: waitingFamily.ids.map((personId, position) => ({
        personId,
        givenName: waitingFamily.members[position]!.given,
        familyName: waitingFamily.surname,
        dateOfBirth: waitingFamily.members[position]!.born,
        expectedDate: waitingFamily.members[position]!.expected ?? null,
        memberRole: waitingFamily.members[position]!.role,
        address: null,
        postcode: null,
      })),
      by: partner,
      at: now,
    })
    await insertFrontDoorDecision(ex, {
      authorityId,
      requestId: atPanel,
      outcome: toPanel.code,
      route: 'panel',
      reason: 'Parenting support is needed; the family agree. For the next meeting.',
      signpostTo: null,
      decidedOn: addWorkingDays(today, -2),
      workingDaysToDecision: 1,
      by: frontDoor,
      at: now,
    })
  }

  return {
    /** Seeds the demo if no authority exists yet; returns the sign-ins to print, or [] if it did nothing. */
    async seedIfEmpty(onProgress: (message: string) => void = () => undefined): Promise<DemoSignIn[]> {
      if ((await listAuthorities(db)).length > 0) return []
      const passwordHash = await hashPassword(DEMO_PASSWORD)
      const signIns: DemoSignIn[] = []
      await db.transaction().execute(async trx => {
        for (const demo of demoAuthorities) {
          onProgress(`Seeding the demo: ${demo.name}…`)
          await seedAuthority(trx, demo, passwordHash, signIns)
        }
      })
      return signIns
    },

    /** The demo sign-ins of whatever authorities the demo seeded, for printing at start. */
    signIns(): DemoSignIn[] {
      return demoAuthorities.flatMap(demo =>
        (Object.entries(demo.staff) as [Role, string][]).map(([role, name]) => ({
          authority: demo.name,
          role: roleLabels[role],
          name,
          email: demoEmail(role, demo.slug),
        })),
      )
    },
  }
}
