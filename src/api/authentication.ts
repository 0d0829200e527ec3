import type { onRequestAsyncHookHandler } from 'fastify'
import { ForbiddenError, UnauthenticatedError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { Services } from '../services/index.js'

const BEARER = /^Bearer +([\w-]{1,200})\s*$/i
const REALM = 'Bearer realm="Tandem API"'

/**
 * Enforces each API route's declared access with the personal API token in `Authorization: Bearer`.
 * Cookies and sessions count for nothing here. Runs before the request is validated, so a caller
 * without a token learns nothing, not even which ids are well formed.
 */
export function bearerAuthentication(services: Services): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const access = request.routeOptions.config.access
    if (access === 'public') return
    const header = request.headers.authorization
    const token = header ? BEARER.exec(header)?.[1] : undefined
    const user = token ? await services.apiTokens.authenticate(token) : undefined
    if (!user) {
      // RFC 6750 §3: say the scheme; say "invalid_token" only when one was sent. Never which check failed.
      reply.header('WWW-Authenticate', header ? `${REALM}, error="invalid_token"` : REALM)
      throw new UnauthenticatedError(
        header
          ? 'The API token is not valid: it may be mistyped, revoked or expired, or its owner’s account closed'
          : 'Send a personal API token in the header Authorization: Bearer tdm_…',
      )
    }
    request.currentUser = user
    if (access && access !== 'signedIn' && !can(user, access)) {
      await services.accessLog.recordRefusal(request.requestContext(), 'page', null)
      throw new ForbiddenError()
    }
  }
}
