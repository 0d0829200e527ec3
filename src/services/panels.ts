import type { Executor } from '../data/database.js'
import {
  agendaOf,
  attendeesOf,
  findMeeting,
  hasDecisionAt,
  insertMeetings,
  insertPanelDecision,
  listMeetings,
  replaceAttendees,
  updateMeeting,
} from '../data/panels.js'
import { findRequest, subjectsOf, updateRequest } from '../data/requests.js'
import type { Attendance, RequestStatus } from '../data/schema.js'
import { attendances } from '../data/schema.js'
import { findArea, findTeam, findUser, listAreas, listTeams, listUsers } from '../data/staff.js'
import { addDays, todayIn } from '../lib/dates.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { authorize, can, meetingAbilities, type MeetingResource } from '../policies/index.js'
import type { PanelDecision, PracticeModel } from '../practice-models/index.js'
import type { createAccessLogService } from './accessLog.js'
import { chronologyEvents, type createChronologyService } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import type { createEpisodeService } from './episodes.js'
import type { createPracticeModelService } from './practiceModels.js'
import type { createRequestService } from './requests.js'

export interface ScheduleInput {
  areaId: string | null
  firstDate: string | null
  startsAt: string
  venue: string | null
  /** How many meetings to schedule, at the model's cadence (a weekly meeting: one a week). */
  count: number | null
}

export interface AttendeeInput {
  name: string
  agency: string
  userId: string | null
  attendance: string
}

export interface PanelDecisionInput {
  decision: string | null
  levelOfNeed: string | null
  rationale: string
  teamId: string | null
  leadProfessionalUserId: string | null
  signpostTo: string | null
  socialCareTeam: string | null
}

const MAX_MEETINGS_AT_ONCE = 52
const serviceOf = (decision: PanelDecision) => ('service' in decision ? (decision.service ?? null) : null)
const blank = (value: string | null | undefined) => !value || value.trim() === ''

/** The days the model's cadence gives from a first date. */
function meetingDates(model: PracticeModel, first: string, count: number): string[] {
  const step = { weekly: 7, fortnightly: 14, monthly: 28, as_needed: 0 }[model.panel.cadence]
  if (step === 0) return [first]
  return Array.from({ length: count }, (_, index) => addDays(first, index * step))
}

/**
 * The panel (Derby's Vulnerable Children's Meeting, Leeds' guidance and support meeting): meetings per
 * area at the model's cadence, the agenda built from the requests the front door routed there, attendees,
 * one decision per family (level of need, outcome, rationale), and minutes.
 */
export function createPanelService(
  { database, clock }: ServiceDeps,
  deps: {
    accessLog: ReturnType<typeof createAccessLogService>
    chronology: ReturnType<typeof createChronologyService>
    practiceModels: ReturnType<typeof createPracticeModelService>
    episodes: ReturnType<typeof createEpisodeService>
    requests: ReturnType<typeof createRequestService>
  },
) {
  const { db } = database
  const { accessLog, chronology, practiceModels, episodes, requests } = deps
  const today = () => todayIn(clock.now())

  async function load(
    ctx: RequestContext,
    meetingId: string,
    action: 'meeting:read' | 'meeting:manage',
    ex: Executor = db,
  ) {
    const meeting = await findMeeting(ex, ctx.actor.authorityId, meetingId)
    if (!meeting) throw new NotFoundError()
    const resource: MeetingResource = { authorityId: ctx.actor.authorityId, areaId: meeting.area_id }
    if (!can(ctx.actor, action, resource)) {
      if (ex === db) await accessLog.recordRefusal(ctx, 'panel_meeting', meetingId)
      authorize(ctx.actor, action, resource)
    }
    return { meeting, resource }
  }

  return {
    /** Refuses (logged) a user who may not run the meeting: asked before a form is read. */
    async authorize(ctx: RequestContext, meetingId: string) {
      await load(ctx, meetingId, 'meeting:manage')
    },

    /** Schedules a run of meetings for an area at the model's cadence. */
    async schedule(ctx: RequestContext, input: ScheduleInput) {
      authorize(ctx.actor, 'panels:schedule')
      const authorityId = ctx.actor.authorityId
      const { model } = await practiceModels.get(authorityId)
      const errors: FieldError[] = []
      const area = input.areaId ? await findArea(db, authorityId, input.areaId) : undefined
      if (!area || !area.active) errors.push({ field: 'areaId', message: `Select the ${model.areas.singular}` })
      else authorize(ctx.actor, 'meeting:manage', { authorityId, areaId: area.area_id })
      if (!input.firstDate)
        errors.push({ field: 'firstDate', anchor: 'firstDate-day', message: 'Enter the date of the first meeting' })
      else if (input.firstDate < today())
        errors.push({
          field: 'firstDate',
          anchor: 'firstDate-day',
          message: 'The first meeting must be today or later',
        })
      if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(input.startsAt.trim()))
        errors.push({ field: 'startsAt', message: 'Enter the time the meeting starts, like 09:30 or 14:00' })
      if (
        model.panel.cadence !== 'as_needed' &&
        (!input.count || input.count < 1 || input.count > MAX_MEETINGS_AT_ONCE)
      )
        errors.push({
          field: 'count',
          message: `Enter how many meetings to schedule, from 1 to ${MAX_MEETINGS_AT_ONCE}`,
        })
      if (errors.length > 0) throw new ValidationError(errors)
      const ids = await db.transaction().execute(async trx => {
        const created = await insertMeetings(trx, {
          authorityId,
          areaId: area!.area_id,
          dates: meetingDates(model, input.firstDate!, input.count ?? 1),
          startsAt: input.startsAt.trim(),
          venue: blank(input.venue) ? null : input.venue!.trim(),
          chairUserId: ctx.actor.role === 'panel_chair' ? ctx.actor.userId : null,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await accessLog.record(ctx, 'create', 'panel_meeting', created, trx)
        return created
      })
      return ids
    },

    /** Meetings from four weeks ago on, of the user's area (or one chosen), soonest first. */
    async list(ctx: RequestContext, filters: { areaId: string | null }) {
      authorize(ctx.actor, 'panels:list')
      const authorityId = ctx.actor.authorityId
      const { model } = await practiceModels.get(authorityId)
      const areaId = ctx.actor.role !== 'front_door' && ctx.actor.areaId ? ctx.actor.areaId : filters.areaId
      const meetings = await listMeetings(db, authorityId, { areaId, from: addDays(today(), -28) })
      const areas = (await listAreas(db, authorityId)).filter(
        area => !ctx.actor.areaId || area.area_id === ctx.actor.areaId || ctx.actor.role === 'front_door',
      )
      return {
        meetings,
        areas,
        model,
        canSchedule: can(ctx.actor, 'panels:schedule'),
        today: today(),
      }
    },

    /** One meeting: its agenda, attendees and decisions, with the choices its forms need. */
    async get(ctx: RequestContext, meetingId: string) {
      const authorityId = ctx.actor.authorityId
      const { meeting, resource } = await load(ctx, meetingId, 'meeting:read')
      const [agenda, attendees, teams, users] = await Promise.all([
        agendaOf(db, authorityId, meeting),
        attendeesOf(db, authorityId, meetingId),
        listTeams(db, authorityId),
        listUsers(db, authorityId, { active: true }),
      ])
      const { model } = await practiceModels.get(authorityId)
      await accessLog.record(ctx, 'view', 'panel_meeting', [meetingId])
      return {
        meeting,
        // A held meeting's agenda is what it decided; a meeting to come also lists the families waiting for it.
        agenda: meeting.status === 'held' ? agenda.filter(item => item.panel_decision_id) : agenda,
        attendees,
        abilities: meetingAbilities(ctx.actor, resource),
        model,
        teams: teams.filter(team => team.active),
        leadProfessionals: users.filter(user => ['practitioner', 'team_manager', 'partner'].includes(user.role)),
        today: today(),
      }
    },

    /** Replaces the attendee list: name, agency, attended or apologies. */
    async saveAttendees(ctx: RequestContext, meetingId: string, version: number, attendees: AttendeeInput[]) {
      const authorityId = ctx.actor.authorityId
      const errors: FieldError[] = []
      attendees.forEach((attendee, index) => {
        if (blank(attendee.name))
          errors.push({ field: `attendees-${index}-name`, message: `Enter the name of attendee ${index + 1}` })
        if (blank(attendee.agency))
          errors.push({ field: `attendees-${index}-agency`, message: `Enter the agency of attendee ${index + 1}` })
        if (!(attendances as readonly string[]).includes(attendee.attendance))
          errors.push({
            field: `attendees-${index}-attendance`,
            message: `Select whether attendee ${index + 1} attended or sent apologies`,
          })
      })
      if (attendees.length === 0) errors.push({ field: 'attendees', message: 'Add at least one attendee' })
      const { meeting } = await load(ctx, meetingId, 'meeting:manage')
      if (meeting.status === 'cancelled') errors.push({ field: 'attendees', message: 'This meeting was cancelled' })
      if (errors.length > 0) throw new ValidationError(errors)
      await db.transaction().execute(async trx => {
        await load(ctx, meetingId, 'meeting:manage', trx)
        if (!(await updateMeeting(trx, { authorityId, meetingId, version, at: clock.now() }))) throw new ConflictError()
        await replaceAttendees(trx, {
          authorityId,
          meetingId,
          attendees: attendees.map(attendee => ({
            name: attendee.name.trim(),
            agency: attendee.agency.trim(),
            userId: attendee.userId,
            attendance: attendee.attendance as Attendance,
          })),
        })
        await accessLog.record(ctx, 'update', 'panel_meeting', [meetingId], trx)
      })
    },

    /** Records the minutes: the meeting is then held. Evidence it happened: attendees first. */
    async recordMinutes(ctx: RequestContext, meetingId: string, version: number, minutes: string) {
      const authorityId = ctx.actor.authorityId
      const { meeting } = await load(ctx, meetingId, 'meeting:manage')
      const errors: FieldError[] = []
      if (blank(minutes)) errors.push({ field: 'minutes', message: 'Enter the minutes of the meeting' })
      if (meeting.status === 'cancelled') errors.push({ field: 'minutes', message: 'This meeting was cancelled' })
      if (meeting.meets_on > today()) errors.push({ field: 'minutes', message: 'The meeting has not happened yet' })
      const attendees = await attendeesOf(db, authorityId, meetingId)
      if (!attendees.some(attendee => attendee.attendance === 'attended'))
        errors.push({ field: 'minutes', message: 'Record who attended before the minutes' })
      if (errors.length > 0) throw new ValidationError(errors)
      await db.transaction().execute(async trx => {
        const saved = await updateMeeting(trx, {
          authorityId,
          meetingId,
          version,
          minutes: minutes.trim(),
          held: true,
          at: clock.now(),
        })
        if (!saved) throw new ConflictError()
        await accessLog.record(ctx, 'update', 'panel_meeting', [meetingId], trx)
      })
    },

    /**
     * The panel's decision on one family: level of need, outcome, rationale. A decision to allocate (or to
     * name a lead professional) opens the early help episode; social care is a step up; "more information"
     * brings the family back to the next meeting.
     */
    async decide(
      ctx: RequestContext,
      meetingId: string,
      requestId: string,
      requestVersion: number,
      input: PanelDecisionInput,
    ) {
      const authorityId = ctx.actor.authorityId
      const { model } = await practiceModels.get(authorityId)
      const { meeting } = await load(ctx, meetingId, 'meeting:manage')
      const request = await findRequest(db, authorityId, requestId)
      if (!request) throw new NotFoundError()
      // Decided since the form was loaded (here or at another meeting), or decided at this meeting already:
      // the second person is told, never a second decision.
      if (request.version !== requestVersion) throw new ConflictError()
      if (await hasDecisionAt(db, authorityId, meetingId, requestId)) throw new ConflictError()
      if (request.status !== 'at_panel' || request.area_id !== meeting.area_id) throw new NotFoundError()
      const decision = model.panel.decisions.find(candidate => candidate.code === input.decision)
      const level = model.levelsOfNeed.find(candidate => candidate.code === input.levelOfNeed)
      const errors: FieldError[] = []
      if (meeting.status === 'cancelled') errors.push({ field: 'decision', message: 'This meeting was cancelled' })
      if (meeting.meets_on > today())
        errors.push({
          field: 'decision',
          message: `The ${model.vocabulary.panel} has not met yet: decide on the day of the meeting`,
        })
      if (!decision) errors.push({ field: 'decision', message: 'Select the decision' })
      if (!level) errors.push({ field: 'levelOfNeed', message: 'Select the level of need' })
      if (blank(input.rationale)) errors.push({ field: 'rationale', message: 'Enter the rationale for the decision' })
      const action = decision?.action
      let teamId: string | null = null
      let leadId: string | null = null
      if (action === 'allocate') {
        const team = input.teamId ? await findTeam(db, authorityId, input.teamId) : undefined
        if (!team) errors.push({ field: 'teamId', message: 'Select the team that will work with the family' })
        teamId = team?.team_id ?? null
      }
      if (action === 'lead_professional') {
        const lead = input.leadProfessionalUserId
          ? await findUser(db, authorityId, input.leadProfessionalUserId)
          : undefined
        if (!lead || !lead.active)
          errors.push({ field: 'leadProfessionalUserId', message: `Select the ${model.vocabulary.leadProfessional}` })
        leadId = lead?.user_id ?? null
        teamId = lead && lead.role !== 'partner' ? lead.team_id : null
      }
      if (action === 'signpost' && blank(input.signpostTo))
        errors.push({ field: 'signpostTo', message: 'Enter the service the family is signposted to' })
      if (errors.length > 0) throw new ValidationError(errors)
      const status: RequestStatus =
        action === 'allocate' || action === 'lead_professional'
          ? 'episode_opened'
          : action === 'more_information'
            ? 'at_panel'
            : 'closed'
      await db.transaction().execute(async trx => {
        const subjects = await subjectsOf(trx, authorityId, requestId)
        const personIds = subjects.flatMap(subject => (subject.person_id ? [subject.person_id] : []))
        const childIds = subjects.flatMap(subject =>
          subject.person_id && (subject.member_role === 'child' || subject.member_role === 'unborn child')
            ? [subject.person_id]
            : [],
        )
        const rationale = input.rationale.trim()
        let episodeId: string | null = null
        if (action === 'allocate' || action === 'lead_professional') {
          episodeId = await episodes.open(trx, ctx, {
            familyId: request.family_id!,
            teamId,
            leadProfessionalUserId: leadId,
            service: serviceOf(decision!),
            levelOfNeed: level!.code,
            requestId,
            childIds,
            openedOn: meeting.meets_on,
            summary: `Early help episode opened by the ${model.panel.name}: ${decision!.label}`,
          })
        }
        await insertPanelDecision(trx, {
          authorityId,
          meetingId,
          requestId,
          decision: decision!.code,
          action: action!,
          levelOfNeed: level!.code,
          rationale,
          teamId,
          leadProfessionalUserId: leadId,
          service: serviceOf(decision!),
          signpostTo: action === 'signpost' ? input.signpostTo!.trim() : null,
          episodeId,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        const updated = await updateRequest(trx, {
          authorityId,
          requestId,
          version: requestVersion,
          status,
          at: clock.now(),
        })
        if (!updated) throw new ConflictError()
        await chronology.recordEvent(trx, ctx, {
          familyId: request.family_id!,
          personIds,
          occurredOn: meeting.meets_on,
          category: 'Early help',
          summary: `${model.panel.name} decision: ${decision!.label} (${level!.label})`,
          detail: rationale,
          event: chronologyEvents.panelDecision,
        })
        if (action === 'social_care') {
          await requests.referToSocialCare(
            trx,
            ctx,
            request.family_id!,
            requestId,
            personIds,
            rationale,
            blank(input.socialCareTeam) ? null : input.socialCareTeam!.trim(),
          )
        }
        await accessLog.record(ctx, 'update', 'panel_meeting', [meetingId], trx)
        await accessLog.record(ctx, 'update', 'request', [requestId], trx)
      })
    },
  }
}
