import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { countForEpisode, demoRecords, frontDoorRecords } from '../../../test/fixtures.js'

// Sessions with the family and the agreed visit frequency (issue 8), on Derby's partner family's episode.
// 001_cfe3ebe7e928b659.txt §4: "Early help practitioners will ensure that sessions with families are planned and
// focused and are based on the goals in the TAF plan/s, rather than being 'visits' or reactive … Sessions can be
// recorded using the PARA model: Purpose; Action; Reflection; Analysis".
// 003_e9f5ab6753ae1fa9.txt action plan 3.5: "Team Managers and front line staff agree visit frequency in all Early
// Help cases and record this clearly on recording system."

let t: TestApp
let episodeId: string
let familyId: string
let parent: { person_id: string; given_name: string; family_name: string }
let child: { person_id: string; given_name: string; family_name: string }
let outcomeKey: string
const OUTCOME = 'Ava goes to school every day and on time'

/** The page's text with its whitespace run together, as a reader sees it. */
const text = (html: string) => html.replace(/\s+/g, ' ')
const db = () => t.testDatabase.database.db
const base = () => `/episodes/${episodeId}`

const count = (table: 'work_session' | 'visit_frequency' | 'work_session_person') =>
  countForEpisode(db(), episodeId, table)

/** A session form as a practitioner fills it in: the date as three boxes, PARA, and the ticked boxes. */
const sessionForm = (day: string, overrides: Record<string, string | string[]> = {}) => ({
  'heldOn-day': day,
  'heldOn-month': '12',
  'heldOn-year': '2026',
  kind: 'home visit',
  personIds: [parent.person_id, child.person_id],
  seenAloneIds: [] as string[],
  outcomeKeys: [] as string[],
  purpose: 'From the plan: Ava’s attendance. To agree a morning routine with Mum.',
  action: 'Made a morning routine chart with Mum and Ava; walked the school route together.',
  reflection: 'Mum said mornings feel less rushed. Ava liked choosing her own stickers.',
  analysis: 'Progress towards the attendance outcome; check the chart is used at the next session.',
  ...overrides,
})

async function asPractitioner() {
  return signedIn(t.app, demoEmail('practitioner', 'derby'))
}

beforeAll(async () => {
  t = await buildTestApp()
  t.clock.set('2026-11-24T10:00:00Z')
  const derby = await demoRecords(db(), 'derby')
  familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  const members = await db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', 'p.person_id', 'm.person_id')
    .select(['p.person_id', 'p.given_name', 'p.family_name', 'm.role'])
    .where('m.family_id', '=', familyId)
    .where('m.left_on', 'is', null)
    .execute()
  parent = members.find(member => member.role === 'parent')!
  child = members.find(member => member.role === 'child')!

  // The team manager allocates the episode to the practitioner, as the allocation page does.
  const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
  const episode = await db()
    .selectFrom('episode')
    .select(['version', 'authority_id'])
    .where('episode_id', '=', episodeId)
    .executeTakeFirstOrThrow()
  const allocated = await manager.post(
    `${base()}/allocate`,
    {
      version: String(episode.version),
      workerUserId: derby.user(demoEmail('practitioner', 'derby')).user_id,
      leadProfessionalUserId: '',
      'allocatedOn-day': '24',
      'allocatedOn-month': '11',
      'allocatedOn-year': '2026',
      reason: '',
    },
    { from: `${base()}/allocate` },
  )
  expect(allocated.statusCode, allocated.body).toBe(303)

  // The plan is built by its own pages: a version with one outcome is enough to link sessions to.
  const practitioner = derby.user(demoEmail('practitioner', 'derby'))
  const at = new Date('2026-11-30T10:00:00Z')
  const { plan_version_id } = await db()
    .insertInto('plan_version')
    .values({
      authority_id: episode.authority_id,
      episode_id: episodeId,
      number: 1,
      started_on: '2026-11-30',
      created_at: at,
      created_by: practitioner.user_id,
      updated_at: at,
      updated_by: practitioner.user_id,
    })
    .returning('plan_version_id')
    .executeTakeFirstOrThrow()
  outcomeKey = randomUUID()
  await db()
    .insertInto('plan_outcome')
    .values([
      {
        authority_id: episode.authority_id,
        plan_version_id,
        outcome_key: outcomeKey,
        position: 1,
        outcome: OUTCOME,
      },
      {
        authority_id: episode.authority_id,
        plan_version_id,
        outcome_key: randomUUID(),
        position: 2,
        outcome: 'Mum has a bedtime routine that works for both children',
      },
    ])
    .execute()
})
afterAll(() => t.close())

describe('the visit frequency (003 action plan 3.5)', () => {
  it('warns when none has been agreed', async () => {
    t.clock.set('2026-12-01T10:00:00Z')
    const practitioner = await asPractitioner()
    const page = await practitioner.get(`${base()}/sessions`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('No visit frequency has been agreed')
    expect(page.body).toContain('No sessions have been recorded yet')
    expect(page.body).toContain('Agree the visit frequency')
  })

  it('refuses an agreement without an interval, with a nonsense number of days, or dated in the future', async () => {
    const practitioner = await asPractitioner()
    const before = await count('visit_frequency')
    const none = await practitioner.post(
      `${base()}/visit-frequency`,
      { 'agreedOn-day': '2', 'agreedOn-month': '12', 'agreedOn-year': '2026', notes: 'Typed with care' },
      { from: `${base()}/visit-frequency` },
    )
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('Select how often the family will be seen')
    expect(none.body).toContain('The date must be today or in the past')
    expect(none.body).toContain('Typed with care')
    const other = await practitioner.post(
      `${base()}/visit-frequency`,
      { interval: 'other', otherDays: '93', 'agreedOn-day': '1', 'agreedOn-month': '12', 'agreedOn-year': '2026' },
      { from: `${base()}/visit-frequency` },
    )
    expect(other.statusCode).toBe(400)
    expect(other.body).toContain('The number of days must be a whole number from 1 to 92')
    const nonsense = await practitioner.post(
      `${base()}/visit-frequency`,
      { interval: '14', 'agreedOn-day': '31', 'agreedOn-month': '11', 'agreedOn-year': '2026' },
      { from: `${base()}/visit-frequency` },
    )
    expect(nonsense.statusCode).toBe(400)
    expect(nonsense.body).toContain('Date it was agreed must be a real date')
    expect(await count('visit_frequency')).toBe(before)
  })

  it('records every 3 weeks, then every 2 weeks: the latest stands and the earlier one is listed', async () => {
    const practitioner = await asPractitioner()
    const first = await practitioner.post(
      `${base()}/visit-frequency`,
      { interval: 'other', otherDays: '21', 'agreedOn-day': '25', 'agreedOn-month': '11', 'agreedOn-year': '2026' },
      { from: `${base()}/visit-frequency` },
    )
    expect(first.statusCode, first.body).toBe(303)
    const agreed = await practitioner.post(
      `${base()}/visit-frequency`,
      {
        interval: '14',
        'agreedOn-day': '1',
        'agreedOn-month': '12',
        'agreedOn-year': '2026',
        notes: 'Agreed with the team manager in supervision, and with Mum.',
      },
      { from: `${base()}/visit-frequency` },
    )
    expect(agreed.statusCode, agreed.body).toBe(303)
    expect(agreed.headers.location).toBe(`${base()}/sessions?frequencyAgreed=1`)
    const page = await practitioner.get(`${base()}/visit-frequency`)
    expect(page.body).toContain('Agreed now: every 2 weeks, since 1 December 2026')
    expect(page.body).toMatch(/Earlier agreements[\s\S]*25 November 2026[\s\S]*Every 3 weeks/)
    const chronology = await practitioner.get(`/families/${familyId}/chronology`)
    expect(chronology.body).toContain('Visit frequency agreed: every 2 weeks')
  })
})

describe('sessions recorded with PARA (001 §4)', () => {
  it('records three sessions, one with a child seen alone and linked to the plan’s outcome, newest first', async () => {
    t.clock.set('2026-12-03T16:00:00Z')
    const practitioner = await asPractitioner()
    const form = await practitioner.get(`${base()}/sessions/new`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain(OUTCOME)
    expect(form.body).toContain('Which children were seen alone?')
    expect(form.body).toContain('Purpose')

    const record = (values: Record<string, string | string[]>) =>
      practitioner.post(`${base()}/sessions`, values, { from: `${base()}/sessions/new` })
    const office = await record(
      sessionForm('26', { 'heldOn-month': '11', kind: 'office', personIds: [parent.person_id] }),
    )
    expect(office.statusCode, office.body).toBe(303)
    expect((await record(sessionForm('1', { kind: 'phone', personIds: [parent.person_id] }))).statusCode).toBe(303)
    const home = await record(sessionForm('3', { seenAloneIds: [child.person_id], outcomeKeys: [outcomeKey] }))
    expect(home.statusCode, home.body).toBe(303)
    expect(home.headers.location).toBe(`${base()}/sessions?recorded=1`)
    expect(await count('work_session')).toBe(3)

    const page = await practitioner.get(`${base()}/sessions?recorded=1`)
    expect(page.body).toContain('The session has been recorded.')
    const table = page.body.slice(page.body.indexOf('data-testid="sessions"'))
    const rows = table.split('<tr class="govuk-table__row">').slice(2)
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('3 December 2026')
    expect(rows[0]).toContain('Home visit')
    expect(rows[0]).toContain(`${child.given_name} ${child.family_name}`)
    expect(rows[0]).toContain(OUTCOME)
    expect(rows[1]).toContain('1 December 2026')
    expect(rows[1]).toContain('Phone call')
    expect(rows[2]).toContain('26 November 2026')
    expect(rows[2]).toContain('None linked')

    const chronology = await practitioner.get(`/families/${familyId}/chronology`)
    expect(chronology.body).toContain(`Home visit: seen ${parent.given_name}, ${child.given_name} (seen alone)`)
    expect(chronology.body).toContain(`Phone call: spoke with ${parent.given_name}`)

    const sessionId = /\/sessions\/([0-9a-f-]{36})"/.exec(rows[0]!)![1]!
    const view = await practitioner.get(`${base()}/sessions/${sessionId}`)
    expect(view.statusCode).toBe(200)
    expect(view.body).toContain('Home visit on 3 December 2026')
    expect(view.body).toContain('Made a morning routine chart with Mum and Ava')
    expect(view.body).toMatch(new RegExp(`Children seen alone[\\s\\S]*${child.given_name} ${child.family_name}`))
    const logged = await db()
      .selectFrom('access_log')
      .select('action')
      .where('record_type', '=', 'session')
      .where('record_id', '=', sessionId)
      .execute()
    expect(logged.map(row => row.action).sort()).toEqual(expect.arrayContaining(['create', 'view']))
  })

  it('shows the sessions against the visit frequency, and flags them overdue once the next due date has passed', async () => {
    t.clock.set('2026-12-17T10:00:00Z')
    const onTheDay = text((await (await asPractitioner()).get(`${base()}/sessions`)).body)
    expect(onTheDay).toContain(
      'Agreed: every 2 weeks since 1 December 2026. Last session 3 December 2026; next due by 17 December 2026.',
    )
    expect(onTheDay).toContain('Since it was agreed: 2 sessions held, 1 expected by today.')
    expect(onTheDay).not.toContain('Overdue by')

    t.clock.set('2026-12-20T10:00:00Z')
    const late = await (await asPractitioner()).get(`${base()}/sessions`)
    expect(late.body).toContain('govuk-tag--red')
    expect(late.body).toContain('Overdue by 3 days')
  })

  it('refuses a session without a PARA field, without anyone seen, or dated in the future, and saves nothing', async () => {
    t.clock.set('2026-12-20T10:00:00Z')
    const practitioner = await asPractitioner()
    const before = [await count('work_session'), await count('work_session_person')]
    const response = await practitioner.post(
      `${base()}/sessions`,
      sessionForm('21', { personIds: [], reflection: '   ', analysis: '', purpose: 'Typed with care' }),
      { from: `${base()}/sessions/new` },
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('There is a problem')
    expect(response.body).toContain('The date must be today or in the past')
    expect(response.body).toContain('Select who was seen')
    expect(response.body).toContain('Enter the reflection on the session')
    expect(response.body).toContain('Enter the analysis: what the session means for the plan')
    expect(response.body).not.toContain('Enter the purpose of the session')
    expect(response.body).toContain('Typed with care')

    const beforeOpening = await practitioner.post(
      `${base()}/sessions`,
      sessionForm('1', { 'heldOn-month': '11', kind: '' }),
      { from: `${base()}/sessions/new` },
    )
    expect(beforeOpening.statusCode).toBe(400)
    expect(beforeOpening.body).toMatch(/The date must be on or after the episode opened/)
    expect(beforeOpening.body).toContain('Select the type of session')

    const notADate = await practitioner.post(
      `${base()}/sessions`,
      sessionForm('31', { 'heldOn-month': '11', purpose: '' }),
      { from: `${base()}/sessions/new` },
    )
    expect(notADate.statusCode).toBe(400)
    expect(notADate.body).toContain('Date of the session must be a real date')
    expect(notADate.body).toContain('Enter the purpose of the session')
    expect([await count('work_session'), await count('work_session_person')]).toEqual(before)
  })

  it('changes a session, and tells the second of two people changing it, keeping what they typed', async () => {
    t.clock.set('2026-12-20T10:00:00Z')
    const practitioner = await asPractitioner()
    const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    const session = await db()
      .selectFrom('work_session')
      .select(['work_session_id', 'version'])
      .where('episode_id', '=', episodeId)
      .where('held_on', '=', '2026-12-01')
      .executeTakeFirstOrThrow()
    const edit = `${base()}/sessions/${session.work_session_id}/edit`
    const form = await practitioner.get(edit)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain(`name="version" value="${session.version}"`)

    const changed = await practitioner.post(
      edit,
      sessionForm('1', {
        version: String(session.version),
        kind: 'phone',
        personIds: [parent.person_id],
        outcomeKeys: [outcomeKey],
        analysis: 'Mum is using the chart: keep going.',
      }),
      { from: edit },
    )
    expect(changed.statusCode, changed.body).toBe(303)
    expect(changed.headers.location).toBe(`${base()}/sessions/${session.work_session_id}?updated=1`)
    const shown = await practitioner.get(`${base()}/sessions/${session.work_session_id}?updated=1`)
    expect(shown.body).toContain('The session has been changed.')
    expect(shown.body).toContain('Mum is using the chart: keep going.')
    expect(shown.body).toContain(OUTCOME)

    const stale = await manager.post(
      edit,
      sessionForm('1', { version: String(session.version), analysis: 'The manager’s words, typed with care' }),
      { from: edit },
    )
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else changed this record')
    expect(stale.body).toContain('The manager’s words, typed with care')
    expect(stale.body).toContain('Mum is using the chart: keep going.')
    expect(stale.body).toContain(`name="version" value="${session.version + 1}"`)
    const saved = await db()
      .selectFrom('work_session')
      .select(['analysis', 'version'])
      .where('work_session_id', '=', session.work_session_id)
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ analysis: 'Mum is using the chart: keep going.', version: session.version + 1 })
  })

  it('lets a partner who is not the lead professional read the sessions but not record or change them', async () => {
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    const list = await partner.get(`${base()}/sessions`)
    expect(list.statusCode).toBe(200)
    expect(list.body).not.toContain('Record a session')
    expect(list.body).not.toContain('Change the visit frequency')
    expect((await partner.get(`${base()}/sessions/new`)).statusCode).toBe(403)
    expect((await partner.get(`${base()}/visit-frequency`)).statusCode).toBe(403)
    const before = await count('work_session')
    const posted: Agent = partner
    expect(
      (await posted.post(`${base()}/sessions`, sessionForm('20'), { from: `${base()}/sessions` })).statusCode,
    ).toBe(403)
    expect(await count('work_session')).toBe(before)
    const otherTeam = await signedIn(t.app, 'practitioner-2@derby.tandem.example')
    expect((await otherTeam.get(`${base()}/sessions`)).statusCode).toBe(403)
  })

  it('says so when there is no plan to link a session to', async () => {
    const leeds = await demoRecords(db(), 'leeds')
    const { episodeId: leedsEpisode } = await frontDoorRecords(t, leeds.partnerFamily.family_id)
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
    const form = await practitioner.get(`/episodes/${leedsEpisode}/sessions/new`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('There is no plan yet.')
    expect(form.body).toContain('No worker is allocated yet')
    const empty = await practitioner.post(
      `/episodes/${leedsEpisode}/sessions`,
      {},
      {
        from: `/episodes/${leedsEpisode}/sessions/new`,
      },
    )
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Allocate a worker first')
  })
})
