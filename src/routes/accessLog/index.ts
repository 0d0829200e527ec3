import type { FastifyPluginAsync } from 'fastify'
import { z } from 'zod'
import { pageNumber } from '../../lib/forms.js'
import type { Services } from '../../services/index.js'

const PAGE_SIZE = 50

const searchSchema = z.object({
  person: z.string().trim().max(100).optional().catch(undefined),
  userId: z.uuid().optional().catch(undefined),
  restricted: z.literal('yes').optional().catch(undefined),
  page: z.unknown().optional(),
})

/** The access log, searched by a person's name or by a user: for heads of service and administrators. */
const accessLogRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/access-log', { config: { access: 'accessLog:search' } }, async (request, reply) => {
    const query = searchSchema.parse(request.query ?? {})
    const page = pageNumber(query.page)
    const searched = Boolean(query.person || query.userId || query.restricted)
    const result = await services.accessLog.search(request.requestContext(), {
      ...(query.person ? { personName: query.person } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.restricted ? { restrictedOnly: true } : {}),
      page,
      pageSize: PAGE_SIZE,
    })
    const params = new URLSearchParams({
      ...(query.person ? { person: query.person } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.restricted ? { restricted: 'yes' } : {}),
    })
    return reply.view('accessLog/accessLog.njk', { ...result, query, page, searched, baseQuery: params.toString() })
  })
}

export default accessLogRoutes
