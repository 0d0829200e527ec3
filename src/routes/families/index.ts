import type { FastifyPluginAsync } from 'fastify'
import { pageNumber, recordId } from '../../lib/forms.js'
import type { Services } from '../../services/index.js'

const PAGE_SIZE = 50

/** Families and people: each view is authorised by the policy and written to the access log. */
const familyRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/families', { config: { access: 'families:list' } }, async (request, reply) => {
    const page = pageNumber((request.query as Record<string, unknown>).page)
    const families = await services.records.listFamilies(request.requestContext(), { page, pageSize: PAGE_SIZE })
    const pages = Math.max(1, Math.ceil(families.total / PAGE_SIZE))
    return reply.view('families/list.njk', { families, page, pages })
  })

  app.get('/families/:familyId', { config: { access: 'signedIn' } }, async (request, reply) => {
    const familyId = recordId((request.params as Record<string, string>).familyId)
    const { family, members, abilities } = await services.records.getFamily(request.requestContext(), familyId)
    return reply.view('families/family.njk', { family, members, abilities })
  })

  app.get('/people/:personId', { config: { access: 'signedIn' } }, async (request, reply) => {
    const personId = recordId((request.params as Record<string, string>).personId)
    const { person, families } = await services.records.getPerson(request.requestContext(), personId)
    return reply.view('families/person.njk', { person, families })
  })
}

export default familyRoutes
