import { join } from 'node:path'
import fp from 'fastify-plugin'
import nunjucks from 'nunjucks'
import type { Config } from '../config.js'
import { ageOn, formatDate, formatDateTime } from '../lib/dates.js'
import { labelOf, type CodedValue } from '../lib/dfeCodes.js'
import { formatNhsNumber } from '../lib/identifiers.js'
import { relationshipWords } from '../lib/relationships.js'
import type { RelationshipType } from '../data/schema.js'
import { capabilities, roleLabels } from '../policies/index.js'
import type { CurrentUser } from '../services/index.js'
import { navigationFor } from './navigation.js'
import { plural } from '../lib/words.js'
import { csrfUserInfo } from './security.js'
import { govukFrontendDir, mojFrontendDir, srcDir } from './paths.js'

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a Nunjucks template with the layout's context (user, navigation, CSRF token, CSP nonce). */
    view(template: string, context?: Record<string, unknown>): FastifyReply
  }
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
  env.addFilter(
    'codeLabel',
    (code: string | null | undefined, list: readonly CodedValue[]) => labelOf(list, code) ?? '',
  )
  env.addFilter('nhsNumber', (value: string | null | undefined) => (value ? formatNhsNumber(value) : ''))
  env.addFilter('joinPresent', (parts: unknown[], separator = ', ') =>
    parts.filter(part => typeof part === 'string' && part.trim() !== '').join(separator),
  )
  env.addFilter('relationshipWords', (type: RelationshipType) => relationshipWords[type] ?? type)
  env.addFilter('plural', plural)
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
      today: now(),
    })
    return this.type('text/html; charset=utf-8').send(html)
  })
})
