import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from './agent.js'
import { buildTestApp, demoEmail, type TestApp } from './app.js'
import { demoRecords } from './fixtures.js'

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(t.testDatabase.database.db, 'derby')
})
afterAll(() => t.close())

const logFor = (recordId: string) =>
  t.testDatabase.database.db
    .selectFrom('access_log')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('access_log_id')
    .execute()

describe('the access log', () => {
  it('records every view of a person: who, when, which record, what action and from where', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const person = derby.personIn(derby.ownTeamFamily.family_id)
    const first = await agent.get(`/people/${person.person_id}`)
    expect(first.statusCode).toBe(200)
    expect(first.body).toContain(person.given_name)
    t.clock.advanceMinutes(5)
    await agent.get(`/people/${person.person_id}`)
    const rows = await logFor(person.person_id)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({
      user_id: derby.user(demoEmail('practitioner', 'derby')).user_id,
      authority_id: derby.authority.authority_id,
      action: 'view',
      record_type: 'person',
      record_id: person.person_id,
      route: 'GET /people/:personId',
      ip: '127.0.0.1',
    })
    expect(rows[0]!.request_id).toEqual(expect.any(String))
    expect(rows[1]!.occurred_at.getTime() - rows[0]!.occurred_at.getTime()).toBe(5 * 60_000)
  })

  it('records a view of a family', async () => {
    const agent = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    await agent.get(`/families/${derby.ownTeamFamily.family_id}`)
    const rows = await logFor(derby.ownTeamFamily.family_id)
    expect(rows.at(-1)).toMatchObject({ action: 'view', record_type: 'family' })
  })

  it('shows the head of service every attempt to open a restricted record, and only those when asked', async () => {
    // Issue 6: everyone else neither finds nor opens a restricted record, and every attempt is logged for the head of service.
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const restricted = derby.restrictedFamily
    expect((await practitioner.get(`/families/${derby.ownTeamFamily.family_id}`)).statusCode).toBe(200)
    const attempt = await practitioner.get(`/families/${restricted.family_id}`)
    expect(attempt.statusCode).toBe(404)
    expect(attempt.body).not.toContain(restricted.name)
    const head = await signedIn(t.app, demoEmail('head_of_service', 'derby'))
    const log = await head.get('/access-log?restricted=yes')
    expect(log.statusCode).toBe(200)
    expect(log.body).toContain('restricted record')
    expect(log.body).toContain(`/families/${restricted.family_id}`)
    expect(log.body).toContain(derby.user(demoEmail('practitioner', 'derby')).display_name)
    // Only refusals on restricted records: the head of service's own view of the log is not among them.
    expect(log.body).not.toMatch(/>\s*View\s*</)
  })

  it('records a refused attempt against the record, and the refusal page shows nothing of it', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const person = derby.personIn(derby.otherTeamFamily.family_id)
    const response = await agent.get(`/people/${person.person_id}`)
    expect(response.statusCode).toBe(403)
    expect(response.body).not.toContain(person.given_name)
    expect(response.body).not.toContain(person.family_name)
    expect((await logFor(person.person_id)).at(-1)).toMatchObject({ action: 'refused', record_type: 'person' })
  })

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = t.testDatabase.database
    const before = await db
      .selectFrom('access_log')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(before.n).toBeGreaterThan(0)
    await expect(db.updateTable('access_log').set({ action: 'update' }).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('access_log').execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate access_log`.execute(db)).rejects.toThrow(/append-only/)
    const after = await db
      .selectFrom('access_log')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('lets a head of service search it by person and by user', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const person = derby.personIn(derby.ownTeamFamily.family_id)
    await practitioner.get(`/people/${person.person_id}`)
    await practitioner.get(`/families/${derby.ownTeamFamily.family_id}`)

    const head = await signedIn(t.app, demoEmail('head_of_service', 'derby'))
    const byPerson = await head.get(`/access-log?person=${encodeURIComponent(person.family_name)}`)
    expect(byPerson.statusCode).toBe(200)
    expect(byPerson.body).toContain('Priya Sandhu')
    expect(byPerson.body).toContain(`/people/${person.person_id}`)
    expect(byPerson.body).toContain(`/families/${derby.ownTeamFamily.family_id}`)

    const practitionerId = derby.user(demoEmail('practitioner', 'derby')).user_id
    const byUser = await head.get(`/access-log?userId=${practitionerId}`)
    expect(byUser.statusCode).toBe(200)
    expect(byUser.body).toContain('Refused')
    expect(byUser.body).not.toContain('Gareth Allsop (Team manager)</td>')
  })

  it('is refused to a practitioner, and the refusal itself is logged', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const response = await agent.get('/access-log')
    expect(response.statusCode).toBe(403)
    const rows = await t.testDatabase.database.db
      .selectFrom('access_log')
      .selectAll()
      .where('route', '=', 'GET /access-log')
      .where('action', '=', 'refused')
      .execute()
    expect(rows.length).toBeGreaterThan(0)
  })
})
