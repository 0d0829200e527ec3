import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../test/app.js'
import { restrictionsOn } from '../data/restrictions.js'
import { roles, type Role } from '../data/schema.js'
import {
  can,
  requestAbilities,
  scopes,
  type Actor,
  type Capability,
  type FamilyResource,
  type MeetingResource,
  type RequestResource,
} from './index.js'

const actor = (role: Role, overrides: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  authorityId: 'a1',
  role,
  teamId: 't1',
  areaId: 'area1',
  ...overrides,
})

const family = (overrides: Partial<FamilyResource> = {}): FamilyResource => ({
  authorityId: 'a1',
  familyId: 'f1',
  teamId: 't1',
  areaId: 'area1',
  professionalUserIds: [],
  restrictedTo: null,
  ...overrides,
})

describe('capabilities by role (DESIGN §1)', () => {
  const table: Record<Capability, Role[]> = {
    'users:manage': ['admin'],
    'teams:manage': ['admin'],
    'practiceModel:manage': ['admin'],
    'accessLog:search': ['head_of_service', 'admin'],
    'families:list': ['practitioner', 'team_manager', 'head_of_service', 'front_door', 'panel_chair', 'partner'],
    'aggregates:read': ['performance_analyst', 'head_of_service', 'team_manager'],
    'families:create': ['practitioner', 'team_manager', 'head_of_service', 'front_door'],
    'records:search': ['practitioner', 'team_manager', 'head_of_service', 'front_door', 'panel_chair', 'partner'],
    'people:merge': ['team_manager', 'head_of_service'],
    'apiTokens:manage': [...roles],
    'requests:create': ['practitioner', 'team_manager', 'head_of_service', 'front_door', 'partner'],
    'requests:createForOthers': ['front_door', 'head_of_service'],
    'frontDoor:queue': ['front_door', 'head_of_service'],
    'frontDoor:figures': ['front_door', 'head_of_service', 'team_manager', 'performance_analyst'],
    'panels:list': ['panel_chair', 'head_of_service', 'front_door'],
    'panels:schedule': ['panel_chair', 'head_of_service'],
    'episodes:list': ['practitioner', 'team_manager', 'head_of_service'],
  }
  for (const [capability, allowed] of Object.entries(table) as [Capability, Role[]][]) {
    for (const role of roles) {
      it(`${role} ${allowed.includes(role) ? 'may' : 'may not'} ${capability}`, () => {
        expect(can(actor(role), capability)).toBe(allowed.includes(role))
      })
    }
  }
})

const request = (overrides: Partial<RequestResource> = {}): RequestResource => ({
  authorityId: 'a1',
  submittedBy: 'u9',
  requesterUserId: 'u9',
  areaId: 'area1',
  family: null,
  ...overrides,
})

describe('requests for support (issue 7: the partner who asks sees the outcome, nothing more)', () => {
  const cases: [string, Role, Partial<Actor>, Partial<RequestResource>, boolean, boolean][] = [
    // [case, role, actor, request, may read, may decide]
    ['a partner reads the request they made', 'partner', {}, { requesterUserId: 'u1' }, true, false],
    ['a partner cannot read another’s request', 'partner', {}, {}, false, false],
    ['a practitioner reads a request they entered', 'practitioner', {}, { submittedBy: 'u1' }, true, false],
    ['the front door reads and decides any request', 'front_door', { areaId: null }, { areaId: 'area9' }, true, true],
    ['a head of service reads and decides in their locality', 'head_of_service', {}, {}, true, true],
    ['a head of service cannot decide in another locality', 'head_of_service', {}, { areaId: 'area2' }, false, false],
    ['a panel chair reads requests in their locality', 'panel_chair', {}, {}, true, false],
    [
      'a practitioner reads a request for a family of their team',
      'practitioner',
      {},
      { family: family() },
      true,
      false,
    ],
    [
      'a practitioner cannot read one for another team’s family',
      'practitioner',
      {},
      { family: family({ teamId: 't2' }) },
      false,
      false,
    ],
    ['an unlinked request is not a practitioner’s to read', 'practitioner', {}, {}, false, false],
    ['an analyst reads no request', 'performance_analyst', {}, {}, false, false],
    ['another authority’s request is closed to its front door', 'front_door', {}, { authorityId: 'a2' }, false, false],
    [
      'a restricted family’s request is closed to the front door',
      'front_door',
      {},
      { family: family({ restrictedTo: ['u2'] }) },
      false,
      false,
    ],
    [
      'but open to the partner who asked',
      'partner',
      {},
      { requesterUserId: 'u1', family: family({ restrictedTo: ['u2'] }) },
      true,
      false,
    ],
  ]
  for (const [name, role, actorOverrides, requestOverrides, read, decide] of cases) {
    it(name, () => {
      const subject = request(requestOverrides)
      expect(can(actor(role, actorOverrides), 'request:read', subject)).toBe(read)
      expect(can(actor(role, actorOverrides), 'request:decide', subject)).toBe(decide)
    })
  }

  it('shows the partner who asked the outcome but not the front door’s working', () => {
    const own = request({ requesterUserId: 'u1', family: family({ professionalUserIds: [] }) })
    expect(requestAbilities(actor('partner'), own)).toEqual({ read: true, decide: false, seeWorking: false })
    expect(requestAbilities(actor('front_door'), own).seeWorking).toBe(true)
  })
})

describe('panel meetings', () => {
  const meeting: MeetingResource = { authorityId: 'a1', areaId: 'area1' }
  const cases: [Role, Partial<Actor>, boolean, boolean][] = [
    // [role, actor, may read, may manage]
    ['panel_chair', {}, true, true],
    ['panel_chair', { areaId: 'area2' }, false, false],
    ['panel_chair', { areaId: null }, true, true],
    ['head_of_service', {}, true, true],
    ['front_door', { areaId: null }, true, false],
    ['team_manager', {}, false, false],
    ['partner', {}, false, false],
    ['admin', {}, false, false],
  ]
  for (const [role, overrides, read, manage] of cases) {
    it(`${role} ${JSON.stringify(overrides)} ${read ? 'reads' : 'cannot read'} and ${manage ? 'runs' : 'cannot run'} a meeting`, () => {
      expect(can(actor(role, overrides), 'meeting:read', meeting)).toBe(read)
      expect(can(actor(role, overrides), 'meeting:manage', meeting)).toBe(manage)
    })
  }
})

describe('reading a family (DESIGN §1: need-to-know)', () => {
  const cases: [string, Role, Partial<Actor>, Partial<FamilyResource>, boolean][] = [
    ['a practitioner reads their team’s family', 'practitioner', {}, {}, true],
    ['a practitioner cannot read another team’s family', 'practitioner', {}, { teamId: 't2' }, false],
    ['a practitioner with no team reads nothing', 'practitioner', { teamId: null }, { teamId: null }, false],
    ['a team manager reads their team’s family', 'team_manager', {}, {}, true],
    ['a team manager cannot read another team’s family', 'team_manager', {}, { teamId: 't2' }, false],
    ['a head of service reads their locality', 'head_of_service', {}, { teamId: 't2' }, true],
    ['a head of service cannot read another locality', 'head_of_service', {}, { areaId: 'area2' }, false],
    ['a head of service of no locality reads all', 'head_of_service', { areaId: null }, { areaId: 'area2' }, true],
    [
      'the front door reads any family',
      'front_door',
      { teamId: null, areaId: null },
      { teamId: 't9', areaId: 'a9' },
      true,
    ],
    ['a panel chair reads their locality', 'panel_chair', {}, {}, true],
    ['a panel chair cannot read another locality', 'panel_chair', {}, { areaId: 'area2' }, false],
    ['a partner reads a family they are part of', 'partner', {}, { professionalUserIds: ['u1'] }, true],
    ['a partner cannot read a family they are not part of', 'partner', {}, {}, false],
    ['an auditor reads no family by default', 'qa_auditor', {}, {}, false],
    ['an analyst reads no names', 'performance_analyst', {}, {}, false],
    ['an administrator reads no case records by default', 'admin', {}, {}, false],
    ['nobody reads another authority’s family', 'front_door', {}, { authorityId: 'a2' }, false],
    ['not even a head of service of no locality', 'head_of_service', { areaId: null }, { authorityId: 'a2' }, false],
    ['a restricted family is closed to its own team', 'practitioner', {}, { restrictedTo: ['u2'] }, false],
    ['a restricted family is open to the users it names', 'practitioner', {}, { restrictedTo: ['u1'] }, true],
    [
      'naming a user does not open another team’s family',
      'practitioner',
      {},
      { teamId: 't2', restrictedTo: ['u1'] },
      false,
    ],
    ['a restriction closes it to the front door too', 'front_door', {}, { restrictedTo: [] }, false],
  ]
  for (const [name, role, actorOverrides, familyOverrides, expected] of cases) {
    it(name, () => expect(can(actor(role, actorOverrides), 'family:read', family(familyOverrides))).toBe(expected))
  }

  it('lets only those who work a family change it', () => {
    expect(can(actor('practitioner'), 'family:update', family())).toBe(true)
    expect(can(actor('front_door'), 'family:update', family())).toBe(false)
    expect(can(actor('partner'), 'family:update', family({ professionalUserIds: ['u1'] }))).toBe(false)
  })
})

describe('a list never shows what the page would refuse', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(() => t.close())

  it('agrees with can() for every demo user and every family, across all three authorities', async () => {
    const { db } = t.testDatabase.database
    const users = await db.selectFrom('app_user').selectAll().execute()
    const families = await db.selectFrom('family').selectAll().execute()
    const restrictions = new Map<string, string[]>()
    for (const authority of await db.selectFrom('authority').select('authority_id').execute()) {
      const ids = families.filter(row => row.authority_id === authority.authority_id).map(row => row.family_id)
      for (const [id, users] of await restrictionsOn(db, authority.authority_id, 'family', ids))
        restrictions.set(id, users)
    }
    expect([...restrictions.keys()].length, 'the demo holds a restricted family').toBeGreaterThan(0)
    const professionals = await db.selectFrom('family_professional').selectAll().execute()
    expect(users.length).toBeGreaterThanOrEqual(27)
    let visibleSomewhere = 0
    for (const user of users) {
      const userActor: Actor = {
        userId: user.user_id,
        authorityId: user.authority_id,
        role: user.role,
        teamId: user.team_id,
        areaId: user.area_id,
      }
      const listed = await db
        .selectFrom('family')
        .select('family_id')
        .where(scopes.visibleFamilies(userActor))
        .execute()
      const expected = families.filter(row =>
        can(userActor, 'family:read', {
          authorityId: row.authority_id,
          familyId: row.family_id,
          teamId: row.team_id,
          areaId: row.area_id,
          professionalUserIds: professionals.filter(p => p.family_id === row.family_id).map(p => p.user_id),
          restrictedTo: restrictions.get(row.family_id) ?? null,
        }),
      )
      expect(listed.map(row => row.family_id).sort(), `${user.email}`).toEqual(
        expected.map(row => row.family_id).sort(),
      )
      visibleSomewhere += listed.length
    }
    expect(visibleSomewhere).toBeGreaterThan(0)
  })
})
