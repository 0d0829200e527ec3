import type { FastifyPluginAsync } from 'fastify'
import { idParam } from '../../lib/forms.js'
import type { Services } from '../../services/index.js'
import { labelsOf } from '../../services/requests.js'

/**
 * Early help episodes as the front door and panel open them: the open episodes a user's families have
 * (those waiting for a worker first for a manager), and one episode. The pathway issue builds the case page.
 */
const episodeRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/episodes', { config: { access: 'episodes:list' } }, async (request, reply) => {
    const unallocated = (request.query as Record<string, unknown>).unallocated === 'yes'
    const ctx = request.requestContext()
    const [episodes, { model }] = await Promise.all([
      services.episodes.list(ctx, { unallocated }),
      services.practiceModels.get(ctx.actor.authorityId),
    ])
    return reply.view('episodes/list.njk', { episodes, unallocated, model, labels: labelsOf(model) })
  })

  app.get('/episodes/:episodeId', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const found = await services.episodes.get(ctx, idParam(request.params, 'episodeId'))
    const { model } = await services.practiceModels.get(ctx.actor.authorityId)
    return reply.view('episodes/episode.njk', { ...found, model, labels: labelsOf(model) })
  })
}

export default episodeRoutes
