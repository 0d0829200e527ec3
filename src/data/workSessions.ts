import { sql } from 'kysely'
import type { Executor } from './database.js'
import type { WorkSessionKind } from './schema.js'

// Sessions with the family recorded with PARA, who was seen, the plan outcomes they worked towards, and the
// agreed visit frequency (issue 8).

export interface WorkSessionInput {
  heldOn: string
  kind: WorkSessionKind
  purpose: string
  action: string
  reflection: string
  analysis: string
  /** Everyone seen, and whether each (a child) was seen alone. */
  seen: { personId: string; seenAlone: boolean }[]
  outcomeKeys: string[]
}

/** The outcomes of the episode's plan in force (the version with the highest number), in the plan's order. */
export async function currentPlanOutcomes(ex: Executor, authorityId: string, episodeId: string) {
  const plan = await ex
    .selectFrom('plan_version')
    .select(['plan_version_id', 'number'])
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!plan) return { plan: null, outcomes: [] }
  const outcomes = await ex
    .selectFrom('plan_outcome')
    .select(['outcome_key', 'outcome', 'status', 'position'])
    .where('authority_id', '=', authorityId)
    .where('plan_version_id', '=', plan.plan_version_id)
    .orderBy('position')
    .execute()
  return { plan, outcomes }
}

/**
 * The words of plan outcomes by key, as the latest plan version that has each says them (an outcome a later
 * review dropped keeps the words it last had).
 */
export async function outcomeWords(ex: Executor, authorityId: string, episodeId: string, keys: string[]) {
  const words = new Map<string, string>()
  if (keys.length === 0) return words
  const rows = await ex
    .selectFrom('plan_outcome as o')
    .innerJoin('plan_version as v', join =>
      join.onRef('v.authority_id', '=', 'o.authority_id').onRef('v.plan_version_id', '=', 'o.plan_version_id'),
    )
    .select(['o.outcome_key', 'o.outcome'])
    .where('o.authority_id', '=', authorityId)
    .where('v.episode_id', '=', episodeId)
    .where('o.outcome_key', 'in', keys)
    .orderBy('v.number', 'desc')
    .execute()
  for (const row of rows) if (!words.has(row.outcome_key)) words.set(row.outcome_key, row.outcome)
  return words
}

function sessions(ex: Executor, authorityId: string) {
  return ex
    .selectFrom('work_session as s')
    .innerJoin('app_user as w', join =>
      join.onRef('w.authority_id', '=', 's.authority_id').onRef('w.user_id', '=', 's.worker_user_id'),
    )
    .selectAll('s')
    .select('w.display_name as worker_name')
    .where('s.authority_id', '=', authorityId)
}

/** The episode's sessions, newest first. */
export function workSessionsOf(ex: Executor, authorityId: string, episodeId: string) {
  return sessions(ex, authorityId)
    .where('s.episode_id', '=', episodeId)
    .orderBy('s.held_on', 'desc')
    .orderBy('s.created_at', 'desc')
    .execute()
}

/** One session of the episode. */
export function findWorkSession(ex: Executor, authorityId: string, episodeId: string, workSessionId: string) {
  return sessions(ex, authorityId)
    .where('s.episode_id', '=', episodeId)
    .where('s.work_session_id', '=', workSessionId)
    .executeTakeFirst()
}

/** Who was seen in each of the sessions, adults first, then by age. */
export function peopleSeenIn(ex: Executor, authorityId: string, workSessionIds: string[]) {
  if (workSessionIds.length === 0) return Promise.resolve([])
  return ex
    .selectFrom('work_session_person as s')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 's.authority_id').onRef('p.person_id', '=', 's.person_id'),
    )
    .select(['s.work_session_id', 's.person_id', 's.seen_alone', 'p.given_name', 'p.family_name'])
    .where('s.authority_id', '=', authorityId)
    .where('s.work_session_id', 'in', workSessionIds)
    .orderBy(sql`coalesce(p.date_of_birth, p.expected_date)`)
    .orderBy('p.given_name')
    .execute()
}

/** The plan outcomes (by key) each of the sessions worked towards. */
export function outcomesWorkedIn(ex: Executor, authorityId: string, workSessionIds: string[]) {
  if (workSessionIds.length === 0) return Promise.resolve([])
  return ex
    .selectFrom('work_session_outcome')
    .select(['work_session_id', 'outcome_key'])
    .where('authority_id', '=', authorityId)
    .where('work_session_id', 'in', workSessionIds)
    .execute()
}

async function insertLinks(ex: Executor, authorityId: string, workSessionId: string, input: WorkSessionInput) {
  await ex
    .insertInto('work_session_person')
    .values(
      input.seen.map(person => ({
        authority_id: authorityId,
        work_session_id: workSessionId,
        person_id: person.personId,
        seen_alone: person.seenAlone,
      })),
    )
    .execute()
  if (input.outcomeKeys.length > 0) {
    await ex
      .insertInto('work_session_outcome')
      .values(
        input.outcomeKeys.map(key => ({ authority_id: authorityId, work_session_id: workSessionId, outcome_key: key })),
      )
      .execute()
  }
}

export async function insertWorkSession(
  ex: Executor,
  row: WorkSessionInput & { authorityId: string; episodeId: string; workerUserId: string; by: string; at: Date },
) {
  const { work_session_id } = await ex
    .insertInto('work_session')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      held_on: row.heldOn,
      kind: row.kind,
      purpose: row.purpose,
      action: row.action,
      reflection: row.reflection,
      analysis: row.analysis,
      worker_user_id: row.workerUserId,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .returning('work_session_id')
    .executeTakeFirstOrThrow()
  await insertLinks(ex, row.authorityId, work_session_id, row)
  return work_session_id
}

/** Changes the session if it is still at `version`, replacing who was seen and the outcomes; false if it was not. */
export async function updateWorkSession(
  ex: Executor,
  row: WorkSessionInput & { authorityId: string; workSessionId: string; version: number; by: string; at: Date },
) {
  const result = await ex
    .updateTable('work_session')
    .set({
      held_on: row.heldOn,
      kind: row.kind,
      purpose: row.purpose,
      action: row.action,
      reflection: row.reflection,
      analysis: row.analysis,
      updated_at: row.at,
      updated_by: row.by,
      version: sql<number>`version + 1`,
    })
    .where('authority_id', '=', row.authorityId)
    .where('work_session_id', '=', row.workSessionId)
    .where('version', '=', row.version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  for (const table of ['work_session_person', 'work_session_outcome'] as const) {
    await ex
      .deleteFrom(table)
      .where('authority_id', '=', row.authorityId)
      .where('work_session_id', '=', row.workSessionId)
      .execute()
  }
  await insertLinks(ex, row.authorityId, row.workSessionId, row)
  return true
}

/** The dates of the episode's sessions, and how many there are: what the case page and the frequency need. */
export async function sessionDatesOf(ex: Executor, authorityId: string, episodeId: string) {
  const rows = await ex
    .selectFrom('work_session')
    .select('held_on')
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .execute()
  return rows.map(row => row.held_on)
}

export async function insertVisitFrequency(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    everyDays: number
    agreedOn: string
    notes: string | null
    by: string
    at: Date
  },
) {
  const { visit_frequency_id } = await ex
    .insertInto('visit_frequency')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      every_days: row.everyDays,
      agreed_on: row.agreedOn,
      notes: row.notes,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('visit_frequency_id')
    .executeTakeFirstOrThrow()
  return visit_frequency_id
}

/** The episode's visit frequency agreements, the one that stands (the latest agreed) first. */
export function visitFrequenciesOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('visit_frequency as f')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'f.authority_id').onRef('u.user_id', '=', 'f.recorded_by'),
    )
    .select([
      'f.visit_frequency_id',
      'f.every_days',
      'f.agreed_on',
      'f.notes',
      'f.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('f.authority_id', '=', authorityId)
    .where('f.episode_id', '=', episodeId)
    .orderBy('f.agreed_on', 'desc')
    .orderBy('f.recorded_at', 'desc')
    .execute()
}

/** The agreement that stands on the episode, if any. */
export function currentVisitFrequency(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('visit_frequency')
    .select(['every_days', 'agreed_on'])
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .orderBy('agreed_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}
