import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { demoRecords, frontDoorRecords } from '../../../test/fixtures.js'

// Evidence-based programmes delivered on the case (issue 8). 000_d6fbec82994b68a9.txt, Support and Delivery: "Our
// Evidenced based programmes include: Family Systemic Interventions. Non-Violent Resistance. IAPT CBT. Incredible
// Years. …" — each authority's list is its practice model's.

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let episodeId: string
let familyId: string
let parents: { person_id: string; given_name: string; family_name: string }[]

const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  parents = await db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'm.authority_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['p.person_id', 'p.given_name', 'p.family_name'])
    .where('m.family_id', '=', familyId)
    .where('m.role', '=', 'parent')
    .where('m.left_on', 'is', null)
    .orderBy('p.date_of_birth')
    .execute()
  // The demo's episode waits for a worker: the team manager allocates it to the practitioner, as on the page.
  t.clock.set('2026-11-24T10:00:00Z')
  const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
  const allocated = await manager.post(
    `/episodes/${episodeId}/allocate`,
    {
      version: String(await episodeVersion()),
      workerUserId: derby.user(demoEmail('practitioner', 'derby')).user_id,
      leadProfessionalUserId: '',
      'allocatedOn-day': '24',
      'allocatedOn-month': '11',
      'allocatedOn-year': '2026',
      reason: '',
    },
    { from: `/episodes/${episodeId}/allocate` },
  )
  if (allocated.statusCode !== 303) throw new Error(`Allocation failed: ${allocated.statusCode}`)
})
afterAll(() => t.close())

async function episodeVersion() {
  return (
    await db().selectFrom('episode').select('version').where('episode_id', '=', episodeId).executeTakeFirstOrThrow()
  ).version
}

const countProgrammes = async (id = episodeId) =>
  Number(
    (
      await db()
        .selectFrom('programme_delivery')
        .select(eb => eb.fn.countAll().as('n'))
        .where('episode_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  )

const deliveryOf = (id: string) =>
  db().selectFrom('programme_delivery').selectAll().where('programme_delivery_id', '=', id).executeTakeFirstOrThrow()

const latestDelivery = () =>
  db()
    .selectFrom('programme_delivery')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()

const nameOf = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`

const startForm = (overrides: Record<string, string | string[]> = {}) => ({
  programme: 'incredible-years',
  personIds: parents.map(parent => parent.person_id),
  'startedOn-day': '1',
  'startedOn-month': '12',
  'startedOn-year': '2026',
  deliveredBy: 'Normanton Children’s Centre, Jo Fairbairn',
  notes: 'Tuesday mornings, ten weeks',
  ...overrides,
})

describe('an evidence-based programme from start to end', () => {
  it('starts Incredible Years for both parents and ends it completed, on the episode and in the chronology', async () => {
    expect(parents).toHaveLength(2)
    t.clock.set('2026-12-01T10:00:00Z')
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const empty = await practitioner.get(`/episodes/${episodeId}/programmes`)
    expect(empty.statusCode).toBe(200)
    expect(empty.body).toContain('No programmes have been recorded for this episode.')
    expect(empty.body).toContain('Record a programme')

    const form = await practitioner.get(`/episodes/${episodeId}/programmes/new`)
    expect(form.statusCode).toBe(200)
    // Derby's list, from its strategy.
    expect(form.body).toContain('Incredible Years')
    expect(form.body).toContain('Non-Violent Resistance (NVR)')
    for (const parent of parents) expect(form.body).toContain(nameOf(parent))

    const started = await practitioner.post(`/episodes/${episodeId}/programmes`, startForm(), {
      from: `/episodes/${episodeId}/programmes/new`,
    })
    expect(started.statusCode, started.body).toBe(303)
    expect(started.headers.location).toBe(`/episodes/${episodeId}/programmes?started=1`)
    const list = await practitioner.get(started.headers.location as string)
    expect(list.body).toContain('The programme has been recorded.')
    expect(list.body).toContain('Incredible Years')
    expect(list.body).toContain(parents.map(nameOf).join(', '))
    expect(list.body).toContain('1 December 2026')
    expect(list.body).toContain('Under way')
    expect(list.body).toContain('Normanton Children’s Centre, Jo Fairbairn')

    // Ten weeks later the group has finished.
    t.clock.set('2027-02-10T10:00:00Z')
    const later = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const delivery = await latestDelivery()
    const endUrl = `/episodes/${episodeId}/programmes/${delivery.programme_delivery_id}/end`
    const endForm = await later.get(endUrl)
    expect(endForm.statusCode).toBe(200)
    expect(endForm.body).toContain('The end of Incredible Years')
    const ended = await later.post(
      endUrl,
      {
        version: String(delivery.version),
        'endedOn-day': '9',
        'endedOn-month': '2',
        'endedOn-year': '2027',
        completion: 'completed',
        notes: 'Both came to nine of the ten sessions.',
      },
      { from: endUrl },
    )
    expect(ended.statusCode, ended.body).toBe(303)
    const after = await later.get(`/episodes/${episodeId}/programmes?ended=1`)
    expect(after.body).toContain('The end of the programme has been recorded.')
    expect(after.body).toContain('9 February 2027')
    expect(after.body).toContain('Completed')
    expect(after.body).not.toContain('Under way')
    expect(after.body).toContain('Both came to nine of the ten sessions.')
    expect(await deliveryOf(delivery.programme_delivery_id)).toMatchObject({
      ended_on: '2027-02-09',
      completion: 'completed',
      version: delivery.version + 1,
    })

    const chronology = await later.get(`/families/${familyId}/chronology`)
    expect(chronology.body).toContain(`Incredible Years started: ${parents.map(nameOf).join(', ')}`)
    expect(chronology.body).toContain('Incredible Years ended: completed')

    // The case page's summary of the programmes.
    expect(await t.services.programmes.forCase(derby.authority.authority_id, episodeId)).toEqual({
      programmes: [
        {
          programmeDeliveryId: delivery.programme_delivery_id,
          programme: 'incredible-years',
          label: 'Incredible Years',
          startedOn: '2026-12-01',
          endedOn: '2027-02-09',
          completion: 'completed',
        },
      ],
    })

    // Who started and ended it, and who looked, is in the access log.
    const logged = await db()
      .selectFrom('access_log')
      .select(['action'])
      .where('record_type', '=', 'programme')
      .where('record_id', '=', delivery.programme_delivery_id)
      .execute()
    expect(logged.map(row => row.action)).toEqual(expect.arrayContaining(['create', 'update', 'view']))
  })

  it('refuses a start with nobody taking part, bad dates or no one delivering it, and saves nothing', async () => {
    t.clock.set('2027-02-10T10:00:00Z')
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const before = await countProgrammes()
    const nobody = await practitioner.post(
      `/episodes/${episodeId}/programmes`,
      startForm({
        personIds: [],
        'startedOn-day': '11',
        'startedOn-month': '2',
        'startedOn-year': '2027',
        deliveredBy: '',
      }),
      { from: `/episodes/${episodeId}/programmes/new` },
    )
    expect(nobody.statusCode).toBe(400)
    expect(nobody.body).toContain('There is a problem')
    expect(nobody.body).toContain('Select who in the family takes part')
    expect(nobody.body).toContain('The date must be today or in the past')
    expect(nobody.body).toContain('Enter who delivers the programme: the agency or facilitator')
    // What was typed is kept.
    expect(nobody.body).toContain('Tuesday mornings, ten weeks')

    const early = await practitioner.post(
      `/episodes/${episodeId}/programmes`,
      startForm({ programme: '', 'startedOn-month': '1', 'startedOn-year': '2020' }),
      { from: `/episodes/${episodeId}/programmes/new` },
    )
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('Select the programme')
    expect(early.body).toMatch(/The date must be on or after the episode opened, \d+ \w+ 2026/)

    const unreal = await practitioner.post(
      `/episodes/${episodeId}/programmes`,
      startForm({ 'startedOn-day': '31', 'startedOn-month': '2' }),
      { from: `/episodes/${episodeId}/programmes/new` },
    )
    expect(unreal.statusCode).toBe(400)
    expect(unreal.body).toContain('The date the programme started must be a real date')

    // Someone who is not in the family cannot take part.
    const stranger = derby.people.find(person => person.family_id !== familyId)!
    const outsider = await practitioner.post(
      `/episodes/${episodeId}/programmes`,
      startForm({ personIds: [parents[0]!.person_id, stranger.person_id] }),
      { from: `/episodes/${episodeId}/programmes/new` },
    )
    expect(outsider.statusCode).toBe(400)
    expect(outsider.body).toContain('Select who in the family takes part')
    expect(await countProgrammes()).toBe(before)
  })

  it('refuses an end before the start, in the future or without saying whether it was completed', async () => {
    t.clock.set('2027-02-10T10:00:00Z')
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const started = await practitioner.post(
      `/episodes/${episodeId}/programmes`,
      startForm({
        programme: 'non-violent-resistance',
        personIds: parents[0]!.person_id,
        'startedOn-day': '2',
        'startedOn-month': '2',
        'startedOn-year': '2027',
      }),
      { from: `/episodes/${episodeId}/programmes/new` },
    )
    expect(started.statusCode, started.body).toBe(303)
    const delivery = await latestDelivery()
    const endUrl = `/episodes/${episodeId}/programmes/${delivery.programme_delivery_id}/end`
    const before = await practitioner.post(
      endUrl,
      { version: String(delivery.version), 'endedOn-day': '1', 'endedOn-month': '2', 'endedOn-year': '2027' },
      { from: endUrl },
    )
    expect(before.statusCode).toBe(400)
    expect(before.body).toContain('The date must be on or after the programme started, 2 February 2027')
    expect(before.body).toContain('Select whether the family completed the programme')
    const future = await practitioner.post(
      endUrl,
      {
        version: String(delivery.version),
        'endedOn-day': '11',
        'endedOn-month': '2',
        'endedOn-year': '2027',
        completion: 'not_completed',
      },
      { from: endUrl },
    )
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('The date must be today or in the past')
    expect(await deliveryOf(delivery.programme_delivery_id)).toMatchObject({
      ended_on: null,
      completion: null,
      version: delivery.version,
    })
  })

  it('tells the second of two people ending the same programme that it has changed (409)', async () => {
    t.clock.set('2027-02-10T10:00:00Z')
    const delivery = await latestDelivery()
    expect(delivery.ended_on).toBeNull()
    const endUrl = `/episodes/${episodeId}/programmes/${delivery.programme_delivery_id}/end`
    const first = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const second = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    await first.get(endUrl)
    await second.get(endUrl)
    const form = (notes: string, completion: string) => ({
      version: String(delivery.version),
      'endedOn-day': '10',
      'endedOn-month': '2',
      'endedOn-year': '2027',
      completion,
      notes,
    })
    expect((await first.post(endUrl, form('Stopped coming after the first week.', 'not_completed'))).statusCode).toBe(
      303,
    )
    const stale = await second.post(endUrl, form('Finished it, typed with care.', 'completed'))
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else changed this record while you were working on it')
    expect(stale.body).toContain('Someone else has already recorded that it ended on 10 February 2027: not completed.')
    expect(await deliveryOf(delivery.programme_delivery_id)).toMatchObject({ completion: 'not_completed' })
    const chronology = await db()
      .selectFrom('chronology_entry')
      .select('summary')
      .where('family_id', '=', familyId)
      .where('summary', 'like', 'Non-Violent Resistance (NVR) ended%')
      .execute()
    expect(chronology.map(entry => entry.summary)).toEqual(['Non-Violent Resistance (NVR) ended: not completed'])
  })

  it('lets the partner, who is not the lead professional, read the programmes but not start or end one', async () => {
    t.clock.set('2027-02-10T10:00:00Z')
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    const before = await countProgrammes()
    const delivery = await latestDelivery()
    const list = await partner.get(`/episodes/${episodeId}/programmes`)
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('Incredible Years')
    expect(list.body).not.toContain('Record a programme')
    expect(list.body).not.toContain('Record the end')
    expect((await partner.get(`/episodes/${episodeId}/programmes/new`)).statusCode).toBe(403)
    const start = await partner.post(
      `/episodes/${episodeId}/programmes`,
      startForm({ 'startedOn-day': '10', 'startedOn-month': '2', 'startedOn-year': '2027' }),
      {
        from: `/episodes/${episodeId}/programmes`,
      },
    )
    expect(start.statusCode).toBe(403)
    const endUrl = `/episodes/${episodeId}/programmes/${delivery.programme_delivery_id}/end`
    expect((await partner.get(endUrl)).statusCode).toBe(403)
    expect((await partner.post(endUrl, { version: String(delivery.version) })).statusCode).toBe(403)
    expect(await countProgrammes()).toBe(before)
    // Another team's practitioner does not see the family at all.
    const otherTeam = await signedIn(t.app, 'practitioner-2@derby.tandem.example')
    expect((await otherTeam.get(`/episodes/${episodeId}/programmes`)).statusCode).toBe(403)
  })

  it('answers 404 for a programme that is not on this episode', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const missing = await practitioner.get(`/episodes/${episodeId}/programmes/00000000-0000-4000-8000-000000000000/end`)
    expect(missing.statusCode).toBe(404)
  })
})

describe('each authority’s own programmes', () => {
  it('offers Leeds its own list, not Derby’s', async () => {
    const leeds = await demoRecords(db(), 'leeds')
    const { episodeId: leedsEpisode } = await frontDoorRecords(t, leeds.partnerFamily.family_id)
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
    const form = await practitioner.get(`/episodes/${leedsEpisode}/programmes/new`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Multi-Systemic Therapy (MST)')
    expect(form.body).toContain('Family Group Conference')
    expect(form.body).not.toContain('Non-Violent Resistance')
    // A Derby code means nothing in Leeds.
    const derbyCode = await practitioner.post(
      `/episodes/${leedsEpisode}/programmes`,
      startForm({
        programme: 'non-violent-resistance',
        personIds: leeds.personIn(leeds.partnerFamily.family_id).person_id,
        'startedOn-day': '10',
        'startedOn-month': '2',
        'startedOn-year': '2027',
      }),
      { from: `/episodes/${leedsEpisode}/programmes/new` },
    )
    expect(derbyCode.statusCode).toBe(400)
    expect(derbyCode.body).toContain('Select the programme')
    expect(await countProgrammes(leedsEpisode)).toBe(0)
  })

  it('says none are set up, and offers nothing to record, where the authority has no programmes', async () => {
    const durham = await demoRecords(db(), 'durham')
    const { episodeId: durhamEpisode } = await frontDoorRecords(t, durham.partnerFamily.family_id)
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'durham'))
    // Durham's preset names the one programme of its report (002 para 37).
    expect((await practitioner.get(`/episodes/${durhamEpisode}/programmes/new`)).body).toContain(
      'Strengthening Families Programme',
    )
    // An administrator takes it off the list.
    await sql`update practice_model
      set model = jsonb_set(model, '{evidenceBasedProgrammes}', '[]'::jsonb), version = version + 1
      where authority_id = ${durham.authority.authority_id}`.execute(db())
    const list = await practitioner.get(`/episodes/${durhamEpisode}/programmes`)
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('No evidence-based programmes are set up for your authority')
    expect(list.body).not.toContain('Record a programme')
    const form = await practitioner.get(`/episodes/${durhamEpisode}/programmes/new`)
    expect(form.body).toContain('No evidence-based programmes are set up for your authority')
    expect(form.body).not.toContain(`action="/episodes/${durhamEpisode}/programmes"`)
    const refused = await practitioner.post(
      `/episodes/${durhamEpisode}/programmes`,
      startForm({
        programme: 'strengthening-families',
        personIds: durham.personIn(durham.partnerFamily.family_id).person_id,
        'startedOn-day': '10',
        'startedOn-month': '2',
        'startedOn-year': '2027',
      }),
    )
    expect(refused.statusCode).toBe(400)
    expect(await countProgrammes(durhamEpisode)).toBe(0)
  })
})
