import formbody from '@fastify/formbody'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { randomUUID } from 'node:crypto'
import apiRoutes from './api/index.js'
import type { Config } from './config.js'
import type { Clock } from './lib/clock.js'
import assets from './plugins/assets.js'
import auth from './plugins/auth.js'
import errors from './plugins/errors.js'
import security from './plugins/security.js'
import views from './plugins/views.js'
import accessLogRoutes from './routes/accessLog/index.js'
import accountRoutes from './routes/account/index.js'
import adminRoutes from './routes/admin/index.js'
import familyRoutes from './routes/families/index.js'
import requestRoutes from './routes/requests/index.js'
import panelRoutes from './routes/panels/index.js'
import episodeRoutes from './routes/episodes/index.js'
import healthRoutes from './routes/health/index.js'
import homeRoutes from './routes/home/index.js'
import pageRoutes from './routes/pages/index.js'
import searchRoutes from './routes/search/index.js'
import signInRoutes from './routes/signIn/index.js'
import familyFeedbackRoutes from './routes/feedback/index.js'
import type { Services } from './services/index.js'

export interface AppOptions {
  config: Config
  services: Services
  clock: Clock
  /** Signs session and CSRF cookies. */
  secret: string
  logger?: FastifyServerOptions['logger']
}

/** Structured JSON logs with request ids; no query strings, bodies or cookies, so no personal data. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false
  return {
    level: config.logLevel,
    serializers: {
      req: request => ({ id: request.id, method: request.method, url: request.url.split('?')[0] }),
      res: reply => ({ statusCode: reply.statusCode }),
    },
  }
}

/** Builds the whole application: one set-up call per concern, then the routes, then 404 and errors. */
export async function buildApp({ config, services, clock, secret, logger }: AppOptions) {
  const app = Fastify({
    logger: logger ?? loggerOptions(config),
    trustProxy: config.trustProxy,
    genReqId: request => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID()
    },
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
  })
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Request-Id', request.id)
    return payload
  })

  await app.register(formbody)
  await app.register(errors, { services })
  await app.register(security, { config, services, secret })
  await app.register(auth, { services })
  await app.register(views, { config, now: () => clock.now() })
  await app.register(assets)

  await app.register(healthRoutes, { services })
  await app.register(pageRoutes)
  await app.register(signInRoutes, { services })
  await app.register(familyFeedbackRoutes, { services })
  await app.register(homeRoutes, { services })
  await app.register(familyRoutes, { services })
  await app.register(requestRoutes, { services })
  await app.register(panelRoutes, { services })
  await app.register(episodeRoutes, { services })
  await app.register(searchRoutes, { services })
  await app.register(accessLogRoutes, { services })
  await app.register(accountRoutes, { services })
  await app.register(adminRoutes, { services })
  await app.register(apiRoutes, { prefix: '/api/v1', services })

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
