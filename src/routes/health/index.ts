import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services/index.js'

/** For the load balancer: 200 when the database answers, 503 when it does not. */
const healthRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/health', { config: { access: 'public' } }, async (_request, reply) => {
    const database = await services.health.databaseReachable()
    return reply
      .status(database ? 200 : 503)
      .send({ status: database ? 'ok' : 'unavailable', database: database ? 'ok' : 'unreachable' })
  })
}

export default healthRoutes
