import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { roleLabels } from '../policies/index.js'
import type { Services } from '../services/index.js'
import { errorResponses, meSchema, ok } from './schemas.js'

/** Who the token acts as: a partner system's first call, to check it is set up right. */
const meRoutes: FastifyPluginAsyncZod<{ services: Services }> = async app => {
  app.get(
    '/me',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The user the API token acts as',
        tags: ['Account'],
        response: { 200: ok('The user, their role, team, area and authority', meSchema), 401: errorResponses[401] },
      },
    },
    async request => {
      const user = request.currentUser!
      return {
        userId: user.userId,
        displayName: user.displayName,
        email: user.email,
        role: user.role,
        roleLabel: roleLabels[user.role],
        authority: { name: user.authorityName, slug: user.authoritySlug },
        team: user.teamId && user.teamName ? { teamId: user.teamId, name: user.teamName } : null,
        area: user.areaId && user.areaName ? { areaId: user.areaId, name: user.areaName } : null,
      }
    },
  )
}

export default meRoutes
