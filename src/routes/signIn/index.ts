import type { FastifyPluginAsync } from 'fastify'
import { ValidationError } from '../../lib/errors.js'
import { parseForm } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import type { Services } from '../../services/index.js'
import { signInFields, signInSchema } from './schemas.js'

/** Only a path on this site: never another host (no open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/'
}

const BAD_CREDENTIALS = 'Enter a correct email address and password'

const signInRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const throttledMessage = (minutes: number) =>
    `You have tried to sign in too many times. Wait ${minutes} minutes, then try again.`

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    if (request.currentUser) return reply.redirect(safeReturnTo(query.returnTo), 303)
    return reply.view('signIn/signIn.njk', {
      values: { returnTo: safeReturnTo(query.returnTo) },
      signedOut: query.signedOut === '1',
    })
  })

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const values = { email: typeof body.email === 'string' ? body.email : '', returnTo: safeReturnTo(body.returnTo) }
    try {
      const form = parseForm(signInSchema, body)
      const result = await services.auth.signIn(form.email, form.password, request.ip)
      if (result.outcome === 'signed_in') {
        await request.session.regenerate()
        services.sessions.begin(request.session, result)
        request.log.info({ event: 'sign_in', userId: result.userId }, 'signed in')
        return reply.redirect(values.returnTo, 303)
      }
      request.log.warn({ event: 'sign_in_refused', outcome: result.outcome }, 'sign-in refused')
      const throttled = result.outcome === 'throttled'
      const message = throttled ? throttledMessage(services.auth.throttleMinutes) : BAD_CREDENTIALS
      return reply
        .status(throttled ? 429 : 401)
        .view('signIn/signIn.njk', { values, errors: toGovukErrors([{ field: 'email', message }], signInFields) })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return reply.status(400).view('signIn/signIn.njk', { values, errors: toGovukErrors(error.errors, signInFields) })
    }
  })

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.currentUser) request.log.info({ event: 'sign_out', userId: request.currentUser.userId }, 'signed out')
    await request.session.destroy()
    reply.clearCookie('tandem_session', { path: '/' })
    return reply.redirect('/sign-in?signedOut=1', 303)
  })
}

export default signInRoutes
