import { sql } from 'kysely'
import type { Executor } from './database.js'
import type { TafAttendance, TafKind, ToolStage } from './schema.js'

// Team Around the Family meetings, who was invited and who came, and the progression of change tool records the
// first meeting needs (issue 8). Every query filters by the authority.

export interface AttendeeRow {
  personId: string | null
  userId: string | null
  name: string
  agency: string | null
  attendance: TafAttendance
}

export async function insertTafMeeting(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    kind: TafKind
    plannedOn: string
    venue: string | null
    attendees: AttendeeRow[]
    by: string
    at: Date
  },
) {
  const { taf_meeting_id } = await ex
    .insertInto('taf_meeting')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      kind: row.kind,
      planned_on: row.plannedOn,
      venue: row.venue,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .returning('taf_meeting_id')
    .executeTakeFirstOrThrow()
  await insertAttendees(ex, row.authorityId, taf_meeting_id, 1, row.attendees)
  return taf_meeting_id
}

async function insertAttendees(
  ex: Executor,
  authorityId: string,
  tafMeetingId: string,
  firstPosition: number,
  attendees: AttendeeRow[],
) {
  if (attendees.length === 0) return
  await ex
    .insertInto('taf_attendee')
    .values(
      attendees.map((attendee, index) => ({
        authority_id: authorityId,
        taf_meeting_id: tafMeetingId,
        position: firstPosition + index,
        person_id: attendee.personId,
        user_id: attendee.userId,
        name: attendee.name,
        agency: attendee.agency,
        attendance: attendee.attendance,
      })),
    )
    .execute()
}

function meetings(ex: Executor, authorityId: string) {
  return ex
    .selectFrom('taf_meeting as m')
    .leftJoin('app_user as o', join =>
      join.onRef('o.authority_id', '=', 'm.authority_id').onRef('o.user_id', '=', 'm.override_by'),
    )
    .selectAll('m')
    .select('o.display_name as override_by_name')
    .where('m.authority_id', '=', authorityId)
}

/** The episode's meetings in date order (the held date where held, else the planned date). */
export function meetingsOf(ex: Executor, authorityId: string, episodeId: string) {
  return meetings(ex, authorityId)
    .where('m.episode_id', '=', episodeId)
    .orderBy(sql`coalesce(m.held_on, m.planned_on)`)
    .orderBy('m.created_at')
    .execute()
}

export function findTafMeeting(ex: Executor, authorityId: string, episodeId: string, tafMeetingId: string) {
  return meetings(ex, authorityId)
    .where('m.episode_id', '=', episodeId)
    .where('m.taf_meeting_id', '=', tafMeetingId)
    .executeTakeFirst()
}

/** Who was invited, in the order they were listed, and who was added when the meeting was recorded. */
export function attendeesOf(ex: Executor, authorityId: string, tafMeetingId: string) {
  return ex
    .selectFrom('taf_attendee')
    .select(['position', 'person_id', 'user_id', 'name', 'agency', 'attendance'])
    .where('authority_id', '=', authorityId)
    .where('taf_meeting_id', '=', tafMeetingId)
    .orderBy('position')
    .execute()
}

/** Bumps the meeting's version if it is still at `version`; false when someone else changed it first. */
async function touch(
  ex: Executor,
  row: { authorityId: string; tafMeetingId: string; version: number; by: string; at: Date },
  changes: {
    status?: 'held' | 'cancelled'
    held_on?: string
    minutes?: string
    progress?: string | null
    cancelled_reason?: string
    override_reason?: string
    override_by?: string
    override_at?: Date
  },
) {
  const result = await ex
    .updateTable('taf_meeting')
    .set({ ...changes, updated_at: row.at, updated_by: row.by, version: sql<number>`version + 1` })
    .where('authority_id', '=', row.authorityId)
    .where('taf_meeting_id', '=', row.tafMeetingId)
    .where('version', '=', row.version)
    .where('status', '=', 'planned')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records the meeting as held, with each invitee's attendance and anyone else who came. */
export async function recordMeetingHeld(
  ex: Executor,
  row: {
    authorityId: string
    tafMeetingId: string
    version: number
    heldOn: string
    minutes: string
    progress: string | null
    attendance: { position: number; attendance: TafAttendance }[]
    others: AttendeeRow[]
    by: string
    at: Date
  },
) {
  const saved = await touch(ex, row, {
    status: 'held',
    held_on: row.heldOn,
    minutes: row.minutes,
    progress: row.progress,
  })
  if (!saved) return false
  for (const { position, attendance } of row.attendance) {
    await ex
      .updateTable('taf_attendee')
      .set({ attendance })
      .where('authority_id', '=', row.authorityId)
      .where('taf_meeting_id', '=', row.tafMeetingId)
      .where('position', '=', position)
      .execute()
  }
  const { last } = await ex
    .selectFrom('taf_attendee')
    .select(eb => eb.fn.max('position').as('last'))
    .where('authority_id', '=', row.authorityId)
    .where('taf_meeting_id', '=', row.tafMeetingId)
    .executeTakeFirstOrThrow()
  await insertAttendees(ex, row.authorityId, row.tafMeetingId, Number(last ?? 0) + 1, row.others)
  return true
}

export function cancelMeeting(
  ex: Executor,
  row: { authorityId: string; tafMeetingId: string; version: number; reason: string; by: string; at: Date },
) {
  return touch(ex, row, { status: 'cancelled', cancelled_reason: row.reason })
}

/** A manager lets the initial meeting be recorded without the agreement or the baseline tool, with a reason. */
export function overrideMeeting(
  ex: Executor,
  row: { authorityId: string; tafMeetingId: string; version: number; reason: string; by: string; at: Date },
) {
  return touch(ex, row, { override_reason: row.reason, override_by: row.by, override_at: row.at })
}

/** The worker and the professionals a meeting can invite, by id, with their agency or team. */
export function usersByIds(ex: Executor, authorityId: string, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([])
  return ex
    .selectFrom('app_user as u')
    .leftJoin('team as t', join =>
      join.onRef('t.authority_id', '=', 'u.authority_id').onRef('t.team_id', '=', 'u.team_id'),
    )
    .select(['u.user_id', 'u.display_name', 'u.role', 'u.agency', 'u.job_title', 'u.active', 't.name as team_name'])
    .where('u.authority_id', '=', authorityId)
    .where('u.user_id', 'in', userIds)
    .orderBy('u.display_name')
    .execute()
}

/** When the episode was first allocated: the clock of the initial meeting starts then (reallocating does not restart it). */
export async function firstAllocatedOn(ex: Executor, authorityId: string, episodeId: string) {
  const row = await ex
    .selectFrom('episode_allocation')
    .select(eb => eb.fn.min('allocated_on').as('first'))
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .executeTakeFirst()
  return (row?.first as string | null | undefined) ?? null
}

/** When the family first signed the early help agreement, if they have. */
export async function firstAgreedOn(ex: Executor, authorityId: string, episodeId: string) {
  const row = await ex
    .selectFrom('episode_agreement')
    .select(eb => eb.fn.min('agreed_on').as('first'))
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .executeTakeFirst()
  return (row?.first as string | null | undefined) ?? null
}

export async function insertToolRecord(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    tool: string
    stage: ToolStage
    completedOn: string
    completedWith: string | null
    summary: string | null
    /** A spider graph's: the family's views before a review, and whose own scores sit beside the worker's. */
    familyViews?: string | null
    parentPersonId?: string | null
    childPersonId?: string | null
    /** A licensed instrument's: the child it is about, or the family member who answered it. */
    subjectPersonId?: string | null
    by: string
    at: Date
  },
) {
  const { tool_record_id } = await ex
    .insertInto('progression_tool_record')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      tool: row.tool,
      stage: row.stage,
      completed_on: row.completedOn,
      completed_with: row.completedWith,
      summary: row.summary,
      family_views: row.familyViews ?? null,
      parent_person_id: row.parentPersonId ?? null,
      child_person_id: row.childPersonId ?? null,
      subject_person_id: row.subjectPersonId ?? null,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('tool_record_id')
    .executeTakeFirstOrThrow()
  return tool_record_id
}

/** The episode's progression tool records, newest first, with who recorded each. */
export function toolRecordsOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('progression_tool_record as r')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'r.authority_id').onRef('u.user_id', '=', 'r.recorded_by'),
    )
    .select([
      'r.tool_record_id',
      'r.tool',
      'r.stage',
      'r.completed_on',
      'r.completed_with',
      'r.summary',
      'r.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('r.authority_id', '=', authorityId)
    .where('r.episode_id', '=', episodeId)
    .orderBy('r.completed_on', 'desc')
    .orderBy('r.recorded_at', 'desc')
    .execute()
}
