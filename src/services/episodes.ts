import type { Executor } from '../data/database.js'
import {
  agreementsOf,
  allocateEpisode,
  insertAgreement,
  allocationsOf,
  childrenOf,
  concernsAndToolsOf,
  episodesOfFamily,
  findEpisode,
  insertEpisode,
  insertEpisodeLevel,
  levelsOf,
  listEpisodes,
  updateEpisodeLevel,
} from '../data/episodes.js'
import { membersOf } from '../data/people.js'
import { insertFamilyProfessional, professionalsOf } from '../data/records.js'
import { findTeam, findUser, listUsers } from '../data/staff.js'
import { sql } from 'kysely'
import { formatDate, todayIn } from '../lib/dates.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { authorize, can, episodeAbilities, scopes } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import { chronologyEvents, type createChronologyService } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import type { createPracticeModelService } from './practiceModels.js'
import type { RecordAccess } from './recordAccess.js'
import { missingConcernTools } from './guardrails.js'

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
  practiceModels: ReturnType<typeof createPracticeModelService>,
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
      const episodeId = await insertEpisode(trx, {
        authorityId,
        ...opening,
        levelReason: opening.summary,
        by: ctx.actor.userId,
        at,
      })
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
      const authorityId = ctx.actor.authorityId
      const [episodes, { model }] = await Promise.all([
        listEpisodes(db, authorityId, scopes.visibleFamilies(ctx.actor), filters),
        practiceModels.get(authorityId),
      ])
      const facts = await concernsAndToolsOf(
        db,
        authorityId,
        episodes.map(episode => episode.episode_id),
      )
      // Each episode with the tools its concerns call for and it lacks, flagged on the list (DESIGN §4).
      return episodes.map(episode => ({
        ...episode,
        missingTools: missingConcernTools(model, facts.get(episode.episode_id)!),
      }))
    },

    /** One episode, if the user may see its family. */
    async get(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource: episodeResource } = await access.episode(ctx, episodeId, 'episode:read')
      const resource = episodeResource.family
      const [children, levels, allocations, agreements] = await Promise.all([
        childrenOf(db, authorityId, episodeId),
        levelsOf(db, authorityId, episodeId),
        allocationsOf(db, authorityId, episodeId),
        agreementsOf(db, authorityId, episodeId),
      ])
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      return {
        episode,
        children,
        levels,
        allocations,
        agreements,
        abilities: episodeAbilities(ctx.actor, episodeResource),
        canRecord: can(ctx.actor, 'episode:work', episodeResource) && episode.status === 'open',
        family: resource,
        canAllocate: can(ctx.actor, 'family:allocate', resource) && episode.status === 'open',
        canChangeLevel: can(ctx.actor, 'family:update', resource) && episode.status === 'open',
        today: todayIn(clock.now()),
      }
    },

    /** Refuses (logged) a user who may not change the episode: asked before a form is shown or read. */
    async authorizeChange(ctx: RequestContext, episodeId: string) {
      const episode = await findEpisode(db, ctx.actor.authorityId, episodeId)
      if (!episode) throw new NotFoundError()
      await access.family(ctx, episode.family_id, 'family:update')
    },

    /**
     * Moves the family up or down the levels of need within the episode (Durham's staircase, 002 para 28:
     * "step up- step down … so that families move smoothly between services"), dated, with the reason.
     */
    async changeLevel(
      ctx: RequestContext,
      episodeId: string,
      version: number,
      input: { levelOfNeed: string | null; changedOn: string | null; reason: string },
    ) {
      const authorityId = ctx.actor.authorityId
      const episode = await findEpisode(db, authorityId, episodeId)
      if (!episode) throw new NotFoundError()
      await access.family(ctx, episode.family_id, 'family:update')
      if (episode.version !== version) throw new ConflictError()
      const { model } = await practiceModels.get(authorityId)
      const levels = model.levelsOfNeed
      const from = levels.findIndex(level => level.code === episode.level_of_need)
      const to = levels.findIndex(level => level.code === input.levelOfNeed)
      const history = await levelsOf(db, authorityId, episodeId)
      const latest = history.at(-1)?.changed_on ?? episode.opened_on
      const errors: FieldError[] = []
      if (!model.stepUpStepDown.levelsMayChangeWithinEpisode)
        errors.push({ field: 'levelOfNeed', message: 'Here a change of level starts a new episode' })
      if (episode.status !== 'open') errors.push({ field: 'levelOfNeed', message: 'The episode is closed' })
      if (to === -1) errors.push({ field: 'levelOfNeed', message: 'Select the level of need' })
      else if (to === from) errors.push({ field: 'levelOfNeed', message: 'The family is at this level already' })
      if (!input.changedOn)
        errors.push({ field: 'changedOn', anchor: 'changedOn-day', message: 'Enter the date of the change' })
      else if (input.changedOn > todayIn(clock.now()))
        errors.push({ field: 'changedOn', anchor: 'changedOn-day', message: 'The date must be today or in the past' })
      else if (input.changedOn < latest)
        errors.push({
          field: 'changedOn',
          anchor: 'changedOn-day',
          message: `The date must be on or after the last change of level, ${formatDate(latest)}`,
        })
      if (!input.reason.trim()) errors.push({ field: 'reason', message: 'Enter the reason for the change' })
      if (errors.length > 0) throw new ValidationError(errors)
      const level = levels[to]!
      const direction = to > from ? model.vocabulary.stepUp : model.vocabulary.stepDown
      await access.transaction(async trx => {
        const at = clock.now()
        const saved = await updateEpisodeLevel(trx, { authorityId, episodeId, version, levelOfNeed: level.code, at })
        if (!saved) throw new ConflictError()
        await insertEpisodeLevel(trx, {
          authorityId,
          episodeId,
          levelOfNeed: level.code,
          changedOn: input.changedOn!,
          reason: input.reason.trim(),
          by: ctx.actor.userId,
          at,
        })
        const children = await childrenOf(trx, authorityId, episodeId)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: input.changedOn!,
          category: 'Early help',
          summary: `Level of need changed (${direction}): ${levels[from]?.label ?? episode.level_of_need} to ${level.label}`,
          detail: input.reason.trim(),
          event: chronologyEvents.levelChanged,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
      })
    },

    /** The choices the allocation form offers: workers of the authority's teams, and partners as lead professionals. */
    async allocationForm(ctx: RequestContext, episodeId: string) {
      const found = await this.get(ctx, episodeId)
      if (!found.canAllocate) {
        await accessLog.recordRefusal(ctx, 'episode', episodeId)
        throw new ForbiddenError()
      }
      const users = (await listUsers(db, ctx.actor.authorityId, { active: true })).filter(user =>
        ['practitioner', 'team_manager', 'partner'].includes(user.role),
      )
      return {
        ...found,
        workers: users.filter(user => user.role !== 'partner'),
        leadProfessionals: users,
      }
    },

    /**
     * A manager allocates the episode to a worker and names the lead professional: the worker, or a partner
     * practitioner (who then sees this family, and only it). Reallocating keeps who worked it before.
     */
    async allocate(
      ctx: RequestContext,
      episodeId: string,
      version: number,
      input: {
        workerUserId: string | null
        leadProfessionalUserId: string | null
        allocatedOn: string | null
        reason: string
      },
    ) {
      const authorityId = ctx.actor.authorityId
      const episode = await findEpisode(db, authorityId, episodeId)
      if (!episode) throw new NotFoundError()
      await access.family(ctx, episode.family_id, 'family:allocate')
      if (episode.version !== version) throw new ConflictError()
      const { model } = await practiceModels.get(authorityId)
      const errors: FieldError[] = []
      const worker = input.workerUserId ? await findUser(db, authorityId, input.workerUserId) : undefined
      if (!worker || !worker.active || !['practitioner', 'team_manager'].includes(worker.role))
        errors.push({ field: 'workerUserId', message: 'Select the worker' })
      const leadId = input.leadProfessionalUserId ?? worker?.user_id ?? null
      const lead = leadId ? await findUser(db, authorityId, leadId) : undefined
      if (
        input.leadProfessionalUserId &&
        (!lead || !lead.active || !['practitioner', 'team_manager', 'partner'].includes(lead.role))
      )
        errors.push({ field: 'leadProfessionalUserId', message: `Select the ${model.vocabulary.leadProfessional}` })
      if (episode.status !== 'open') errors.push({ field: 'workerUserId', message: 'The episode is closed' })
      if (!input.allocatedOn)
        errors.push({ field: 'allocatedOn', anchor: 'allocatedOn-day', message: 'Enter the date of the allocation' })
      else if (input.allocatedOn > todayIn(clock.now()))
        errors.push({
          field: 'allocatedOn',
          anchor: 'allocatedOn-day',
          message: 'The date must be today or in the past',
        })
      else if (input.allocatedOn < episode.opened_on)
        errors.push({
          field: 'allocatedOn',
          anchor: 'allocatedOn-day',
          message: `The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`,
        })
      if (episode.worker_user_id && !input.reason.trim())
        errors.push({ field: 'reason', message: 'Enter why the episode is being reallocated' })
      if (errors.length > 0) throw new ValidationError(errors)
      await access.transaction(async trx => {
        const at = clock.now()
        const saved = await allocateEpisode(trx, {
          authorityId,
          episodeId,
          version,
          workerUserId: worker!.user_id,
          leadProfessionalUserId: lead!.user_id,
          allocatedOn: input.allocatedOn!,
          reason: input.reason.trim() || null,
          by: ctx.actor.userId,
          at,
        })
        if (!saved) throw new ConflictError()
        const known = (await professionalsOf(trx, authorityId, [episode.family_id])).get(episode.family_id) ?? []
        if (lead!.role === 'partner' && !known.includes(lead!.user_id)) {
          await insertFamilyProfessional(trx, {
            authorityId,
            familyId: episode.family_id,
            userId: lead!.user_id,
            involvement: 'Lead professional',
          })
        }
        const children = await childrenOf(trx, authorityId, episodeId)
        const leadWords =
          lead!.user_id === worker!.user_id ? '' : `; ${model.vocabulary.leadProfessional}: ${lead!.display_name}`
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: input.allocatedOn!,
          category: 'Early help',
          summary: `${episode.worker_user_id ? 'Reallocated' : 'Allocated'} to ${worker!.display_name}${leadWords}`,
          detail: input.reason.trim() || null,
          event: chronologyEvents.allocated,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
      })
    },

    /** Refuses (logged) a user who may not work the case (the lead professional may, even a partner's). */
    async authorizeWork(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:work')
    },

    /** The agreement form's choices: the family's current members who can sign. */
    async agreementForm(ctx: RequestContext, episodeId: string) {
      await this.authorizeWork(ctx, episodeId)
      const found = await this.get(ctx, episodeId)
      const members = (await membersOf(db, ctx.actor.authorityId, found.episode.family_id)).filter(
        member => member.left_on === null && member.role !== 'unborn child',
      )
      return { ...found, members }
    },

    /**
     * The early help agreement between the worker and the family (001 §4: "Practitioners must use the standard
     * early help agreement … This must be signed by the family"), before the first Team Around the Family.
     */
    async recordAgreement(
      ctx: RequestContext,
      episodeId: string,
      input: { agreedOn: string | null; personIds: string[]; signedHow: string | null; notes: string },
    ) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const members = await membersOf(db, authorityId, episode.family_id)
      const signers = members.filter(
        member =>
          member.left_on === null && member.role !== 'unborn child' && input.personIds.includes(member.person_id),
      )
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'personIds', message: 'The episode is closed' })
      if (!episode.worker_user_id)
        errors.push({
          field: 'personIds',
          message: 'Allocate a worker first: the agreement is between the worker and the family',
        })
      if (signers.length === 0 || signers.length !== input.personIds.length)
        errors.push({ field: 'personIds', message: 'Select who in the family signed the agreement' })
      if (input.signedHow !== 'on paper' && input.signedHow !== 'electronically')
        errors.push({ field: 'signedHow', message: 'Select how the family signed the agreement' })
      if (!input.agreedOn)
        errors.push({ field: 'agreedOn', anchor: 'agreedOn-day', message: 'Enter the date the agreement was signed' })
      else if (input.agreedOn > todayIn(clock.now()))
        errors.push({ field: 'agreedOn', anchor: 'agreedOn-day', message: 'The date must be today or in the past' })
      else if (input.agreedOn < episode.opened_on)
        errors.push({
          field: 'agreedOn',
          anchor: 'agreedOn-day',
          message: `The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`,
        })
      if (errors.length > 0) throw new ValidationError(errors)
      await access.transaction(async trx => {
        const at = clock.now()
        await insertAgreement(trx, {
          authorityId,
          episodeId,
          agreedOn: input.agreedOn!,
          workerUserId: episode.worker_user_id!,
          signedHow: input.signedHow as 'on paper' | 'electronically',
          notes: input.notes.trim() || null,
          personIds: signers.map(signer => signer.person_id),
          by: ctx.actor.userId,
          at,
        })
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: signers.map(signer => signer.person_id),
          occurredOn: input.agreedOn!,
          category: 'Early help',
          summary: `Early help agreement signed by ${signers.map(signer => `${signer.given_name} ${signer.family_name}`).join(', ')} with ${episode.worker_name}`,
          event: chronologyEvents.agreementSigned,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
      })
    },

    /** The episodes of a family the caller has already been allowed to read. */
    ofFamily: (authorityId: string, familyId: string) => episodesOfFamily(db, authorityId, familyId),
  }
}
