import { appendAccessLog, searchAccessLog } from '../data/accessLog.js'
import type { Executor } from '../data/database.js'
import { familyIdsOfPeople, findPeopleByName } from '../data/records.js'
import type { AccessAction } from '../data/schema.js'
import { findUser, listUsers } from '../data/staff.js'
import { authorize } from '../policies/index.js'
import type { RequestContext, ServiceDeps } from './context.js'

export type RecordType =
  | 'person'
  | 'family'
  | 'relationship'
  | 'chronology_entry'
  | 'consent'
  | 'restriction'
  | 'user'
  | 'team'
  | 'area'
  | 'api_token'
  | 'practice_model'
  | 'request'
  | 'panel_meeting'
  | 'episode'
  | 'assessment'
  | 'taf_meeting'
  | 'progression_tool'
  | 'plan'
  | 'session'
  | 'programme'
  | 'oversight'
  | 'page'

/** The access log: who viewed or changed which record, when, from where — and what was refused. */
export function createAccessLogService({ database, clock }: ServiceDeps) {
  const { db } = database

  /** Records one access; pass the transaction of a change so the change and its log stand or fall together. */
  async function record(
    ctx: RequestContext,
    action: AccessAction,
    recordType: RecordType,
    recordIds: (string | null)[],
    ex: Executor = db,
    detail: string | null = null,
  ) {
    await appendAccessLog(
      ex,
      recordIds.map(recordId => ({
        authorityId: ctx.actor.authorityId,
        userId: ctx.actor.userId,
        action,
        recordType,
        recordId,
        route: ctx.route,
        ip: ctx.ip,
        requestId: ctx.requestId,
        at: clock.now(),
        detail,
      })),
    )
  }

  return {
    record,

    /** A refused request, with the record it was for when there was one. */
    recordRefusal(ctx: RequestContext, recordType: RecordType, recordId: string | null, detail: string | null = null) {
      return record(ctx, 'refused', recordType, [recordId], db, detail)
    },

    /** Searches the log by a person's name or by a user, for a head of service or an administrator. */
    async search(
      ctx: RequestContext,
      query: { personName?: string; userId?: string; restrictedOnly?: boolean; page: number; pageSize: number },
    ) {
      authorize(ctx.actor, 'accessLog:search')
      const authorityId = ctx.actor.authorityId
      let people: Awaited<ReturnType<typeof findPeopleByName>> = []
      let personIds: string[] | undefined
      let familyIds: string[] | undefined
      if (query.personName) {
        people = await findPeopleByName(db, authorityId, query.personName)
        personIds = people.map(person => person.person_id)
        familyIds = (await familyIdsOfPeople(db, authorityId, personIds)).map(row => row.family_id)
      }
      const user = query.userId ? await findUser(db, authorityId, query.userId) : undefined
      const rows = await searchAccessLog(db, authorityId, {
        ...(query.userId ? { userId: query.userId } : {}),
        ...(query.restrictedOnly ? { refusedRestrictedOnly: true } : {}),
        ...(personIds ? { personIds, familyIds: familyIds ?? [] } : {}),
        limit: query.pageSize + 1,
        offset: (query.page - 1) * query.pageSize,
      })
      await record(ctx, 'search', 'page', [null])
      return {
        rows: rows.slice(0, query.pageSize),
        hasNextPage: rows.length > query.pageSize,
        matchedPeople: people,
        user,
        users: await listUsers(db, authorityId),
      }
    },
  }
}
