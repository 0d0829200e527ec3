import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, demoEmail, TEST_START, type TestApp } from '../../test/app.js'
import { apiTokenFor } from '../../test/fixtures.js'
import { presets } from '../practice-models/presets/index.js'

// Requests for support on the API (issue 7: "a school's system can submit a request by API"): real HTTP
// through app.inject, the real services, a seeded database.

let t: TestApp
let partner: string
let frontDoor: string
let otherPractitioner: string

beforeAll(async () => {
  t = await buildTestApp()
  partner = (await apiTokenFor(t, demoEmail('partner', 'derby'))).token
  frontDoor = (await apiTokenFor(t, demoEmail('front_door', 'derby'))).token
  otherPractitioner = (await apiTokenFor(t, 'practitioner-2@derby.tandem.example')).token
})
afterAll(() => t.close())

const db = () => t.testDatabase.database.db
const derby = presets.derby
const toPanel = derby.frontDoor.outcomes.find(outcome => outcome.route === 'panel')!.code
const today = TEST_START.slice(0, 10)

function call(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })
}

const countRequests = async () =>
  Number(
    (
      await db()
        .selectFrom('support_request')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const schoolRequest = (overrides: object = {}) => ({
  subjects: [
    { givenName: 'Maisie', familyName: 'Tranter', role: 'child', dateOfBirth: '2015-02-11' },
    { givenName: 'Carla', familyName: 'Tranter', role: 'parent' },
  ],
  receivedOn: today,
  urgency: 'routine',
  concerns: [derby.concernCategories[0]!.code],
  worries: 'Maisie is often hungry and her attendance has dropped to 85%.',
  familyKnows: 'Her mother knows and agrees the school asks for help.',
  consent: 'given',
  consentGivenBy: 'Carla Tranter',
  safeguardingConcern: false,
  ...overrides,
})

describe('a school’s system asks for early help by API', () => {
  it('submits a request and follows its outcome, seeing nothing of the records it is linked to', async () => {
    const created = await call('POST', '/api/v1/requests', partner, schoolRequest())
    expect(created.statusCode, created.body).toBe(201)
    const { requestId } = created.json<{ requestId: string }>()
    expect(created.headers.location).toBe(`/api/v1/requests/${requestId}`)

    const seen = await call('GET', `/api/v1/requests/${requestId}`, partner)
    expect(seen.json()).toMatchObject({
      status: 'awaiting_decision',
      statusLabel: 'With the front door',
      outcome: null,
      familyId: null,
      decisions: [],
    })
    const mine = await call('GET', '/api/v1/requests', partner)
    expect(mine.json<{ requests: { requestId: string }[] }>().requests.map(row => row.requestId)).toContain(requestId)

    // The front door finds it in its queue, links it and routes it to the panel.
    const queue = await call('GET', '/api/v1/front-door', frontDoor)
    expect(queue.json<{ requests: { requestId: string }[] }>().requests.map(row => row.requestId)).toContain(requestId)
    const ctx = await frontDoorContext()
    const { request } = await t.services.requests.get(ctx, requestId)
    await t.services.requests.link(ctx, requestId, request.version, { people: { 0: 'new', 1: 'new' }, familyId: 'new' })
    const linked = await call('GET', `/api/v1/requests/${requestId}`, frontDoor)
    const { version, familyId } = linked.json<{ version: number; familyId: string }>()
    expect(familyId).toMatch(/^[0-9a-f-]{36}$/)
    const withoutArea = await call('POST', `/api/v1/requests/${requestId}/decision`, frontDoor, {
      version,
      outcome: toPanel,
      reason: 'Hunger and attendance: for the locality’s weekly meeting.',
    })
    // Neither the school nor the new family record said where the family lives: the panel's area is asked for.
    expect(withoutArea.json<{ errors: { field: string }[] }>().errors.map(error => error.field)).toEqual(['areaId'])
    const area = await db()
      .selectFrom('area')
      .innerJoin('authority', 'authority.authority_id', 'area.authority_id')
      .select('area.area_id')
      .where('authority.slug', '=', 'derby')
      .orderBy('area.name')
      .executeTakeFirstOrThrow()
    const decided = await call('POST', `/api/v1/requests/${requestId}/decision`, frontDoor, {
      version,
      outcome: toPanel,
      areaId: area.area_id,
      reason: 'Hunger and attendance: for the locality’s weekly meeting.',
    })
    expect(decided.statusCode, decided.body).toBe(200)
    expect(decided.json()).toEqual({ status: 'at_panel', statusLabel: "For the Vulnerable Children's Meeting" })

    const after = (await call('GET', `/api/v1/requests/${requestId}`, partner)).json<Record<string, unknown>>()
    expect(after).toMatchObject({
      status: 'at_panel',
      statusLabel: "For the Vulnerable Children's Meeting",
      outcome: { by: 'Front door', label: "To the Vulnerable Children's Meeting", on: today },
      familyId: null,
      decisions: [],
    })
    expect((after.subjects as { personId: string | null }[]).every(subject => subject.personId === null)).toBe(true)
    // Nor can the partner open the family the front door linked it to.
    expect((await call('GET', `/api/v1/families/${familyId}`, partner)).statusCode).toBe(403)
  })

  it('refuses bad input with every problem named by its path, and saves nothing', async () => {
    const before = await countRequests()
    const response = await call(
      'POST',
      '/api/v1/requests',
      partner,
      schoolRequest({
        concerns: [],
        receivedOn: '2099-01-01',
        worries: '',
        subjects: [{ givenName: '', familyName: 'Tranter', role: 'parent' }],
      }),
    )
    expect(response.statusCode, response.body).toBe(400)
    const fields = response.json<{ errors: { field: string }[] }>().errors.map(error => error.field)
    expect(fields).toEqual(
      expect.arrayContaining(['concerns', 'receivedOn', 'worries', 'subjects.0.givenName', 'subjects']),
    )
    const unknownConcern = await call(
      'POST',
      '/api/v1/requests',
      partner,
      schoolRequest({ concerns: ['not-a-concern'] }),
    )
    expect(unknownConcern.statusCode).toBe(400)
    const wrongShape = await call('POST', '/api/v1/requests', partner, schoolRequest({ urgency: 'whenever' }))
    expect(wrongShape.statusCode).toBe(400)
    expect(await countRequests()).toBe(before)
  })

  it('lets only the requester and those who work the family read a request, and only the front door decide', async () => {
    const { requestId } = (await call('POST', '/api/v1/requests', partner, schoolRequest())).json<{
      requestId: string
    }>()
    expect((await call('GET', `/api/v1/requests/${requestId}`, otherPractitioner)).statusCode).toBe(403)
    // Refused before the body is read: an empty body gets a 403, not a 400.
    const partnerDecides = await call('POST', `/api/v1/requests/${requestId}/decision`, partner, {})
    expect(partnerDecides.statusCode).toBe(403)
    expect((await call('GET', '/api/v1/front-door', partner)).statusCode).toBe(403)
    expect((await call('GET', `/api/v1/requests/00000000-0000-4000-8000-000000000000`, frontDoor)).statusCode).toBe(404)
  })

  it('tells the second of two deciders that the request changed, and needs the records linked before routing', async () => {
    const { requestId } = (await call('POST', '/api/v1/requests', partner, schoolRequest())).json<{
      requestId: string
    }>()
    const { version } = (await call('GET', `/api/v1/requests/${requestId}`, frontDoor)).json<{ version: number }>()
    const unlinked = await call('POST', `/api/v1/requests/${requestId}/decision`, frontDoor, {
      version,
      outcome: toPanel,
      reason: 'For the meeting',
    })
    expect(unlinked.statusCode).toBe(400)
    expect(unlinked.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('outcome')
    const signpost = derby.frontDoor.outcomes.find(outcome => outcome.route === 'signpost')!.code
    const first = await call('POST', `/api/v1/requests/${requestId}/decision`, frontDoor, {
      version,
      outcome: signpost,
      signpostTo: 'Derby Family Information Service',
      reason: 'Low level needs the school can meet with the FIS',
    })
    expect(first.statusCode, first.body).toBe(200)
    const second = await call('POST', `/api/v1/requests/${requestId}/decision`, frontDoor, {
      version,
      outcome: signpost,
      signpostTo: 'Somewhere else',
      reason: 'A second opinion',
    })
    expect([400, 409]).toContain(second.statusCode)
    const decisions = await db()
      .selectFrom('front_door_decision')
      .select('signpost_to')
      .where('request_id', '=', requestId)
      .execute()
    expect(decisions).toEqual([{ signpost_to: 'Derby Family Information Service' }])
  })
})

describe('the front door and the panel by API', () => {
  it('links a request, routes it to the area’s meeting, and the chair’s decision opens the episode', async () => {
    const chair = (await apiTokenFor(t, demoEmail('panel_chair', 'derby'))).token
    const area = await db()
      .selectFrom('app_user')
      .select('area_id')
      .where('email', '=', demoEmail('panel_chair', 'derby'))
      .executeTakeFirstOrThrow()
    const { requestId } = (
      await call('POST', '/api/v1/requests', partner, schoolRequest({ areaId: area.area_id }))
    ).json<{ requestId: string }>()
    const read = (token: string) => call('GET', `/api/v1/requests/${requestId}`, token)
    const linked = await call('POST', `/api/v1/requests/${requestId}/link`, frontDoor, {
      version: (await read(frontDoor)).json<{ version: number }>().version,
      people: ['new', 'new'],
      familyId: 'new',
    })
    expect(linked.statusCode, linked.body).toBe(200)
    const routed = await call('POST', `/api/v1/requests/${requestId}/decision`, frontDoor, {
      version: (await read(frontDoor)).json<{ version: number }>().version,
      outcome: toPanel,
      reason: 'For this week’s meeting',
    })
    expect(routed.json()).toMatchObject({ status: 'at_panel' })

    // 000: "Vulnerable Children's Meetings (VCM) occur in all three localities within the city on a weekly basis."
    const meeting = await db()
      .selectFrom('panel_meeting')
      .select('meeting_id')
      .where('area_id', '=', area.area_id!)
      .where('meets_on', '=', today)
      .executeTakeFirstOrThrow()
    const agenda = await call('GET', `/api/v1/panels/${meeting.meeting_id}`, chair)
    expect(agenda.statusCode, agenda.body).toBe(200)
    const item = agenda
      .json<{ agenda: { requestId: string; requestVersion: number; decision: unknown }[] }>()
      .agenda.find(row => row.requestId === requestId)!
    expect(item.decision).toBeNull()
    expect((await call('GET', `/api/v1/panels/${meeting.meeting_id}`, partner)).statusCode).toBe(403)

    const allocate = derby.panel.decisions.find(decision => decision.action === 'allocate')!
    const team = await db()
      .selectFrom('app_user')
      .select('team_id')
      .where('email', '=', demoEmail('team_manager', 'derby'))
      .executeTakeFirstOrThrow()
    const decisionUrl = `/api/v1/panels/${meeting.meeting_id}/requests/${requestId}/decision`
    const withoutRationale = await call('POST', decisionUrl, chair, {
      requestVersion: item.requestVersion,
      decision: allocate.code,
      levelOfNeed: 'level-2',
      rationale: '',
      teamId: team.team_id,
    })
    expect(withoutRationale.statusCode).toBe(400)
    const decided = await call('POST', decisionUrl, chair, {
      requestVersion: item.requestVersion,
      decision: allocate.code,
      levelOfNeed: 'level-2',
      rationale: 'Emerging needs; the family want help.',
      teamId: team.team_id,
    })
    expect(decided.statusCode, decided.body).toBe(200)
    expect(decided.json()).toMatchObject({ status: 'episode_opened' })
    const episode = await db()
      .selectFrom('episode')
      .select(['team_id', 'worker_user_id', 'level_of_need'])
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow()
    expect(episode).toEqual({ team_id: team.team_id, worker_user_id: null, level_of_need: 'level-2' })
    expect((await read(partner)).json()).toMatchObject({ outcome: { label: allocate.label }, familyId: null })

    // The framework's figures count the panel's decisions on the requests received in the period.
    const figures = await t.services.requests.figures(await frontDoorContext(), { from: today, to: today })
    const counted = await db()
      .selectFrom('panel_decision as p')
      .innerJoin('support_request as r', 'r.request_id', 'p.request_id')
      .innerJoin('authority as a', 'a.authority_id', 'r.authority_id')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('a.slug', '=', 'derby')
      .where('p.decision', '=', allocate.code)
      .where('r.received_on', '=', today)
      .executeTakeFirstOrThrow()
    const allocated = figures.byPanelDecision.find(row => row.code === allocate.code)!
    expect(allocated.count).toBe(Number(counted.n))
    expect(allocated.count).toBeGreaterThanOrEqual(1)
  })
})

async function frontDoorContext() {
  const user = await db()
    .selectFrom('app_user')
    .selectAll()
    .where('email', '=', demoEmail('front_door', 'derby'))
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
