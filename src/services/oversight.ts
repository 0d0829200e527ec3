import { allocationsOf, childrenOf } from '../data/episodes.js'
import { insertOversightEntry, latestOversightOf, oversightEntriesOf } from '../data/oversight.js'
import { oversightKinds, type OversightKind } from '../data/schema.js'
import { findUser } from '../data/staff.js'
import { formatDate, todayIn } from '../lib/dates.js'
import { ValidationError, type FieldError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { RecordType } from './accessLog.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'

/** The access log's name for an oversight entry (widened until accessLog.ts lists it). */
const OVERSIGHT = 'oversight' as string as RecordType

export { oversightKinds }

export interface OversightInput {
  heldOn: string | null
  kind: string | null
  reflection: string
  decisions: string
  actions: string
  byWhen: string | null
}

/** Whole days from one ISO date to a later one. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000)

/** "today", "yesterday", "12 days ago". */
export const daysAgo = (days: number) => (days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`)

/**
 * Working the case: management oversight and supervision of the case (issue 8). 003 §5 found "just over half of
 * cases were rated as good for management oversight" and a case that "had not had supervision in first 2
 * months" (action plan 3.6): the last oversight is shown on the case, and its absence is a warning.
 */
export function createOversightService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology } = deps

  return {
    /**
     * The case's oversight entries, newest first, for everyone who sees the case (the worker reads the manager's
     * decisions), with how long ago the last was, or how long the case has gone without any since allocation.
     */
    async list(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const [entries, allocations] = await Promise.all([
        oversightEntriesOf(db, authorityId, episodeId),
        allocationsOf(db, authorityId, episodeId),
      ])
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      if (entries.length > 0)
        await accessLog.record(
          ctx,
          'view',
          OVERSIGHT,
          entries.map(entry => entry.oversight_entry_id),
        )
      const today = todayIn(clock.now())
      const lastOn = entries[0]?.held_on ?? null
      const allocatedOn = allocations.map(allocation => allocation.allocated_on).sort()[0] ?? null
      return {
        episode,
        entries,
        lastOn,
        lastDaysAgo: lastOn ? daysAgo(daysBetween(lastOn, today)) : null,
        allocatedOn,
        allocatedDaysAgo: allocatedOn ? daysAgo(daysBetween(allocatedOn, today)) : null,
        canRecord: can(ctx.actor, 'episode:oversee', resource) && episode.status === 'open',
      }
    },

    /** Refuses (logged) a user who may not oversee the case: asked before a form is read. */
    async authorizeOversee(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:oversee')
    },

    /** What the recording form needs, for a manager who oversees the case. */
    async recordForm(ctx: RequestContext, episodeId: string) {
      const { episode } = await access.episode(ctx, episodeId, 'episode:oversee')
      return { episode, kinds: oversightKinds, today: todayIn(clock.now()) }
    },

    /**
     * A manager records supervision, a case discussion or a case review of the case: reflection, decisions and
     * actions by when (001 §4: managers look at "The quality of the plan; Whether there is drift in the case").
     * Entries are not edited: a later entry corrects an earlier one.
     */
    async record(ctx: RequestContext, episodeId: string, input: OversightInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:oversee')
      const today = todayIn(clock.now())
      const actions = input.actions.trim()
      const errors: FieldError[] = []
      if (episode.status !== 'open')
        errors.push({ field: 'heldOn', anchor: 'heldOn-day', message: 'The episode is closed' })
      else if (!input.heldOn)
        errors.push({ field: 'heldOn', anchor: 'heldOn-day', message: 'Enter the date of the oversight' })
      else if (input.heldOn > today)
        errors.push({ field: 'heldOn', anchor: 'heldOn-day', message: 'The date must be today or in the past' })
      else if (input.heldOn < episode.opened_on)
        errors.push({
          field: 'heldOn',
          anchor: 'heldOn-day',
          message: `The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`,
        })
      if (!oversightKinds.includes(input.kind as OversightKind))
        errors.push({ field: 'kind', message: 'Select the kind of oversight' })
      if (!input.reflection.trim()) errors.push({ field: 'reflection', message: 'Enter your reflection on the case' })
      if (!input.decisions.trim()) errors.push({ field: 'decisions', message: 'Enter the decisions made' })
      if (actions && !input.byWhen)
        errors.push({ field: 'byWhen', anchor: 'byWhen-day', message: 'Enter the date the actions are to be done by' })
      else if (input.byWhen && !actions)
        errors.push({ field: 'actions', message: 'Enter the actions, or leave the date they are due by empty' })
      else if (input.byWhen && input.heldOn && input.byWhen < input.heldOn)
        errors.push({
          field: 'byWhen',
          anchor: 'byWhen-day',
          message: 'The date the actions are due by must be on or after the date of the oversight',
        })
      if (errors.length > 0) throw new ValidationError(errors)
      const kind = input.kind as OversightKind
      const manager = await findUser(db, authorityId, ctx.actor.userId)
      return access.transaction(async trx => {
        const oversightEntryId = await insertOversightEntry(trx, {
          authorityId,
          episodeId,
          heldOn: input.heldOn!,
          kind,
          reflection: input.reflection.trim(),
          decisions: input.decisions.trim(),
          actions: actions || null,
          byWhen: actions ? input.byWhen : null,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        const children = await childrenOf(trx, authorityId, episodeId)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: input.heldOn!,
          category: 'Early help',
          summary: `Management oversight (${kind})${manager ? ` by ${manager.display_name}` : ''}`,
          detail:
            `Decisions: ${input.decisions.trim()}` +
            (actions ? `\nActions by ${formatDate(input.byWhen)}: ${actions}` : ''),
          event: chronologyEvents.oversightRecorded,
        })
        await accessLog.record(ctx, 'create', OVERSIGHT, [oversightEntryId], trx)
        return oversightEntryId
      })
    },

    /** The case page's view of oversight; the caller has already been allowed to read the case. */
    async forCase(authorityId: string, episodeId: string) {
      const { latest, count } = await latestOversightOf(db, authorityId, episodeId)
      return {
        lastOn: latest?.held_on ?? null,
        count,
        latest: latest
          ? {
              heldOn: latest.held_on,
              kind: latest.kind,
              decisions: latest.decisions,
              byName: latest.recorded_by_name,
            }
          : null,
      }
    },
  }
}
