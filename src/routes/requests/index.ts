import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { dateBoxes, idParam, parseForm, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import { submitForm } from '../families/submit.js'
import {
  decisionFields,
  decisionInputFrom,
  decisionSchema,
  linkSchema,
  parseRequest,
  requestFields,
  SUBJECT_ROWS,
} from './schemas.js'

type Values = Record<string, string | string[]>
const requestIdOf = (request: FastifyRequest) => idParam(request.params, 'requestId')
const query = (request: FastifyRequest) => request.query as Record<string, unknown>
const optionalId = (value: unknown) => (typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? value : null)

/**
 * Requests for support (Derby), referrals (Durham) and conversations (Leeds): making one, the partner's
 * view of its outcome, the front door's queue, linking to the family's records and the decision.
 */
const requestRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const signedIn = { access: 'signedIn' } as const

  async function renderRequestForm(
    reply: FastifyReply,
    ctx: RequestContext,
    status: number,
    context: { values: Values; errors?: GovukErrors },
  ) {
    const familyId = optionalId(context.values.familyId)
    const form = await services.requests.newForm(ctx, familyId)
    return reply.status(status).view('requests/form.njk', { ...form, rows: SUBJECT_ROWS, ...context })
  }

  app.get('/requests/new', { config: { access: 'requests:create' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const { model } = await services.practiceModels.get(ctx.actor.authorityId)
    const asked = query(request).kind
    const kind =
      asked === 'step_down' || asked === 'conversation' || asked === 'request'
        ? asked
        : model.wayIn.kind === 'conversation'
          ? 'conversation'
          : 'request'
    const familyId = optionalId(query(request).familyId)
    const { today } = await services.requests.newForm(ctx, familyId)
    return renderRequestForm(reply, ctx, 200, {
      values: {
        kind,
        ...(familyId ? { familyId } : {}),
        ...dateBoxes('receivedOn', today),
        urgency: 'routine',
      },
    })
  })

  app.post('/requests', { config: { access: 'requests:create' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      requestFields,
      (status, errors) => renderRequestForm(reply, ctx, status, { values, errors }),
      async () => {
        const requestId = await services.requests.submit(ctx, parseRequest(request.body))
        return `/requests/${requestId}?submitted=1`
      },
    )
  })

  app.get('/requests', { config: { access: 'requests:create' } }, async (request, reply) => {
    const mine = await services.requests.mine(request.requestContext())
    return reply.view('requests/mine.njk', mine)
  })

  app.get('/requests/:requestId', { config: signedIn }, async (request, reply) => {
    const found = await services.requests.get(request.requestContext(), requestIdOf(request))
    const banner = ['submitted', 'linked', 'decided'].find(flag => query(request)[flag] === '1')
    return reply.view('requests/request.njk', { ...found, banner })
  })

  // Linking to the family's records: the duplicate check for each person the request is about.
  async function renderLink(
    reply: FastifyReply,
    ctx: RequestContext,
    requestId: string,
    status: number,
    context: { values: Values; errors?: GovukErrors },
  ) {
    const { request, subjects } = await services.requests.candidates(ctx, requestId)
    const families = new Map<string, { family_id: string; name: string }>()
    for (const { matches } of subjects)
      for (const match of matches) for (const family of match.families) families.set(family.family_id, family)
    return reply
      .status(status)
      .view('requests/link.njk', { request, subjects, families: [...families.values()], ...context })
  }

  app.get('/requests/:requestId/link', { config: signedIn }, async (request, reply) => {
    const ctx = request.requestContext()
    const requestId = requestIdOf(request)
    const { request: found } = await services.requests.candidates(ctx, requestId)
    return renderLink(reply, ctx, requestId, 200, { values: { version: String(found.version) } })
  })

  app.post('/requests/:requestId/link', { config: signedIn }, async (request, reply) => {
    const ctx = request.requestContext()
    const requestId = requestIdOf(request)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      ['familyId'],
      (status, errors) => renderLink(reply, ctx, requestId, status, { values, errors }),
      async () => {
        const form = parseForm(linkSchema, request.body) as Record<string, unknown> & {
          version: number
          familyId: string | null
        }
        const people: Record<number, string> = {}
        for (const [key, value] of Object.entries(form)) {
          const match = /^person-(\d+)$/.exec(key)
          if (match && typeof value === 'string' && value) people[Number(match[1])] = value
        }
        await services.requests.link(ctx, requestId, form.version, { people, familyId: form.familyId ?? '' })
        return `/requests/${requestId}?linked=1`
      },
    )
  })

  async function renderDecision(
    reply: FastifyReply,
    ctx: RequestContext,
    requestId: string,
    status: number,
    context: { values: Values; errors?: GovukErrors; conflict?: boolean },
  ) {
    const form = await services.requests.decisionForm(ctx, requestId)
    return reply.status(status).view('requests/decision.njk', { ...form, ...context })
  }

  app.get('/requests/:requestId/decision', { config: signedIn }, async (request, reply) => {
    const ctx = request.requestContext()
    const requestId = requestIdOf(request)
    const { request: found } = await services.requests.decisionForm(ctx, requestId)
    return renderDecision(reply, ctx, requestId, 200, {
      values: { version: String(found.version), ...(found.area_id ? { areaId: found.area_id } : {}) },
    })
  })

  app.post('/requests/:requestId/decision', { config: signedIn }, async (request, reply) => {
    const ctx = request.requestContext()
    const requestId = requestIdOf(request)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      decisionFields,
      async (status, errors, conflict) => {
        const { request: found } = await services.requests.decisionForm(ctx, requestId)
        const kept = conflict ? { ...values, version: String(found.version) } : values
        return renderDecision(reply, ctx, requestId, status, { values: kept, errors, conflict })
      },
      async () => {
        const form = parseForm(decisionSchema, request.body)
        await services.requests.decide(ctx, requestId, form.version, decisionInputFrom(form))
        return `/requests/${requestId}?decided=1`
      },
    )
  })

  app.get('/front-door', { config: { access: 'frontDoor:queue' } }, async (request, reply) => {
    const { areaId, urgency } = query(request)
    const filters = {
      areaId: optionalId(areaId),
      urgency: urgency === 'urgent' || urgency === 'routine' ? (urgency as 'urgent' | 'routine') : null,
    }
    const queue = await services.requests.queue(request.requestContext(), filters)
    return reply.view('requests/frontDoor.njk', { ...queue, filters })
  })

  app.get('/front-door/figures', { config: { access: 'frontDoor:figures' } }, async (request, reply) => {
    const { from, to } = query(request)
    const ctx = request.requestContext()
    const figures = await services.requests.figures(ctx, { from: realDate(from), to: realDate(to) })
    const { model } = await services.practiceModels.get(ctx.actor.authorityId)
    return reply.view('requests/figures.njk', { figures, model })
  })
}

/** An ISO date from the address that is a real day (not 30 February), or null. */
function realDate(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const date = new Date(`${value}T12:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null
}

export default requestRoutes
