import { sql } from 'kysely'
import type { Executor } from './database.js'

// Practice models: one document per authority and the history of its changes.

/** The version of an authority's model, without the document: enough to know whether a copy is current. */
export function findPracticeModelVersion(ex: Executor, authorityId: string) {
  return ex.selectFrom('practice_model').select('version').where('authority_id', '=', authorityId).executeTakeFirst()
}

export function findPracticeModel(ex: Executor, authorityId: string) {
  return ex.selectFrom('practice_model').selectAll().where('authority_id', '=', authorityId).executeTakeFirst()
}

/** The words an authority's model uses for its front door, panel and requests: the navigation shows them. */
export async function findNavigationWords(ex: Executor, authorityId: string) {
  const { rows } = await sql<{ front_door: string; panel: string; request: string }>`
    select model -> 'frontDoor' ->> 'name' as front_door, model -> 'panel' ->> 'name' as panel,
      model -> 'vocabulary' ->> 'requestForSupport' as request
    from practice_model where authority_id = ${authorityId}`.execute(ex)
  return rows[0]
}

export async function insertPracticeModel(
  ex: Executor,
  row: { authorityId: string; model: unknown; at: Date; by: string | null },
) {
  await ex
    .insertInto('practice_model')
    .values({ authority_id: row.authorityId, model: JSON.stringify(row.model), updated_at: row.at, updated_by: row.by })
    .execute()
}

/** Replaces the model if it is still at the version the editor loaded; returns false if it was not. */
export async function updatePracticeModel(
  ex: Executor,
  row: { authorityId: string; expectedVersion: number; model: unknown; at: Date; by: string },
): Promise<boolean> {
  const result = await ex
    .updateTable('practice_model')
    .set(eb => ({
      model: JSON.stringify(row.model),
      updated_at: row.at,
      updated_by: row.by,
      version: eb('version', '+', 1),
    }))
    .where('authority_id', '=', row.authorityId)
    .where('version', '=', row.expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function insertPracticeModelChange(
  ex: Executor,
  row: { authorityId: string; at: Date; by: string | null; version: number; summary: string; changes: unknown },
) {
  await ex
    .insertInto('practice_model_change')
    .values({
      authority_id: row.authorityId,
      changed_at: row.at,
      changed_by: row.by,
      version: row.version,
      summary: row.summary,
      changes: JSON.stringify(row.changes),
    })
    .execute()
}

export function listPracticeModelChanges(ex: Executor, authorityId: string, limit = 100) {
  return ex
    .selectFrom('practice_model_change as c')
    .leftJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'c.authority_id').onRef('u.user_id', '=', 'c.changed_by'),
    )
    .select([
      'c.practice_model_change_id',
      'c.changed_at',
      'c.version',
      'c.summary',
      'c.changes',
      'u.display_name as changed_by_name',
    ])
    .where('c.authority_id', '=', authorityId)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.practice_model_change_id', 'desc')
    .limit(limit)
    .execute()
}
