import { cseScreeningsOf } from '../data/cseScreenings.js'
import { childrenOf } from '../data/episodes.js'
import { membersOf } from '../data/people.js'
import { professionalsOf } from '../data/records.js'
import { tafKinds, toolStages, type TafAttendance, type TafKind, type ToolStage } from '../data/schema.js'
import {
  attendeesOf,
  cancelMeeting,
  findTafMeeting,
  firstAgreedOn,
  firstAllocatedOn,
  insertTafMeeting,
  insertToolRecord,
  meetingsOf,
  overrideMeeting,
  recordMeetingHeld,
  toolRecordsOf,
  usersByIds,
  type AttendeeRow,
} from '../data/tafMeetings.js'
import { addDays, formatDate, todayIn } from '../lib/dates.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { can, episodeAbilities } from '../policies/index.js'
import type { PracticeModel } from '../practice-models/schema.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import { safeguardingErrors } from './cseScreenings.js'
import type { RequestContext, ServiceDeps } from './context.js'
import type { createPlanService } from './plans.js'

/** The kinds of meeting and the stages of a tool record, for the pages and the API. */
export { tafKinds, toolStages }

/** How many "someone else" rows the forms offer (no JavaScript: a fixed number of rows). */
export const OTHER_ROWS = 3

/** What can be said of whether an invitee came. */
export const attendanceChoices = ['attended', 'apologies', 'did_not_attend'] as const satisfies readonly TafAttendance[]
export const attendanceLabels: Record<TafAttendance, string> = {
  invited: 'Invited',
  attended: 'Attended',
  apologies: 'Sent apologies',
  did_not_attend: 'Did not attend',
}

export interface TafPlanInput {
  kind: string | null
  plannedOn: string | null
  venue: string
  personIds: string[]
  userIds: string[]
  /** Anyone else invited, by name and agency; blank rows are dropped by the caller or ignored here. */
  others: { name: string; agency: string }[]
}

export interface TafHeldInput {
  heldOn: string | null
  /** Each invitee's attendance, by the position they were listed at. */
  attendance: Record<number, string | null | undefined>
  /** Anyone else who came, by name and agency. */
  others: { name: string; agency: string }[]
  minutes: string
  progress: string
}

export interface ToolRecordInput {
  tool: string | null
  stage: string | null
  completedOn: string | null
  completedWith: string
  summary: string
}

/** Tools recorded on a form of their own, with their scores (spiderGraphs.ts), rather than on the simple tool form. */
const hasOwnForm = (tool: { instrument?: string }) => tool.instrument !== undefined

/** The authority's spider graph, if its practice model has one. */
export function spiderGraphToolOf(model: PracticeModel) {
  return model.progressionTools.find(tool => tool.instrument === 'spider-graph') ?? null
}

/**
 * What every progression tool record must have, whichever the tool: an open episode with its worker (001 §4: "completed
 * by the allocated worker in partnership with the family"), the stage, a date from the episode's opening to today,
 * and who in the family took part.
 */
export function toolRecordErrors(
  episode: { status: string; worker_user_id: string | null; opened_on: string },
  input: { stage: string | null; completedOn: string | null; completedWith: string },
  today: string,
  firstField: string,
) {
  const errors: FieldError[] = []
  if (episode.status !== 'open') errors.push({ field: firstField, message: 'The episode is closed' })
  else if (!episode.worker_user_id)
    errors.push({
      field: firstField,
      message: 'Allocate a worker first: the allocated worker completes the tool with the family',
    })
  const stage = toolStages.find(known => known === input.stage)
  if (!stage) errors.push({ field: 'stage', message: 'Select the stage the tool was completed at' })
  const dateError = (message: string) => errors.push({ field: 'completedOn', anchor: 'completedOn-day', message })
  if (!input.completedOn) dateError('Enter the date the tool was completed')
  else if (input.completedOn > today) dateError('The date must be today or in the past')
  else if (input.completedOn < episode.opened_on)
    dateError(`The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`)
  if (!input.completedWith.trim()) errors.push({ field: 'completedWith', message: 'Enter who in the family took part' })
  return { errors, stage }
}

/** The meeting's kind in words: "Initial Team Around the Family meeting". */
export function meetingTitle(model: PracticeModel, kind: TafKind) {
  return `${kind[0]!.toUpperCase()}${kind.slice(1)} ${model.vocabulary.teamAroundTheFamily} meeting`
}

/** The stages of a progression tool record, as the forms and lists name them. */
export function toolStageLabels(model: PracticeModel): Record<ToolStage, string> {
  const taf = model.vocabulary.tafAbbreviation
  return {
    baseline: `Baseline (before the first ${taf})`,
    review: `Review (before a ${taf} review)`,
    closing: 'Closing',
    other: 'Other',
  }
}

/** "Baseline (before the first TAF)" as it reads mid-sentence: the abbreviation keeps its capitals. */
const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`

const otherRowsUsed = (rows: { name: string; agency: string }[]) =>
  rows.map((row, index) => ({ ...row, index })).filter(row => row.name.trim() || row.agency.trim())

/** Working the case: Team Around the Family meetings and the progression tool records the first one needs (issue 8). */
export function createTafMeetingService(
  { database, clock }: ServiceDeps,
  deps: CaseworkDeps,
  plans: ReturnType<typeof createPlanService>,
) {
  const { db } = database
  const { access, accessLog, chronology, practiceModels } = deps

  /** Where the episode stands for its meetings: the allocation's clock, the agreement, the baseline tool. */
  async function standing(authorityId: string, episodeId: string) {
    const [allocatedOn, agreedOn, tools, meetings, { model }, screenings] = await Promise.all([
      firstAllocatedOn(db, authorityId, episodeId),
      firstAgreedOn(db, authorityId, episodeId),
      toolRecordsOf(db, authorityId, episodeId),
      meetingsOf(db, authorityId, episodeId),
      practiceModels.get(authorityId),
      cseScreeningsOf(db, authorityId, episodeId),
    ])
    const baselineToolOn =
      tools
        .filter(tool => tool.stage === 'baseline')
        .map(tool => tool.completed_on)
        .sort()[0] ?? null
    const initialHeldOn = meetings.find(meeting => meeting.kind === 'initial' && meeting.status === 'held')?.held_on
    const held = meetings.filter(meeting => meeting.status === 'held').map(meeting => meeting.held_on!)
    const lastHeldOn = held.sort().at(-1) ?? null
    const closed = meetings.some(meeting => meeting.kind === 'closing' && meeting.status === 'held')
    // 001 §4: the initial TAF "within 6 weeks of allocation"; reviews "no longer than 12 weeks" apart.
    const initialDueOn =
      allocatedOn && !initialHeldOn ? addDays(allocatedOn, model.timescales.initialTaf.value * 7) : null
    const nextReviewDueOn =
      lastHeldOn && !closed ? addDays(lastHeldOn, model.timescales.tafReviewInterval.value * 7) : null
    return {
      model,
      allocatedOn,
      agreedOn,
      baselineToolOn,
      tools,
      meetings,
      // A medium or high CSE risk with no safeguarding action recorded: no meeting is recorded as held until there is.
      safeguarding: safeguardingErrors(screenings),
      initialHeldOn: initialHeldOn ?? null,
      lastHeldOn,
      initialDueOn,
      nextReviewDueOn,
    }
  }

  /**
   * 001 §4: "All cases MUST have an initial progression of change tool … before the first TAF meeting" and the
   * early help agreement signed before it. What is missing for an initial meeting held on `heldOn`, as field errors.
   */
  function missingBeforeInitial(
    facts: { agreedOn: string | null; baselineToolOn: string | null },
    heldOn: string,
  ): FieldError[] {
    const missing: FieldError[] = []
    if (!facts.agreedOn)
      missing.push({ field: 'agreement', message: 'The family has not signed the early help agreement' })
    else if (facts.agreedOn > heldOn)
      missing.push({
        field: 'agreement',
        message: `The family signed the early help agreement on ${formatDate(facts.agreedOn)}, after the meeting: it must be signed before it`,
      })
    if (!facts.baselineToolOn)
      missing.push({ field: 'baselineTool', message: 'No baseline progression of change tool has been recorded' })
    else if (facts.baselineToolOn > heldOn)
      missing.push({
        field: 'baselineTool',
        message: `The baseline progression of change tool was completed on ${formatDate(facts.baselineToolOn)}, after the meeting: it must be completed before it`,
      })
    return missing
  }

  async function loadMeeting(authorityId: string, episodeId: string, tafMeetingId: string) {
    const meeting = await findTafMeeting(db, authorityId, episodeId, tafMeetingId)
    if (!meeting) throw new NotFoundError()
    return meeting
  }

  /** Who the meeting can invite: the family's current members, and the worker, lead professional and partners. */
  async function invitable(
    authorityId: string,
    episode: { family_id: string; worker_user_id: string | null; lead_professional_user_id: string | null },
  ) {
    const [members, professionals] = await Promise.all([
      membersOf(db, authorityId, episode.family_id),
      professionalsOf(db, authorityId, [episode.family_id]),
    ])
    const userIds = [
      ...new Set(
        [
          episode.worker_user_id,
          episode.lead_professional_user_id,
          ...(professionals.get(episode.family_id) ?? []),
        ].filter((id): id is string => id !== null),
      ),
    ]
    const users = (await usersByIds(db, authorityId, userIds)).filter(user => user.active)
    return {
      members: members.filter(member => member.left_on === null && member.role !== 'unborn child'),
      professionals: users.map(user => ({
        userId: user.user_id,
        name: user.display_name,
        agency: user.agency ?? user.team_name ?? null,
        isWorker: user.user_id === episode.worker_user_id,
        isLeadProfessional: user.user_id === episode.lead_professional_user_id,
      })),
    }
  }

  function otherErrors(rows: { name: string; agency: string }[], prefix: string, what: string): FieldError[] {
    return otherRowsUsed(rows)
      .filter(row => !row.name.trim())
      .map(row => ({ field: `${prefix}-${row.index}-name`, message: `Enter the name of ${what} ${row.index + 1}` }))
  }

  return {
    /** Refuses (logged) a user who may not work the case, before a form is shown or read. */
    async authorizeWork(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:work')
    },

    /** Refuses (logged) a user who may not oversee the case, before the override form is shown or read. */
    async authorizeOversee(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:oversee')
    },

    /** The episode's meetings, when the initial one and the next review are due, and what the first one needs. */
    async list(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const facts = await standing(authorityId, episodeId)
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const today = todayIn(clock.now())
      const open = episode.status === 'open'
      return {
        episode,
        ...facts,
        today,
        abilities: episodeAbilities(ctx.actor, resource),
        canPlan: can(ctx.actor, 'episode:work', resource) && open && episode.worker_user_id !== null,
        initialOverdue: facts.initialDueOn !== null && today > facts.initialDueOn,
        reviewOverdue: facts.nextReviewDueOn !== null && today > facts.nextReviewDueOn,
      }
    },

    /** The planning form's choices: the kinds of meeting, the family's members and the professionals to invite. */
    async planForm(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const [facts, people] = await Promise.all([standing(authorityId, episodeId), invitable(authorityId, episode)])
      const live = facts.meetings.filter(meeting => meeting.status !== 'cancelled')
      const hasInitial = live.some(meeting => meeting.kind === 'initial')
      return {
        episode,
        ...facts,
        ...people,
        // The kind the form offers first: the initial meeting until there is one, then a review.
        suggestedKind: (hasInitial ? 'review' : 'initial') as TafKind,
        today: todayIn(clock.now()),
      }
    },

    /**
     * Plans a Team Around the Family meeting: its kind, date, venue and who is invited. The first is the initial
     * meeting (001 §4: "within 6 weeks of allocation"); reviews and the closing meeting follow once it is held.
     */
    async plan(ctx: RequestContext, episodeId: string, input: TafPlanInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const [facts, people] = await Promise.all([standing(authorityId, episodeId), invitable(authorityId, episode)])
      const { model } = facts
      const live = facts.meetings.filter(meeting => meeting.status !== 'cancelled')
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'kind', message: 'The episode is closed' })
      else if (!episode.worker_user_id || !facts.allocatedOn)
        errors.push({
          field: 'kind',
          message: `Allocate a worker first: the ${model.vocabulary.teamAroundTheFamily} meeting is arranged by the allocated worker`,
        })
      const kind = tafKinds.find(known => known === input.kind)
      if (!kind) errors.push({ field: 'kind', message: 'Select the kind of meeting' })
      else if (kind === 'initial' && live.some(meeting => meeting.kind === 'initial'))
        errors.push({
          field: 'kind',
          message: `There is an initial ${model.vocabulary.tafAbbreviation} meeting already`,
        })
      else if (kind !== 'initial' && !facts.initialHeldOn)
        errors.push({
          field: 'kind',
          message: live.some(meeting => meeting.kind === 'initial')
            ? `Record the initial ${model.vocabulary.tafAbbreviation} meeting as held first`
            : `The first meeting is the initial ${model.vocabulary.tafAbbreviation} meeting`,
        })
      else if (kind === 'closing' && live.some(meeting => meeting.kind === 'closing'))
        errors.push({
          field: 'kind',
          message: `There is a closing ${model.vocabulary.tafAbbreviation} meeting already`,
        })
      if (!input.plannedOn)
        errors.push({ field: 'plannedOn', anchor: 'plannedOn-day', message: 'Enter the date of the meeting' })
      else if (facts.allocatedOn && input.plannedOn < facts.allocatedOn)
        errors.push({
          field: 'plannedOn',
          anchor: 'plannedOn-day',
          message: `The date must be on or after the episode was allocated, ${formatDate(facts.allocatedOn)}`,
        })
      else if (input.plannedOn > addDays(todayIn(clock.now()), 366))
        errors.push({ field: 'plannedOn', anchor: 'plannedOn-day', message: 'The date must be within the next year' })
      const members = people.members.filter(member => input.personIds.includes(member.person_id))
      if (members.length !== new Set(input.personIds).size)
        errors.push({ field: 'personIds', message: 'Select family members from the list' })
      else if (members.length === 0)
        errors.push({
          field: 'personIds',
          message: `Select who in the family is invited: the ${model.vocabulary.teamAroundTheFamily} meets with the family`,
        })
      const professionals = people.professionals.filter(professional => input.userIds.includes(professional.userId))
      if (professionals.length !== new Set(input.userIds).size)
        errors.push({ field: 'userIds', message: 'Select professionals from the list' })
      errors.push(...otherErrors(input.others, 'others', 'the other person'))
      if (errors.length > 0) throw new ValidationError(errors)

      const attendees: AttendeeRow[] = [
        ...members.map(member => ({
          personId: member.person_id,
          userId: null,
          name: `${member.given_name} ${member.family_name}`,
          agency: null,
          attendance: 'invited' as const,
        })),
        ...professionals.map(professional => ({
          personId: null,
          userId: professional.userId,
          name: professional.name,
          agency: professional.agency,
          attendance: 'invited' as const,
        })),
        ...otherRowsUsed(input.others).map(row => ({
          personId: null,
          userId: null,
          name: row.name.trim(),
          agency: row.agency.trim() || null,
          attendance: 'invited' as const,
        })),
      ]
      return access.transaction(async trx => {
        const at = clock.now()
        const tafMeetingId = await insertTafMeeting(trx, {
          authorityId,
          episodeId,
          kind: kind!,
          plannedOn: input.plannedOn!,
          venue: input.venue.trim() || null,
          attendees,
          by: ctx.actor.userId,
          at,
        })
        const children = await childrenOf(trx, authorityId, episodeId)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: todayIn(at),
          category: 'Early help',
          summary: `${meetingTitle(model, kind!)} planned for ${formatDate(input.plannedOn!)}${input.venue.trim() ? ` at ${input.venue.trim()}` : ''}`,
          detail: `Invited: ${attendees.map(attendee => (attendee.agency ? `${attendee.name} (${attendee.agency})` : attendee.name)).join(', ')}`,
          event: chronologyEvents.tafPlanned,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
        return tafMeetingId
      })
    },

    /** One meeting: who was invited and came, the minutes, and whether it can be recorded, cancelled or overridden. */
    async get(ctx: RequestContext, episodeId: string, tafMeetingId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const meeting = await loadMeeting(authorityId, episodeId, tafMeetingId)
      const [attendees, facts] = await Promise.all([
        attendeesOf(db, authorityId, tafMeetingId),
        standing(authorityId, episodeId),
      ])
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const today = todayIn(clock.now())
      const open = episode.status === 'open'
      const planned = meeting.status === 'planned'
      const work = can(ctx.actor, 'episode:work', resource)
      const initial = meeting.kind === 'initial'
      return {
        episode,
        meeting,
        attendees,
        model: facts.model,
        title: meetingTitle(facts.model, meeting.kind),
        agreedOn: facts.agreedOn,
        baselineToolOn: facts.baselineToolOn,
        // What the initial meeting still needs, as things stand today (unless a manager has let it go ahead).
        missing: initial && planned && !meeting.override_reason ? missingBeforeInitial(facts, today) : [],
        // What no manager can let go: a CSE risk waiting for its safeguarding action.
        safeguarding: planned ? facts.safeguarding : [],
        hasSpiderGraph: spiderGraphToolOf(facts.model) !== null,
        abilities: episodeAbilities(ctx.actor, resource),
        canRecordHeld: work && open && planned,
        canCancel: work && open && planned,
        canOverride:
          can(ctx.actor, 'episode:oversee', resource) && open && planned && initial && !meeting.override_reason,
        today,
      }
    },

    /** The form that records a meeting as held: the meeting, its invitees and what the initial one still needs. */
    async heldForm(ctx: RequestContext, episodeId: string, tafMeetingId: string) {
      await access.episode(ctx, episodeId, 'episode:work')
      return this.get(ctx, episodeId, tafMeetingId)
    },

    /**
     * Records a meeting as held: the date, who came (at least one person), the minutes and, for a review, the
     * progress discussed against the plan — evidence that it happened (003 §5: "a gap where a TAF meeting should
     * have taken place but no evidence to clarify that it did"). A review starts the plan's next version.
     */
    async recordHeld(
      ctx: RequestContext,
      episodeId: string,
      tafMeetingId: string,
      version: number,
      input: TafHeldInput,
    ) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const meeting = await loadMeeting(authorityId, episodeId, tafMeetingId)
      if (meeting.version !== version) throw new ConflictError()
      const [attendees, facts] = await Promise.all([
        attendeesOf(db, authorityId, tafMeetingId),
        standing(authorityId, episodeId),
      ])
      const { model } = facts
      const today = todayIn(clock.now())
      const errors: FieldError[] = []
      if (episode.status !== 'open')
        errors.push({ field: 'heldOn', anchor: 'heldOn-day', message: 'The episode is closed' })
      else if (meeting.status !== 'planned')
        errors.push({
          field: 'heldOn',
          anchor: 'heldOn-day',
          message: meeting.status === 'held' ? 'The meeting is recorded as held already' : 'The meeting was cancelled',
        })
      if (!input.heldOn)
        errors.push({ field: 'heldOn', anchor: 'heldOn-day', message: 'Enter the date the meeting was held' })
      else if (input.heldOn > today)
        errors.push({ field: 'heldOn', anchor: 'heldOn-day', message: 'The date must be today or in the past' })
      else if (facts.allocatedOn && input.heldOn < facts.allocatedOn)
        errors.push({
          field: 'heldOn',
          anchor: 'heldOn-day',
          message: `The date must be on or after the episode was allocated, ${formatDate(facts.allocatedOn)}`,
        })
      else if (meeting.kind !== 'initial' && facts.initialHeldOn && input.heldOn < facts.initialHeldOn)
        errors.push({
          field: 'heldOn',
          anchor: 'heldOn-day',
          message: `The date must be on or after the initial meeting, ${formatDate(facts.initialHeldOn)}`,
        })
      // 001 §4: the agreement and an initial progression of change tool come before the first TAF meeting.
      if (meeting.kind === 'initial' && !meeting.override_reason)
        errors.push(...missingBeforeInitial(facts, input.heldOn && input.heldOn <= today ? input.heldOn : today))
      // 003 action 1.3: safeguarding procedures followed where a CSE screening found a medium or high risk.
      errors.push(...facts.safeguarding)
      const attendance = attendees.map(attendee => ({
        position: attendee.position,
        name: attendee.name,
        attendance: attendanceChoices.find(choice => choice === input.attendance[attendee.position]),
      }))
      for (const row of attendance)
        if (!row.attendance)
          errors.push({
            field: `attendance-${row.position}`,
            message: `Select whether ${row.name} attended, sent apologies or did not attend`,
          })
      errors.push(...otherErrors(input.others, 'others', 'the other person who attended'))
      const others = otherRowsUsed(input.others)
      if (
        attendance.every(row => row.attendance) &&
        !attendance.some(row => row.attendance === 'attended') &&
        others.length === 0
      )
        errors.push({
          field: 'attendance',
          message: 'Record who attended: a meeting that was held had at least one person at it',
        })
      if (!input.minutes.trim()) errors.push({ field: 'minutes', message: 'Enter the minutes of the meeting' })
      // 001 §4: the review "must be focused on reviewing the progress made against the TAF plan".
      if (meeting.kind === 'review' && !input.progress.trim())
        errors.push({ field: 'progress', message: 'Enter the progress discussed against the plan' })
      if (errors.length > 0) throw new ValidationError(errors)

      const heldOn = input.heldOn!
      await access.transaction(async trx => {
        const at = clock.now()
        const saved = await recordMeetingHeld(trx, {
          authorityId,
          tafMeetingId,
          version,
          heldOn,
          minutes: input.minutes.trim(),
          progress: input.progress.trim() || null,
          attendance: attendance.map(row => ({ position: row.position, attendance: row.attendance! })),
          others: others.map(row => ({
            personId: null,
            userId: null,
            name: row.name.trim(),
            agency: row.agency.trim() || null,
            attendance: 'attended',
          })),
          by: ctx.actor.userId,
          at,
        })
        if (!saved) throw new ConflictError()
        // 001 §4: "The TAF plan MUST be reviewed and updated at each TAF review meeting".
        if (meeting.kind === 'review') await plans.reviseAt(trx, ctx, { episodeId, tafMeetingId, heldOn })
        const came = [
          ...attendees
            .filter(attendee => input.attendance[attendee.position] === 'attended')
            .map(attendee => ({ name: attendee.name, agency: attendee.agency, personId: attendee.person_id })),
          ...others.map(row => ({ name: row.name.trim(), agency: row.agency.trim() || null, personId: null })),
        ]
        const children = await childrenOf(trx, authorityId, episodeId)
        const personIds = [
          ...new Set([
            ...children.map(child => child.person_id),
            ...came.flatMap(person => (person.personId ? [person.personId] : [])),
          ]),
        ]
        const overridden = meeting.override_reason ? ' (allowed by a manager without what should come first)' : ''
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds,
          occurredOn: heldOn,
          category: 'Early help',
          summary: `${meetingTitle(model, meeting.kind)} held${overridden}: attended by ${came.map(person => (person.agency ? `${person.name} (${person.agency})` : person.name)).join(', ')}`,
          detail: input.minutes.trim(),
          event: chronologyEvents.tafHeld,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
      })
    },

    /**
     * A manager lets the initial meeting be recorded as held without the signed agreement or the baseline tool
     * (issue 8 acceptance 2), with the reason recorded on the meeting and in the chronology.
     */
    async override(ctx: RequestContext, episodeId: string, tafMeetingId: string, version: number, reason: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:oversee')
      const meeting = await loadMeeting(authorityId, episodeId, tafMeetingId)
      if (meeting.version !== version) throw new ConflictError()
      const facts = await standing(authorityId, episodeId)
      const { model } = facts
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'reason', message: 'The episode is closed' })
      else if (meeting.kind !== 'initial')
        errors.push({
          field: 'reason',
          message: 'Only the initial meeting needs the agreement and the baseline tool first',
        })
      else if (meeting.status !== 'planned')
        errors.push({ field: 'reason', message: 'Only a planned meeting can be let go ahead' })
      else if (meeting.override_reason)
        errors.push({ field: 'reason', message: 'A manager has let this meeting go ahead already' })
      if (!reason.trim()) errors.push({ field: 'reason', message: 'Enter why the meeting can go ahead without them' })
      if (errors.length > 0) throw new ValidationError(errors)
      const missing = missingBeforeInitial(facts, todayIn(clock.now()))
      await access.transaction(async trx => {
        const at = clock.now()
        const saved = await overrideMeeting(trx, {
          authorityId,
          tafMeetingId,
          version,
          reason: reason.trim(),
          by: ctx.actor.userId,
          at,
        })
        if (!saved) throw new ConflictError()
        const children = await childrenOf(trx, authorityId, episodeId)
        const fields = missing.map(problem => problem.field)
        const without = [
          fields.includes('agreement') ? 'the signed early help agreement' : null,
          fields.includes('baselineTool') ? 'the baseline progression of change tool' : null,
        ].filter(Boolean)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: todayIn(at),
          category: 'Early help',
          summary: `A manager let the initial ${model.vocabulary.teamAroundTheFamily} meeting go ahead without ${without.length ? without.join(' and ') : 'the early help agreement and the baseline progression of change tool in place'}`,
          detail: reason.trim(),
          event: chronologyEvents.tafOverridden,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
      })
    },

    /** Cancels a planned meeting, with the reason (it stays on the record). */
    async cancel(ctx: RequestContext, episodeId: string, tafMeetingId: string, version: number, reason: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const meeting = await loadMeeting(authorityId, episodeId, tafMeetingId)
      if (meeting.version !== version) throw new ConflictError()
      const { model } = await practiceModels.get(authorityId)
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'reason', message: 'The episode is closed' })
      else if (meeting.status !== 'planned')
        errors.push({
          field: 'reason',
          message:
            meeting.status === 'held'
              ? 'The meeting was held: it cannot be cancelled'
              : 'The meeting is cancelled already',
        })
      if (!reason.trim()) errors.push({ field: 'reason', message: 'Enter why the meeting is cancelled' })
      if (errors.length > 0) throw new ValidationError(errors)
      await access.transaction(async trx => {
        const at = clock.now()
        const saved = await cancelMeeting(trx, {
          authorityId,
          tafMeetingId,
          version,
          reason: reason.trim(),
          by: ctx.actor.userId,
          at,
        })
        if (!saved) throw new ConflictError()
        const children = await childrenOf(trx, authorityId, episodeId)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: todayIn(at),
          category: 'Early help',
          summary: `${meetingTitle(model, meeting.kind)} planned for ${formatDate(meeting.planned_on)} cancelled`,
          detail: reason.trim(),
          event: chronologyEvents.tafCancelled,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
      })
    },

    /** The episode's progression of change tool records, newest first, in the model's words. */
    async tools(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const [records, { model }] = await Promise.all([
        toolRecordsOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const stages = toolStageLabels(model)
      const labels = new Map(model.progressionTools.map(tool => [tool.code, tool.label]))
      return {
        episode,
        model,
        stageLabels: stages,
        records: records.map(record => ({
          ...record,
          toolLabel: labels.get(record.tool) ?? record.tool,
          stageLabel: stages[record.stage],
        })),
        canRecord:
          can(ctx.actor, 'episode:work', resource) && episode.status === 'open' && episode.worker_user_id !== null,
      }
    },

    /** The tool form's choices: the practice model's progression tools and the stages. */
    async toolForm(ctx: RequestContext, episodeId: string) {
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(ctx.actor.authorityId)
      return {
        episode,
        model,
        // The spider graph has a form of its own, for its scores.
        tools: model.progressionTools.filter(tool => !hasOwnForm(tool)),
        spiderGraph: spiderGraphToolOf(model),
        stageLabels: toolStageLabels(model),
        stages: toolStages,
        today: todayIn(clock.now()),
      }
    },

    /**
     * Records a progression of change tool completed with the family (001 §4: "completed by the allocated worker
     * in partnership with the family"); a baseline before the first TAF, a review before each review. Not edited.
     */
    async recordTool(ctx: RequestContext, episodeId: string, input: ToolRecordInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const tool = model.progressionTools.find(known => known.code === input.tool)
      const { errors, stage } = toolRecordErrors(episode, input, todayIn(clock.now()), 'tool')
      if (tool && hasOwnForm(tool))
        errors.unshift({
          field: 'tool',
          message: `Record the ${tool.label.toLowerCase()} on its own form, with its scores`,
        })
      else if (!tool) errors.unshift({ field: 'tool', message: 'Select the progression of change tool' })
      if (errors.length > 0) throw new ValidationError(errors)
      return access.transaction(async trx => {
        const at = clock.now()
        const toolRecordId = await insertToolRecord(trx, {
          authorityId,
          episodeId,
          tool: tool!.code,
          stage: stage!,
          completedOn: input.completedOn!,
          completedWith: input.completedWith.trim(),
          summary: input.summary.trim() || null,
          by: ctx.actor.userId,
          at,
        })
        const children = await childrenOf(trx, authorityId, episodeId)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: input.completedOn!,
          category: 'Early help',
          summary: `${tool!.label} completed with ${input.completedWith.trim()}: ${lowerFirst(toolStageLabels(model)[stage!])}`,
          detail: input.summary.trim() || null,
          event: chronologyEvents.toolCompleted,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
        return toolRecordId
      })
    },

    /** For the case page, whose caller has already been allowed to read the episode: meetings and tools in brief. */
    async forCase(authorityId: string, episodeId: string) {
      const facts = await standing(authorityId, episodeId)
      const labels = new Map(facts.model.progressionTools.map(tool => [tool.code, tool.label]))
      return {
        meetings: facts.meetings.map(meeting => ({
          tafMeetingId: meeting.taf_meeting_id,
          kind: meeting.kind,
          status: meeting.status,
          plannedOn: meeting.planned_on,
          heldOn: meeting.held_on,
          overridden: meeting.override_reason !== null,
        })),
        initialHeldOn: facts.initialHeldOn,
        lastHeldOn: facts.lastHeldOn,
        tools: facts.tools.map(record => ({
          toolRecordId: record.tool_record_id,
          tool: record.tool,
          toolLabel: labels.get(record.tool) ?? record.tool,
          stage: record.stage,
          completedOn: record.completed_on,
        })),
        hasBaselineTool: facts.baselineToolOn !== null,
      }
    },
  }
}
