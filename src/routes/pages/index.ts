import type { FastifyPluginAsync } from 'fastify'

/** The footer's pages, open to everyone. */
const pageRoutes: FastifyPluginAsync = async app => {
  for (const page of ['accessibility', 'cookies', 'privacy'] as const) {
    app.get(`/${page}`, { config: { access: 'public' } }, async (_request, reply) => reply.view(`pages/${page}.njk`))
  }
}

export default pageRoutes
