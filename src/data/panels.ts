import { sql } from 'kysely'
import type { Executor } from './database.js'
import type { Attendance, PanelDecisionAction } from './schema.js'

// Panel meetings (Derby's Vulnerable Children's Meeting, Leeds' guidance and support meeting), their
// attendees, and one decision per family discussed.

export async function insertMeetings(
  ex: Executor,
  row: {
    authorityId: string
    areaId: string
    dates: string[]
    startsAt: string
    venue: string | null
    chairUserId: string | null
    by: string
    at: Date
  },
) {
  const inserted = await ex
    .insertInto('panel_meeting')
    .values(
      row.dates.map(meetsOn => ({
        authority_id: row.authorityId,
        area_id: row.areaId,
        meets_on: meetsOn,
        starts_at: row.startsAt,
        venue: row.venue,
        chair_user_id: row.chairUserId,
        created_at: row.at,
        created_by: row.by,
        updated_at: row.at,
      })),
    )
    .returning('meeting_id')
    .execute()
  return inserted.map(meeting => meeting.meeting_id)
}

const meetingColumns = [
  'm.meeting_id',
  'm.area_id',
  'm.meets_on',
  'm.starts_at',
  'm.venue',
  'm.chair_user_id',
  'm.status',
  'm.minutes',
  'm.version',
  'a.name as area_name',
  'u.display_name as chair_name',
] as const

function meetings(ex: Executor, authorityId: string) {
  return ex
    .selectFrom('panel_meeting as m')
    .innerJoin('area as a', join =>
      join.onRef('a.authority_id', '=', 'm.authority_id').onRef('a.area_id', '=', 'm.area_id'),
    )
    .leftJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'm.authority_id').onRef('u.user_id', '=', 'm.chair_user_id'),
    )
    .where('m.authority_id', '=', authorityId)
}

export function findMeeting(ex: Executor, authorityId: string, meetingId: string) {
  return meetings(ex, authorityId).select(meetingColumns).where('m.meeting_id', '=', meetingId).executeTakeFirst()
}

/** Meetings from a date on, in one area or all, soonest first, with how many families each decided. */
export function listMeetings(ex: Executor, authorityId: string, filters: { areaId: string | null; from: string }) {
  let query = meetings(ex, authorityId)
    .select(meetingColumns)
    .select(
      sql<number>`(select count(*) from panel_decision d where d.authority_id = m.authority_id and d.meeting_id = m.meeting_id)::int`.as(
        'decided',
      ),
    )
    .where('m.meets_on', '>=', filters.from)
  if (filters.areaId) query = query.where('m.area_id', '=', filters.areaId)
  return query.orderBy('m.meets_on').orderBy('a.name').execute()
}

/** The next meeting of an area on or after a date that is not cancelled. */
export function nextMeeting(ex: Executor, authorityId: string, areaId: string, onOrAfter: string) {
  return meetings(ex, authorityId)
    .select(meetingColumns)
    .where('m.area_id', '=', areaId)
    .where('m.meets_on', '>=', onOrAfter)
    .where('m.status', '=', 'scheduled')
    .orderBy('m.meets_on')
    .executeTakeFirst()
}

export function attendeesOf(ex: Executor, authorityId: string, meetingId: string) {
  return ex
    .selectFrom('panel_attendee')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute()
}

export async function replaceAttendees(
  ex: Executor,
  row: {
    authorityId: string
    meetingId: string
    attendees: { name: string; agency: string; userId: string | null; attendance: Attendance }[]
  },
) {
  await ex
    .deleteFrom('panel_attendee')
    .where('authority_id', '=', row.authorityId)
    .where('meeting_id', '=', row.meetingId)
    .execute()
  if (row.attendees.length === 0) return
  await ex
    .insertInto('panel_attendee')
    .values(
      row.attendees.map((attendee, position) => ({
        authority_id: row.authorityId,
        meeting_id: row.meetingId,
        position,
        name: attendee.name,
        agency: attendee.agency,
        user_id: attendee.userId,
        attendance: attendee.attendance,
      })),
    )
    .execute()
}

/** Marks the meeting changed (and held, with minutes) if it is still at `version`. */
export async function updateMeeting(
  ex: Executor,
  row: { authorityId: string; meetingId: string; version: number; minutes?: string; held?: boolean; at: Date },
) {
  const result = await ex
    .updateTable('panel_meeting')
    .set({
      ...(row.minutes !== undefined ? { minutes: row.minutes } : {}),
      ...(row.held ? { status: 'held' as const } : {}),
      updated_at: row.at,
      version: sql<number>`version + 1`,
    })
    .where('authority_id', '=', row.authorityId)
    .where('meeting_id', '=', row.meetingId)
    .where('version', '=', row.version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The meeting's agenda: requests routed to the panel in its area that no meeting has decided yet (or
 * that a meeting sent back for more information), and the requests this meeting has decided.
 */
export function agendaOf(ex: Executor, authorityId: string, meeting: { meeting_id: string; area_id: string }) {
  return ex
    .selectFrom('support_request as r')
    .leftJoin('panel_decision as d', join =>
      join
        .onRef('d.authority_id', '=', 'r.authority_id')
        .onRef('d.request_id', '=', 'r.request_id')
        .on('d.meeting_id', '=', meeting.meeting_id),
    )
    .leftJoin('family as f', join =>
      join.onRef('f.authority_id', '=', 'r.authority_id').onRef('f.family_id', '=', 'r.family_id'),
    )
    .leftJoin('team as t', join =>
      join.onRef('t.authority_id', '=', 'd.authority_id').onRef('t.team_id', '=', 'd.team_id'),
    )
    .leftJoin('app_user as lp', join =>
      join.onRef('lp.authority_id', '=', 'd.authority_id').onRef('lp.user_id', '=', 'd.lead_professional_user_id'),
    )
    .select([
      'r.request_id',
      'r.family_id',
      'r.received_on',
      'r.urgency',
      'r.concerns',
      'r.worries',
      'r.requester_name',
      'r.requester_agency',
      'r.version as request_version',
      'f.name as family_name',
      'd.panel_decision_id',
      'd.decision',
      'd.action',
      'd.level_of_need',
      'd.rationale',
      'd.service',
      'd.signpost_to',
      'd.episode_id',
      't.name as team_name',
      'lp.display_name as lead_professional_name',
      sql<string>`(select string_agg(s.given_name || ' ' || s.family_name, ', ' order by s.position)
        from request_subject s where s.authority_id = r.authority_id and s.request_id = r.request_id)`.as('subjects'),
    ])
    .where('r.authority_id', '=', authorityId)
    .where(eb =>
      eb.or([
        eb('d.panel_decision_id', 'is not', null),
        eb.and([eb('r.status', '=', 'at_panel'), eb('r.area_id', '=', meeting.area_id)]),
      ]),
    )
    .orderBy('r.urgency', 'desc')
    .orderBy('r.received_on')
    .execute()
}

export async function insertPanelDecision(
  ex: Executor,
  row: {
    authorityId: string
    meetingId: string
    requestId: string
    decision: string
    action: PanelDecisionAction
    levelOfNeed: string
    rationale: string
    teamId: string | null
    leadProfessionalUserId: string | null
    service: string | null
    signpostTo: string | null
    episodeId: string | null
    by: string
    at: Date
  },
) {
  await ex
    .insertInto('panel_decision')
    .values({
      authority_id: row.authorityId,
      meeting_id: row.meetingId,
      request_id: row.requestId,
      decision: row.decision,
      action: row.action,
      level_of_need: row.levelOfNeed,
      rationale: row.rationale,
      team_id: row.teamId,
      lead_professional_user_id: row.leadProfessionalUserId,
      service: row.service,
      signpost_to: row.signpostTo,
      episode_id: row.episodeId,
      decided_at: row.at,
      decided_by: row.by,
    })
    .execute()
}

export function panelDecisionsOf(ex: Executor, authorityId: string, requestId: string) {
  return ex
    .selectFrom('panel_decision as d')
    .innerJoin('panel_meeting as m', join =>
      join.onRef('m.authority_id', '=', 'd.authority_id').onRef('m.meeting_id', '=', 'd.meeting_id'),
    )
    .leftJoin('team as t', join =>
      join.onRef('t.authority_id', '=', 'd.authority_id').onRef('t.team_id', '=', 'd.team_id'),
    )
    .select([
      'd.panel_decision_id',
      'd.meeting_id',
      'd.decision',
      'd.action',
      'd.level_of_need',
      'd.rationale',
      'd.service',
      'd.signpost_to',
      'd.episode_id',
      'd.decided_at',
      'm.meets_on',
      't.name as team_name',
    ])
    .where('d.authority_id', '=', authorityId)
    .where('d.request_id', '=', requestId)
    .orderBy('d.decided_at')
    .execute()
}

/** Whether the meeting has already decided on the request. */
export async function hasDecisionAt(ex: Executor, authorityId: string, meetingId: string, requestId: string) {
  const row = await ex
    .selectFrom('panel_decision')
    .select('panel_decision_id')
    .where('authority_id', '=', authorityId)
    .where('meeting_id', '=', meetingId)
    .where('request_id', '=', requestId)
    .executeTakeFirst()
  return row !== undefined
}
