import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, signedIn } from '../../../test/agent.js'
import { buildTestApp, DEMO_PASSWORD, demoEmail, TEST_START, type TestApp } from '../../../test/app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const db = () => t.testDatabase.database.db
const tokenOnPage = (body: string) => /data-testid="api-token">(tdm_[\w-]+)</.exec(body)?.[1]
const revokeActions = (body: string) =>
  [...body.matchAll(/action="\/account\/api-tokens\/([0-9a-f-]{36})\/revoke"/g)].map(match => match[1]!)

describe('your account', () => {
  it('shows your details and links to your password and API tokens', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const response = await agent.get('/account')
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('<title>Your account – Tandem – Derby City Council</title>')
    for (const text of [
      'Priya Sandhu',
      'practitioner@derby.tandem.example',
      'Practitioner',
      'Derby City Council',
      'Multi-Agency Team',
    ]) {
      expect(response.body).toContain(text)
    }
    expect(response.body).toContain('href="/account/password"')
    expect(response.body).toContain('href="/account/api-tokens"')
    expect(response.body).not.toContain('You have changed your password')
  })

  it('sends a signed-out visitor to sign in', async () => {
    for (const url of ['/account', '/account/password', '/account/api-tokens']) {
      const response = await new Agent(t.app).get(url)
      expect(response.statusCode).toBe(303)
      expect(response.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`)
    }
  })
})

describe('changing your password', () => {
  const change = (agent: Agent, form: Record<string, string>) =>
    agent.post('/account/password', form, { from: '/account/password' })

  it('changes it: the new password signs in, the old one no longer does', async () => {
    const email = demoEmail('practitioner', 'durham')
    const elsewhere = await signedIn(t.app, email)
    const agent = await signedIn(t.app, email)
    const newPassword = 'copper-meadow-thistle-42'
    const response = await change(agent, {
      currentPassword: DEMO_PASSWORD,
      newPassword,
      confirmPassword: newPassword,
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/account?passwordChanged=1')
    const account = await agent.get(response.headers.location as string)
    expect(account.body).toContain('govuk-notification-banner--success')
    expect(account.body).toContain('You have changed your password')

    expect((await new Agent(t.app).signIn(email, DEMO_PASSWORD)).statusCode).toBe(401)
    expect((await new Agent(t.app).signIn(email, newPassword)).statusCode).toBe(303)

    // Signed out everywhere else; still signed in here; the change is in the access log.
    expect((await elsewhere.get('/')).statusCode).toBe(303)
    expect((await agent.get('/')).statusCode).toBe(200)
    const logged = await t.testDatabase.database.db
      .selectFrom('access_log')
      .select(['action', 'record_type', 'route'])
      .where('route', '=', 'POST /account/password')
      .execute()
    expect(logged).toEqual([{ action: 'update', record_type: 'user', route: 'POST /account/password' }])
  })

  it.each([
    [
      'a wrong current password',
      {
        currentPassword: 'not-my-password-at-all',
        newPassword: 'copper-meadow-thistle',
        confirmPassword: 'copper-meadow-thistle',
      },
      'currentPassword',
      'Your current password is not right',
    ],
    [
      'a common new password',
      { currentPassword: DEMO_PASSWORD, newPassword: 'leavemealone', confirmPassword: 'leavemealone' },
      'newPassword',
      'Password is too common',
    ],
    [
      'a new password under 12 characters',
      { currentPassword: DEMO_PASSWORD, newPassword: 'short-one', confirmPassword: 'short-one' },
      'newPassword',
      'Password must be 12 characters or more',
    ],
    [
      'a confirmation that does not match',
      {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'copper-meadow-thistle',
        confirmPassword: 'copper-meadow-thistles',
      },
      'confirmPassword',
      'The new passwords do not match',
    ],
    [
      'a missing current password',
      { currentPassword: '', newPassword: 'copper-meadow-thistle', confirmPassword: 'copper-meadow-thistle' },
      'currentPassword',
      'Enter your current password',
    ],
  ])('refuses %s with a 400 and the field’s error, echoing no password', async (_label, form, field, message) => {
    const agent = await signedIn(t.app, demoEmail('team_manager', 'leeds'))
    const response = await change(agent, form)
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Change your password')
    expect(response.body).toMatch(new RegExp(`<a href="#${field}">${message}`))
    expect(response.body).toContain(`id="${field}-error"`)
    for (const value of Object.values(form)) if (value) expect(response.body).not.toContain(value)
    // Nothing changed: the demo password still signs in.
    expect((await new Agent(t.app).signIn(demoEmail('team_manager', 'leeds'))).statusCode).toBe(303)
  })

  it('lists every missing field in form order', async () => {
    const agent = await signedIn(t.app, demoEmail('panel_chair', 'leeds'))
    const response = await change(agent, {})
    expect(response.statusCode).toBe(400)
    const links = [...response.body.matchAll(/<a href="#(\w+)">/g)].map(match => match[1])
    expect(links).toEqual(['currentPassword', 'newPassword', 'confirmPassword'])
  })

  it('refuses a form without its CSRF token and changes nothing', async () => {
    const agent = await signedIn(t.app, demoEmail('partner', 'leeds'))
    const response = await agent.post(
      '/account/password',
      {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'copper-meadow-thistle',
        confirmPassword: 'copper-meadow-thistle',
      },
      { csrf: false },
    )
    expect(response.statusCode).toBe(403)
    expect((await new Agent(t.app).signIn(demoEmail('partner', 'leeds'))).statusCode).toBe(303)
  })
})

describe('API tokens', () => {
  it('creates a token and shows it once, uncached; the list shows only its start', async () => {
    const agent = await signedIn(t.app, demoEmail('head_of_service', 'derby'))
    const page = await agent.get('/account/api-tokens')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('You have no API tokens.')
    expect(page.body).toMatch(/value="90" checked/)

    const created = await agent.post('/account/api-tokens', { name: 'Case sync', expiresInDays: '365' })
    expect(created.statusCode).toBe(201)
    expect(created.headers['cache-control']).toBe('no-store')
    expect(created.body).toContain('API token created')
    expect(created.body).toContain('This is the only time the token will be shown')
    const token = tokenOnPage(created.body)!
    expect(token).toMatch(/^tdm_[\w-]{40,}$/)
    expect(created.body).toContain('23 November 2027')

    const list = await agent.get('/account/api-tokens')
    expect(list.body).not.toContain(token)
    expect(list.body).toContain(`${token.slice(0, 10)}…`)
    expect(list.body).toContain('Case sync')
    expect(list.body).toContain('Never used')
    expect(list.body).toContain('Active')

    const row = await db()
      .selectFrom('api_token')
      .select(['name', 'token_hash', 'expires_at'])
      .where('name', '=', 'Case sync')
      .executeTakeFirstOrThrow()
    expect(row.token_hash).not.toContain(token)
    expect(row.expires_at?.toISOString()).toBe('2027-11-23T09:00:00.000Z')
  })

  it('refuses a token without a name or an expiry, keeping what was chosen', async () => {
    const agent = await signedIn(t.app, demoEmail('front_door', 'derby'))
    const response = await agent.post(
      '/account/api-tokens',
      { name: '  ', expiresInDays: '30' },
      { from: '/account/api-tokens' },
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: API tokens')
    expect(response.body).toContain('<a href="#name">Enter a name for the token</a>')
    expect(response.body).toMatch(/value="30" checked/)

    const noExpiry = await agent.post('/account/api-tokens', { name: 'Reports', expiresInDays: '7' })
    expect(noExpiry.statusCode).toBe(400)
    expect(noExpiry.body).toContain('<a href="#expiresInDays">Select when the token expires</a>')
    expect(noExpiry.body).toContain('value="Reports"')

    const unknownField = await agent.post('/account/api-tokens', { name: 'Reports', expiresInDays: '30', userId: 'x' })
    expect(unknownField.statusCode).toBe(400)
    expect(await db().selectFrom('api_token').select('name').where('name', '=', 'Reports').execute()).toEqual([])
  })

  it('revokes a token: a banner, its status, and no revoke button for it any more', async () => {
    const agent = await signedIn(t.app, demoEmail('panel_chair', 'derby'))
    await agent.post(
      '/account/api-tokens',
      { name: 'Old laptop', expiresInDays: 'never' },
      { from: '/account/api-tokens' },
    )
    const list = await agent.get('/account/api-tokens')
    expect(list.body).toContain('Never')
    const [tokenId] = revokeActions(list.body)
    expect(tokenId).toBeDefined()

    const revoked = await agent.post(`/account/api-tokens/${tokenId}/revoke`)
    expect(revoked.statusCode).toBe(303)
    expect(revoked.headers.location).toBe('/account/api-tokens?revoked=1')
    const after = await agent.get(revoked.headers.location as string)
    expect(after.body).toContain('You have revoked the API token')
    expect(after.body).toContain('Revoked')
    expect(revokeActions(after.body)).toEqual([])

    expect((await agent.post(`/account/api-tokens/${tokenId}/revoke`)).statusCode).toBe(404)
    expect((await agent.post('/account/api-tokens/not-an-id/revoke')).statusCode).toBe(404)
  })

  it("cannot revoke someone else's token: 404, and their token still works", async () => {
    const owner = await signedIn(t.app, demoEmail('qa_auditor', 'derby'))
    const created = await owner.post(
      '/account/api-tokens',
      { name: 'Audit export', expiresInDays: '30' },
      { from: '/account/api-tokens' },
    )
    const token = tokenOnPage(created.body)!
    const [tokenId] = revokeActions((await owner.get('/account/api-tokens')).body)

    const other = await signedIn(t.app, demoEmail('performance_analyst', 'derby'))
    expect(revokeActions((await other.get('/account/api-tokens')).body)).toEqual([])
    expect((await other.post(`/account/api-tokens/${tokenId}/revoke`)).statusCode).toBe(404)
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
    expect(me.statusCode).toBe(200)
  })

  it('shows a token past its expiry as expired', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
    await agent.post(
      '/account/api-tokens',
      { name: 'Short lived', expiresInDays: '30' },
      { from: '/account/api-tokens' },
    )
    try {
      t.clock.advanceDays(31)
      const later = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
      const list = await later.get('/account/api-tokens')
      expect(list.body).toContain('Expired')
      expect(revokeActions(list.body)).toEqual([])
    } finally {
      t.clock.set(TEST_START)
    }
  })

  it('refuses a revoke without its CSRF token', async () => {
    const agent = await signedIn(t.app, demoEmail('admin', 'leeds'))
    await agent.post(
      '/account/api-tokens',
      { name: 'Admin script', expiresInDays: '30' },
      { from: '/account/api-tokens' },
    )
    const [tokenId] = revokeActions((await agent.get('/account/api-tokens')).body)
    expect((await agent.post(`/account/api-tokens/${tokenId}/revoke`, {}, { csrf: false })).statusCode).toBe(403)
    expect(revokeActions((await agent.get('/account/api-tokens')).body)).toEqual([tokenId])
  })
})
