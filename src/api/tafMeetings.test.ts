import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../test/app.js'
import { apiTokenFor, demoRecords, frontDoorRecords } from '../../test/fixtures.js'
import { presets } from '../practice-models/presets/index.js'

// Team Around the Family meetings and progression tool records on /api/v1 (issue 8), under the same rules as the
// pages. 001_cfe3ebe7e928b659.txt §4: the early help agreement and "an initial progression of change tool … before
// the first TAF meeting"; the initial TAF "within 6 weeks of allocation".

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let episodeId: string
let tokens: Record<'practitioner' | 'manager' | 'partner', string>
let personIds: string[]

const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  const familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  personIds = derby.people.filter(person => person.family_id === familyId).map(person => person.person_id)
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
      workerUserId: derby.user(demoEmail('practitioner', 'derby')).user_id,
      leadProfessionalUserId: '',
      'allocatedOn-day': '23',
      'allocatedOn-month': '11',
      'allocatedOn-year': '2026',
      reason: '',
    },
    { from: `/episodes/${episodeId}/allocate` },
  )
  expect(allocated.statusCode, allocated.body).toBe(303)
  tokens = {
    practitioner: (await apiTokenFor(t, demoEmail('practitioner', 'derby'))).token,
    manager: (await apiTokenFor(t, demoEmail('team_manager', 'derby'))).token,
    partner: (await apiTokenFor(t, demoEmail('partner', 'derby'))).token,
  }
})
afterAll(() => t.close())

const call = (method: 'GET' | 'POST', url: string, token: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  })

const base = () => `/api/v1/episodes/${episodeId}`
let tafMeetingId: string

describe('Team Around the Family meetings on /api/v1', () => {
  it('plans the initial meeting and lists it, with when it is due', async () => {
    const invalid = await call('POST', `${base()}/taf-meetings`, tokens.practitioner, { plannedOn: '2026-12-14' })
    expect(invalid.statusCode).toBe(400)
    const refused = await call('POST', `${base()}/taf-meetings`, tokens.partner, {
      kind: 'initial',
      plannedOn: '2026-12-14',
      personIds,
    })
    expect(refused.statusCode).toBe(403)
    const planned = await call('POST', `${base()}/taf-meetings`, tokens.practitioner, {
      kind: 'initial',
      plannedOn: '2026-12-14',
      venue: 'Springfield Primary School',
      personIds,
      userIds: [derby.user(demoEmail('practitioner', 'derby')).user_id],
      others: [{ name: 'Ms Patel', agency: 'Springfield Primary School' }],
    })
    expect(planned.statusCode, planned.body).toBe(201)
    tafMeetingId = planned.json().tafMeetingId
    expect(planned.headers.location).toBe(`${base()}/taf-meetings/${tafMeetingId}`)
    const list = await call('GET', `${base()}/taf-meetings`, tokens.partner)
    expect(list.statusCode).toBe(200)
    // 001 §4: "within 6 weeks of allocation" (allocated on 23 November 2026).
    expect(list.json()).toMatchObject({
      allocatedOn: '2026-11-23',
      initialDueOn: '2027-01-04',
      agreementSignedOn: null,
      baselineToolOn: null,
      items: [{ tafMeetingId, kind: 'initial', status: 'planned', plannedOn: '2026-12-14', overridden: false }],
    })
    const one = await call('GET', `${base()}/taf-meetings/${tafMeetingId}`, tokens.practitioner)
    expect(one.json().attendees).toHaveLength(personIds.length + 2)
    expect(one.json().missing.map((problem: { field: string }) => problem.field)).toEqual(['agreement', 'baselineTool'])
  })

  it('refuses the initial meeting held without the agreement and the baseline tool: a 400 naming both', async () => {
    t.clock.set('2026-12-14T15:00:00Z')
    const meeting = (await call('GET', `${base()}/taf-meetings/${tafMeetingId}`, tokens.practitioner)).json()
    const refused = await call('POST', `${base()}/taf-meetings/${tafMeetingId}/held`, tokens.practitioner, {
      version: meeting.version,
      heldOn: '2026-12-14',
      attendance: meeting.attendees.map((attendee: { position: number }) => ({
        position: attendee.position,
        attendance: 'attended',
      })),
      minutes: 'Agreed the plan.',
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(refused.json().errors).toEqual([
      { field: 'agreement', message: 'The family has not signed the early help agreement' },
      { field: 'baselineTool', message: 'No baseline progression of change tool has been recorded' },
    ])
    const after = (await call('GET', `${base()}/taf-meetings/${tafMeetingId}`, tokens.practitioner)).json()
    expect(after).toMatchObject({ status: 'planned', version: meeting.version })
  })

  it('lets only a manager override, with a reason; a stale version is refused (409); then it is held', async () => {
    t.clock.set('2026-12-14T15:00:00Z')
    const meeting = (await call('GET', `${base()}/taf-meetings/${tafMeetingId}`, tokens.practitioner)).json()
    const reason = 'The family will sign the agreement and complete the spider graph at the meeting.'
    expect(
      (
        await call('POST', `${base()}/taf-meetings/${tafMeetingId}/override`, tokens.practitioner, {
          version: meeting.version,
          reason,
        })
      ).statusCode,
    ).toBe(403)
    const noReason = await call('POST', `${base()}/taf-meetings/${tafMeetingId}/override`, tokens.manager, {
      version: meeting.version,
      reason: ' ',
    })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().errors).toEqual([
      { field: 'reason', message: 'Enter why the meeting can go ahead without them' },
    ])
    const overridden = await call('POST', `${base()}/taf-meetings/${tafMeetingId}/override`, tokens.manager, {
      version: meeting.version,
      reason,
    })
    expect(overridden.statusCode, overridden.body).toBe(200)
    expect(overridden.json()).toMatchObject({
      overridden: true,
      override: { reason, by: derby.user(demoEmail('team_manager', 'derby')).display_name },
      missing: [],
    })
    const held = {
      heldOn: '2026-12-14',
      attendance: meeting.attendees.map((attendee: { position: number }) => ({
        position: attendee.position,
        attendance: attendee.position === 1 ? 'apologies' : 'attended',
      })),
      others: [{ name: 'Dr Okafor', agency: 'GP surgery' }],
      minutes: 'Agreed the plan: attendance, food and routines.',
    }
    const stale = await call('POST', `${base()}/taf-meetings/${tafMeetingId}/held`, tokens.practitioner, {
      ...held,
      version: meeting.version,
    })
    expect(stale.statusCode).toBe(409)
    const done = await call('POST', `${base()}/taf-meetings/${tafMeetingId}/held`, tokens.practitioner, {
      ...held,
      version: overridden.json().version,
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({ status: 'held', heldOn: '2026-12-14', minutes: held.minutes })
    expect(done.json().attendees.at(-1)).toMatchObject({ name: 'Dr Okafor', attendance: 'attended' })
    expect(done.json().attendees[0].attendance).toBe('apologies')
  })
})

describe('progression of change tool records on /api/v1', () => {
  it('records a tool, lists it, and refuses an unknown tool or a partner who does not lead', async () => {
    t.clock.set('2026-12-15T10:00:00Z')
    const tool = presets.derby.progressionTools.find(known => !known.instrument)!
    const unknown = await call('POST', `${base()}/tools`, tokens.practitioner, {
      tool: 'crystal-ball',
      stage: 'baseline',
      completedOn: '2026-12-15',
      completedWith: 'Mum',
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors).toEqual([{ field: 'tool', message: 'Select the progression of change tool' }])
    const refused = await call('POST', `${base()}/tools`, tokens.partner, {
      tool: tool.code,
      stage: 'baseline',
      completedOn: '2026-12-15',
      completedWith: 'Mum',
    })
    expect(refused.statusCode).toBe(403)
    const recorded = await call('POST', `${base()}/tools`, tokens.practitioner, {
      tool: tool.code,
      stage: 'baseline',
      completedOn: '2026-12-15',
      completedWith: 'Mum and both children',
      summary: 'Home conditions 3, routines 2.',
    })
    expect(recorded.statusCode, recorded.body).toBe(201)
    const list = await call('GET', `${base()}/tools`, tokens.partner)
    expect(list.statusCode).toBe(200)
    expect(list.json().items).toEqual([
      expect.objectContaining({
        toolRecordId: recorded.json().toolRecordId,
        tool: tool.code,
        toolLabel: tool.label,
        stage: 'baseline',
        completedOn: '2026-12-15',
        completedWith: 'Mum and both children',
      }),
    ])
  })
})

describe('the OpenAPI document', () => {
  it('describes the meetings and tools routes, each with a summary and one tag', async () => {
    const document = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body)
    const ours = Object.entries(
      document.paths as Record<string, Record<string, { summary?: string; tags?: string[] }>>,
    ).filter(([path]) => path.startsWith('/api/v1/episodes/{episodeId}/t'))
    expect(
      ours.flatMap(([path, operations]) => Object.keys(operations).map(method => `${method} ${path}`)).sort(),
    ).toEqual([
      'get /api/v1/episodes/{episodeId}/taf-meetings',
      'get /api/v1/episodes/{episodeId}/taf-meetings/{tafMeetingId}',
      'get /api/v1/episodes/{episodeId}/tools',
      'post /api/v1/episodes/{episodeId}/taf-meetings',
      'post /api/v1/episodes/{episodeId}/taf-meetings/{tafMeetingId}/cancel',
      'post /api/v1/episodes/{episodeId}/taf-meetings/{tafMeetingId}/held',
      'post /api/v1/episodes/{episodeId}/taf-meetings/{tafMeetingId}/override',
      'post /api/v1/episodes/{episodeId}/tools',
    ])
    for (const [, operations] of ours)
      for (const operation of Object.values(operations)) {
        expect(operation.summary).toEqual(expect.any(String))
        expect(operation.tags).toHaveLength(1)
      }
    const schemas = Object.keys(document.components.schemas).filter(name => /Taf|ProgressionTool/.test(name))
    expect(schemas.sort()).toEqual([
      'NewProgressionToolRecordInput',
      'NewTafMeetingInput',
      'ProgressionToolRecordList',
      'TafMeeting',
      'TafMeetingHeldInput',
      'TafMeetingList',
    ])
  })
})
