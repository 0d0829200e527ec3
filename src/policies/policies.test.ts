import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../test/app.js'
import { restrictionsOn } from '../data/restrictions.js'
import { roles, type Role } from '../data/schema.js'
import { can, scopes, type Actor, type Capability, type FamilyResource } from './index.js'

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
  }
  for (const [capability, allowed] of Object.entries(table) as [Capability, Role[]][]) {
    for (const role of roles) {
      it(`${role} ${allowed.includes(role) ? 'may' : 'may not'} ${capability}`, () => {
        expect(can(actor(role), capability)).toBe(allowed.includes(role))
      })
    }
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
