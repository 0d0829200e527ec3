import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roles, type Role } from '../src/data/schema.js'
import { signedIn, type Agent } from './agent.js'
import { buildTestApp, demoEmail, type TestApp } from './app.js'
import { apiTokenFor, caseworkIds, demoRecords, frontDoorRecords, everyRoleOf } from './fixtures.js'

/**
 * A user of Derby can reach nothing of Leeds, by any route or API call: every registered route is
 * tried by every Derby role with Leeds ids in its parameters; lists are read for Leeds names; and a
 * digest of every Leeds row shows that nothing changed.
 */
let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let leeds: Awaited<ReturnType<typeof demoRecords>>
let leedsIds: Record<string, string>
let leedsNames: string[]
let agents: Map<Role, Agent>
let tokens: Map<Role, string>

beforeAll(async () => {
  t = await buildTestApp()
  const { db } = t.testDatabase.database
  derby = await demoRecords(db, 'derby')
  leeds = await demoRecords(db, 'leeds')
  const leedsUser = leeds.user(demoEmail('practitioner', 'leeds'))
  const leedsToken = await apiTokenFor(t, leedsUser.email, 'Leeds system')
  leedsIds = {
    familyId: leeds.ownTeamFamily.family_id,
    personId: leeds.personIn(leeds.ownTeamFamily.family_id).person_id,
    userId: leedsUser.user_id,
    teamId: leeds.teams[0]!.team_id,
    apiTokenId: leedsToken.apiTokenId,
    consentId: (
      await db
        .selectFrom('consent')
        .select('consent_id')
        .where('authority_id', '=', leeds.authority.authority_id)
        .executeTakeFirstOrThrow()
    ).consent_id,
    ...(await frontDoorRecords(t, leeds.partnerFamily.family_id)),
    ...caseworkIds(),
  }
  leedsNames = [
    ...leeds.families.map(family => family.name.replace(/ family$/, '')),
    ...leeds.users.map(user => user.display_name),
    ...leeds.teams.map(team => team.name),
    'Leeds City Council',
  ]
  ;({ agents, tokens } = await everyRoleOf(t, 'derby'))
})
afterAll(() => t.close())

/** A digest of every row Leeds owns, in every table: equal digests mean nothing of Leeds changed. */
async function leedsDigest(): Promise<Record<string, string>> {
  const { db } = t.testDatabase.database
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'authority_id' order by table_name`.execute(db)
  const digest: Record<string, string> = {}
  for (const { table_name } of tables) {
    const { rows } = await sql<{ md5: string | null }>`
      select md5(string_agg(t::text, '|' order by t::text)) as md5
      from ${sql.table(table_name)} t where authority_id = ${leeds.authority.authority_id}`.execute(db)
    digest[table_name] = rows[0]?.md5 ?? ''
  }
  return digest
}

const withLeedsIds = (url: string) =>
  url.replace(/:(\w+)/g, (_, name: string) => {
    const id = leedsIds[name]
    if (!id) throw new Error(`No Leeds id for :${name}: add one to the tenancy test`)
    return id
  })

describe('a Derby user can reach nothing of Leeds', () => {
  // One test per role, so the growing list of routes stays within a test's time; the digest is taken before
  // the first and compared after the last.
  let before: Record<string, string>
  let tried = 0
  it('takes a digest of Leeds before', async () => {
    before = await leedsDigest()
    expect(Object.keys(before).length).toBeGreaterThan(10)
  })
  for (const role of roles) {
    it(`by any page or API route as Derby's ${role.replace(/_/g, ' ')}`, async () => {
      const routes = t.app.routeCatalogue.filter(route => route.url !== '/sign-out')
      expect(routes.length).toBeGreaterThan(30)
      const agent = agents.get(role)!
      for (const route of routes) {
        const url = withLeedsIds(route.url)
        const pointsAtARecord = url !== route.url
        let response
        if (route.url.startsWith('/api/')) {
          response = await t.app.inject({
            method: route.method,
            url,
            headers: { authorization: `Bearer ${tokens.get(role)}` },
          })
        } else if (route.method === 'GET') {
          response = await agent.get(url)
        } else {
          await agent.get('/account')
          const versioned = {
            version: '1',
            name: 'Changed by Derby',
            displayName: 'Changed by Derby',
            role: 'practitioner',
          }
          response = await agent.post(url, versioned)
        }
        tried++
        const where = `${route.method} ${url} as Derby ${role}`
        expect(response.statusCode, where).toBeLessThan(500)
        if (pointsAtARecord) expect([403, 404], where).toContain(response.statusCode)
        for (const name of leedsNames) expect(response.body, `${where} showed ${name}`).not.toContain(name)
      }
    })
  }
  it('changed nothing of Leeds', async () => {
    expect(tried).toBeGreaterThan(300)
    expect(await leedsDigest()).toEqual(before)
  })

  it('cannot use a Leeds session cookie to act in Derby, nor a Derby one in Leeds', async () => {
    const leedsAgent = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
    const home = await leedsAgent.get('/')
    expect(home.body).toContain('Leeds City Council')
    expect(home.body).not.toContain('Derby City Council')
    for (const family of derby.families) expect(home.body).not.toContain(family.name)
  })
})
