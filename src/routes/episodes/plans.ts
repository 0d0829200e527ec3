import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import {
  dateBoxes,
  dateParts,
  idParam,
  manyOf,
  parseFormWithDates,
  typedFormValues,
  versionField,
} from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import {
  actionStatusLabels,
  familyActionWords,
  familyOutcomeWords,
  outcomeStatusLabels,
  type WhoInput,
} from '../../services/plans.js'
import { submitForm } from '../families/submit.js'

type Values = Record<string, string | string[]>

const longText = (what: string) => z.string().trim().max(2000, `${what} must be 2,000 characters or fewer`).default('')

/** An outcome of the plan: SMART, linked to the needs the assessment identified. */
const outcomeSchema = z.strictObject({
  version: versionField,
  outcome: longText('What will be different'),
  measure: longText('How you will know'),
  ...dateParts('targetDate'),
  outcomeArea: z.string().trim().max(64).optional(),
  needIds: manyOf(50),
  status: z.string().trim().max(30).optional(),
})

/** An action towards an outcome: what, who, by when. */
const actionSchema = z.strictObject({
  version: versionField,
  outcomeKey: z.string().trim().max(64).optional(),
  action: longText('What will be done'),
  who: z.string().trim().max(80).optional(),
  whoName: z.string().trim().max(200, 'The name must be 200 characters or fewer').default(''),
  whoAgency: z.string().trim().max(200, 'The agency must be 200 characters or fewer').default(''),
  ...dateParts('byWhen'),
  status: z.string().trim().max(30).optional(),
})

const outcomeFieldOrder = ['outcome', 'measure', 'targetDate', 'outcomeArea', 'needIds', 'status']
const actionFieldOrder = ['outcomeKey', 'action', 'who', 'whoName', 'byWhen', 'status']

/** The who radio's value ("person:<id>", "user:<id>" or "other") as the service takes it. */
function whoOf(value: string | undefined, name: string, agency: string): WhoInput {
  if (!value) return null
  if (value === 'other') return { kind: 'other', name, agency: agency || null }
  const [kind, id] = value.split(':')
  if (kind === 'person' && id) return { kind: 'person', personId: id }
  if (kind === 'user' && id) return { kind: 'user', userId: id }
  return null
}

const whoValue = (who: { personId: string | null; userId: string | null }) =>
  who.personId ? `person:${who.personId}` : who.userId ? `user:${who.userId}` : 'other'

const labels = { outcomeStatusLabels, actionStatusLabels }

/**
 * The plan (issue 8): the version in force with its SMART outcomes and actions, the outcome and action forms, the
 * versions kept at each Team Around the Family review and what changed between them, and the family's printable
 * copy. The services authorise each request; POSTs authorise before reading the form.
 */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const config = { access: 'signedIn' } as const
  const planPath = (episodeId: string) => `/episodes/${episodeId}/plan`

  async function renderPlan(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    extra: { banner?: string; errors?: GovukErrors } = {},
  ) {
    const found = await services.plans.view(ctx, episodeId)
    return reply.status(status).view('episodes/plan.njk', { ...found, ...labels, ...extra })
  }

  app.get('/episodes/:episodeId/plan', { config }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const banner = ['created', 'outcomeAdded', 'outcomeChanged', 'actionAdded', 'actionChanged'].find(
      flag => query[flag] === '1',
    )
    return renderPlan(reply, request.requestContext(), idParam(request.params, 'episodeId'), 200, { banner })
  })

  app.post('/episodes/:episodeId/plan', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.plans.authorizeWork(ctx, episodeId)
    return submitForm(
      reply,
      ['plan'],
      (status, errors) => renderPlan(reply, ctx, episodeId, status, { errors }),
      async () => {
        await services.plans.create(ctx, episodeId)
        return `${planPath(episodeId)}?created=1`
      },
    )
  })

  // Outcomes ------------------------------------------------------------------------------------------------------

  async function renderOutcome(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    outcomeKey: string | null,
    status: number,
    values: Values,
    errors?: GovukErrors,
  ) {
    const form = await services.plans.outcomeForm(ctx, episodeId, outcomeKey)
    if (!form.plan) return reply.redirect(planPath(episodeId), 303)
    return reply.status(status).view('episodes/planOutcome.njk', { ...form, ...labels, values, errors })
  }

  app.get('/episodes/:episodeId/plan/outcomes/new', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const form = await services.plans.outcomeForm(ctx, episodeId, null)
    if (!form.plan) return reply.redirect(planPath(episodeId), 303)
    return renderOutcome(reply, ctx, episodeId, null, 200, { version: String(form.plan.version), needIds: [] })
  })

  app.get('/episodes/:episodeId/plan/outcomes/:outcomeKey', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const outcomeKey = idParam(request.params, 'outcomeKey')
    const { plan, outcome } = await services.plans.outcomeForm(ctx, episodeId, outcomeKey)
    return renderOutcome(reply, ctx, episodeId, outcomeKey, 200, {
      version: String(plan!.version),
      outcome: outcome!.outcome,
      measure: outcome!.measure ?? '',
      ...dateBoxes('targetDate', outcome!.targetDate),
      outcomeArea: outcome!.outcomeArea ?? '',
      needIds: outcome!.needs.map(need => need.needId),
      status: outcome!.status,
    })
  })

  /** Saves the outcome form: adds when there is no key, changes otherwise. */
  async function saveOutcome(
    request: { body: unknown },
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    outcomeKey: string | null,
  ) {
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      outcomeFieldOrder,
      async (status, errors, conflict) => {
        const form = await services.plans.outcomeForm(ctx, episodeId, outcomeKey)
        const current = conflict && form.plan ? { ...values, version: String(form.plan.version) } : values
        return renderOutcome(reply, ctx, episodeId, outcomeKey, status, current, errors)
      },
      async () => {
        const form = parseFormWithDates(outcomeSchema, request.body, [
          { name: 'targetDate', label: 'The target date', required: false },
        ])
        const input = {
          version: form.version,
          outcome: form.outcome,
          measure: form.measure,
          targetDate: form.dates.targetDate,
          outcomeArea: form.outcomeArea || null,
          needIds: form.needIds,
          status: form.status || null,
        }
        const saved = outcomeKey
          ? await services.plans.changeOutcome(ctx, episodeId, outcomeKey, input)
          : await services.plans.addOutcome(ctx, episodeId, input)
        return `${planPath(episodeId)}?${outcomeKey ? 'outcomeChanged' : 'outcomeAdded'}=1#outcome-${saved.outcomeKey}`
      },
    )
  }

  app.post('/episodes/:episodeId/plan/outcomes', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.plans.authorizeWork(ctx, episodeId)
    return saveOutcome(request, reply, ctx, episodeId, null)
  })

  app.post('/episodes/:episodeId/plan/outcomes/:outcomeKey', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.plans.authorizeWork(ctx, episodeId)
    return saveOutcome(request, reply, ctx, episodeId, idParam(request.params, 'outcomeKey'))
  })

  // Actions -------------------------------------------------------------------------------------------------------

  async function renderAction(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    actionKey: string | null,
    status: number,
    values: Values,
    errors?: GovukErrors,
  ) {
    const form = await services.plans.actionForm(ctx, episodeId, actionKey)
    if (!form.plan) return reply.redirect(planPath(episodeId), 303)
    return reply.status(status).view('episodes/planAction.njk', { ...form, ...labels, values, errors })
  }

  app.get('/episodes/:episodeId/plan/actions/new', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const form = await services.plans.actionForm(ctx, episodeId, null)
    if (!form.plan) return reply.redirect(planPath(episodeId), 303)
    const outcome = String((request.query as Record<string, unknown>).outcome ?? '')
    return renderAction(reply, ctx, episodeId, null, 200, {
      version: String(form.plan.version),
      outcomeKey: form.plan.outcomes.some(o => o.outcomeKey === outcome) ? outcome : '',
    })
  })

  app.get('/episodes/:episodeId/plan/actions/:actionKey', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const actionKey = idParam(request.params, 'actionKey')
    const { plan, action } = await services.plans.actionForm(ctx, episodeId, actionKey)
    return renderAction(reply, ctx, episodeId, actionKey, 200, {
      version: String(plan!.version),
      outcomeKey: action!.outcomeKey,
      action: action!.action,
      who: whoValue(action!.who),
      whoName: action!.who.personId || action!.who.userId ? '' : action!.who.name,
      whoAgency: action!.who.personId || action!.who.userId ? '' : (action!.who.agency ?? ''),
      ...dateBoxes('byWhen', action!.byWhen),
      status: action!.status,
    })
  })

  /** Saves the action form: adds when there is no key, changes otherwise. */
  async function saveAction(
    request: { body: unknown },
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    actionKey: string | null,
  ) {
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      actionFieldOrder,
      async (status, errors, conflict) => {
        const form = await services.plans.actionForm(ctx, episodeId, actionKey)
        const current = conflict && form.plan ? { ...values, version: String(form.plan.version) } : values
        return renderAction(reply, ctx, episodeId, actionKey, status, current, errors)
      },
      async () => {
        const form = parseFormWithDates(actionSchema, request.body, [
          { name: 'byWhen', label: 'The date it will be done by', required: false },
        ])
        const input = {
          version: form.version,
          outcomeKey: form.outcomeKey || null,
          action: form.action,
          who: whoOf(form.who, form.whoName, form.whoAgency),
          byWhen: form.dates.byWhen,
          status: form.status || null,
        }
        const saved = actionKey
          ? await services.plans.changeAction(ctx, episodeId, actionKey, input)
          : await services.plans.addAction(ctx, episodeId, input)
        return `${planPath(episodeId)}?${actionKey ? 'actionChanged' : 'actionAdded'}=1#action-${saved.actionKey}`
      },
    )
  }

  app.post('/episodes/:episodeId/plan/actions', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.plans.authorizeWork(ctx, episodeId)
    return saveAction(request, reply, ctx, episodeId, null)
  })

  app.post('/episodes/:episodeId/plan/actions/:actionKey', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.plans.authorizeWork(ctx, episodeId)
    return saveAction(request, reply, ctx, episodeId, idParam(request.params, 'actionKey'))
  })

  // Versions, the changes between them, and the family's copy ---------------------------------------------------

  app.get('/episodes/:episodeId/plan/versions/:planVersionId', { config }, async (request, reply) => {
    const found = await services.plans.version(
      request.requestContext(),
      idParam(request.params, 'episodeId'),
      idParam(request.params, 'planVersionId'),
    )
    return reply.view('episodes/planVersion.njk', { ...found, ...labels })
  })

  app.get('/episodes/:episodeId/plan/versions/:planVersionId/changes', { config }, async (request, reply) => {
    const found = await services.plans.changes(
      request.requestContext(),
      idParam(request.params, 'episodeId'),
      idParam(request.params, 'planVersionId'),
    )
    return reply.view('episodes/planChanges.njk', { ...found, ...labels })
  })

  app.get('/episodes/:episodeId/plan/print', { config }, async (request, reply) => {
    const found = await services.plans.familyCopy(request.requestContext(), idParam(request.params, 'episodeId'))
    return reply.view('episodes/planPrint.njk', { ...found, familyOutcomeWords, familyActionWords })
  })
}

export default routes
