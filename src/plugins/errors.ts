import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError, ValidationError } from '../lib/errors.js'
import type { Services } from '../services/index.js'

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/')

/** An RFC 9457 problem body: what every API error answers with. */
export function sendProblem(reply: FastifyReply, status: number, title: string, detail?: string, extra: object = {}) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra })
}

const pageTitles: Record<number, string> = {
  400: 'There is a problem with your request',
  403: 'You do not have permission to view this page',
  404: 'Page not found',
  409: 'This record has changed',
  413: 'The file or form is too large',
  429: 'Too many requests',
  500: 'Sorry, there is a problem with the service',
}

function statusOf(error: FastifyError): number {
  if (error instanceof DomainError) return error.statusCode
  const status = error.statusCode ?? 500
  return status >= 400 && status < 600 ? status : 500
}

/**
 * One error handler: typed service errors and framework errors become a GOV.UK page (or a problem+json
 * body on the API). Nothing reaches the user as a stack trace; 5xx are logged in full, refusals noted.
 */
export default fp<{ services: Services }>(async (app, { services }) => {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = statusOf(error)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    else if (status === 403) request.log.warn({ code: error.code ?? error.name }, 'request refused')

    if (isApi(request)) {
      if (error instanceof ValidationError) {
        return sendProblem(reply, 400, 'Your request has problems', error.message, {
          // Where the GOV.UK error summary links to is the page's business, not the API's.
          errors: error.errors.map(({ anchor: _anchor, ...fieldError }) => fieldError),
        })
      }
      if (error.code === 'FST_ERR_VALIDATION') {
        return sendProblem(reply, 400, 'Your request has problems', error.message)
      }
      const title =
        status >= 500
          ? 'Internal server error'
          : error instanceof DomainError
            ? error.title
            : (pageTitles[status] ?? 'Error')
      return sendProblem(reply, status, title, status >= 500 ? undefined : error.message)
    }

    if (status === 401) {
      const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
      return reply.redirect(`/sign-in${returnTo}`, 303)
    }
    if (status === 403 && error.code?.startsWith('FST_CSRF') && request.currentUser) {
      await services.accessLog.recordRefusal(request.requestContext(), 'page', null).catch(() => undefined)
    }
    const csrfProblem = error.code?.startsWith('FST_CSRF') ?? false
    return reply.status(status).view('pages/error.njk', {
      status,
      title: pageTitles[status] ?? pageTitles[400],
      csrfProblem,
      conflict: status === 409,
    })
  })

  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request)) return sendProblem(reply, 404, 'Not found', 'There is nothing at this address')
    return reply.status(404).view('pages/error.njk', { status: 404, title: pageTitles[404] })
  })
})
