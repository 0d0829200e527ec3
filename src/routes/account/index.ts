import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { ValidationError } from '../../lib/errors.js'
import { parseForm, recordId } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import type { Services } from '../../services/index.js'
import { MIN_PASSWORD_LENGTH } from '../../services/passwords.js'
import { passwordFields, passwordSchema, tokenExpiryChoices, tokenFields, tokenSchema } from './schemas.js'

const DEFAULT_EXPIRY = '90'

/** Your account: your details, your password and your personal API tokens. */
const accountRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/account', { config: { access: 'signedIn' } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    return reply.view('account/account.njk', { passwordChanged: query.passwordChanged === '1' })
  })

  const passwordPage = (reply: FastifyReply, context: Record<string, unknown> = {}) =>
    reply.view('account/password.njk', { minPasswordLength: MIN_PASSWORD_LENGTH, ...context })

  app.get('/account/password', { config: { access: 'signedIn' } }, async (_request, reply) => passwordPage(reply))

  app.post('/account/password', { config: { access: 'signedIn' } }, async (request, reply) => {
    try {
      const form = parseForm(passwordSchema, request.body)
      await services.auth.changePassword(request.requestContext(), {
        currentPassword: form.currentPassword,
        newPassword: form.newPassword,
        keepSessionId: request.session.sessionId,
      })
      request.log.info({ event: 'password_changed', userId: request.currentUser?.userId }, 'password changed')
      return reply.redirect('/account?passwordChanged=1', 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      // Passwords are never sent back to the browser, not even the ones that were right.
      return passwordPage(reply.status(400), { errors: toGovukErrors(error.errors, passwordFields) })
    }
  })

  const tokensPage = async (reply: FastifyReply, context: Record<string, unknown>) => {
    const tokens = await services.apiTokens.list(reply.request.requestContext())
    return reply.view('account/apiTokens.njk', { tokens, expiryChoices: tokenExpiryChoices, ...context })
  }

  app.get('/account/api-tokens', { config: { access: 'apiTokens:manage' } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    return tokensPage(reply, { values: { expiresInDays: DEFAULT_EXPIRY }, revoked: query.revoked === '1' })
  })

  app.post('/account/api-tokens', { config: { access: 'apiTokens:manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    try {
      const form = parseForm(tokenSchema, body)
      const created = await services.apiTokens.create(request.requestContext(), form)
      // The token is shown this once: never stored by a browser or a proxy, never put in a redirect.
      return reply
        .status(201)
        .header('Cache-Control', 'no-store')
        .view('account/tokenCreated.njk', { name: form.name, token: created.token, expiresAt: created.expiresAt })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const values = {
        name: typeof body.name === 'string' ? body.name : '',
        expiresInDays: typeof body.expiresInDays === 'string' ? body.expiresInDays : undefined,
      }
      return tokensPage(reply.status(400), { values, errors: toGovukErrors(error.errors, tokenFields) })
    }
  })

  app.post(
    '/account/api-tokens/:apiTokenId/revoke',
    { config: { access: 'apiTokens:manage' } },
    async (request, reply) => {
      const apiTokenId = recordId((request.params as Record<string, string>).apiTokenId)
      await services.apiTokens.revoke(request.requestContext(), apiTokenId)
      return reply.redirect('/account/api-tokens?revoked=1', 303)
    },
  )
}

export default accountRoutes
