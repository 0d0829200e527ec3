import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const signInAttempts = (email: string) =>
  t.testDatabase.database.db
    .selectFrom('sign_in_attempt')
    .select(['outcome', 'user_id'])
    .where('email', '=', email)
    .orderBy('sign_in_attempt_id')
    .execute()

describe('sign in', () => {
  it('signs a demo user in and shows their name, role and authority on their home page', async () => {
    const agent = new Agent(t.app)
    const response = await agent.signIn(demoEmail('practitioner', 'derby'))
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/')
    const session = response.cookies.find(cookie => cookie.name === 'tandem_session')
    expect(session?.httpOnly).toBe(true)
    expect(session?.sameSite).toBe('Lax')
    const home = await agent.get('/')
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('Priya Sandhu')
    expect(home.body).toContain('Practitioner')
    expect(home.body).toContain('Derby City Council')
    expect(home.body).toContain('Your caseload')
  })

  it('sends a signed-out visitor to the sign-in page and back where they were going', async () => {
    const agent = new Agent(t.app)
    const response = await agent.get('/families')
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Ffamilies')
    await agent.get(response.headers.location as string)
    const signIn = await agent.post('/sign-in', {
      email: demoEmail('team_manager', 'durham'),
      password: 'walnut-harbour-lantern',
      returnTo: '/families',
    })
    expect(signIn.headers.location).toBe('/families')
  })

  it('never redirects off the site after sign-in', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const response = await agent.post('/sign-in', {
      email: demoEmail('practitioner', 'leeds'),
      password: 'walnut-harbour-lantern',
      returnTo: '//evil.example/',
    })
    expect(response.headers.location).toBe('/')
  })

  it('shows field errors and keeps the email typed when a field is missing', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const response = await agent.post('/sign-in', { email: 'someone@derby.tandem.example', password: '' })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Sign in')
    expect(response.body).toContain('href="#password">Enter your password</a>')
    expect(response.body).toContain('value="someone@derby.tandem.example"')
  })

  it('gives an unknown email the same message as a wrong password, and records both', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const wrong = await agent.post('/sign-in', {
      email: demoEmail('front_door', 'leeds'),
      password: 'not the right one at all',
    })
    const unknown = await agent.post('/sign-in', {
      email: 'nobody@leeds.tandem.example',
      password: 'not the right one at all',
    })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    const message = 'Enter a correct email address and password'
    expect(wrong.body).toContain(message)
    expect(unknown.body).toContain(message)
    expect(await signInAttempts(demoEmail('front_door', 'leeds'))).toEqual([
      { outcome: 'bad_credentials', user_id: expect.any(String) },
    ])
    expect(await signInAttempts('nobody@leeds.tandem.example')).toEqual([{ outcome: 'bad_credentials', user_id: null }])
  })

  it('throttles an account after five wrong passwords: the sixth is refused with a clear message, even if right', async () => {
    const email = demoEmail('panel_chair', 'derby')
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await agent.post('/sign-in', { email, password: `wrong password number ${attempt}` })
      expect(response.statusCode).toBe(401)
    }
    const sixth = await agent.post('/sign-in', { email, password: 'wrong password number 6' })
    expect(sixth.statusCode).toBe(429)
    expect(sixth.body).toContain('You have tried to sign in too many times. Wait 15 minutes, then try again.')
    const rightPassword = await agent.post('/sign-in', { email, password: 'walnut-harbour-lantern' })
    expect(rightPassword.statusCode).toBe(429)
    expect((await signInAttempts(email)).map(attempt => attempt.outcome)).toEqual([
      ...Array(5).fill('bad_credentials'),
      'throttled',
      'throttled',
    ])

    t.clock.advanceMinutes(16)
    const later = await agent.post('/sign-in', { email, password: 'walnut-harbour-lantern' })
    expect(later.statusCode).toBe(303)
  })

  it('throttles an unknown email in the same way, so throttling reveals nothing', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const email = 'ghost@durham.tandem.example'
    for (let attempt = 1; attempt <= 5; attempt++)
      await agent.post('/sign-in', { email, password: 'guessing again here' })
    const sixth = await agent.post('/sign-in', { email, password: 'guessing again here' })
    expect(sixth.statusCode).toBe(429)
  })

  it('refuses a deactivated user with the same message', async () => {
    const { db } = t.testDatabase.database
    const email = demoEmail('qa_auditor', 'durham')
    await db.updateTable('app_user').set({ active: false }).where('email', '=', email).execute()
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const response = await agent.post('/sign-in', { email, password: 'walnut-harbour-lantern' })
    expect(response.statusCode).toBe(401)
    expect(response.body).toContain('Enter a correct email address and password')
  })
})

describe('sessions', () => {
  it('ends a session after 30 minutes without activity', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'durham'))
    t.clock.advanceMinutes(29)
    expect((await agent.get('/')).statusCode).toBe(200)
    t.clock.advanceMinutes(29)
    expect((await agent.get('/')).statusCode).toBe(200)
    t.clock.advanceMinutes(31)
    const response = await agent.get('/')
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toMatch(/^\/sign-in/)
  })

  it('ends a session 12 hours after sign-in however active the user is', async () => {
    const agent = await signedIn(t.app, demoEmail('team_manager', 'leeds'))
    // Active every 25 minutes (inside the idle timeout) for 11 hours 40 minutes…
    for (let visit = 0; visit < 28; visit++) {
      t.clock.advanceMinutes(25)
      expect((await agent.get('/')).statusCode).toBe(200)
    }
    // …and 25 minutes later the 12 hours are up.
    t.clock.advanceMinutes(25)
    expect((await agent.get('/')).statusCode).toBe(303)
  })

  it('signs out: the session is gone from the database and the old cookie no longer works', async () => {
    const agent = await signedIn(t.app, demoEmail('head_of_service', 'leeds'))
    const oldCookie = agent.cookieHeader
    const response = await agent.post('/sign-out', {}, { from: '/' })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/sign-in?signedOut=1')
    const reuse = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: oldCookie } })
    expect(reuse.statusCode).toBe(303)
    expect((await agent.get('/sign-in?signedOut=1')).body).toContain('You have signed out.')
  })
})

describe('CSRF', () => {
  it('refuses a POST without a valid token with a 403 page, and changes nothing', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
    const before = await t.testDatabase.database.db.selectFrom('user_session').select('session_id').execute()
    const missing = await agent.post('/sign-out', {}, { csrf: false })
    expect(missing.statusCode).toBe(403)
    expect(missing.body).toContain('You do not have permission to view this page')
    expect(missing.body).toContain('nothing was changed')
    const forged = await agent.post('/sign-out', {}, { csrf: 'forged-token-value' })
    expect(forged.statusCode).toBe(403)
    const after = await t.testDatabase.database.db.selectFrom('user_session').select('session_id').execute()
    expect(after).toEqual(before)
    expect((await agent.get('/')).statusCode).toBe(200)
  })

  it('refuses a sign-in POST without a token', async () => {
    const agent = new Agent(t.app)
    const response = await agent.post(
      '/sign-in',
      { email: demoEmail('admin', 'derby'), password: 'walnut-harbour-lantern' },
      { csrf: false },
    )
    expect(response.statusCode).toBe(403)
  })
})
