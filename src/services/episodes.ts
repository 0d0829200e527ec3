import type { Executor } from '../data/database.js'
import { childrenOf, episodesOfFamily, findEpisode, insertEpisode, listEpisodes } from '../data/episodes.js'
import { insertFamilyProfessional, professionalsOf } from '../data/records.js'
import { findTeam, findUser } from '../data/staff.js'
import { sql } from 'kysely'
import { todayIn } from '../lib/dates.js'
import { NotFoundError } from '../lib/errors.js'
import { authorize, scopes } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import { chronologyEvents, type createChronologyService } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import type { RecordAccess } from './recordAccess.js'

export interface EpisodeOpening {
  familyId: string
  teamId: string | null
  leadProfessionalUserId: string | null
  service: string | null
  levelOfNeed: string
  requestId: string | null
  childIds: string[]
  openedOn: string
  /** Why it opened, for the chronology: "Vulnerable Children's Meeting decided: …". */
  summary: string
}

/**
 * The early help episode (the case) as the front door and panel open it; the pathway issue adds
 * allocation, agreement, assessment and the rest.
 */
export function createEpisodeService(
  { database, clock }: ServiceDeps,
  accessLog: ReturnType<typeof createAccessLogService>,
  access: RecordAccess,
  chronology: ReturnType<typeof createChronologyService>,
) {
  const { db } = database

  return {
    /**
     * Opens an episode inside the caller's transaction: the family moves to the team that will work it
     * (so its manager sees it to allocate), and a partner lead professional becomes part of the family.
     */
    async open(trx: Executor, ctx: RequestContext, opening: EpisodeOpening) {
      const authorityId = ctx.actor.authorityId
      const at = clock.now()
      const episodeId = await insertEpisode(trx, { authorityId, ...opening, by: ctx.actor.userId, at })
      if (opening.teamId) {
        const team = await findTeam(trx, authorityId, opening.teamId)
        await trx
          .updateTable('family')
          .set({
            team_id: opening.teamId,
            area_id: team?.area_id ?? sql<string | null>`area_id`,
            updated_at: at,
            updated_by: ctx.actor.userId,
            version: sql<number>`version + 1`,
          })
          .where('authority_id', '=', authorityId)
          .where('family_id', '=', opening.familyId)
          .execute()
      }
      if (opening.leadProfessionalUserId) {
        const lead = await findUser(trx, authorityId, opening.leadProfessionalUserId)
        const known = (await professionalsOf(trx, authorityId, [opening.familyId])).get(opening.familyId) ?? []
        if (lead?.role === 'partner' && !known.includes(lead.user_id)) {
          await insertFamilyProfessional(trx, {
            authorityId,
            familyId: opening.familyId,
            userId: lead.user_id,
            involvement: 'Lead professional',
          })
        }
      }
      await chronology.recordEvent(trx, ctx, {
        familyId: opening.familyId,
        personIds: opening.childIds,
        occurredOn: opening.openedOn,
        category: 'Early help',
        summary: opening.summary,
        event: chronologyEvents.episodeOpened,
      })
      await accessLog.record(ctx, 'create', 'episode', [episodeId], trx)
      return episodeId
    },

    /** The open episodes of the families the user sees, oldest first; only those without a worker if asked. */
    async list(ctx: RequestContext, filters: { unallocated: boolean }) {
      authorize(ctx.actor, 'episodes:list')
      return listEpisodes(db, ctx.actor.authorityId, scopes.visibleFamilies(ctx.actor), filters)
    },

    /** One episode, if the user may see its family. */
    async get(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const episode = await findEpisode(db, authorityId, episodeId)
      if (!episode) throw new NotFoundError()
      const { resource } = await access.family(ctx, episode.family_id, 'family:read')
      const children = await childrenOf(db, authorityId, episodeId)
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      return { episode, children, family: resource, today: todayIn(clock.now()) }
    },

    /** The episodes of a family the caller has already been allowed to read. */
    ofFamily: (authorityId: string, familyId: string) => episodesOfFamily(db, authorityId, familyId),
  }
}
