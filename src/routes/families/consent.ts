import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js'
import { parseFormWithDates, recordId, typedFormValues } from '../../lib/forms.js'
import { toGovukErrors, type GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import { familyToChange } from './chronology.js'
import { familyIdOf } from './params.js'
import {
  consentDate,
  consentFields,
  consentMethods,
  consentSchema,
  withdrawDate,
  withdrawFields,
  withdrawSchema,
} from './chronologySchemas.js'

type Values = Record<string, string | string[]>

const adultRoles = ['parent', 'carer', 'other adult']

const CONFLICT_MESSAGE =
  'Someone else changed this consent while you were working on it, so your change was not saved. ' +
  'What is saved now is shown below.'

/** Consent to share information: the family's consents, recording one and recording its withdrawal. */
const consentRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // The services authorise each record: the route only asks that someone is signed in.
  const config = { access: 'signedIn' } as const
  const consentIdOf = (params: unknown) => recordId((params as Record<string, string>).consentId)

  /**
   * Refuses (logged) a user who may not change the family's consent. Asked before the service's own check,
   * which runs inside its transaction: with PGlite's single connection, a refusal logged from in there waits
   * for the transaction that is waiting for it.
   */
  async function mayRecord(ctx: RequestContext, familyId: string) {
    const { canRecord } = await services.consent.ofFamily(ctx, familyId)
    if (!canRecord) {
      await services.accessLog.recordRefusal(ctx, 'family', familyId)
      throw new ForbiddenError()
    }
  }

  app.get('/families/:familyId/consent', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    const { consents, canRecord } = await services.consent.ofFamily(ctx, familyId)
    const { family } = await services.records.getFamily(ctx, familyId)
    const query = request.query as Record<string, unknown>
    return reply.view('families/consentList.njk', {
      family,
      consents,
      canRecord,
      banner: ['recorded', 'withdrawn'].find(flag => query[flag] === '1'),
    })
  })

  async function renderConsentForm(
    reply: FastifyReply,
    ctx: RequestContext,
    familyId: string,
    context: { status?: number; values: Values; errors?: GovukErrors },
  ) {
    const { family, members } = await familyToChange(services, ctx, familyId)
    // Any current member may give consent (a young person who understands what they agree to, for themselves).
    const current = members.filter(member => member.left_on === null && member.role !== 'unborn child')
    return reply.status(context.status ?? 200).view('families/consentForm.njk', {
      family,
      adults: current.filter(member => adultRoles.includes(member.role)),
      children: current.filter(member => !adultRoles.includes(member.role)),
      agencies: services.consent.agencies,
      purposes: services.consent.purposes,
      methods: consentMethods,
      values: context.values,
      errors: context.errors,
    })
  }

  app.get('/families/:familyId/consent/new', { config }, async (request, reply) =>
    renderConsentForm(reply, request.requestContext(), familyIdOf(request), { values: {} }),
  )

  app.post('/families/:familyId/consent', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    await mayRecord(ctx, familyId)
    try {
      const form = parseFormWithDates(consentSchema, request.body, [consentDate])
      await services.consent.record(ctx, familyId, {
        givenByPersonId: form.givenByPersonId,
        givenOn: form.dates.givenOn!,
        how: form.how,
        agencies: form.agencies,
        purposes: form.purposes,
      })
      return reply.redirect(`/families/${familyId}/consent?recorded=1`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return renderConsentForm(reply, ctx, familyId, {
        status: 400,
        values: typedFormValues(request.body),
        errors: toGovukErrors(error.errors, consentFields),
      })
    }
  })

  async function renderWithdraw(
    reply: FastifyReply,
    ctx: RequestContext,
    familyId: string,
    consentId: string,
    context: { status?: number; values?: Values; errors?: GovukErrors; conflict?: boolean } = {},
  ) {
    // Who may change the family is decided before anything of the consent is looked up.
    const { family } = await familyToChange(services, ctx, familyId)
    const { consents } = await services.consent.ofFamily(ctx, familyId)
    const consent = consents.find(row => row.consent_id === consentId)
    if (!consent) throw new NotFoundError()
    if (consent.withdrawn_on !== null && !context.conflict) {
      // Already withdrawn: there is nothing to do, and a form sent for it is a change someone else made first.
      if (context.status === undefined) return reply.redirect(`/families/${familyId}/consent`, 303)
      context = {
        ...context,
        status: 409,
        conflict: true,
        errors: toGovukErrors([{ field: 'saved', message: CONFLICT_MESSAGE }]),
      }
    }
    const values = context.conflict
      ? { ...context.values, version: String(consent.version) }
      : (context.values ?? { version: String(consent.version) })
    return reply.status(context.status ?? 200).view('families/consentWithdraw.njk', {
      family,
      consent,
      values,
      errors: context.errors,
      conflict: context.conflict,
    })
  }

  app.get('/families/:familyId/consent/:consentId/withdraw', { config }, async (request, reply) =>
    renderWithdraw(reply, request.requestContext(), familyIdOf(request), consentIdOf(request.params)),
  )

  app.post('/families/:familyId/consent/:consentId/withdraw', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    const consentId = consentIdOf(request.params)
    const values = typedFormValues(request.body)
    await mayRecord(ctx, familyId)
    try {
      const form = parseFormWithDates(withdrawSchema, request.body, [withdrawDate])
      await services.consent.withdraw(ctx, familyId, consentId, {
        version: form.version,
        withdrawnOn: form.dates.withdrawnOn!,
        reason: form.reason ?? null,
      })
      return reply.redirect(`/families/${familyId}/consent?withdrawn=1`, 303)
    } catch (error) {
      if (error instanceof ValidationError) {
        return renderWithdraw(reply, ctx, familyId, consentId, {
          status: 400,
          values,
          errors: toGovukErrors(error.errors, withdrawFields),
        })
      }
      if (error instanceof ConflictError) {
        // What is saved now is shown; if the consent is still in force the form keeps what was typed.
        return renderWithdraw(reply, ctx, familyId, consentId, {
          status: 409,
          values,
          errors: toGovukErrors([{ field: 'saved', message: CONFLICT_MESSAGE }]),
          conflict: true,
        })
      }
      throw error
    }
  })
}

export default consentRoutes
