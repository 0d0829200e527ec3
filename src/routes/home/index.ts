import type { FastifyPluginAsync } from 'fastify'
import { can } from '../../policies/index.js'
import type { Services } from '../../services/index.js'

const HOME_LIST_SIZE = 25

/** Each role's home page: the families they may see, the figures they may read, the pages they run. */
const homeRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/', { config: { access: 'signedIn' } }, async (request, reply) => {
    const user = request.currentUser!
    const ctx = request.requestContext()
    const [practiceModel, families, familiesPerArea, users, teams, queue] = await Promise.all([
      services.practiceModels.get(user.authorityId),
      can(user, 'families:list')
        ? services.records.listFamilies(ctx, { page: 1, pageSize: HOME_LIST_SIZE })
        : undefined,
      can(user, 'aggregates:read') ? services.records.familiesPerArea(ctx) : undefined,
      can(user, 'users:manage') ? services.staff.listUsers(ctx) : undefined,
      can(user, 'teams:manage') ? services.staff.listTeams(ctx) : undefined,
      can(user, 'frontDoor:queue') ? services.requests.queue(ctx, { areaId: null, urgency: null }) : undefined,
    ])
    return reply.view('home/home.njk', {
      words: {
        panel: practiceModel.model.panel.name,
        frontDoor: practiceModel.model.frontDoor.name,
        request: practiceModel.model.vocabulary.requestForSupport,
        area: practiceModel.model.areas.singular,
      },
      families,
      familiesPerArea,
      queue: queue && { waiting: queue.requests.length, overdue: queue.overdue, limit: queue.limit },
      activeUsers: users?.filter(u => u.active).length,
      inactiveUsers: users?.filter(u => !u.active).length,
      activeTeams: teams?.filter(t => t.active).length,
      moreFamilies: families ? families.total > families.rows.length : false,
    })
  })
}

export default homeRoutes
