import type { Transaction } from 'kysely'
import type { Executor } from '../data/database.js'
import type { DB } from '../data/schema.js'
import { RESTRICTED_DETAIL } from '../data/accessLog.js'
import { findEpisode } from '../data/episodes.js'
import { familiesOfPerson, findPersonRecord } from '../data/people.js'
import { findFamily, professionalsOf } from '../data/records.js'
import { restrictionsOn } from '../data/restrictions.js'
import { ForbiddenError, NotFoundError } from '../lib/errors.js'
import {
  can,
  type EpisodeResource,
  type FamilyResource,
  type PersonResource,
  type RecordAction,
} from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import type { RequestContext, ServiceDeps } from './context.js'

/** The refusal a restricted record gives: the same page as a record that does not exist, so it reveals nothing. */
export const RESTRICTED = RESTRICTED_DETAIL

/**
 * Loads what the policy needs to decide on a family or a person, and refuses (logged) when it says no.
 * Shared by every service that reads or changes a personal record.
 */
export function createRecordAccess({ database }: ServiceDeps, accessLog: ReturnType<typeof createAccessLogService>) {
  const { db } = database

  async function familyResources(
    authorityId: string,
    families: { family_id: string; team_id: string | null; area_id: string | null }[],
    ex: Executor = db,
  ) {
    const ids = families.map(family => family.family_id)
    const [professionals, restrictions] = await Promise.all([
      professionalsOf(ex, authorityId, ids),
      restrictionsOn(ex, authorityId, 'family', ids),
    ])
    return families.map((family): FamilyResource => ({
      authorityId,
      familyId: family.family_id,
      teamId: family.team_id,
      areaId: family.area_id,
      professionalUserIds: professionals.get(family.family_id) ?? [],
      restrictedTo: restrictions.get(family.family_id) ?? null,
    }))
  }

  /**
   * Logs the refusal and throws: a 404 for a restricted record (it reveals nothing), else a 403. Inside a
   * transaction the log is written after it rolls back (see `transaction`), so the refusal is never lost
   * with the change it refused.
   */
  async function refuse(
    ctx: RequestContext,
    recordType: 'family' | 'person',
    recordId: string,
    restricted: boolean,
    ex: Executor,
  ): Promise<never> {
    const refusal = restricted ? new NotFoundError() : new ForbiddenError()
    const log = () => accessLog.recordRefusal(ctx, recordType, recordId, restricted ? RESTRICTED : null)
    if (ex !== db) throw new RefusedInTransaction(refusal, log)
    await log()
    throw refusal
  }

  async function personResource(authorityId: string, personId: string, ex: Executor = db) {
    const memberships = await familiesOfPerson(ex, authorityId, personId)
    // A person is seen through their families now; someone who has left every family, through the ones
    // they were part of (their record must not be orphaned). The same rule as scopes.visiblePeople.
    const now = memberships.filter(membership => membership.left_on === null)
    const current = now.length > 0 ? now : memberships
    const [families, restrictions] = await Promise.all([
      familyResources(authorityId, current, ex),
      restrictionsOn(ex, authorityId, 'person', [personId]),
    ])
    const resource: PersonResource = {
      authorityId,
      personId,
      families,
      restrictedTo: restrictions.get(personId) ?? null,
    }
    return { resource, memberships }
  }

  return {
    familyResources,
    personResource,

    /** One transaction per change; a refusal inside it is logged once it has rolled back. */
    async transaction<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
      try {
        return await db.transaction().execute(work)
      } catch (error) {
        if (!(error instanceof RefusedInTransaction)) throw error
        await error.log()
        throw error.refusal
      }
    },

    /** The family if the actor may take the action on it; otherwise a logged refusal. */
    async family(ctx: RequestContext, familyId: string, action: RecordAction & `family:${string}`, ex: Executor = db) {
      const authorityId = ctx.actor.authorityId
      const family = await findFamily(ex, authorityId, familyId)
      if (!family) throw new NotFoundError()
      const [resource] = await familyResources(authorityId, [family], ex)
      if (!resource || !can(ctx.actor, 'family:read', resource)) {
        return refuse(ctx, 'family', familyId, resource?.restrictedTo != null, ex)
      }
      if (!can(ctx.actor, action, resource)) return refuse(ctx, 'family', familyId, false, ex)
      return { family, resource }
    },

    /**
     * The episode, its family and the policy's resource if the actor may take the action on the case; otherwise
     * a logged refusal (on the family: the same 404 as a missing record when it is restricted).
     */
    async episode(
      ctx: RequestContext,
      episodeId: string,
      action: RecordAction & `episode:${string}`,
      ex: Executor = db,
    ) {
      const authorityId = ctx.actor.authorityId
      const episode = await findEpisode(ex, authorityId, episodeId)
      if (!episode) throw new NotFoundError()
      const family = await findFamily(ex, authorityId, episode.family_id)
      if (!family) throw new NotFoundError()
      const [familyResource] = await familyResources(authorityId, [family], ex)
      const resource: EpisodeResource = {
        family: familyResource!,
        episodeId,
        workerUserId: episode.worker_user_id,
        leadProfessionalUserId: episode.lead_professional_user_id,
      }
      if (!can(ctx.actor, 'episode:read', resource)) {
        return refuse(ctx, 'family', episode.family_id, familyResource!.restrictedTo != null, ex)
      }
      if (!can(ctx.actor, action, resource)) return refuse(ctx, 'family', episode.family_id, false, ex)
      return { episode, family, resource }
    },

    /** The person's resource if the actor may take the action on them; otherwise a logged refusal. */
    async person(ctx: RequestContext, personId: string, action: RecordAction & `person:${string}`, ex: Executor = db) {
      const authorityId = ctx.actor.authorityId
      const person = await findPersonRecord(ex, authorityId, personId)
      if (!person) throw new NotFoundError()
      // A merged record is read through the record it was merged into (its page sends you there); it
      // takes no changes.
      if (person.merged_into && action !== 'person:read') throw new NotFoundError()
      const { resource, memberships } = await personResource(authorityId, person.merged_into ?? personId, ex)
      if (!can(ctx.actor, 'person:read', resource)) {
        const restricted =
          (resource.restrictedTo !== null && !resource.restrictedTo.includes(ctx.actor.userId)) ||
          resource.families.some(family => family.restrictedTo !== null)
        return refuse(ctx, 'person', personId, restricted, ex)
      }
      if (!can(ctx.actor, action, resource)) return refuse(ctx, 'person', personId, false, ex)
      return { person, resource, memberships }
    },
  }
}

/** A refusal met inside a transaction: carried out of it so the log is written after the rollback. */
class RefusedInTransaction extends Error {
  constructor(
    readonly refusal: Error,
    readonly log: () => Promise<void>,
  ) {
    super(refusal.message)
  }
}

export type RecordAccess = ReturnType<typeof createRecordAccess>
