import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../services/index.js'

/** /api/v1: the same services as the pages, JSON in and out, described by OpenAPI. */
const apiRoutes: FastifyPluginAsync<{ services: Services }> = async () => {}

export default apiRoutes
