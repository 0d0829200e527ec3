import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../test/agent.js'
import { buildTestApp, demoEmail, TEST_START, type TestApp } from '../../test/app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const db = () => t.testDatabase.database.db

/** Creates a token through the account pages, as a person would, and reads it off the page shown once. */
async function createToken(agentOrEmail: Agent | string, form: Record<string, string> = {}) {
  const agent = typeof agentOrEmail === 'string' ? await signedIn(t.app, agentOrEmail) : agentOrEmail
  const response = await agent.post(
    '/account/api-tokens',
    { name: 'Case sync', expiresInDays: '90', ...form },
    { from: '/account/api-tokens' },
  )
  expect(response.statusCode).toBe(201)
  const token = /data-testid="api-token">(tdm_[\w-]+)</.exec(response.body)?.[1]
  if (!token) throw new Error('No token on the page')
  return { agent, token }
}

const api = (url: string, token?: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  })

const expectProblem = (response: Awaited<ReturnType<typeof api>>, status: number) => {
  expect(response.statusCode).toBe(status)
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = response.json()
  expect(body).toMatchObject({ status, title: expect.any(String) })
  return body as { title: string; detail?: string; errors?: { field: string; message: string }[] }
}

async function userOf(email: string) {
  return db()
    .selectFrom('app_user')
    .select(['user_id', 'authority_id', 'team_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
}

async function familiesOf(slug: 'derby' | 'durham' | 'leeds') {
  return db()
    .selectFrom('family')
    .innerJoin('authority', 'authority.authority_id', 'family.authority_id')
    .select(['family.family_id', 'family.name', 'family.team_id'])
    .where('authority.slug', '=', slug)
    .orderBy('family.name')
    .execute()
}

async function personIn(familyId: string) {
  return db()
    .selectFrom('family_member')
    .innerJoin('person', join =>
      join
        .onRef('person.authority_id', '=', 'family_member.authority_id')
        .onRef('person.person_id', '=', 'family_member.person_id'),
    )
    .select(['person.person_id', 'person.given_name', 'person.family_name'])
    .where('family_member.family_id', '=', familyId)
    .executeTakeFirstOrThrow()
}

const derbyPractitioner = demoEmail('practitioner', 'derby')
let practitionerToken: string
beforeAll(async () => {
  practitionerToken = (await createToken(derbyPractitioner)).token
})

describe('authentication', () => {
  it('answers who a token acts as, and stops answering once the token is revoked', async () => {
    const { agent, token } = await createToken(demoEmail('team_manager', 'durham'), { name: 'Revoke me' })
    const me = await api('/api/v1/me', token)
    expect(me.statusCode).toBe(200)
    expect(me.headers['content-type']).toMatch(/^application\/json/)
    const user = await userOf(demoEmail('team_manager', 'durham'))
    expect(me.json()).toEqual({
      userId: user.user_id,
      displayName: 'Neil Robson',
      email: 'team-manager@durham.tandem.example',
      role: 'team_manager',
      roleLabel: 'Team manager',
      authority: { name: 'Durham County Council', slug: 'durham' },
      team: { teamId: user.team_id, name: expect.any(String) },
      area: expect.anything(),
    })

    const list = await agent.get('/account/api-tokens')
    const tokenId = /action="\/account\/api-tokens\/([0-9a-f-]{36})\/revoke"/.exec(list.body)?.[1]
    expect(tokenId).toBeDefined()
    const revoked = await agent.post(`/account/api-tokens/${tokenId}/revoke`)
    expect(revoked.statusCode).toBe(303)

    const after = await api('/api/v1/me', token)
    expectProblem(after, 401)
    expect(after.headers['www-authenticate']).toBe('Bearer realm="Tandem API", error="invalid_token"')
  })

  it('refuses a request without a token with a 401 problem that says how to authenticate', async () => {
    const response = await api('/api/v1/me')
    const body = expectProblem(response, 401)
    expect(body.title).toBe('Authentication required')
    expect(body.detail).toContain('Authorization: Bearer')
    expect(response.headers['www-authenticate']).toBe('Bearer realm="Tandem API"')
  })

  it.each([
    ['an unknown token', 'Bearer tdm_thisIsNotARealTokenAtAllButItLooksLikeOne12345'],
    ['a token without the prefix', 'Bearer abcdefghijklmnopqrstuvwxyz'],
    ['garbage', 'Bearer ¯\\_(ツ)_/¯ !!'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s with a 401', async (_label, authorization) => {
    const response = await api('/api/v1/families', undefined, { authorization })
    expectProblem(response, 401)
    expect(response.headers['www-authenticate']).toContain('Bearer')
  })

  it('never accepts a session cookie: a signed-in browser gets a 401 from the API', async () => {
    const agent = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
    expectProblem(await agent.get('/api/v1/me'), 401)
  })

  it('stops a token working when its owner is deactivated', async () => {
    const email = demoEmail('front_door', 'durham')
    const { token } = await createToken(email)
    expect((await api('/api/v1/families', token)).statusCode).toBe(200)
    await db().updateTable('app_user').set({ active: false }).where('email', '=', email).execute()
    expectProblem(await api('/api/v1/families', token), 401)
    expectProblem(await api('/api/v1/me', token), 401)
  })

  it('stops a token working when it expires', async () => {
    const { token } = await createToken(demoEmail('head_of_service', 'leeds'), { expiresInDays: '30' })
    try {
      t.clock.advanceDays(29)
      expect((await api('/api/v1/me', token)).statusCode).toBe(200)
      t.clock.advanceDays(2)
      expectProblem(await api('/api/v1/me', token), 401)
    } finally {
      t.clock.set(TEST_START)
    }
  })

  it('refuses a role without the capability with a 403, and logs the refusal', async () => {
    const email = demoEmail('admin', 'derby')
    const { token } = await createToken(email)
    const body = expectProblem(await api('/api/v1/families', token), 403)
    expect(body.title).toBe('You do not have permission')
    const user = await userOf(email)
    const refusals = await db()
      .selectFrom('access_log')
      .select(['record_type', 'record_id', 'route'])
      .where('user_id', '=', user.user_id)
      .where('action', '=', 'refused')
      .execute()
    expect(refusals).toEqual([{ record_type: 'page', record_id: null, route: 'GET /api/v1/families' }])
  })
})

describe('OpenAPI', () => {
  it('describes the API routes, and only them, as OpenAPI 3.1 with bearer authentication', async () => {
    const response = await api('/api/v1/openapi.json')
    expect(response.statusCode).toBe(200)
    const document = JSON.parse(response.body)
    expect(document.openapi).toMatch(/^3\.1\./)
    expect(document.info.title).toBe('Tandem API')
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/episodes/{episodeId}/assessments',
      '/api/v1/episodes/{episodeId}/assessments/{assessmentId}',
      '/api/v1/episodes/{episodeId}/assessments/{assessmentId}/decision',
      '/api/v1/episodes/{episodeId}/assessments/{assessmentId}/submit',
      '/api/v1/episodes/{episodeId}/cse-screenings',
      '/api/v1/episodes/{episodeId}/cse-screenings/{toolRecordId}/safeguarding-actions',
      '/api/v1/episodes/{episodeId}/feedback',
      '/api/v1/episodes/{episodeId}/feedback-links',
      '/api/v1/episodes/{episodeId}/instruments/{instrument}',
      '/api/v1/episodes/{episodeId}/oversight',
      '/api/v1/episodes/{episodeId}/plan',
      '/api/v1/episodes/{episodeId}/plan/actions',
      '/api/v1/episodes/{episodeId}/plan/actions/{actionKey}',
      '/api/v1/episodes/{episodeId}/plan/outcomes',
      '/api/v1/episodes/{episodeId}/plan/outcomes/{outcomeKey}',
      '/api/v1/episodes/{episodeId}/plan/versions/{planVersionId}',
      '/api/v1/episodes/{episodeId}/plan/versions/{planVersionId}/changes',
      '/api/v1/episodes/{episodeId}/programmes',
      '/api/v1/episodes/{episodeId}/programmes/{programmeDeliveryId}/end',
      '/api/v1/episodes/{episodeId}/sessions',
      '/api/v1/episodes/{episodeId}/sessions/{workSessionId}',
      '/api/v1/episodes/{episodeId}/spider-graphs',
      '/api/v1/episodes/{episodeId}/taf-meetings',
      '/api/v1/episodes/{episodeId}/taf-meetings/{tafMeetingId}',
      '/api/v1/episodes/{episodeId}/taf-meetings/{tafMeetingId}/cancel',
      '/api/v1/episodes/{episodeId}/taf-meetings/{tafMeetingId}/held',
      '/api/v1/episodes/{episodeId}/taf-meetings/{tafMeetingId}/override',
      '/api/v1/episodes/{episodeId}/tools',
      '/api/v1/episodes/{episodeId}/visit-frequency',
      '/api/v1/families',
      '/api/v1/families/{familyId}',
      '/api/v1/families/{familyId}/chronology',
      '/api/v1/families/{familyId}/people',
      '/api/v1/families/{familyId}/relationships',
      '/api/v1/front-door',
      '/api/v1/me',
      '/api/v1/panels/{meetingId}',
      '/api/v1/panels/{meetingId}/requests/{requestId}/decision',
      '/api/v1/people',
      '/api/v1/people/{personId}',
      '/api/v1/people/{personId}/chronology',
      '/api/v1/requests',
      '/api/v1/requests/{requestId}',
      '/api/v1/requests/{requestId}/decision',
      '/api/v1/requests/{requestId}/link',
    ])
    expect(Object.keys(document.paths['/api/v1/requests']).sort()).toEqual(['get', 'post'])
    expect(Object.keys(document.paths['/api/v1/families']).sort()).toEqual(['get', 'post'])
    expect(Object.keys(document.paths['/api/v1/people/{personId}']).sort()).toEqual(['get', 'put'])
    expect(Object.keys(document.paths['/api/v1/families/{familyId}/chronology']).sort()).toEqual(['get', 'post'])
    expect(Object.keys(document.paths['/api/v1/families/{familyId}/relationships']).sort()).toEqual(['get', 'post'])
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(
        operations as Record<string, { summary?: string; tags?: string[] }>,
      )) {
        expect(operation.summary, `${method} ${path}`).toEqual(expect.any(String))
        expect(operation.tags, `${method} ${path}`).toHaveLength(1)
      }
    }
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(document.security).toEqual([{ bearerAuth: [] }])
    expect(
      document.paths['/api/v1/families/{familyId}'].get.responses['200'].content['application/json'].schema,
    ).toEqual({ $ref: '#/components/schemas/Family' })
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'Address',
      'Assessment',
      'AssessmentDecisionInput',
      'AssessmentList',
      'AssessmentSummary',
      'AssessmentUpdateInput',
      'Chronology',
      'ChronologyEntry',
      'CseScreening',
      'CseScreeningList',
      'Family',
      'FamilyPage',
      'FamilySummary',
      'FeedbackLink',
      'FrontDoorDecisionInput',
      'HowWasItForYou',
      'HowWasItForYouList',
      'InstrumentRecord',
      'InstrumentRecordList',
      'InstrumentResultItem',
      'LinkToRecordsInput',
      'Me',
      'NewAssessmentInput',
      'NewCseScreeningInput',
      'NewFeedbackLinkInput',
      'NewHowWasItForYouInput',
      'NewInstrumentRecordInput',
      'NewOversightEntryInput',
      'NewPersonInput',
      'NewProgrammeDeliveryInput',
      'NewProgressionToolRecordInput',
      'NewRequestInput',
      'NewSafeguardingActionInput',
      'NewSpiderGraphInput',
      'NewTafMeetingInput',
      'NewVisitFrequencyInput',
      'NewWorkSessionInput',
      'Oversight',
      'OversightEntry',
      'PanelDecisionInput',
      'PanelMeeting',
      'Person',
      'PersonPage',
      'PersonSummary',
      'PersonUpdateInput',
      'Plan',
      'PlanActionInput',
      'PlanChanges',
      'PlanOutcomeInput',
      'PlanVersion',
      'PlanVersionSummary',
      'PossibleDuplicates',
      'Problem',
      'ProgrammeDelivery',
      'ProgrammeDeliveryList',
      'ProgrammeEndInput',
      'ProgressionToolRecordList',
      'Relationship',
      'RelationshipList',
      'Request',
      'RequestSummary',
      'SafeguardingAction',
      'SpiderGraph',
      'SpiderGraphList',
      'SpiderGraphScore',
      'TafMeeting',
      'TafMeetingHeldInput',
      'TafMeetingList',
      'VisitFrequency',
      'VisitFrequencyStatus',
      'WorkSession',
      'WorkSessionList',
      'WorkSessionUpdateInput',
    ])
    const addPerson = document.paths['/api/v1/families/{familyId}/people'].post
    expect(addPerson.responses['409'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/PossibleDuplicates',
    })
    expect(addPerson.description).toContain('"duplicatesSeen": true')
  })
})

describe('families and people', () => {
  it("lists only the practitioner's team's families, a page at a time", async () => {
    const practitioner = await userOf(derbyPractitioner)
    // The demo restricts one of the team's families to the team manager: the list leaves it out.
    const restricted = (
      await db()
        .selectFrom('restriction')
        .select('record_id')
        .where('record_type', '=', 'family')
        .where('lifted_at', 'is', null)
        .execute()
    ).map(row => row.record_id)
    const ownTeam = (await familiesOf('derby')).filter(family => family.team_id === practitioner.team_id)
    const expected = ownTeam.filter(family => !restricted.includes(family.family_id))
    expect(expected.length).toBeGreaterThan(1)
    expect(expected.length).toBeLessThan(ownTeam.length)

    const all = await api('/api/v1/families?pageSize=100', practitionerToken)
    expect(all.statusCode).toBe(200)
    const body = all.json()
    expect(body.total).toBe(expected.length)
    expect(body.items.map((item: { familyId: string }) => item.familyId).sort()).toEqual(
      expected.map(family => family.family_id).sort(),
    )
    for (const item of body.items) expect(item.team.teamId).toBe(practitioner.team_id)

    const first = (await api('/api/v1/families?page=1&pageSize=1', practitionerToken)).json()
    const second = (await api('/api/v1/families?page=2&pageSize=1', practitionerToken)).json()
    expect(first).toMatchObject({ page: 1, pageSize: 1, total: expected.length, totalPages: expected.length })
    expect(first.items).toHaveLength(1)
    expect(second.items[0].familyId).not.toBe(first.items[0].familyId)
  })

  it('refuses a page size over 100 or a page below 1 with a 400 problem naming the field', async () => {
    const tooBig = expectProblem(await api('/api/v1/families?pageSize=101', practitionerToken), 400)
    expect(tooBig.errors).toEqual([expect.objectContaining({ field: 'pageSize', in: 'querystring' })])
    const zero = expectProblem(await api('/api/v1/families?page=0', practitionerToken), 400)
    expect(zero.errors?.[0]?.field).toBe('page')
    expectProblem(await api('/api/v1/families?page=two', practitionerToken), 400)
  })

  it('returns a family of their own team with its members, and logs the view', async () => {
    const practitioner = await userOf(derbyPractitioner)
    const family = (await familiesOf('derby')).find(f => f.team_id === practitioner.team_id)!
    const response = await api(`/api/v1/families/${family.family_id}`, practitionerToken)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({
      familyId: family.family_id,
      name: family.name,
      team: { teamId: practitioner.team_id },
    })
    expect(body.members.length).toBeGreaterThan(0)
    expect(body.members[0]).toEqual({
      personId: expect.any(String),
      givenName: expect.any(String),
      familyName: expect.any(String),
      dateOfBirth: expect.toSatisfy((value: unknown) => value === null || /^\d{4}-\d\d-\d\d$/.test(String(value))),
      expectedDate: null,
      role: expect.any(String),
      livesInHousehold: true,
      joinedOn: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
      leftOn: null,
    })
    const views = await db()
      .selectFrom('access_log')
      .select('action')
      .where('user_id', '=', practitioner.user_id)
      .where('record_type', '=', 'family')
      .where('record_id', '=', family.family_id)
      .execute()
    expect(views).toEqual([{ action: 'view' }])
  })

  it('refuses a Derby family of another team with a 403 that names nothing, and logs the refusal', async () => {
    const practitioner = await userOf(derbyPractitioner)
    const family = (await familiesOf('derby')).find(f => f.team_id !== practitioner.team_id)!
    const person = await personIn(family.family_id)
    for (const url of [`/api/v1/families/${family.family_id}`, `/api/v1/people/${person.person_id}`]) {
      const response = await api(url, practitionerToken)
      expectProblem(response, 403)
      expect(response.body).not.toContain(family.name)
      expect(response.body).not.toContain(person.family_name)
      expect(response.body).not.toContain(person.given_name)
    }
    const refusals = await db()
      .selectFrom('access_log')
      .select(['record_type', 'record_id'])
      .where('user_id', '=', practitioner.user_id)
      .where('action', '=', 'refused')
      .orderBy('access_log_id')
      .execute()
    expect(refusals).toEqual(
      expect.arrayContaining([
        { record_type: 'family', record_id: family.family_id },
        { record_type: 'person', record_id: person.person_id },
      ]),
    )
  })

  it('answers a Leeds family or person id with the same 404 as an id that does not exist', async () => {
    const leedsFamily = (await familiesOf('leeds'))[0]!
    const leedsPerson = await personIn(leedsFamily.family_id)
    const nobody = await api('/api/v1/families/7d9f6a2e-8c1b-4f3a-9e5d-2b6c8a4f1e0d', practitionerToken)
    const nobodyBody = expectProblem(nobody, 404)
    for (const url of [`/api/v1/families/${leedsFamily.family_id}`, `/api/v1/people/${leedsPerson.person_id}`]) {
      const response = await api(url, practitionerToken)
      expect(expectProblem(response, 404)).toEqual(nobodyBody)
      expect(response.body).not.toContain(leedsFamily.name)
      expect(response.body).not.toContain(leedsPerson.given_name)
    }
  })

  it('returns a person with the families the reader may see, and writes a person view to the access log', async () => {
    const practitioner = await userOf(derbyPractitioner)
    const family = (await familiesOf('derby')).find(f => f.team_id === practitioner.team_id)!
    const person = await personIn(family.family_id)
    const response = await api(`/api/v1/people/${person.person_id}`, practitionerToken)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      personId: person.person_id,
      givenName: person.given_name,
      familyName: person.family_name,
      families: expect.arrayContaining([expect.objectContaining({ familyId: family.family_id, name: family.name })]),
    })
    const rows = await db()
      .selectFrom('access_log')
      .select(['action', 'record_type', 'route', 'request_id'])
      .where('user_id', '=', practitioner.user_id)
      .where('record_id', '=', person.person_id)
      .execute()
    expect(rows).toEqual([
      {
        action: 'view',
        record_type: 'person',
        route: 'GET /api/v1/people/:personId',
        request_id: response.headers['x-request-id'],
      },
    ])
  })

  it.each(['not-a-uuid', '123', "1' or '1'='1", '7d9f6a2e8c1b4f3a9e5d2b6c8a4f1e0d0'])(
    'answers an id that is not a UUID (%s) with a 400 problem, never a 500',
    async id => {
      const bad = encodeURIComponent(id)
      for (const url of [
        `/api/v1/families/${bad}`,
        `/api/v1/families/${bad}/relationships`,
        `/api/v1/families/${bad}/chronology`,
        `/api/v1/people/${bad}`,
        `/api/v1/people/${bad}/chronology`,
      ]) {
        const body = expectProblem(await api(url, practitionerToken), 400)
        expect(body.errors?.[0]).toMatchObject({ in: 'params' })
      }
    },
  )

  it('checks the token before the id, so a caller without one learns nothing', async () => {
    expectProblem(await api('/api/v1/families/not-a-uuid'), 401)
    expectProblem(await api('/api/v1/families?pageSize=1000'), 401)
  })

  it('answers an unknown API address with a 404 problem', async () => {
    expectProblem(await api('/api/v1/nothing-here', practitionerToken), 404)
  })
})
