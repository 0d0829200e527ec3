import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { allocateToPractitioner, apiTokenFor, demoRecords, frontDoorRecords } from '../../../test/fixtures.js'

// 'How Was It for You?' (issue 9 acceptance 2). 000_d6fbec82994b68a9.txt: "All families are surveyed during our
// intervention and at the end of it using a locally devised tool 'How Was It for You?'". 003_e9f5ab6753ae1fa9.txt §2
// counts those "treated with respect", whom "workers listened to" and who were "helped with identified issues"; action
// 1.1: "where families do not want to complete HWIFY, workers should gather verbal feedback … written onto a How Was
// it for You form by the worker". DESIGN §2: a family member with no account answers "through a one-time link".

let t: TestApp
let episodeId: string
let mother: { person_id: string; given_name: string; family_name: string }

const db = () => t.testDatabase.database.db
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const on = async (day: string, role = 'practitioner') => {
  t.clock.set(`${day}T10:00:00Z`)
  return signedIn(t.app, demoEmail(role, 'derby'))
}
const answers = () =>
  db().selectFrom('family_feedback').selectAll().where('episode_id', '=', episodeId).orderBy('recorded_at').execute()
const linkEvents = () => db().selectFrom('feedback_link_event').select('event').orderBy('at').execute()

beforeAll(async () => {
  t = await buildTestApp()
  const derby = await demoRecords(db(), 'derby')
  ;({ episodeId } = await frontDoorRecords(t, derby.partnerFamily.family_id))
  await allocateToPractitioner(t, episodeId, '2026-11-23')
  mother = await db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', 'p.person_id', 'm.person_id')
    .select(['p.person_id', 'p.given_name', 'p.family_name'])
    .where('m.family_id', '=', derby.partnerFamily.family_id)
    .where('m.role', '=', 'parent')
    .where('p.gender', '=', '2')
    .executeTakeFirstOrThrow()
})
afterAll(() => t.close())

describe('answers recorded by the worker', () => {
  it('needs the three answers unless the family did not want to answer, and keeps what was typed', async () => {
    const practitioner = await on('2026-12-10')
    const form = {
      personId: mother.person_id,
      stage: 'midway',
      answeredHow: 'with_worker',
      'answeredOn-day': '10',
      'answeredOn-month': '12',
      'answeredOn-year': '2026',
      respected: 'yes',
      whatWasGood: 'Priya always rang back.',
    }
    const partial = await practitioner.post(`/episodes/${episodeId}/feedback`, form)
    expect(partial.statusCode).toBe(400)
    expect(partial.body).toContain('Select an answer to “Did we listen to you?”')
    expect(partial.body).toContain('Select an answer to “Did we help with the things we agreed to work on?”')
    expect(partial.body).toContain('Priya always rang back.')
    expect(await answers()).toHaveLength(0)

    const saved = await practitioner.post(`/episodes/${episodeId}/feedback`, {
      ...form,
      listened: 'partly',
      helped: 'yes',
    })
    expect(saved.statusCode, saved.body).toBe(303)
    const refused = await practitioner.post(`/episodes/${episodeId}/feedback`, {
      ...form,
      respected: '',
      whatWasGood: '',
      stage: 'closing',
      answeredHow: 'refused',
    })
    expect(refused.statusCode, refused.body).toBe(303)
    const page = words((await practitioner.get(`/episodes/${episodeId}/feedback?recorded=1`)).body)
    expect(page).toContain('The answers have been recorded.')
    expect(page).toContain('Were you treated with respect? Yes Did we listen to you? Partly')
    expect(page).toContain('The family did not want to answer')
    expect((await answers()).map(answer => [answer.answered_how, answer.respected])).toEqual([
      ['with_worker', 'yes'],
      ['refused', null],
    ])
  })
})

describe('a one-time link for the family (acceptance 2)', () => {
  let path: string

  it('is made by the worker and shown once, as an address with a secret only its hash is kept of', async () => {
    const practitioner = await on('2026-12-10')
    const bad = await practitioner.post(`/episodes/${episodeId}/feedback-links`, { stage: 'closing', validDays: '40' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Select who the link is for')
    expect(bad.body).toContain('Enter how many days the link works for, a whole number from 1 to 28')
    const made = await practitioner.post(`/episodes/${episodeId}/feedback-links`, {
      personId: mother.person_id,
      stage: 'closing',
      validDays: '7',
    })
    expect(made.statusCode, made.body).toBe(201)
    path = /\/feedback\/[A-Za-z0-9_-]{32}/.exec(made.body)![0]
    expect(words(made.body)).toContain(`The link for ${mother.given_name} ${mother.family_name}`)
    expect(words(made.body)).toContain('It works once, until 17 December 2026')
    const stored = await db().selectFrom('feedback_link').select('token_hash').executeTakeFirstOrThrow()
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored.token_hash).not.toContain(path.split('/').pop())
  })

  it('shows the family only the first name, needs the three answers, and takes them once', async () => {
    t.clock.set('2026-12-12T18:00:00Z')
    const family = new Agent(t.app)
    const opened = await family.get(path)
    expect(opened.statusCode).toBe(200)
    expect(words(opened.body)).toContain(`Hello ${mother.given_name}.`)
    // Nothing else of the family: not the surname, not the worker, not the address.
    expect(opened.body).not.toContain(mother.family_name)
    expect(opened.body).not.toContain('Priya')
    const incomplete = await family.post(path, { respected: 'yes', couldBeBetter: 'Fewer forms.' })
    expect(incomplete.statusCode).toBe(400)
    expect(incomplete.body).toContain('Select an answer to “Did we listen to you?”')
    expect(incomplete.body).toContain('Fewer forms.')
    const sent = await family.post(path, {
      respected: 'yes',
      listened: 'yes',
      helped: 'partly',
      whatWasGood: 'Someone to talk to.',
      couldBeBetter: 'Fewer forms.',
    })
    expect(sent.statusCode, sent.body).toBe(200)
    expect(words(sent.body)).toContain(`Thank you, ${mother.given_name}`)

    const again = await family.get(path)
    expect(again.statusCode).toBe(410)
    expect(words(again.body)).toContain('This link has been used')
    const resent = await family.post(path, { respected: 'no', listened: 'no', helped: 'no' })
    expect(resent.statusCode).toBe(410)
    const stored = await answers()
    expect(stored).toHaveLength(3)
    expect(stored[2]).toMatchObject({
      answered_how: 'own_device',
      respected: 'yes',
      listened: 'yes',
      helped: 'partly',
      answered_on: '2026-12-12',
      recorded_by: null,
    })
    // Each use of the link is recorded: opened, opened again with the errors, answered, then turned away twice.
    expect((await linkEvents()).map(event => event.event)).toEqual([
      'opened',
      'opened',
      'answered',
      'refused_used',
      'refused_used',
    ])
    const practitioner = await on('2026-12-12')
    const page = words((await practitioner.get(`/episodes/${episodeId}/feedback`)).body)
    expect(page).toContain('Answered by the family on their own device')
    expect(page).toContain('Recorded by The family')
    expect(page).toMatch(/Answered 5 uses/)
  })

  it('explains itself when it has expired, and when it never existed', async () => {
    const practitioner = await on('2026-12-12')
    const made = await practitioner.post(`/episodes/${episodeId}/feedback-links`, {
      personId: mother.person_id,
      stage: 'closing',
      validDays: '1',
    })
    const expiring = /\/feedback\/[A-Za-z0-9_-]{32}/.exec(made.body)![0]
    t.clock.set('2026-12-13T10:00:01Z')
    const family = new Agent(t.app)
    const expired = await family.get(expiring)
    expect(expired.statusCode).toBe(410)
    expect(words(expired.body)).toContain('This link has expired')
    expect(words(expired.body)).toContain('Ask your worker for a new link')
    const unknown = await family.get(`/feedback/${'B'.repeat(32)}`)
    expect(unknown.statusCode).toBe(404)
    expect(words(unknown.body)).toContain('This link does not work')
    expect((await family.get('/feedback/short')).statusCode).toBe(404)
  })

  it('turns away an address that asks too often, so links cannot be guessed', async () => {
    const family = new Agent(t.app)
    const statuses: number[] = []
    for (let attempt = 0; attempt < 32; attempt++)
      statuses.push((await family.get(`/feedback/${String(attempt).padStart(32, 'C')}`)).statusCode)
    expect(statuses.filter(status => status === 404).length).toBeLessThanOrEqual(30)
    expect(statuses.at(-1)).toBe(429)
  })

  it('is made on /api/v1 too, and refused to a partner who does not lead the case', async () => {
    t.clock.set('2026-12-14T10:00:00Z')
    const { token } = await apiTokenFor(t, demoEmail('practitioner', 'derby'))
    const call = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload })
    const link = await call(`/api/v1/episodes/${episodeId}/feedback-links`, {
      personId: mother.person_id,
      stage: 'midway',
      validDays: 3,
    })
    expect(link.statusCode, link.body).toBe(201)
    expect(link.json()).toMatchObject({ path: expect.stringMatching(/^\/feedback\/[A-Za-z0-9_-]{32}$/) })
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/episodes/${episodeId}/feedback`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(list.json().items[0]).toMatchObject({ answeredHow: 'own_device', respected: 'yes', helped: 'partly' })
    const partner = await on('2026-12-14', 'partner')
    const refused = await partner.post(`/episodes/${episodeId}/feedback-links`, {
      personId: mother.person_id,
      stage: 'closing',
      validDays: '7',
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.body).not.toContain(mother.given_name)
  })
})
