import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Services } from '../services/index.js'
import { errorResponses, familyPageSchema, familySchema, idParams, ok, pageQuery, personSchema } from './schemas.js'

const ref = <K extends string>(key: K, id: string | null, name: string | null) =>
  id && name ? ({ [key]: id, name } as Record<K, string> & { name: string }) : null

/**
 * Families and people, through the same services as the pages: lists take the policy's scope, each
 * record is authorised after loading and every read is written to the access log.
 */
const recordRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/families',
    {
      config: { access: 'families:list' },
      schema: {
        summary: 'The families the token’s owner may see, a page at a time, by name',
        tags: ['Families'],
        querystring: pageQuery,
        response: {
          200: ok('A page of families', familyPageSchema),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async request => {
      const { page, pageSize } = request.query
      const { rows, total } = await services.records.listFamilies(request.requestContext(), { page, pageSize })
      return {
        items: rows.map(row => ({
          familyId: row.family_id,
          name: row.name,
          memberCount: Number(row.member_count ?? 0),
          team: ref('teamId', row.team_id, row.team_name),
          area: ref('areaId', row.area_id, row.area_name),
          updatedAt: row.updated_at.toISOString(),
        })),
        page,
        pageSize,
        total,
        totalPages: Math.ceil(total / pageSize),
      }
    },
  )

  app.get(
    '/families/:familyId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One family and its members',
        description: 'Refused (403) when the policy does not let the token’s owner see the family; logged either way.',
        tags: ['Families'],
        params: idParams.family,
        response: { 200: ok('The family; the read is logged', familySchema), ...errorResponses },
      },
    },
    async request => {
      const familyId = request.params.familyId.toLowerCase()
      const { family, members } = await services.records.getFamily(request.requestContext(), familyId)
      return {
        familyId: family.family_id,
        name: family.name,
        team: ref('teamId', family.team_id, family.team_name),
        area: ref('areaId', family.area_id, family.area_name),
        createdAt: family.created_at.toISOString(),
        updatedAt: family.updated_at.toISOString(),
        version: family.version,
        members: members.map(member => ({
          personId: member.person_id,
          givenName: member.given_name,
          familyName: member.family_name,
          dateOfBirth: member.date_of_birth,
          role: member.role,
          joinedOn: member.joined_on,
          leftOn: member.left_on,
        })),
      }
    },
  )

  app.get(
    '/people/:personId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One person and the families they belong to now',
        description: 'Refused (403) when the policy does not let the token’s owner see the person; logged either way.',
        tags: ['People'],
        params: idParams.person,
        response: { 200: ok('The person; the read is logged', personSchema), ...errorResponses },
      },
    },
    async request => {
      const personId = request.params.personId.toLowerCase()
      const { person, families } = await services.records.getPerson(request.requestContext(), personId)
      return {
        personId: person.person_id,
        givenName: person.given_name,
        familyName: person.family_name,
        dateOfBirth: person.date_of_birth,
        createdAt: person.created_at.toISOString(),
        updatedAt: person.updated_at.toISOString(),
        version: person.version,
        families: families.map(family => ({ familyId: family.family_id, name: family.name, role: family.role })),
      }
    },
  )
}

export default recordRoutes
