import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify'
import { parseForm, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import { restrictFields, restrictSchema } from './schemas.js'
import { submitForm } from './submit.js'

interface RestrictableRecord {
  name: string
  restriction: unknown
}

/**
 * Restricting a record and lifting its restriction: the same three routes for a family and for a
 * person. `guard` refuses (logged) anyone who may not restrict the record before anything is read.
 */
export function restrictionRoutes(
  app: FastifyInstance,
  services: Services,
  record: {
    type: 'family' | 'person'
    /** The record's address, with its id parameter: '/families/:familyId'. */
    path: string
    idOf: (request: FastifyRequest) => string
    hrefOf: (id: string) => string
    guard: RouteShorthandOptions
    load: (ctx: RequestContext, id: string) => Promise<RestrictableRecord>
  },
) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const ctx = request.requestContext()
    const id = record.idOf(request)
    const { name, restriction } = await record.load(ctx, id)
    return reply.status(status).view('families/restrict.njk', {
      record: { type: record.type, name, href: record.hrefOf(id) },
      restriction,
      staff: await services.staff.colleagues(ctx),
      values,
      errors,
    })
  }

  app.get(`${record.path}/restriction`, record.guard, async (request, reply) => render(request, reply, 200, {}))

  app.post(`${record.path}/restriction`, record.guard, async (request, reply) => {
    const id = record.idOf(request)
    return submitForm(
      reply,
      restrictFields,
      (status, errors) => render(request, reply, status, typedFormValues(request.body), errors),
      async () => {
        const form = parseForm(restrictSchema, request.body)
        await services.records.restrict(request.requestContext(), { type: record.type, id }, form)
        return `${record.hrefOf(id)}?restricted=1`
      },
    )
  })

  app.post(`${record.path}/restriction/lift`, record.guard, async (request, reply) => {
    const id = record.idOf(request)
    return submitForm(
      reply,
      [],
      (status, errors) => render(request, reply, status, {}, errors),
      async () => {
        await services.records.liftRestriction(request.requestContext(), { type: record.type, id })
        return `${record.hrefOf(id)}?lifted=1`
      },
    )
  })
}
