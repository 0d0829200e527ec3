import { sql } from 'kysely'
import type { Executor } from './database.js'
import type { PlanActionStatus, PlanOutcomeStatus } from './schema.js'

// The plan and its versions (issue 8): one plan_version row per version, each holding its outcomes (with the
// identified needs they answer) and their actions. outcome_key and action_key stay the same across versions.
// Every query filters by the authority.

function versions(ex: Executor, authorityId: string) {
  return ex
    .selectFrom('plan_version as v')
    .leftJoin('taf_meeting as m', join =>
      join.onRef('m.authority_id', '=', 'v.authority_id').onRef('m.taf_meeting_id', '=', 'v.taf_meeting_id'),
    )
    .leftJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'v.authority_id').onRef('u.user_id', '=', 'v.updated_by'),
    )
    .selectAll('v')
    .select(['m.kind as taf_kind', 'm.held_on as taf_held_on', 'u.display_name as updated_by_name'])
    .where('v.authority_id', '=', authorityId)
}

export type PlanVersionRow = Awaited<ReturnType<typeof findPlanVersion>> & object

/** The episode's plan versions, the first first. */
export function planVersionsOf(ex: Executor, authorityId: string, episodeId: string) {
  return versions(ex, authorityId).where('v.episode_id', '=', episodeId).orderBy('v.number').execute()
}

/** The plan in force: the episode's latest version. */
export function latestPlanVersion(ex: Executor, authorityId: string, episodeId: string) {
  return versions(ex, authorityId)
    .where('v.episode_id', '=', episodeId)
    .orderBy('v.number', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function findPlanVersion(ex: Executor, authorityId: string, episodeId: string, planVersionId: string) {
  return versions(ex, authorityId)
    .where('v.episode_id', '=', episodeId)
    .where('v.plan_version_id', '=', planVersionId)
    .executeTakeFirst()
}

/** The version before this one, if any. */
export function previousPlanVersion(ex: Executor, authorityId: string, episodeId: string, number: number) {
  return versions(ex, authorityId)
    .where('v.episode_id', '=', episodeId)
    .where('v.number', '=', number - 1)
    .executeTakeFirst()
}

/** The version a Team Around the Family meeting started, if one did. */
export function planVersionOfMeeting(ex: Executor, authorityId: string, tafMeetingId: string) {
  return versions(ex, authorityId).where('v.taf_meeting_id', '=', tafMeetingId).executeTakeFirst()
}

/** A version's outcomes in their order. */
export function outcomesOf(ex: Executor, authorityId: string, planVersionId: string) {
  return ex
    .selectFrom('plan_outcome')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('plan_version_id', '=', planVersionId)
    .orderBy('position')
    .execute()
}

/** The identified needs each of a version's outcomes answers, with the need's words. */
export function outcomeNeedsOf(ex: Executor, authorityId: string, planVersionId: string) {
  return ex
    .selectFrom('plan_outcome_need as l')
    .innerJoin('plan_outcome as o', join =>
      join.onRef('o.authority_id', '=', 'l.authority_id').onRef('o.plan_outcome_id', '=', 'l.plan_outcome_id'),
    )
    .innerJoin('assessment_need as n', join =>
      join.onRef('n.authority_id', '=', 'l.authority_id').onRef('n.need_id', '=', 'l.need_id'),
    )
    .select(['o.outcome_key', 'n.need_id', 'n.description', 'n.outcome_area', 'n.position'])
    .where('l.authority_id', '=', authorityId)
    .where('o.plan_version_id', '=', planVersionId)
    .orderBy('n.position')
    .execute()
}

/** A version's actions in their order. */
export function actionsOf(ex: Executor, authorityId: string, planVersionId: string) {
  return ex
    .selectFrom('plan_action')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('plan_version_id', '=', planVersionId)
    .orderBy('position')
    .execute()
}

/**
 * The needs the plan answers: those of the episode's latest approved assessment, or else of its latest
 * assessment (001 §4: "The assessment … must be used as the basis of identifying the current needs").
 */
export async function identifiedNeedsOf(ex: Executor, authorityId: string, episodeId: string) {
  const assessment = await ex
    .selectFrom('assessment')
    .select(['assessment_id', 'assessment_type', 'status'])
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .orderBy(eb => eb.case().when('status', '=', 'approved').then(0).else(1).end())
    .orderBy(sql`coalesce(approved_on, submitted_on, started_on)`, 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!assessment) return { assessment: null, needs: [] }
  const needs = await ex
    .selectFrom('assessment_need')
    .select(['need_id', 'description', 'outcome_area', 'position'])
    .where('authority_id', '=', authorityId)
    .where('assessment_id', '=', assessment.assessment_id)
    .orderBy('position')
    .execute()
  return { assessment, needs }
}

/** Needs of the episode's assessments, by id: only these may be linked to its outcomes. */
export function needsOfEpisode(ex: Executor, authorityId: string, episodeId: string, needIds: string[]) {
  if (needIds.length === 0) return Promise.resolve([])
  return ex
    .selectFrom('assessment_need as n')
    .innerJoin('assessment as a', join =>
      join.onRef('a.authority_id', '=', 'n.authority_id').onRef('a.assessment_id', '=', 'n.assessment_id'),
    )
    .select(['n.need_id'])
    .where('n.authority_id', '=', authorityId)
    .where('a.episode_id', '=', episodeId)
    .where('n.need_id', 'in', needIds)
    .execute()
}

export async function insertPlanVersion(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    number: number
    tafMeetingId: string | null
    startedOn: string
    version: number
    by: string
    at: Date
  },
) {
  const { plan_version_id } = await ex
    .insertInto('plan_version')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      number: row.number,
      taf_meeting_id: row.tafMeetingId,
      started_on: row.startedOn,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
      version: row.version,
    })
    .returning('plan_version_id')
    .executeTakeFirstOrThrow()
  return plan_version_id
}

/**
 * Bumps the version of the plan in force if it is still at `version`: the no-lost-update check of every edit,
 * and the row lock that orders edits with a review starting the next version. The new version, or null when
 * someone else changed the plan first.
 */
export async function touchPlanVersion(
  ex: Executor,
  row: { authorityId: string; planVersionId: string; version: number | null; by: string; at: Date | null },
) {
  let query = ex
    .updateTable('plan_version')
    .set(
      row.at
        ? { version: sql<number>`version + 1`, updated_at: row.at, updated_by: row.by }
        : { version: sql<number>`version + 1` },
    )
    .where('authority_id', '=', row.authorityId)
    .where('plan_version_id', '=', row.planVersionId)
  if (row.version !== null) query = query.where('version', '=', row.version)
  const updated = await query.returning('version').executeTakeFirst()
  return updated?.version ?? null
}

export interface OutcomeFields {
  outcome: string
  measure: string
  outcomeArea: string | null
  targetDate: string
  status: PlanOutcomeStatus
}

export async function insertOutcome(
  ex: Executor,
  row: OutcomeFields & { authorityId: string; planVersionId: string; needIds: string[] },
) {
  const { outcome_key } = await ex
    .insertInto('plan_outcome')
    .values(eb => ({
      authority_id: row.authorityId,
      plan_version_id: row.planVersionId,
      outcome_key: sql<string>`gen_random_uuid()`,
      position: eb
        .selectFrom('plan_outcome')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
        .where('authority_id', '=', row.authorityId)
        .where('plan_version_id', '=', row.planVersionId),
      outcome: row.outcome,
      measure: row.measure,
      outcome_area: row.outcomeArea,
      target_date: row.targetDate,
      status: row.status,
    }))
    .returning('outcome_key')
    .executeTakeFirstOrThrow()
  await linkNeeds(ex, row.authorityId, row.planVersionId, outcome_key, row.needIds)
  return outcome_key
}

export async function updateOutcome(
  ex: Executor,
  row: OutcomeFields & { authorityId: string; planVersionId: string; outcomeKey: string; needIds: string[] },
) {
  const updated = await ex
    .updateTable('plan_outcome')
    .set({
      outcome: row.outcome,
      measure: row.measure,
      outcome_area: row.outcomeArea,
      target_date: row.targetDate,
      status: row.status,
    })
    .where('authority_id', '=', row.authorityId)
    .where('plan_version_id', '=', row.planVersionId)
    .where('outcome_key', '=', row.outcomeKey)
    .returning('plan_outcome_id')
    .executeTakeFirstOrThrow()
  await ex
    .deleteFrom('plan_outcome_need')
    .where('authority_id', '=', row.authorityId)
    .where('plan_outcome_id', '=', updated.plan_outcome_id)
    .execute()
  await linkNeeds(ex, row.authorityId, row.planVersionId, row.outcomeKey, row.needIds)
}

async function linkNeeds(
  ex: Executor,
  authorityId: string,
  planVersionId: string,
  outcomeKey: string,
  needIds: string[],
) {
  if (needIds.length === 0) return
  const { plan_outcome_id } = await ex
    .selectFrom('plan_outcome')
    .select('plan_outcome_id')
    .where('authority_id', '=', authorityId)
    .where('plan_version_id', '=', planVersionId)
    .where('outcome_key', '=', outcomeKey)
    .executeTakeFirstOrThrow()
  await ex
    .insertInto('plan_outcome_need')
    .values(needIds.map(needId => ({ authority_id: authorityId, plan_outcome_id, need_id: needId })))
    .execute()
}

export interface ActionFields {
  outcomeKey: string
  action: string
  whoPersonId: string | null
  whoUserId: string | null
  whoName: string
  whoAgency: string | null
  byWhen: string
  status: PlanActionStatus
}

const actionColumns = (row: ActionFields) => ({
  outcome_key: row.outcomeKey,
  action: row.action,
  who_person_id: row.whoPersonId,
  who_user_id: row.whoUserId,
  who_name: row.whoName,
  who_agency: row.whoAgency,
  by_when: row.byWhen,
  status: row.status,
})

export async function insertAction(ex: Executor, row: ActionFields & { authorityId: string; planVersionId: string }) {
  const { action_key } = await ex
    .insertInto('plan_action')
    .values(eb => ({
      authority_id: row.authorityId,
      plan_version_id: row.planVersionId,
      action_key: sql<string>`gen_random_uuid()`,
      position: eb
        .selectFrom('plan_action')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
        .where('authority_id', '=', row.authorityId)
        .where('plan_version_id', '=', row.planVersionId),
      ...actionColumns(row),
    }))
    .returning('action_key')
    .executeTakeFirstOrThrow()
  return action_key
}

export async function updateAction(
  ex: Executor,
  row: ActionFields & { authorityId: string; planVersionId: string; actionKey: string },
) {
  await ex
    .updateTable('plan_action')
    .set(actionColumns(row))
    .where('authority_id', '=', row.authorityId)
    .where('plan_version_id', '=', row.planVersionId)
    .where('action_key', '=', row.actionKey)
    .execute()
}

/**
 * Copies a version's outcomes (with the needs they answer) and actions into another, keeping their keys and
 * order: the next version starts as the one in force stood.
 */
export async function copyPlanContents(
  ex: Executor,
  row: { authorityId: string; fromPlanVersionId: string; toPlanVersionId: string },
) {
  const { authorityId, fromPlanVersionId, toPlanVersionId } = row
  await ex
    .insertInto('plan_outcome')
    .columns([
      'authority_id',
      'plan_version_id',
      'outcome_key',
      'position',
      'outcome',
      'measure',
      'outcome_area',
      'target_date',
      'status',
    ])
    .expression(eb =>
      eb
        .selectFrom('plan_outcome')
        .select([
          'authority_id',
          sql<string>`${toPlanVersionId}::uuid`.as('plan_version_id'),
          'outcome_key',
          'position',
          'outcome',
          'measure',
          'outcome_area',
          'target_date',
          'status',
        ])
        .where('authority_id', '=', authorityId)
        .where('plan_version_id', '=', fromPlanVersionId),
    )
    .execute()
  await ex
    .insertInto('plan_outcome_need')
    .columns(['authority_id', 'plan_outcome_id', 'need_id'])
    .expression(eb =>
      eb
        .selectFrom('plan_outcome_need as l')
        .innerJoin('plan_outcome as before', join =>
          join
            .onRef('before.authority_id', '=', 'l.authority_id')
            .onRef('before.plan_outcome_id', '=', 'l.plan_outcome_id'),
        )
        .innerJoin('plan_outcome as after', join =>
          join
            .onRef('after.authority_id', '=', 'before.authority_id')
            .onRef('after.outcome_key', '=', 'before.outcome_key')
            .on('after.plan_version_id', '=', toPlanVersionId),
        )
        .select(['l.authority_id', 'after.plan_outcome_id', 'l.need_id'])
        .where('l.authority_id', '=', authorityId)
        .where('before.plan_version_id', '=', fromPlanVersionId),
    )
    .execute()
  await ex
    .insertInto('plan_action')
    .columns([
      'authority_id',
      'plan_version_id',
      'action_key',
      'outcome_key',
      'position',
      'action',
      'who_person_id',
      'who_user_id',
      'who_name',
      'who_agency',
      'by_when',
      'status',
    ])
    .expression(eb =>
      eb
        .selectFrom('plan_action')
        .select([
          'authority_id',
          sql<string>`${toPlanVersionId}::uuid`.as('plan_version_id'),
          'action_key',
          'outcome_key',
          'position',
          'action',
          'who_person_id',
          'who_user_id',
          'who_name',
          'who_agency',
          'by_when',
          'status',
        ])
        .where('authority_id', '=', authorityId)
        .where('plan_version_id', '=', fromPlanVersionId),
    )
    .execute()
}

/** The plan in force in figures, for the case page: how many outcomes and actions, and how many are overdue. */
export async function planCounts(ex: Executor, authorityId: string, planVersionId: string, today: string) {
  const [outcomes, actions] = await Promise.all([
    ex
      .selectFrom('plan_outcome')
      .select(eb => eb.fn.countAll<string>().as('n'))
      .where('authority_id', '=', authorityId)
      .where('plan_version_id', '=', planVersionId)
      .executeTakeFirstOrThrow(),
    ex
      .selectFrom('plan_action')
      .select(eb => [
        eb.fn.countAll<string>().as('n'),
        eb.fn
          .count<string>('action_key')
          .filterWhere(inner =>
            inner.and([inner('by_when', '<', today), inner('status', 'in', ['not_started', 'in_progress'])]),
          )
          .as('overdue'),
      ])
      .where('authority_id', '=', authorityId)
      .where('plan_version_id', '=', planVersionId)
      .executeTakeFirstOrThrow(),
  ])
  return { outcomes: Number(outcomes.n), actions: Number(actions.n), overdueActions: Number(actions.overdue) }
}

/** The next Team Around the Family review planned for the episode, for the family's copy of the plan. */
export function nextPlannedReview(ex: Executor, authorityId: string, episodeId: string, today: string) {
  return ex
    .selectFrom('taf_meeting')
    .select(['taf_meeting_id', 'planned_on'])
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .where('kind', '=', 'review')
    .where('status', '=', 'planned')
    .where('planned_on', '>=', today)
    .orderBy('planned_on')
    .limit(1)
    .executeTakeFirst()
}

/**
 * The authority's words for the Team Around the Family, read in the caller's transaction (a review's chronology
 * entry is written inside the transaction that records the meeting held).
 */
export async function teamAroundTheFamilyWords(ex: Executor, authorityId: string) {
  const { rows } = await sql<{ words: string | null }>`
    select model -> 'vocabulary' ->> 'teamAroundTheFamily' as words
    from practice_model where authority_id = ${authorityId}`.execute(ex)
  return rows[0]?.words ?? 'Team Around the Family'
}
