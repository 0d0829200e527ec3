import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, demoEmail, type TestApp } from '../../test/app.js'
import { apiTokenFor, demoRecords, frontDoorRecords } from '../../test/fixtures.js'

// Sessions and the visit frequency on /api/v1 (issue 8), under the same policy as the pages.
// 001_cfe3ebe7e928b659.txt §4: "Sessions can be recorded using the PARA model: Purpose; Action; Reflection;
// Analysis". 003_e9f5ab6753ae1fa9.txt action plan 3.5: "agree visit frequency in all Early Help cases and record
// this clearly on recording system".

let t: TestApp
let episodeId: string
let practitionerToken: string
let partnerToken: string
let parentId: string
let childId: string

const db = () => t.testDatabase.database.db

const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  })

const session = (overrides: Record<string, unknown> = {}) => ({
  heldOn: '2026-12-02',
  kind: 'school',
  personIds: [childId],
  seenAloneIds: [childId],
  outcomeKeys: [],
  purpose: 'From the plan: how school feels for Ava.',
  action: 'Met Ava in the school’s quiet room; used the three houses tool.',
  reflection: 'Ava said break times are the hardest part of her day.',
  analysis: 'A new worry for the plan: ask the school about a lunchtime club.',
  ...overrides,
})

beforeAll(async () => {
  t = await buildTestApp()
  t.clock.set('2026-12-03T10:00:00Z')
  const derby = await demoRecords(db(), 'derby')
  const familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  const members = await db()
    .selectFrom('family_member')
    .select(['person_id', 'role'])
    .where('family_id', '=', familyId)
    .where('left_on', 'is', null)
    .execute()
  parentId = members.find(member => member.role === 'parent')!.person_id
  childId = members.find(member => member.role === 'child')!.person_id
  const manager = await db()
    .selectFrom('app_user')
    .selectAll()
    .where('email', '=', demoEmail('team_manager', 'derby'))
    .executeTakeFirstOrThrow()
  const episode = await db()
    .selectFrom('episode')
    .select('version')
    .where('episode_id', '=', episodeId)
    .executeTakeFirstOrThrow()
  await t.services.episodes.allocate(
    {
      actor: {
        userId: manager.user_id,
        authorityId: manager.authority_id,
        role: manager.role,
        teamId: manager.team_id,
        areaId: manager.area_id,
      },
      ip: null,
      requestId: null,
      route: null,
    },
    episodeId,
    episode.version,
    {
      workerUserId: derby.user(demoEmail('practitioner', 'derby')).user_id,
      leadProfessionalUserId: null,
      allocatedOn: '2026-11-24',
      reason: '',
    },
  )
  practitionerToken = (await apiTokenFor(t, demoEmail('practitioner', 'derby'))).token
  partnerToken = (await apiTokenFor(t, demoEmail('partner', 'derby'))).token
})
afterAll(() => t.close())

describe('the visit frequency on the API', () => {
  it('has none at first, then records one agreed and answers with the sessions against it', async () => {
    const url = `/api/v1/episodes/${episodeId}/visit-frequency`
    expect((await call('GET', url, practitionerToken)).json()).toEqual({ current: null, earlier: [], status: null })

    const bad = await call('POST', url, practitionerToken, { everyDays: 93, agreedOn: '2026-12-01' })
    expect(bad.statusCode).toBe(400)
    const future = await call('POST', url, practitionerToken, { everyDays: 7, agreedOn: '2026-12-04' })
    expect(future.statusCode).toBe(400)
    expect(future.json().errors).toEqual([{ field: 'agreedOn', message: 'The date must be today or in the past' }])

    const agreed = await call('POST', url, practitionerToken, {
      everyDays: 7,
      agreedOn: '2026-12-01',
      notes: 'Weekly, agreed with the team manager',
    })
    expect(agreed.statusCode, agreed.body).toBe(201)
    const read = (await call('GET', url, partnerToken)).json()
    expect(read.current).toMatchObject({
      everyDays: 7,
      agreedOn: '2026-12-01',
      notes: 'Weekly, agreed with the team manager',
    })
    expect(read.status).toEqual({
      everyDays: 7,
      agreedOn: '2026-12-01',
      lastSessionOn: null,
      nextDueOn: '2026-12-08',
      overdue: false,
      daysOverdue: 0,
      expected: 0,
      held: 0,
    })
  })

  it('is agreed only by those who work the case', async () => {
    const refused = await call('POST', `/api/v1/episodes/${episodeId}/visit-frequency`, partnerToken, {})
    expect(refused.statusCode).toBe(403)
  })
})

describe('sessions on the API', () => {
  it('records a session, lists and reads it, and changes it at its version', async () => {
    const url = `/api/v1/episodes/${episodeId}/sessions`
    const created = await call('POST', url, practitionerToken, session())
    expect(created.statusCode, created.body).toBe(201)
    const { workSessionId } = created.json()
    expect(created.headers.location).toBe(`${url}/${workSessionId}`)

    const list = (await call('GET', url, practitionerToken)).json()
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({
      workSessionId,
      heldOn: '2026-12-02',
      kind: 'school',
      kindLabel: 'At school',
      seen: [{ personId: childId, seenAlone: true }],
      outcomes: [],
      version: 1,
    })
    expect(list.visitFrequency).toMatchObject({ lastSessionOn: '2026-12-02', nextDueOn: '2026-12-09', held: 1 })

    const one = await call('GET', `${url}/${workSessionId}`, partnerToken)
    expect(one.statusCode).toBe(200)
    expect(one.json().reflection).toBe('Ava said break times are the hardest part of her day.')

    const changed = await call(
      'PUT',
      `${url}/${workSessionId}`,
      practitionerToken,
      session({ version: 1, personIds: [parentId, childId], analysis: 'Lunchtime club agreed with school.' }),
    )
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ version: 2, analysis: 'Lunchtime club agreed with school.' })
    expect(changed.json().seen).toHaveLength(2)

    const stale = await call('PUT', `${url}/${workSessionId}`, practitionerToken, session({ version: 1 }))
    expect(stale.statusCode).toBe(409)
    const saved = await db()
      .selectFrom('work_session')
      .select('analysis')
      .where('work_session_id', '=', workSessionId)
      .executeTakeFirstOrThrow()
    expect(saved.analysis).toBe('Lunchtime club agreed with school.')
  })

  it('refuses a session without PARA or anyone seen, naming each field, and saves nothing', async () => {
    const before = await db()
      .selectFrom('work_session')
      .select(eb => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const response = await call(
      'POST',
      `/api/v1/episodes/${episodeId}/sessions`,
      practitionerToken,
      session({ personIds: [], seenAloneIds: [], purpose: ' ', heldOn: '2026-12-04' }),
    )
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.json().errors).toEqual([
      { field: 'heldOn', message: 'The date must be today or in the past' },
      { field: 'personIds', message: 'Select who was seen' },
      { field: 'purpose', message: 'Enter the purpose of the session' },
    ])
    const after = await db()
      .selectFrom('work_session')
      .select(eb => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('refuses a partner who is not the lead professional before reading the body', async () => {
    const refused = await call('POST', `/api/v1/episodes/${episodeId}/sessions`, partnerToken, { nonsense: true })
    expect(refused.statusCode).toBe(403)
  })

  it('is described in the OpenAPI document', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
    expect(Object.keys(document.paths['/api/v1/episodes/{episodeId}/sessions']).sort()).toEqual(['get', 'post'])
    expect(Object.keys(document.paths['/api/v1/episodes/{episodeId}/sessions/{workSessionId}']).sort()).toEqual([
      'get',
      'put',
    ])
    expect(Object.keys(document.paths['/api/v1/episodes/{episodeId}/visit-frequency']).sort()).toEqual(['get', 'post'])
    expect(document.components.schemas).toHaveProperty('WorkSession')
    expect(document.components.schemas).toHaveProperty('VisitFrequencyStatus')
  })
})
