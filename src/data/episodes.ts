import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely'
import type { Executor } from './database.js'
import type { DB } from './schema.js'

// The early help episode (the case), as far as the front door and panel open it; the pathway adds the rest.

export async function insertEpisode(
  ex: Executor,
  row: {
    authorityId: string
    familyId: string
    teamId: string | null
    service: string | null
    levelOfNeed: string
    leadProfessionalUserId: string | null
    openedOn: string
    requestId: string | null
    childIds: string[]
    /** Why the episode opened at this level, for the level's history. */
    levelReason: string
    by: string
    at: Date
  },
) {
  const { episode_id } = await ex
    .insertInto('episode')
    .values({
      authority_id: row.authorityId,
      family_id: row.familyId,
      team_id: row.teamId,
      service: row.service,
      level_of_need: row.levelOfNeed,
      lead_professional_user_id: row.leadProfessionalUserId,
      opened_on: row.openedOn,
      request_id: row.requestId,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
    })
    .returning('episode_id')
    .executeTakeFirstOrThrow()
  await insertEpisodeLevel(ex, {
    authorityId: row.authorityId,
    episodeId: episode_id,
    levelOfNeed: row.levelOfNeed,
    changedOn: row.openedOn,
    reason: row.levelReason,
    by: row.by,
    at: row.at,
  })
  if (row.childIds.length > 0) {
    await ex
      .insertInto('episode_child')
      .values(row.childIds.map(personId => ({ authority_id: row.authorityId, episode_id, person_id: personId })))
      .execute()
  }
  return episode_id
}

function episodes(ex: Executor, authorityId: string) {
  return ex
    .selectFrom('episode as e')
    .innerJoin('family', join =>
      join.onRef('family.authority_id', '=', 'e.authority_id').onRef('family.family_id', '=', 'e.family_id'),
    )
    .leftJoin('team as t', join =>
      join.onRef('t.authority_id', '=', 'e.authority_id').onRef('t.team_id', '=', 'e.team_id'),
    )
    .leftJoin('app_user as lp', join =>
      join.onRef('lp.authority_id', '=', 'e.authority_id').onRef('lp.user_id', '=', 'e.lead_professional_user_id'),
    )
    .leftJoin('app_user as w', join =>
      join.onRef('w.authority_id', '=', 'e.authority_id').onRef('w.user_id', '=', 'e.worker_user_id'),
    )
    .selectAll('e')
    .select([
      'family.name as family_name',
      'family.area_id as family_area_id',
      't.name as team_name',
      'lp.display_name as lead_professional_name',
      'w.display_name as worker_name',
    ])
    .where('e.authority_id', '=', authorityId)
}

export function findEpisode(ex: Executor, authorityId: string, episodeId: string) {
  return episodes(ex, authorityId).where('e.episode_id', '=', episodeId).executeTakeFirst()
}

/** Open episodes of the families the scope lets the user see; only the unallocated ones if asked. */
export function listEpisodes(
  ex: Executor,
  authorityId: string,
  scope: (eb: ExpressionBuilder<DB, 'family'>) => Expression<SqlBool>,
  filters: { unallocated: boolean },
) {
  let query = episodes(ex, authorityId)
    .where('e.status', '=', 'open')
    .where(eb => scope(eb as unknown as ExpressionBuilder<DB, 'family'>))
  if (filters.unallocated) query = query.where('e.worker_user_id', 'is', null)
  return query.orderBy('e.opened_on').execute()
}

export function episodesOfFamily(ex: Executor, authorityId: string, familyId: string) {
  return episodes(ex, authorityId).where('e.family_id', '=', familyId).orderBy('e.opened_on', 'desc').execute()
}

export function childrenOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('episode_child as c')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'c.authority_id').onRef('p.person_id', '=', 'c.person_id'),
    )
    .select(['p.person_id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'p.expected_date'])
    .where('c.authority_id', '=', authorityId)
    .where('c.episode_id', '=', episodeId)
    .orderBy('p.date_of_birth')
    .execute()
}

export async function insertEpisodeLevel(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    levelOfNeed: string
    changedOn: string
    reason: string
    by: string
    at: Date
  },
) {
  await ex
    .insertInto('episode_level')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      level_of_need: row.levelOfNeed,
      changed_on: row.changedOn,
      reason: row.reason,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .execute()
}

/** The episode's level of need over time, oldest first, with who recorded each change. */
export function levelsOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('episode_level as l')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'l.authority_id').onRef('u.user_id', '=', 'l.recorded_by'),
    )
    .select(['l.level_of_need', 'l.changed_on', 'l.reason', 'l.recorded_at', 'u.display_name as recorded_by_name'])
    .where('l.authority_id', '=', authorityId)
    .where('l.episode_id', '=', episodeId)
    .orderBy('l.changed_on')
    .orderBy('l.recorded_at')
    .execute()
}

/** Sets the episode's current level if it is still at `version`; false when someone else changed it first. */
export async function updateEpisodeLevel(
  ex: Executor,
  row: { authorityId: string; episodeId: string; version: number; levelOfNeed: string; at: Date },
) {
  const result = await ex
    .updateTable('episode')
    .set({ level_of_need: row.levelOfNeed, updated_at: row.at, version: sql<number>`version + 1` })
    .where('authority_id', '=', row.authorityId)
    .where('episode_id', '=', row.episodeId)
    .where('version', '=', row.version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Allocates the episode if it is still at `version`, and records the allocation; false if someone else changed it. */
export async function allocateEpisode(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    version: number
    workerUserId: string
    leadProfessionalUserId: string
    allocatedOn: string
    reason: string | null
    by: string
    at: Date
  },
) {
  const result = await ex
    .updateTable('episode')
    .set({
      worker_user_id: row.workerUserId,
      lead_professional_user_id: row.leadProfessionalUserId,
      updated_at: row.at,
      version: sql<number>`version + 1`,
    })
    .where('authority_id', '=', row.authorityId)
    .where('episode_id', '=', row.episodeId)
    .where('version', '=', row.version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  await ex
    .insertInto('episode_allocation')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      worker_user_id: row.workerUserId,
      lead_professional_user_id: row.leadProfessionalUserId,
      allocated_on: row.allocatedOn,
      reason: row.reason,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .execute()
  return true
}

/** Who has worked the episode, oldest first. */
export function allocationsOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('episode_allocation as a')
    .innerJoin('app_user as w', join =>
      join.onRef('w.authority_id', '=', 'a.authority_id').onRef('w.user_id', '=', 'a.worker_user_id'),
    )
    .innerJoin('app_user as l', join =>
      join.onRef('l.authority_id', '=', 'a.authority_id').onRef('l.user_id', '=', 'a.lead_professional_user_id'),
    )
    .innerJoin('app_user as r', join =>
      join.onRef('r.authority_id', '=', 'a.authority_id').onRef('r.user_id', '=', 'a.recorded_by'),
    )
    .select([
      'a.allocated_on',
      'a.reason',
      'w.display_name as worker_name',
      'l.display_name as lead_professional_name',
      'l.agency as lead_professional_agency',
      'r.display_name as recorded_by_name',
    ])
    .where('a.authority_id', '=', authorityId)
    .where('a.episode_id', '=', episodeId)
    .orderBy('a.allocated_on')
    .orderBy('a.recorded_at')
    .execute()
}

export async function insertAgreement(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    agreedOn: string
    workerUserId: string
    signedHow: 'on paper' | 'electronically'
    notes: string | null
    personIds: string[]
    by: string
    at: Date
  },
) {
  const { episode_agreement_id } = await ex
    .insertInto('episode_agreement')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      agreed_on: row.agreedOn,
      worker_user_id: row.workerUserId,
      signed_how: row.signedHow,
      notes: row.notes,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('episode_agreement_id')
    .executeTakeFirstOrThrow()
  await ex
    .insertInto('episode_agreement_person')
    .values(
      row.personIds.map(personId => ({ authority_id: row.authorityId, episode_agreement_id, person_id: personId })),
    )
    .execute()
  return episode_agreement_id
}

/** The episode's agreements, newest first, with who signed each. */
export async function agreementsOf(ex: Executor, authorityId: string, episodeId: string) {
  const agreements = await ex
    .selectFrom('episode_agreement as a')
    .innerJoin('app_user as w', join =>
      join.onRef('w.authority_id', '=', 'a.authority_id').onRef('w.user_id', '=', 'a.worker_user_id'),
    )
    .select(['a.episode_agreement_id', 'a.agreed_on', 'a.signed_how', 'a.notes', 'w.display_name as worker_name'])
    .where('a.authority_id', '=', authorityId)
    .where('a.episode_id', '=', episodeId)
    .orderBy('a.agreed_on', 'desc')
    .orderBy('a.recorded_at', 'desc')
    .execute()
  if (agreements.length === 0) return []
  const signers = await ex
    .selectFrom('episode_agreement_person as s')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 's.authority_id').onRef('p.person_id', '=', 's.person_id'),
    )
    .select(['s.episode_agreement_id', 'p.given_name', 'p.family_name'])
    .where('s.authority_id', '=', authorityId)
    .where(
      's.episode_agreement_id',
      'in',
      agreements.map(agreement => agreement.episode_agreement_id),
    )
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute()
  return agreements.map(agreement => ({
    ...agreement,
    signedBy: signers
      .filter(signer => signer.episode_agreement_id === agreement.episode_agreement_id)
      .map(signer => `${signer.given_name} ${signer.family_name}`),
  }))
}

/**
 * For each episode, the concerns of the request for support that opened it and the progression tools recorded on
 * it (by code): what the guardrails on tools need (services/guardrails.ts). An episode a step down opened has no
 * request, so no concerns.
 */
export async function concernsAndToolsOf(ex: Executor, authorityId: string, episodeIds: readonly string[]) {
  const found = new Map<string, { concerns: string[]; tools: string[] }>(
    episodeIds.map(id => [id, { concerns: [], tools: [] }]),
  )
  if (episodeIds.length === 0) return found
  const [requests, tools] = await Promise.all([
    ex
      .selectFrom('episode as e')
      .innerJoin('support_request as r', join =>
        join.onRef('r.authority_id', '=', 'e.authority_id').onRef('r.request_id', '=', 'e.request_id'),
      )
      .select(['e.episode_id', 'r.concerns'])
      .where('e.authority_id', '=', authorityId)
      .where('e.episode_id', 'in', episodeIds)
      .execute(),
    ex
      .selectFrom('progression_tool_record')
      .select(['episode_id', 'tool'])
      .distinct()
      .where('authority_id', '=', authorityId)
      .where('episode_id', 'in', episodeIds)
      .execute(),
  ])
  for (const request of requests) found.get(request.episode_id)!.concerns.push(...request.concerns)
  for (const tool of tools) found.get(tool.episode_id)!.tools.push(tool.tool)
  return found
}
