import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services/index.js'
import teamRoutes from './teams.js'
import userRoutes from './users.js'

/** Users, teams and areas, for administrators. */
const adminRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  await app.register(userRoutes, { services })
  await app.register(teamRoutes, { services })
}

export default adminRoutes
