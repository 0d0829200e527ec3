import type { Executor } from './database.js'

// Restricted records: a person or family open only to the users named.

/** The users each restricted record is open to; records without a restriction in force are absent. */
export async function restrictionsOn(
  ex: Executor,
  authorityId: string,
  recordType: 'person' | 'family',
  recordIds: string[],
): Promise<Map<string, string[]>> {
  const restricted = new Map<string, string[]>()
  if (recordIds.length === 0) return restricted
  const rows = await ex
    .selectFrom('restriction as r')
    .leftJoin('restriction_user as ru', join =>
      join.onRef('ru.authority_id', '=', 'r.authority_id').onRef('ru.restriction_id', '=', 'r.restriction_id'),
    )
    .select(['r.record_id', 'ru.user_id'])
    .where('r.authority_id', '=', authorityId)
    .where('r.record_type', '=', recordType)
    .where('r.record_id', 'in', recordIds)
    .where('r.lifted_at', 'is', null)
    .execute()
  for (const row of rows) {
    const users = restricted.get(row.record_id) ?? []
    if (row.user_id) users.push(row.user_id)
    restricted.set(row.record_id, users)
  }
  return restricted
}

/** The restriction in force on a record, with who restricted it and the users allowed. */
export async function restrictionOf(
  ex: Executor,
  authorityId: string,
  recordType: 'person' | 'family',
  recordId: string,
) {
  const restriction = await ex
    .selectFrom('restriction as r')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'r.authority_id').onRef('u.user_id', '=', 'r.restricted_by'),
    )
    .selectAll('r')
    .select('u.display_name as restricted_by_name')
    .where('r.authority_id', '=', authorityId)
    .where('r.record_type', '=', recordType)
    .where('r.record_id', '=', recordId)
    .where('r.lifted_at', 'is', null)
    .executeTakeFirst()
  if (!restriction) return undefined
  const users = await ex
    .selectFrom('restriction_user as ru')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'ru.authority_id').onRef('u.user_id', '=', 'ru.user_id'),
    )
    .select(['u.user_id', 'u.display_name', 'u.role'])
    .where('ru.authority_id', '=', authorityId)
    .where('ru.restriction_id', '=', restriction.restriction_id)
    .orderBy('u.display_name')
    .execute()
  return { ...restriction, users }
}

export async function insertRestriction(
  ex: Executor,
  row: {
    authorityId: string
    recordType: 'person' | 'family'
    recordId: string
    reason: string
    userIds: string[]
    by: string
    at: Date
  },
) {
  const { restriction_id } = await ex
    .insertInto('restriction')
    .values({
      authority_id: row.authorityId,
      record_type: row.recordType,
      record_id: row.recordId,
      reason: row.reason,
      restricted_at: row.at,
      restricted_by: row.by,
    })
    .returning('restriction_id')
    .executeTakeFirstOrThrow()
  await ex
    .insertInto('restriction_user')
    .values(
      [...new Set(row.userIds)].map(userId => ({ authority_id: row.authorityId, restriction_id, user_id: userId })),
    )
    .execute()
  return restriction_id
}

export async function liftRestriction(
  ex: Executor,
  row: { authorityId: string; recordType: 'person' | 'family'; recordId: string; by: string; at: Date },
) {
  const result = await ex
    .updateTable('restriction')
    .set({ lifted_at: row.at, lifted_by: row.by })
    .where('authority_id', '=', row.authorityId)
    .where('record_type', '=', row.recordType)
    .where('record_id', '=', row.recordId)
    .where('lifted_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
