import {
  endProgrammeDelivery,
  findProgrammeDelivery,
  insertProgrammeDelivery,
  programmeDeliveriesOf,
  programmeSummariesOf,
} from '../data/programmes.js'
import { membersOf } from '../data/people.js'
import { formatDate, todayIn } from '../lib/dates.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { PracticeModel } from '../practice-models/index.js'
import type { RecordType } from './accessLog.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'

/** The access log's name for a programme delivered (widened until accessLog.ts lists it). */
const PROGRAMME = 'programme' as string as RecordType

export const programmeCompletions = ['completed', 'not_completed'] as const
export type ProgrammeCompletion = (typeof programmeCompletions)[number]

/** How an ended programme went, in words. */
export const completionWords: Record<ProgrammeCompletion, string> = {
  completed: 'completed',
  not_completed: 'not completed',
}

export interface ProgrammeStartInput {
  programme: string | null
  personIds: string[]
  startedOn: string | null
  deliveredBy: string
  notes: string
}

export interface ProgrammeEndInput {
  endedOn: string | null
  completion: string | null
  notes: string
}

/** The label the authority's list gives a programme; its code if the list no longer has it. */
const labelOf = (model: PracticeModel, code: string) =>
  model.evidenceBasedProgrammes.find(programme => programme.code === code)?.label ?? code

/** Working the case: evidence-based programmes delivered (issue 8). */
export function createProgrammeService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology, practiceModels } = deps

  /** The family's current members who can take part in a programme (an unborn baby cannot). */
  async function participantsOf(authorityId: string, familyId: string) {
    return (await membersOf(db, authorityId, familyId)).filter(
      member => member.left_on === null && member.role !== 'unborn child',
    )
  }

  /** A programme of the episode, labelled; a 404 if the episode has none by that id. */
  async function loadDelivery(authorityId: string, episodeId: string, programmeDeliveryId: string) {
    const delivery = await findProgrammeDelivery(db, authorityId, episodeId, programmeDeliveryId)
    if (!delivery) throw new NotFoundError()
    const { model } = await practiceModels.get(authorityId)
    return { ...delivery, label: labelOf(model, delivery.programme) }
  }

  return {
    /** The episode's programmes, for whoever sees the case; who may start or end one. */
    async list(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const [deliveries, { model }] = await Promise.all([
        programmeDeliveriesOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      if (deliveries.length > 0)
        await accessLog.record(
          ctx,
          'view',
          PROGRAMME,
          deliveries.map(delivery => delivery.programme_delivery_id),
        )
      return {
        episode,
        model,
        programmes: deliveries.map(delivery => ({ ...delivery, label: labelOf(model, delivery.programme) })),
        available: model.evidenceBasedProgrammes,
        canRecord: can(ctx.actor, 'episode:work', resource) && episode.status === 'open',
      }
    },

    /** Refuses (logged) a user who may not work the case: asked before a form is read. */
    async authorizeWork(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:work')
    },

    /** What the start form offers: the authority's programmes and the family's current members. */
    async startForm(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const [members, { model }] = await Promise.all([
        participantsOf(authorityId, episode.family_id),
        practiceModels.get(authorityId),
      ])
      return { episode, model, members, available: model.evidenceBasedProgrammes, today: todayIn(clock.now()) }
    },

    /**
     * Starts an evidence-based programme with members of the family (000: "Our Evidenced based programmes
     * include: …"), written to the chronology.
     */
    async start(ctx: RequestContext, episodeId: string, input: ProgrammeStartInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const [members, { model }] = await Promise.all([
        participantsOf(authorityId, episode.family_id),
        practiceModels.get(authorityId),
      ])
      const programme = model.evidenceBasedProgrammes.find(option => option.code === input.programme)
      const chosen = [...new Set(input.personIds)]
      const participants = members.filter(member => chosen.includes(member.person_id))
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'programme', message: 'The episode is closed' })
      if (model.evidenceBasedProgrammes.length === 0)
        errors.push({ field: 'programme', message: 'No evidence-based programmes are set up for your authority' })
      else if (!programme) errors.push({ field: 'programme', message: 'Select the programme' })
      if (participants.length === 0 || participants.length !== chosen.length)
        errors.push({ field: 'personIds', message: 'Select who in the family takes part' })
      if (!input.startedOn)
        errors.push({ field: 'startedOn', anchor: 'startedOn-day', message: 'Enter the date the programme started' })
      else if (input.startedOn > todayIn(clock.now()))
        errors.push({ field: 'startedOn', anchor: 'startedOn-day', message: 'The date must be today or in the past' })
      else if (input.startedOn < episode.opened_on)
        errors.push({
          field: 'startedOn',
          anchor: 'startedOn-day',
          message: `The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`,
        })
      if (!input.deliveredBy.trim())
        errors.push({ field: 'deliveredBy', message: 'Enter who delivers the programme: the agency or facilitator' })
      if (errors.length > 0) throw new ValidationError(errors)
      const names = participants.map(person => `${person.given_name} ${person.family_name}`)
      return access.transaction(async trx => {
        const programmeDeliveryId = await insertProgrammeDelivery(trx, {
          authorityId,
          episodeId,
          programme: programme!.code,
          startedOn: input.startedOn!,
          deliveredBy: input.deliveredBy.trim(),
          notes: input.notes.trim() || null,
          personIds: participants.map(person => person.person_id),
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: participants.map(person => person.person_id),
          occurredOn: input.startedOn!,
          category: 'Early help',
          summary: `${programme!.label} started: ${names.join(', ')}`,
          detail: `Delivered by ${input.deliveredBy.trim()}`,
          event: chronologyEvents.programmeStarted,
        })
        await accessLog.record(ctx, 'create', PROGRAMME, [programmeDeliveryId], trx)
        return programmeDeliveryId
      })
    },

    /** The programme whose end is to be recorded, for those who work the case. */
    async endForm(ctx: RequestContext, episodeId: string, programmeDeliveryId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const delivery = await loadDelivery(authorityId, episodeId, programmeDeliveryId)
      await accessLog.record(ctx, 'view', PROGRAMME, [programmeDeliveryId])
      return { episode, delivery, today: todayIn(clock.now()) }
    },

    /** One programme of the episode, for whoever sees the case. */
    async get(ctx: RequestContext, episodeId: string, programmeDeliveryId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:read')
      const delivery = await loadDelivery(authorityId, episodeId, programmeDeliveryId)
      await accessLog.record(ctx, 'view', PROGRAMME, [programmeDeliveryId])
      return { episode, delivery }
    },

    /** Records how a programme ended: when, and whether the family completed it. */
    async end(
      ctx: RequestContext,
      episodeId: string,
      programmeDeliveryId: string,
      version: number,
      input: ProgrammeEndInput,
    ) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const delivery = await loadDelivery(authorityId, episodeId, programmeDeliveryId)
      if (delivery.version !== version) throw new ConflictError()
      const errors: FieldError[] = []
      if (episode.status !== 'open')
        errors.push({ field: 'endedOn', anchor: 'endedOn-day', message: 'The episode is closed' })
      if (delivery.ended_on)
        errors.push({
          field: 'endedOn',
          anchor: 'endedOn-day',
          message: `The programme has already ended, on ${formatDate(delivery.ended_on)}`,
        })
      else if (!input.endedOn)
        errors.push({ field: 'endedOn', anchor: 'endedOn-day', message: 'Enter the date the programme ended' })
      else if (input.endedOn > todayIn(clock.now()))
        errors.push({ field: 'endedOn', anchor: 'endedOn-day', message: 'The date must be today or in the past' })
      else if (input.endedOn < delivery.started_on)
        errors.push({
          field: 'endedOn',
          anchor: 'endedOn-day',
          message: `The date must be on or after the programme started, ${formatDate(delivery.started_on)}`,
        })
      if (!programmeCompletions.includes(input.completion as ProgrammeCompletion))
        errors.push({ field: 'completion', message: 'Select whether the family completed the programme' })
      if (errors.length > 0) throw new ValidationError(errors)
      const completion = input.completion as ProgrammeCompletion
      const endNotes = input.notes.trim()
      // One notes field holds both: what was said at the start, then what was said at the end.
      const notes = [delivery.notes, endNotes && `At the end: ${endNotes}`].filter(Boolean).join('\n\n') || null
      await access.transaction(async trx => {
        const saved = await endProgrammeDelivery(trx, {
          authorityId,
          programmeDeliveryId,
          version,
          endedOn: input.endedOn!,
          completion,
          notes,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        if (!saved) throw new ConflictError()
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: delivery.participants.map(person => person.person_id),
          occurredOn: input.endedOn!,
          category: 'Early help',
          summary: `${delivery.label} ended: ${completionWords[completion]}`,
          detail: endNotes || null,
          event: chronologyEvents.programmeEnded,
        })
        await accessLog.record(ctx, 'update', PROGRAMME, [programmeDeliveryId], trx)
      })
    },

    /** The case page's view of the programmes; the caller has already been allowed to read the case. */
    async forCase(authorityId: string, episodeId: string) {
      const [rows, { model }] = await Promise.all([
        programmeSummariesOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      return {
        programmes: rows.map(row => ({
          programmeDeliveryId: row.programme_delivery_id,
          programme: row.programme,
          label: labelOf(model, row.programme),
          startedOn: row.started_on,
          endedOn: row.ended_on,
          completion: row.completion,
        })),
      }
    },
  }
}
