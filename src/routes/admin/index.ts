import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services/index.js'
import practiceModelRoutes from './practiceModel.js'
import teamRoutes from './teams.js'
import userRoutes from './users.js'

/** Users, teams, areas and the practice model, for administrators. */
const adminRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  await app.register(userRoutes, { services })
  await app.register(teamRoutes, { services })
  await app.register(practiceModelRoutes, { services })
}

export default adminRoutes
