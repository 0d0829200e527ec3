import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services/index.js'

/** Users, teams and areas, for administrators. */
const adminRoutes: FastifyPluginAsync<{ services: Services }> = async () => {}

export default adminRoutes
