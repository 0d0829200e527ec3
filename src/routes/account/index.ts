import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services/index.js'

/** Your account: password and API tokens. */
const accountRoutes: FastifyPluginAsync<{ services: Services }> = async () => {}

export default accountRoutes
