import { insertChronologyEntry, listChronology, type ChronologyEntryRow } from '../data/chronology.js'
import type { Executor } from '../data/database.js'
import { membersOf } from '../data/people.js'
import { ValidationError, type FieldError } from '../lib/errors.js'
import { todayIn } from '../lib/dates.js'
import { can } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import type { RequestContext, ServiceDeps } from './context.js'
import type { RecordAccess } from './recordAccess.js'

/** What a chronology entry can be about (003 action plan 3.10: a chronology on every case, kept up to date). */
export const chronologyCategories = [
  'Family life',
  'Health',
  'Education',
  'Housing',
  'Police and community safety',
  'Safeguarding',
  'Social care',
  'Early help',
  'Consent',
  'Other',
] as const
export type ChronologyCategory = (typeof chronologyCategories)[number]

/** The events the system writes to the chronology itself; later issues add theirs here. */
export const chronologyEvents = {
  familyCreated: 'family created',
  joinedFamily: 'joined family',
  leftFamily: 'left family',
  movedAddress: 'moved address',
  consentGiven: 'consent given',
  consentWithdrawn: 'consent withdrawn',
  recordsMerged: 'records merged',
  requestReceived: 'request received',
  frontDoorDecision: 'front door decision',
  referredToSocialCare: 'referred to social care',
  panelDecision: 'panel decision',
  episodeOpened: 'episode opened',
  levelChanged: 'level of need changed',
  allocated: 'worker allocated',
  agreementSigned: 'early help agreement signed',
  assessmentSubmitted: 'assessment submitted',
  assessmentApproved: 'assessment approved',
  assessmentReturned: 'assessment returned',
  toolCompleted: 'progression tool completed',
  cseScreened: 'cse screening recorded',
  safeguardingAction: 'safeguarding action recorded',
  feedbackAnswered: 'how was it for you answered',
  tafPlanned: 'team around the family meeting planned',
  tafHeld: 'team around the family meeting held',
  tafCancelled: 'team around the family meeting cancelled',
  tafOverridden: 'team around the family meeting allowed to go ahead',
  planCreated: 'plan created',
  planReviewed: 'plan reviewed',
  sessionRecorded: 'session recorded',
  visitFrequencyAgreed: 'visit frequency agreed',
  programmeStarted: 'programme started',
  programmeEnded: 'programme ended',
  oversightRecorded: 'management oversight recorded',
} as const
export type ChronologyEvent = (typeof chronologyEvents)[keyof typeof chronologyEvents]

export interface ManualEntryInput {
  occurredOn: string
  category: string
  summary: string
  detail: string | null
  source: string | null
  personIds: string[]
}

/** The chronology: significant events in date order, written by the system's own events and added to by hand. */
export function createChronologyService(
  { database, clock }: ServiceDeps,
  accessLog: ReturnType<typeof createAccessLogService>,
  access: RecordAccess,
) {
  const { db } = database

  return {
    categories: chronologyCategories,

    /** Writes a system event in the transaction of the change it records. */
    async recordEvent(
      ex: Executor,
      ctx: RequestContext,
      entry: Omit<ChronologyEntryRow, 'kind' | 'event' | 'detail' | 'source'> & {
        event: ChronologyEvent
        detail?: string | null
      },
    ) {
      await insertChronologyEntry(ex, {
        authorityId: ctx.actor.authorityId,
        entry: { ...entry, detail: entry.detail ?? null, source: 'Tandem', kind: 'system' },
        by: ctx.actor.userId,
        at: clock.now(),
      })
    },

    /** A family's chronology, optionally for one person or one category; logged as a view of the family. */
    async ofFamily(ctx: RequestContext, familyId: string, filter: { personId?: string; category?: string } = {}) {
      const { family, resource } = await access.family(ctx, familyId, 'family:read')
      const entries = await listChronology(db, ctx.actor.authorityId, { familyId }, filter)
      await accessLog.record(ctx, 'view', 'family', [familyId])
      return { family, entries, canAdd: can(ctx.actor, 'family:update', resource) }
    },

    /** A person's chronology across every family they have been part of that the user may see. */
    async ofPerson(ctx: RequestContext, personId: string, filter: { category?: string } = {}) {
      const { person, memberships } = await access.person(ctx, personId, 'person:read')
      // Entries written in a family the user may not see (a past household, another team's) stay hidden.
      const families = await access.familyResources(ctx.actor.authorityId, memberships)
      const visible = new Set(families.filter(family => can(ctx.actor, 'family:read', family)).map(f => f.familyId))
      const entries = (await listChronology(db, ctx.actor.authorityId, { personId }, filter)).filter(
        entry => entry.family_id === null || visible.has(entry.family_id),
      )
      await accessLog.record(ctx, 'view', 'person', [personId])
      return { person, entries }
    },

    /** Adds a significant event by hand; the people named must be members of the family. */
    async addEntry(ctx: RequestContext, familyId: string, input: ManualEntryInput) {
      await access.family(ctx, familyId, 'family:update')
      const members = (await membersOf(db, ctx.actor.authorityId, familyId)).map(member => member.person_id)
      const errors: FieldError[] = []
      const today = todayIn(clock.now())
      if (input.occurredOn > today)
        errors.push({ field: 'occurredOn', message: 'The date must be today or in the past' })
      if (!(chronologyCategories as readonly string[]).includes(input.category)) {
        errors.push({ field: 'category', message: 'Select what the event is about' })
      }
      if (input.personIds.some(personId => !members.includes(personId))) {
        errors.push({ field: 'personIds', message: 'Select people who are members of this family' })
      }
      if (errors.length > 0) throw new ValidationError(errors)
      return access.transaction(async trx => {
        const entryId = await insertChronologyEntry(trx, {
          authorityId: ctx.actor.authorityId,
          entry: { ...input, familyId, kind: 'manual', event: null },
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await accessLog.record(ctx, 'create', 'chronology_entry', [entryId], trx)
        return entryId
      })
    },
  }
}
