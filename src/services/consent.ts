import { consentsOf, insertConsent, withdrawConsent, type ConsentDetails } from '../data/consent.js'
import { membersOf } from '../data/people.js'
import { todayIn } from '../lib/dates.js'
import { ConflictError, ValidationError, type FieldError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import { chronologyEvents, type createChronologyService } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import type { RecordAccess } from './recordAccess.js'

/** The agencies a family may agree to share with, and what for (the request and pathway issues gate steps on them). */
export const consentAgencies = [
  'Early help',
  'Schools and education',
  'Health',
  'Police',
  'Children’s social care',
  'Housing',
  'Voluntary and community sector',
  'Adult services',
] as const
export const consentPurposes = [
  'Assessing the family’s needs',
  'Working together in a Team Around the Family',
  'Referring to another service',
  'Checking what other agencies know',
] as const

/** Consent to share information: who gave it, when, for which agencies and purposes, and when it was withdrawn. */
export function createConsentService(
  { database, clock }: ServiceDeps,
  accessLog: ReturnType<typeof createAccessLogService>,
  access: RecordAccess,
  chronology: ReturnType<typeof createChronologyService>,
) {
  const { db } = database

  function inForce(consent: { given_on: string; withdrawn_on: string | null }, on: string) {
    return consent.given_on <= on && (consent.withdrawn_on === null || consent.withdrawn_on > on)
  }

  return {
    agencies: consentAgencies,
    purposes: consentPurposes,

    /** Every consent recorded for the family, newest first, each marked in force or not today. */
    async ofFamily(ctx: RequestContext, familyId: string) {
      const { resource } = await access.family(ctx, familyId, 'family:read')
      const today = todayIn(clock.now())
      const consents = await consentsOf(db, ctx.actor.authorityId, familyId)
      return {
        consents: consents.map(consent => ({ ...consent, inForce: inForce(consent, today) })),
        canRecord: can(ctx.actor, 'family:update', resource),
      }
    },

    async record(ctx: RequestContext, familyId: string, consent: ConsentDetails) {
      const today = todayIn(clock.now())
      const errors: FieldError[] = []
      if (consent.givenOn > today) errors.push({ field: 'givenOn', message: 'The date must be today or in the past' })
      if (consent.agencies.length === 0)
        errors.push({ field: 'agencies', message: 'Select the agencies the family agreed to share with' })
      if (consent.purposes.length === 0)
        errors.push({ field: 'purposes', message: 'Select what the information may be shared for' })
      if (consent.agencies.some(agency => !(consentAgencies as readonly string[]).includes(agency))) {
        errors.push({ field: 'agencies', message: 'Select agencies from the list' })
      }
      if (consent.purposes.some(purpose => !(consentPurposes as readonly string[]).includes(purpose))) {
        errors.push({ field: 'purposes', message: 'Select purposes from the list' })
      }
      return access.transaction(async trx => {
        await access.family(ctx, familyId, 'family:update', trx)
        const members = await membersOf(trx, ctx.actor.authorityId, familyId)
        const giver = members.find(member => member.person_id === consent.givenByPersonId && member.left_on === null)
        if (!giver) errors.push({ field: 'givenByPersonId', message: 'Select the family member who gave consent' })
        if (errors.length > 0) throw new ValidationError(errors)
        const consentId = await insertConsent(trx, {
          authorityId: ctx.actor.authorityId,
          familyId,
          consent,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await chronology.recordEvent(trx, ctx, {
          familyId,
          personIds: [consent.givenByPersonId],
          occurredOn: consent.givenOn,
          category: 'Consent',
          summary: `${giver!.given_name} ${giver!.family_name} gave ${consent.how} consent to share with ${consent.agencies.join(', ')}`,
          event: chronologyEvents.consentGiven,
        })
        await accessLog.record(ctx, 'create', 'consent', [consentId], trx)
        return consentId
      })
    },

    async withdraw(
      ctx: RequestContext,
      familyId: string,
      consentId: string,
      input: { version: number; withdrawnOn: string; reason: string | null },
    ) {
      if (input.withdrawnOn > todayIn(clock.now())) {
        throw new ValidationError([{ field: 'withdrawnOn', message: 'The date must be today or in the past' }])
      }
      await access.transaction(async trx => {
        await access.family(ctx, familyId, 'family:update', trx)
        const consent = (await consentsOf(trx, ctx.actor.authorityId, familyId)).find(c => c.consent_id === consentId)
        if (!consent)
          throw new ValidationError([{ field: 'consentId', message: 'Select a consent recorded for this family' }])
        if (input.withdrawnOn < consent.given_on) {
          throw new ValidationError([
            { field: 'withdrawnOn', message: 'The date must be on or after the day consent was given' },
          ])
        }
        const withdrawn = await withdrawConsent(trx, {
          authorityId: ctx.actor.authorityId,
          familyId,
          consentId,
          version: input.version,
          withdrawnOn: input.withdrawnOn,
          reason: input.reason,
          by: ctx.actor.userId,
        })
        if (!withdrawn) throw new ConflictError()
        await chronology.recordEvent(trx, ctx, {
          familyId,
          personIds: [consent.given_by_person_id],
          occurredOn: input.withdrawnOn,
          category: 'Consent',
          summary: `${consent.given_name} ${consent.family_name} withdrew consent to share with ${consent.agencies.join(', ')}`,
          event: chronologyEvents.consentWithdrawn,
        })
        await accessLog.record(ctx, 'update', 'consent', [consentId], trx)
      })
    },
  }
}
