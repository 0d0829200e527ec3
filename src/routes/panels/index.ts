import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services/index.js'

/** Panel meetings: being written (issue 7). */
const panelRoutes: FastifyPluginAsync<{ services: Services }> = async (_app, _options) => {}

export default panelRoutes
