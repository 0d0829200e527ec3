import fp from 'fastify-plugin'
import { can, type Capability } from '../policies/index.js'
import type { CurrentUser, RequestContext, Services } from '../services/index.js'
import { ForbiddenError, UnauthenticatedError } from '../lib/errors.js'

/** Who may reach a route: anyone, any signed-in user, or holders of a capability. */
export type Access = 'public' | 'signedIn' | Capability

/** A registered route and who may reach it: the permission-matrix test and the docs read this list. */
export interface RouteEntry {
  method: string
  url: string
  access: Access
}

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: RouteEntry[]
  }
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    currentUser?: CurrentUser
    /** The actor and where the request came from, for services and the access log. */
    requestContext(): RequestContext
  }
}

/**
 * Loads the signed-in user from the session and enforces each page route's declared access. Every
 * route, pages and API alike, must declare it: a route without `config.access` fails at start-up, so
 * none is open by accident. The API enforces the same declaration with its bearer-token user.
 */
export default fp<{ services: Services }>(async (app, { services }) => {
  app.decorateRequest('currentUser', undefined)
  app.decorateRequest('requestContext', function (this) {
    const user = this.currentUser
    if (!user) throw new UnauthenticatedError()
    return {
      actor: {
        userId: user.userId,
        authorityId: user.authorityId,
        role: user.role,
        teamId: user.teamId,
        areaId: user.areaId,
      },
      ip: this.ip,
      requestId: String(this.id),
      route: `${this.method} ${this.routeOptions.url ?? this.url}`,
    }
  })

  const catalogue: RouteEntry[] = []
  app.decorate('routeCatalogue', catalogue)
  app.addHook('onRoute', route => {
    if (route.url.startsWith('/assets/')) return
    const access = route.config?.access
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`)
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') catalogue.push({ method, url: route.url, access })
    }
  })

  app.addHook('preHandler', async request => {
    if (request.url.startsWith('/api/')) return
    const { userId, authorityId } = request.session
    if (!userId || !authorityId) return
    const user = await services.auth.currentUser(authorityId, userId)
    if (!user) {
      await request.session.destroy()
      return
    }
    request.currentUser = user
    services.sessions.touch(request.session)
  })

  app.addHook('preHandler', async request => {
    const access = request.routeOptions.config?.access
    if (request.url.startsWith('/api/') || !access || access === 'public') return
    if (!request.currentUser) throw new UnauthenticatedError()
    if (access !== 'signedIn' && !can(request.currentUser, access)) {
      await services.accessLog.recordRefusal(request.requestContext(), 'page', null)
      throw new ForbiddenError()
    }
  })
})
