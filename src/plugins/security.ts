import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import helmet from '@fastify/helmet'
import session from '@fastify/session'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import type { Services } from '../services/index.js'

export const SESSION_COOKIE = 'tandem_session'

/** CSRF tokens are bound to the signed-in user, so a token from before sign-in is no good after it. */
export const csrfUserInfo = (request: FastifyRequest) => request.session?.userId ?? 'signed-out'
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Security headers (a CSP with per-request nonces and no 'unsafe-inline'), signed cookies, sessions in
 * PostgreSQL and a CSRF token checked on every state-changing request to the pages. The API takes
 * bearer tokens only, never cookies, so it needs no CSRF token.
 */
export default fp<{ config: Config; services: Services; secret: string }>(async (app, { config, services, secret }) => {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store')
    return payload
  })

  await app.register(cookie, { secret })
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/' }
  await app.register(session, {
    secret,
    cookieName: SESSION_COOKIE,
    cookie: cookieOptions,
    store: services.sessions.store,
    saveUninitialized: false,
    rolling: false,
  })
  await app.register(csrf, {
    cookieKey: 'tandem_csrf',
    csrfOpts: { hmacKey: secret },
    cookieOpts: { ...cookieOptions, signed: true },
    sessionPlugin: '@fastify/cookie',
    getUserInfo: csrfUserInfo,
    getToken: request => {
      const body = request.body as Record<string, unknown> | undefined
      const fromBody = typeof body?._csrf === 'string' ? body._csrf : undefined
      const fromHeader = request.headers['x-csrf-token']
      return fromBody ?? (typeof fromHeader === 'string' ? fromHeader : undefined)
    },
  })

  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafeMethods.has(request.method) || request.url.startsWith('/api/')) return done()
    app.csrfProtection(request, reply, done)
  })
})
