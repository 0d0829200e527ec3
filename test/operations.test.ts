import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, loggerOptions } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { Agent, signedIn } from './agent.js'
import { buildTestApp, demoEmail, type TestApp } from './app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

describe('health', () => {
  it('answers 200 with the database reachable, without signing in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' })
  })
})

describe('security headers', () => {
  it('sends a Content Security Policy with a fresh nonce and no unsafe-inline, and the page uses the nonce', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/sign-in' })
    const second = await t.app.inject({ method: 'GET', url: '/sign-in' })
    const csp = String(first.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(first.body).toContain(`<script nonce="${nonce}">`)
    expect(second.headers['content-security-policy']).not.toContain(nonce)
    expect(first.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(first.headers['x-content-type-options']).toBe('nosniff')
    expect(first.headers['referrer-policy']).toBe('same-origin')
    expect(first.headers['cache-control']).toBe('no-store')
  })

  it('marks cookies Secure and sends HSTS when secure cookies are on', async () => {
    const secure = await buildTestApp({ SECURE_COOKIES: 'true' })
    try {
      const response = await secure.app.inject({ method: 'GET', url: '/sign-in' })
      expect(response.cookies.find(cookie => cookie.name === 'tandem_csrf')?.secure).toBe(true)
      expect(response.headers['strict-transport-security']).toContain('max-age=31536000')
    } finally {
      await secure.close()
    }
  })

  it('serves GOV.UK Frontend’s assets but nothing else from the package folders', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/assets/govuk/govuk-frontend.min.css' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/assets/fonts/bold-b542beb274-v2.woff2' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/assets/govuk/template.njk' })).statusCode).toBe(404)
  })
})

describe('requests', () => {
  it('returns a request id, taking a sensible one from the caller', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'lb-12345678' } })
    expect(given.headers['x-request-id']).toBe('lb-12345678')
    const made = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': '<script>' } })
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('gives a GOV.UK 404 page for an unknown address and for a malformed record id', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    for (const url of ['/no-such-page', '/families/not-a-uuid', '/people/123']) {
      const response = await agent.get(url)
      expect(response.statusCode, url).toBe(404)
      expect(response.body).toContain('Page not found')
      expect(response.body).toContain('govuk-template')
    }
  })

  it('answers a malformed form body with a 4xx page, never a 500', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: agent.cookieHeader, 'content-type': 'application/json' },
      payload: '{"email": ',
    })
    expect(response.statusCode).toBeGreaterThanOrEqual(400)
    expect(response.statusCode).toBeLessThan(500)
  })
})

describe('logs', () => {
  it('are JSON lines with request ids and carry no personal data: no query strings, emails, passwords or names', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean))
        done()
      },
    })
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info' })
    const app = await buildApp({
      config,
      services: t.services,
      clock: t.clock,
      secret: 'a-test-secret-that-is-long-enough-to-sign',
      logger: { ...(loggerOptions(config) as object), stream },
    })
    try {
      const agent = new Agent(app)
      const email = demoEmail('head_of_service', 'durham')
      await agent.signIn(email, 'a wrong password for the log')
      await agent.signIn(email)
      await agent.get('/access-log?person=Gowland')
      expect(lines.length).toBeGreaterThan(4)
      const entries = lines.map(line => JSON.parse(line) as Record<string, unknown>)
      expect(entries.some(entry => typeof entry.reqId === 'string')).toBe(true)
      const all = lines.join('\n')
      for (const secret of [
        email,
        'a wrong password for the log',
        'walnut-harbour-lantern',
        'Gowland',
        'Joanne Pattinson',
      ]) {
        expect(all).not.toContain(secret)
      }
      expect(all).toContain('"url":"/access-log"')
    } finally {
      await app.close()
    }
  })
})
