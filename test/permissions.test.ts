import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roles, type Role } from '../src/data/schema.js'
import { Agent } from './agent.js'
import { buildTestApp, type TestApp } from './app.js'
import { caseworkIds, demoRecords, everyRoleOf, frontDoorRecords } from './fixtures.js'
import assessmentMatrix from './permissionMatrix/assessments.js'
import oversightMatrix from './permissionMatrix/oversight.js'
import planMatrix from './permissionMatrix/plans.js'
import practiceModelMatrix from './permissionMatrix/practiceModel.js'
import programmeMatrix from './permissionMatrix/programmes.js'
import { worksFamilies, type Allowed } from './permissionMatrix/roles.js'
import tafMeetingMatrix from './permissionMatrix/tafMeetings.js'
import workSessionMatrix from './permissionMatrix/workSessions.js'

/**
 * Every registered route × every role: allowed or refused, and a refusal shows nothing of the record.
 * A route added without a line here fails the first test, so none escapes the matrix.
 *
 * 'public' — anyone, signed in or not; 'signedIn' — every role; otherwise the roles allowed.
 * For the record pages the demo family used is Derby's first Locality 1 family: its team is the
 * practitioner's, its locality the head of service's and panel chair's, and the partner is part of it.
 */

/** Those who may ask for early help: staff who work families, the front door, and partners. */
const asks: Role[] = ['practitioner', 'team_manager', 'head_of_service', 'front_door', 'partner']
/** Those who decide on requests: the front door, and a head of service in their locality. */
const decides: Role[] = ['front_door', 'head_of_service']
/** Those who run a panel meeting of their locality. */
const runsPanel: Role[] = ['panel_chair', 'head_of_service']

const matrix: Record<string, Allowed> = {
  'GET /health': 'public',
  'GET /accessibility': 'public',
  'GET /cookies': 'public',
  'GET /privacy': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'public',
  'GET /': 'signedIn',
  'GET /families': worksFamilies,
  'GET /families/:familyId': worksFamilies,
  'GET /people/:personId': worksFamilies,
  'GET /access-log': ['head_of_service', 'admin'],
  'GET /account': 'signedIn',
  'GET /account/password': 'signedIn',
  'POST /account/password': 'signedIn',
  'GET /account/api-tokens': 'signedIn',
  'POST /account/api-tokens': 'signedIn',
  'POST /account/api-tokens/:apiTokenId/revoke': 'signedIn',
  'GET /admin/users': ['admin'],
  'GET /admin/users/new': ['admin'],
  'POST /admin/users': ['admin'],
  'GET /admin/users/:userId': ['admin'],
  'GET /admin/users/:userId/edit': ['admin'],
  'POST /admin/users/:userId': ['admin'],
  'GET /admin/users/:userId/deactivate': ['admin'],
  'POST /admin/users/:userId/deactivate': ['admin'],
  'POST /admin/users/:userId/reactivate': ['admin'],
  'GET /admin/teams': ['admin'],
  'GET /admin/teams/new': ['admin'],
  'POST /admin/teams': ['admin'],
  'GET /admin/teams/:teamId': ['admin'],
  'GET /admin/teams/:teamId/edit': ['admin'],
  'POST /admin/teams/:teamId': ['admin'],
  'POST /admin/teams/:teamId/deactivate': ['admin'],
  'POST /admin/teams/:teamId/reactivate': ['admin'],
  'GET /admin/areas/new': ['admin'],
  'GET /admin/practice-model': ['admin'],
  'GET /admin/practice-model/timescales': ['admin'],
  'POST /admin/practice-model/timescales': ['admin'],
  'GET /admin/practice-model/vocabulary': ['admin'],
  'POST /admin/practice-model/vocabulary': ['admin'],
  'GET /admin/practice-model/levels-of-need': ['admin'],
  'POST /admin/practice-model/levels-of-need': ['admin'],
  'GET /admin/practice-model/export': ['admin'],
  'GET /admin/practice-model/import': ['admin'],
  'POST /admin/practice-model/import': ['admin'],
  'POST /admin/areas': ['admin'],
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/me': 'signedIn',
  'GET /api/v1/families': worksFamilies,
  'GET /api/v1/families/:familyId': worksFamilies,
  'GET /api/v1/people/:personId': worksFamilies,
  // API: people, families, relationships, chronology
  // Writes are authorised before their body is validated: those who only see the family get a 403, not a 400.
  'GET /api/v1/people': worksFamilies,
  'PUT /api/v1/people/:personId': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /api/v1/people/:personId/chronology': worksFamilies,
  'POST /api/v1/families': ['practitioner', 'team_manager', 'head_of_service', 'front_door'],
  'POST /api/v1/families/:familyId/people': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /api/v1/families/:familyId/relationships': worksFamilies,
  'POST /api/v1/families/:familyId/relationships': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /api/v1/families/:familyId/chronology': worksFamilies,
  'POST /api/v1/families/:familyId/chronology': ['practitioner', 'team_manager', 'head_of_service'],
  // People and families
  'GET /search': worksFamilies,
  'GET /families/new': ['practitioner', 'team_manager', 'head_of_service', 'front_door'],
  'POST /families': ['practitioner', 'team_manager', 'head_of_service', 'front_door'],
  'GET /families/:familyId/edit': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /families/:familyId': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /families/:familyId/people/new': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /families/:familyId/people': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /families/:familyId/members': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /families/:familyId/members/:personId/leave': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /families/:familyId/members/:personId/leave': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /families/:familyId/relationships/new': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /families/:familyId/relationships': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /families/:familyId/restriction': ['team_manager', 'head_of_service'],
  'POST /families/:familyId/restriction': ['team_manager', 'head_of_service'],
  'POST /families/:familyId/restriction/lift': ['team_manager', 'head_of_service'],
  'GET /people/:personId/edit': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /people/:personId': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /people/:personId/addresses/new': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /people/:personId/addresses': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /people/:personId/names/new': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /people/:personId/names': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /people/:personId/merge': ['team_manager', 'head_of_service'],
  'POST /people/:personId/merge': ['team_manager', 'head_of_service'],
  'GET /people/:personId/restriction': ['team_manager', 'head_of_service'],
  'POST /people/:personId/restriction': ['team_manager', 'head_of_service'],
  'POST /people/:personId/restriction/lift': ['team_manager', 'head_of_service'],
  // Chronology and consent
  'GET /families/:familyId/chronology': worksFamilies,
  'GET /families/:familyId/chronology/print': worksFamilies,
  'GET /families/:familyId/chronology/new': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /families/:familyId/chronology': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /people/:personId/chronology': worksFamilies,
  'GET /families/:familyId/consent': worksFamilies,
  'GET /families/:familyId/consent/new': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /families/:familyId/consent': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /families/:familyId/consent/:consentId/withdraw': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /families/:familyId/consent/:consentId/withdraw': ['practitioner', 'team_manager', 'head_of_service'],
  // Requests for support, the front door, the panel and episodes (issue 7). The request is the partner's,
  // about their family: the partner who asked sees it, and those who see the family or its area.
  'GET /requests': asks,
  'GET /requests/new': asks,
  'POST /requests': asks,
  'GET /requests/:requestId': worksFamilies,
  'GET /requests/:requestId/link': decides,
  'POST /requests/:requestId/link': decides,
  'GET /requests/:requestId/decision': decides,
  'POST /requests/:requestId/decision': decides,
  'GET /front-door': decides,
  'GET /front-door/figures': ['front_door', 'head_of_service', 'team_manager', 'performance_analyst'],
  'GET /panels': ['panel_chair', 'head_of_service', 'front_door'],
  'GET /panels/new': runsPanel,
  'POST /panels': runsPanel,
  'GET /panels/:meetingId': ['panel_chair', 'head_of_service', 'front_door'],
  'GET /panels/:meetingId/print': ['panel_chair', 'head_of_service', 'front_door'],
  'GET /panels/:meetingId/attendees': runsPanel,
  'POST /panels/:meetingId/attendees': runsPanel,
  'GET /panels/:meetingId/minutes': runsPanel,
  'POST /panels/:meetingId/minutes': runsPanel,
  'GET /panels/:meetingId/requests/:requestId/decision': runsPanel,
  'POST /panels/:meetingId/requests/:requestId/decision': runsPanel,
  'GET /episodes': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /api/v1/requests': asks,
  'GET /api/v1/requests': asks,
  'GET /api/v1/requests/:requestId': worksFamilies,
  'POST /api/v1/requests/:requestId/decision': decides,
  'GET /api/v1/front-door': decides,
  'POST /api/v1/requests/:requestId/link': decides,
  'GET /api/v1/panels/:meetingId': ['panel_chair', 'head_of_service', 'front_door'],
  'POST /api/v1/panels/:meetingId/requests/:requestId/decision': runsPanel,
  'GET /episodes/:episodeId': worksFamilies,
  'GET /episodes/:episodeId/level': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /episodes/:episodeId/level': ['practitioner', 'team_manager', 'head_of_service'],
  'GET /episodes/:episodeId/allocate': ['team_manager', 'head_of_service'],
  'GET /episodes/:episodeId/agreement': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /episodes/:episodeId/agreement': ['practitioner', 'team_manager', 'head_of_service'],
  'POST /episodes/:episodeId/allocate': ['team_manager', 'head_of_service'],
  // Working the case (issue 8): each part keeps its lines beside the others in test/permissionMatrix/.
  ...assessmentMatrix,
  ...tafMeetingMatrix,
  ...planMatrix,
  ...workSessionMatrix,
  ...programmeMatrix,
  ...oversightMatrix,
  ...practiceModelMatrix,
}

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let params: Record<string, string>
/** Words that must never appear in a refusal: the names of the records the routes point at. */
let secrets: string[]
let agents: Map<Role, Agent>
let tokens: Map<Role, string>

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(t.testDatabase.database.db, 'derby')
  const family = derby.partnerFamily
  const person = derby.personIn(family.family_id)
  const otherUser = derby.users.find(user => user.email === 'practitioner-2@derby.tandem.example')!
  const otherTeam = derby.teams.find(team => team.team_id === otherUser.team_id)!
  params = {
    familyId: family.family_id,
    personId: person.person_id,
    userId: otherUser.user_id,
    teamId: otherTeam.team_id,
    apiTokenId: randomUUID(),
    consentId: randomUUID(),
    relationshipId: randomUUID(),
    // The parts of a case a route names: none exists on the matrix's episode, and the episode is checked first.
    ...caseworkIds(),
    ...(await frontDoorRecords(t, family.family_id)),
  }
  secrets = [family.name, `${person.given_name} ${person.family_name}`, otherUser.display_name, otherUser.email]
  ;({ agents, tokens } = await everyRoleOf(t, 'derby'))
})
afterAll(() => t.close())

const fill = (url: string) =>
  url.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (!value) throw new Error(`No test value for the route parameter :${name}: add one to the permission matrix`)
    return value
  })

const routes = () =>
  t.app.routeCatalogue
    .map(route => `${route.method} ${route.url}`)
    .sort((a, b) => Number(a.endsWith('/sign-out')) - Number(b.endsWith('/sign-out')) || a.localeCompare(b))

async function request(key: string, as: Role | undefined) {
  const [method, url] = key.split(' ') as [string, string]
  const path = fill(url)
  if (url.startsWith('/api/')) {
    const token = as ? tokens.get(as) : undefined
    return t.app.inject({ method, url: path, headers: token ? { authorization: `Bearer ${token}` } : {} })
  }
  const agent = as ? agents.get(as)! : new Agent(t.app)
  if (method === 'GET') return agent.get(path)
  await agent.get(as ? '/account' : '/sign-in')
  return agent.post(path, {})
}

const refusedSignedOut = (key: string, response: Awaited<ReturnType<typeof request>>) =>
  key.includes(' /api/')
    ? response.statusCode === 401
    : response.statusCode === 303 &&
      (response.headers.location === '/sign-in' || String(response.headers.location).startsWith('/sign-in?returnTo='))

describe('the permission matrix', () => {
  it('has a line for every registered route, and no line for a route that does not exist', () => {
    expect(routes().sort()).toEqual(Object.keys(matrix).sort())
  })

  it('lets anyone reach the public routes and sends everyone else to sign in', async () => {
    for (const key of routes()) {
      const response = await request(key, undefined)
      if (matrix[key] === 'public') expect(refusedSignedOut(key, response), `${key} signed out`).toBe(false)
      else expect(refusedSignedOut(key, response), `${key} signed out: ${response.statusCode}`).toBe(true)
      expect(response.statusCode, key).toBeLessThan(500)
    }
  })

  for (const role of roles) {
    it(`allows and refuses the ${role.replace(/_/g, ' ')} as the matrix says, leaking nothing when refused`, async () => {
      for (const key of routes()) {
        const allowed = matrix[key]!
        const expected = allowed === 'public' || allowed === 'signedIn' || allowed.includes(role)
        const response = await request(key, role)
        expect(response.statusCode, `${key} as ${role}`).toBeLessThan(500)
        expect(refusedSignedOut(key, response), `${key} as ${role} was treated as signed out`).toBe(false)
        if (expected) {
          expect(response.statusCode, `${key} as ${role} should be allowed`).not.toBe(403)
        } else {
          expect(response.statusCode, `${key} as ${role} should be refused`).toBe(403)
          for (const secret of secrets)
            expect(response.body, `${key} as ${role} leaked ${secret}`).not.toContain(secret)
        }
      }
    })
  }
})
