import { join } from 'node:path'
import fp from 'fastify-plugin'
import nunjucks from 'nunjucks'
import type { Config } from '../config.js'
import { capabilities, roleLabels } from '../policies/index.js'
import type { CurrentUser } from '../services/index.js'
import { navigationFor } from './navigation.js'
import { csrfUserInfo } from './security.js'
import { govukFrontendDir, mojFrontendDir, srcDir } from './paths.js'

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a Nunjucks template with the layout's context (user, navigation, CSRF token, CSP nonce). */
    view(template: string, context?: Record<string, unknown>): FastifyReply
  }
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
})

/** "14 March 2015" from a Date or an ISO date string. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return ''
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value
  return dateFormat.format(date)
}

/** "14 Mar 2015, 09:30" in UK time. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return ''
  return dateTimeFormat.format(typeof value === 'string' ? new Date(value) : value)
}

/** Age in whole years on a given day, from an ISO date of birth. */
export function ageOn(dateOfBirth: string | null | undefined, on: Date): number | undefined {
  if (!dateOfBirth) return undefined
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number]
  let age = on.getUTCFullYear() - year
  if (on.getUTCMonth() + 1 < month || (on.getUTCMonth() + 1 === month && on.getUTCDate() < day)) age -= 1
  return age
}

/** Nunjucks set up once: our views and journeys, GOV.UK Frontend and MoJ Frontend; autoescape on. */
export default fp<{ config: Config; now: () => Date }>(async (app, { config, now }) => {
  const env = nunjucks.configure([join(srcDir, 'views'), join(srcDir, 'routes'), govukFrontendDir, mojFrontendDir], {
    autoescape: true,
    throwOnUndefined: false,
    noCache: config.env === 'development',
  })
  env.addFilter('date', formatDate)
  env.addFilter('dateTime', formatDateTime)
  env.addFilter('age', (dateOfBirth: string | null) => ageOn(dateOfBirth, now()))
  env.addFilter('roleLabel', (role: keyof typeof roleLabels) => roleLabels[role] ?? role)
  env.addGlobal('serviceName', 'Tandem')

  app.decorateReply('view', function (this, template: string, context: Record<string, unknown> = {}) {
    const request = this.request
    const user: CurrentUser | undefined = request.currentUser
    const html = env.render(template, {
      ...context,
      currentUser: user,
      roleLabel: user ? roleLabels[user.role] : undefined,
      can: user ? capabilities(user) : {},
      navigation: user ? navigationFor(user, request.url) : [],
      csrfToken: this.generateCsrf({ userInfo: csrfUserInfo(request) }),
      cspNonce: this.cspNonce?.script,
      currentPath: request.url.split('?')[0],
    })
    return this.type('text/html; charset=utf-8').send(html)
  })
})
