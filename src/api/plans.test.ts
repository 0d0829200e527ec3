import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../test/app.js'
import { apiTokenFor, countForEpisode, demoRecords, frontDoorRecords } from '../../test/fixtures.js'

// The plan on /api/v1 (issue 8: "All of it on /api/v1 under the policy"): the same services and policy as the
// pages. 001_cfe3ebe7e928b659.txt §4: "The TAF plan MUST be reviewed and updated at each TAF review meeting".

let t: TestApp
let practitioner: string
let partner: string
let episodeId: string
let practitionerId: string
let base: string

const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  const derby = await demoRecords(db(), 'derby')
  ;({ episodeId } = await frontDoorRecords(t, derby.partnerFamily.family_id))
  base = `/api/v1/episodes/${episodeId}/plan`
  practitionerId = derby.user(demoEmail('practitioner', 'derby')).user_id
  const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
  const { version } = await db()
    .selectFrom('episode')
    .select('version')
    .where('episode_id', '=', episodeId)
    .executeTakeFirstOrThrow()
  const allocated = await manager.post(
    `/episodes/${episodeId}/allocate`,
    {
      version: String(version),
      workerUserId: practitionerId,
      leadProfessionalUserId: '',
      'allocatedOn-day': '23',
      'allocatedOn-month': '11',
      'allocatedOn-year': '2026',
      reason: '',
    },
    { from: `/episodes/${episodeId}/allocate` },
  )
  expect(allocated.statusCode, allocated.body).toBe(303)
  practitioner = (await apiTokenFor(t, demoEmail('practitioner', 'derby'))).token
  partner = (await apiTokenFor(t, demoEmail('partner', 'derby'))).token
})
afterAll(() => t.close())

function call(method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })
}

const count = (table: 'plan_version' | 'plan_outcome' | 'plan_action') => countForEpisode(db(), episodeId, table)

interface PlanJson {
  current: {
    planVersionId: string
    number: number
    version: number
    latest: boolean
    outcomes: { outcomeKey: string; targetDate: string; actions: { actionKey: string; status: string }[] }[]
  } | null
  versions: { planVersionId: string; number: number; latest: boolean }[]
}

const plan = async () => (await call('GET', base, practitioner)).json<PlanJson>()

const outcome = (version: number, overrides: object = {}) => ({
  version,
  outcome: 'Jay goes to school every day',
  measure: 'Attendance of 95% over a half term',
  targetDate: '2027-03-01',
  outcomeArea: 'good-education',
  ...overrides,
})

describe('the plan on the API', () => {
  let outcomeKey: string
  let actionKey: string
  let version1Id: string

  it('answers that there is no plan, then creates version 1, once', async () => {
    expect(await plan()).toEqual({ current: null, versions: [] })
    const created = await call('POST', base, practitioner)
    expect(created.statusCode, created.body).toBe(201)
    const body = created.json<{ planVersionId: string; number: number }>()
    expect(body.number).toBe(1)
    version1Id = body.planVersionId
    expect(created.headers.location).toBe(`${base}/versions/${version1Id}`)
    expect((await call('POST', base, practitioner)).statusCode).toBe(409)
    expect(await count('plan_version')).toBe(1)
  })

  it('adds an outcome and an action, each answering with the plan’s new version', async () => {
    const { current } = await plan()
    const added = await call('POST', `${base}/outcomes`, practitioner, outcome(current!.version))
    expect(added.statusCode, added.body).toBe(201)
    const saved = added.json<{ outcomeKey: string; version: number }>()
    outcomeKey = saved.outcomeKey
    expect(saved.version).toBe(current!.version + 1)
    const action = await call('POST', `${base}/actions`, practitioner, {
      version: saved.version,
      outcomeKey,
      action: 'Share the weekly register with the worker',
      who: { name: 'Dawn Adams', agency: 'Parkside Primary School' },
      byWhen: '2027-01-15',
    })
    expect(action.statusCode, action.body).toBe(201)
    actionKey = action.json<{ actionKey: string }>().actionKey
    const now = await plan()
    expect(now.current!.outcomes).toMatchObject([
      {
        outcomeKey,
        outcome: 'Jay goes to school every day',
        outcomeArea: { code: 'good-education', label: 'Getting a good education' },
        status: 'open',
        actions: [
          {
            actionKey,
            who: { personId: null, userId: null, name: 'Dawn Adams', agency: 'Parkside Primary School' },
            status: 'not_started',
            overdue: false,
          },
        ],
      },
    ])
  })

  it('refuses a missing measure, a past target date and an action without who, with each field named', async () => {
    const before = [await count('plan_outcome'), await count('plan_action')]
    const { current } = await plan()
    const bad = await call(
      'POST',
      `${base}/outcomes`,
      practitioner,
      outcome(current!.version, {
        measure: '',
        targetDate: '2026-01-01',
      }),
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
      { field: 'measure', message: 'Enter how you will know it has been achieved' },
      { field: 'targetDate', message: 'The target date must be today or in the future' },
    ])
    const nobody = await call('POST', `${base}/actions`, practitioner, {
      version: current!.version,
      outcomeKey,
      action: 'Buy an alarm clock',
      who: {},
      byWhen: '2027-01-15',
    })
    expect(nobody.statusCode).toBe(400)
    expect(nobody.json<{ errors: { field: string }[] }>().errors.map(error => error.field)).toEqual(['who'])
    expect([await count('plan_outcome'), await count('plan_action')]).toEqual(before)
  })

  it('refuses a change sent with an old version (409), and a partner who is not the lead professional (403)', async () => {
    const { current } = await plan()
    const stale = await call('PUT', `${base}/outcomes/${outcomeKey}`, practitioner, {
      ...outcome(current!.version - 1),
      status: 'achieved',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect((await call('GET', base, partner)).statusCode).toBe(200)
    // Refused before the body is looked at: an empty body is a 403, not a 400.
    expect((await call('POST', `${base}/outcomes`, partner, {})).statusCode).toBe(403)
    expect((await call('PUT', `${base}/actions/${actionKey}`, partner, {})).statusCode).toBe(403)
  })

  it('shows version 2 from a review, what changed in it, and version 1 as it stood', async () => {
    const ctx = await practitionerContext()
    t.clock.set('2027-02-10T10:00:00Z')
    // Weeks later: a new token (the first has expired).
    practitioner = (await apiTokenFor(t, demoEmail('practitioner', 'derby'))).token
    const revised = await db()
      .transaction()
      .execute(async trx => {
        const at = new Date('2027-02-10T10:00:00Z')
        const { taf_meeting_id } = await trx
          .insertInto('taf_meeting')
          .values({
            authority_id: ctx.actor.authorityId,
            episode_id: episodeId,
            kind: 'review',
            status: 'held',
            planned_on: '2027-02-10',
            held_on: '2027-02-10',
            minutes: 'Jay has been in every day this half term.',
            created_at: at,
            created_by: practitionerId,
            updated_at: at,
            updated_by: practitionerId,
          })
          .returning('taf_meeting_id')
          .executeTakeFirstOrThrow()
        return t.services.plans.reviseAt(trx, ctx, { episodeId, tafMeetingId: taf_meeting_id, heldOn: '2027-02-10' })
      })
    expect(revised).toMatchObject({ number: 2 })
    const { current, versions } = await plan()
    expect(versions.map(version => [version.number, version.latest])).toEqual([
      [2, true],
      [1, false],
    ])
    const changed = await call('PUT', `${base}/actions/${actionKey}`, practitioner, {
      version: current!.version,
      outcomeKey,
      action: 'Share the weekly register with the worker',
      who: { name: 'Dawn Adams', agency: 'Parkside Primary School' },
      byWhen: '2027-01-15',
      status: 'done',
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const changes = await call('GET', `${base}/versions/${revised!.planVersionId}/changes`, practitioner)
    expect(changes.statusCode, changes.body).toBe(200)
    expect(changes.json()).toMatchObject({
      from: { planVersionId: version1Id, number: 1 },
      to: { planVersionId: revised!.planVersionId, number: 2 },
      outcomes: [],
      actions: [{ key: actionKey, change: 'changed', changes: [{ text: 'Status: Not started → Done' }] }],
      unchangedOutcomes: 1,
      unchangedActions: 0,
    })
    const version1 = await call('GET', `${base}/versions/${version1Id}`, practitioner)
    expect(version1.json()).toMatchObject({
      number: 1,
      latest: false,
      outcomes: [{ outcomeKey, actions: [{ actionKey, status: 'not_started', overdue: false }] }],
    })
    const logged = await db()
      .selectFrom('access_log')
      .select(['action', 'record_id'])
      .where('record_type', '=', 'plan')
      .execute()
    expect(logged).toEqual(
      expect.arrayContaining([
        { action: 'create', record_id: version1Id },
        { action: 'create', record_id: revised!.planVersionId },
        { action: 'update', record_id: revised!.planVersionId },
        { action: 'view', record_id: version1Id },
      ]),
    )
  })
})

async function practitionerContext() {
  const user = await db()
    .selectFrom('app_user')
    .selectAll()
    .where('user_id', '=', practitionerId)
    .executeTakeFirstOrThrow()
  return {
    actor: {
      userId: user.user_id,
      authorityId: user.authority_id,
      role: user.role,
      teamId: user.team_id,
      areaId: user.area_id,
    },
    ip: null,
    requestId: null,
    route: null,
  }
}
