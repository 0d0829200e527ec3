import type { Executor } from './database.js'
import type { AccessAction } from './schema.js'

export interface AccessLogEntry {
  authorityId: string
  userId: string | null
  action: AccessAction
  recordType: string
  recordId: string | null
  route: string | null
  ip: string | null
  requestId: string | null
  at: Date
  /** Why, where it matters: a refusal on a restricted record says so. */
  detail?: string | null
}

export async function appendAccessLog(ex: Executor, entries: AccessLogEntry[]) {
  if (entries.length === 0) return
  await ex
    .insertInto('access_log')
    .values(
      entries.map(entry => ({
        authority_id: entry.authorityId,
        user_id: entry.userId,
        action: entry.action,
        record_type: entry.recordType,
        record_id: entry.recordId,
        route: entry.route,
        ip: entry.ip,
        request_id: entry.requestId,
        occurred_at: entry.at,
        detail: entry.detail ?? null,
      })),
    )
    .execute()
}

/** The detail a refusal on a restricted record carries. */
export const RESTRICTED_DETAIL = 'restricted record'

export interface AccessLogFilter {
  /** Only attempts to reach a restricted record by someone it is not open to. */
  refusedRestrictedOnly?: boolean
  userId?: string
  personIds?: string[]
  familyIds?: string[]
  from?: Date
  to?: Date
  limit: number
  offset: number
}

/** Log rows for a user, or touching a set of people and their families, newest first. */
export function searchAccessLog(ex: Executor, authorityId: string, filter: AccessLogFilter) {
  let query = ex
    .selectFrom('access_log as l')
    .leftJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'l.authority_id').onRef('u.user_id', '=', 'l.user_id'),
    )
    .select([
      'l.access_log_id',
      'l.occurred_at',
      'l.user_id',
      'u.display_name as user_name',
      'u.role as user_role',
      'l.action',
      'l.record_type',
      'l.record_id',
      'l.route',
      'l.ip',
      'l.detail',
    ])
    .where('l.authority_id', '=', authorityId)
  if (filter.userId) query = query.where('l.user_id', '=', filter.userId)
  if (filter.personIds || filter.familyIds) {
    const personIds = filter.personIds ?? []
    const familyIds = filter.familyIds ?? []
    query = query.where(eb =>
      eb.or([
        ...(personIds.length ? [eb.and([eb('l.record_type', '=', 'person'), eb('l.record_id', 'in', personIds)])] : []),
        ...(familyIds.length ? [eb.and([eb('l.record_type', '=', 'family'), eb('l.record_id', 'in', familyIds)])] : []),
        eb.lit(false),
      ]),
    )
  }
  if (filter.refusedRestrictedOnly)
    query = query.where('l.action', '=', 'refused').where('l.detail', '=', RESTRICTED_DETAIL)
  if (filter.from) query = query.where('l.occurred_at', '>=', filter.from)
  if (filter.to) query = query.where('l.occurred_at', '<', filter.to)
  return query
    .orderBy('l.occurred_at', 'desc')
    .orderBy('l.access_log_id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute()
}
