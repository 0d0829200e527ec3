import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'

let t: TestApp
let admin: Agent
const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  admin = await signedIn(t.app, demoEmail('admin', 'derby'))
})
afterAll(() => t.close())

const PASSWORD = 'copper-meadow-violin'

const authorityId = async (slug: string) =>
  (await db().selectFrom('authority').select('authority_id').where('slug', '=', slug).executeTakeFirstOrThrow())
    .authority_id

const teamNamed = (name: string) =>
  db().selectFrom('team').selectAll().where('name', '=', name).executeTakeFirstOrThrow()

const areaNamed = async (slug: string, name: string) =>
  db()
    .selectFrom('area')
    .selectAll()
    .where('authority_id', '=', await authorityId(slug))
    .where('name', '=', name)
    .executeTakeFirstOrThrow()

const userByEmail = (email: string) =>
  db().selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()

const userCount = async () =>
  (
    await db()
      .selectFrom('app_user')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

/** The changes logged against a record, oldest first: views are left out. */
const changesLogged = (recordId: string) =>
  db()
    .selectFrom('access_log')
    .select(['action', 'record_type', 'user_id'])
    .where('record_id', '=', recordId)
    .where('action', '!=', 'view')
    .orderBy('access_log_id')
    .execute()

const idFromLocation = (location: unknown, pattern: RegExp) => {
  const match = pattern.exec(String(location))
  if (!match) throw new Error(`Unexpected redirect: ${String(location)}`)
  return match[1] as string
}

async function derbyTeamId() {
  return (await teamNamed('Locality 2 Multi-Agency Team')).team_id
}

async function newUserForm(overrides: Record<string, string> = {}) {
  return {
    displayName: 'Morgan Ellis',
    email: 'morgan.ellis@derby.tandem.example',
    role: 'practitioner',
    teamId: await derbyTeamId(),
    areaId: '',
    agency: '',
    jobTitle: 'Family support worker',
    password: PASSWORD,
    ...overrides,
  }
}

async function createUser(overrides: Record<string, string> = {}) {
  const response = await admin.post('/admin/users', await newUserForm(overrides), { from: '/admin/users/new' })
  expect(response.statusCode).toBe(303)
  return idFromLocation(response.headers.location, /^\/admin\/users\/([0-9a-f-]{36})\?created=1$/)
}

describe('users', () => {
  it('creates, shows, changes, deactivates and reactivates a user, and logs each change', async () => {
    const form = await admin.get('/admin/users/new')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('<title>Add a user')
    expect(form.body).toContain('At least 12 characters; three random words work well')

    const email = 'casey.nolan@derby.tandem.example'
    const userId = await createUser({ displayName: 'Casey Nolan', email: 'Casey.Nolan@Derby.Tandem.Example ' })

    const page = await admin.get(`/admin/users/${userId}?created=1`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('User added')
    expect(page.body).toContain('Casey Nolan')
    expect(page.body).toContain(email)
    expect(page.body).toContain('Locality 2 Multi-Agency Team')
    expect(page.body).toContain(`href="/admin/users/${userId}/edit#displayName"`)

    // The new user signs in with the password the administrator set.
    const casey = new Agent(t.app)
    expect((await casey.signIn(email, PASSWORD)).statusCode).toBe(303)
    expect((await casey.get('/')).body).toContain('Casey Nolan')

    const edit = await admin.get(`/admin/users/${userId}/edit`)
    expect(edit.statusCode).toBe(200)
    expect(edit.body).toContain('value="Casey Nolan"')
    expect(edit.body).toContain('name="version" value="1"')
    const updated = await admin.post(`/admin/users/${userId}`, {
      displayName: 'Casey Nolan-Reid',
      email,
      role: 'team_manager',
      teamId: await derbyTeamId(),
      areaId: (await areaNamed('derby', 'Locality 2')).area_id,
      agency: '',
      jobTitle: 'Team manager',
      version: '1',
    })
    expect(updated.statusCode).toBe(303)
    expect(updated.headers.location).toBe(`/admin/users/${userId}?updated=1`)
    const afterUpdate = await admin.get(`/admin/users/${userId}?updated=1`)
    expect(afterUpdate.body).toContain('User details saved')
    expect(afterUpdate.body).toContain('Casey Nolan-Reid')
    expect(afterUpdate.body).toContain('Team manager')

    const confirm = await admin.get(`/admin/users/${userId}/deactivate`)
    expect(confirm.statusCode).toBe(200)
    expect(confirm.body).toContain('Are you sure you want to deactivate this user?')
    expect(confirm.body).toContain('they are signed out straight away')
    expect(confirm.body).toContain('their name stays on everything they recorded')
    const deactivated = await admin.post(`/admin/users/${userId}/deactivate`, { version: '2' })
    expect(deactivated.statusCode).toBe(303)
    expect(deactivated.headers.location).toBe(`/admin/users/${userId}?deactivated=1`)
    const afterDeactivate = await admin.get(`/admin/users/${userId}?deactivated=1`)
    expect(afterDeactivate.body).toContain('User deactivated')
    expect(afterDeactivate.body).toContain('Reactivate user')

    // Their session has ended and they can no longer sign in; the row (their history) is kept.
    const kickedOut = await casey.get('/')
    expect(kickedOut.statusCode).toBe(303)
    expect(kickedOut.headers.location).toMatch(/^\/sign-in/)
    expect(await db().selectFrom('user_session').select('session_id').where('user_id', '=', userId).execute()).toEqual(
      [],
    )
    expect((await new Agent(t.app).signIn(email, PASSWORD)).statusCode).toBe(401)
    expect(await userByEmail(email)).toMatchObject({ active: false, display_name: 'Casey Nolan-Reid' })

    const deactivatedList = await admin.get('/admin/users?status=deactivated')
    expect(deactivatedList.body).toContain('Casey Nolan-Reid')
    expect((await admin.get('/admin/users?status=active')).body).not.toContain('Casey Nolan-Reid')

    const reactivated = await admin.post(`/admin/users/${userId}/reactivate`, { version: '3' })
    expect(reactivated.statusCode).toBe(303)
    expect(reactivated.headers.location).toBe(`/admin/users/${userId}?reactivated=1`)
    expect((await new Agent(t.app).signIn(email, PASSWORD)).statusCode).toBe(303)

    const adminId = (await userByEmail(demoEmail('admin', 'derby')))!.user_id
    expect(await changesLogged(userId)).toEqual([
      { action: 'create', record_type: 'user', user_id: adminId },
      { action: 'update', record_type: 'user', user_id: adminId },
      { action: 'deactivate', record_type: 'user', user_id: adminId },
      { action: 'reactivate', record_type: 'user', user_id: adminId },
    ])
  })

  it('lists the authority’s users with their role, team and status, filtered by role and status', async () => {
    const list = await admin.get('/admin/users')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('Priya Sandhu')
    expect(list.body).toContain('Partner practitioner')
    expect(list.body).toContain('Locality 1 Multi-Agency Team')
    expect(list.body).toContain('Active')
    expect(list.body).not.toContain('Aisha Rahman') // Leeds
    const practitioners = await admin.get('/admin/users?role=practitioner&status=active')
    expect(practitioners.body).toContain('Priya Sandhu')
    expect(practitioners.body).not.toContain('Helen Marsh')
    expect(practitioners.body).toContain('matching the filter')
    // Nonsense in the filter is ignored, not an error.
    expect((await admin.get('/admin/users?role=wizard&status=%3Cx%3E')).statusCode).toBe(200)
  })

  const leedsTeamId = async () => (await teamNamed('Cluster 01 Targeted Services')).team_id

  const invalidCases: [string, () => Promise<Record<string, string>>, string][] = [
    ['a missing name', () => newUserForm({ displayName: '  ' }), 'href="#displayName">Enter the full name'],
    [
      'an over-long name',
      () => newUserForm({ displayName: 'N'.repeat(101) }),
      'href="#displayName">The full name must be 100 characters or fewer',
    ],
    [
      'a badly formed email',
      () => newUserForm({ email: 'morgan.ellis.derby' }),
      'href="#email">Enter an email address in the correct format',
    ],
    [
      'an email already used in the authority',
      () => newUserForm({ email: demoEmail('practitioner', 'derby') }),
      'href="#email">A user with this email address already exists',
    ],
    [
      'an email already used in another authority',
      () => newUserForm({ email: demoEmail('practitioner', 'leeds').toUpperCase() }),
      'href="#email">A user with this email address already exists',
    ],
    ['a common password', () => newUserForm({ password: 'passwordpassword' }), 'href="#password">Password is too'],
    [
      'a password that is too short',
      () => newUserForm({ password: 'short-one' }),
      'href="#password">Password must be 12 characters or more',
    ],
    [
      'a practitioner without a team',
      () => newUserForm({ teamId: '' }),
      'href="#teamId">Select the team this practitioner or team manager works in',
    ],
    [
      'a partner without an agency',
      () => newUserForm({ role: 'partner', teamId: '' }),
      'href="#agency">Enter the agency a partner practitioner works for',
    ],
    ['an unknown role', () => newUserForm({ role: 'superuser' }), 'href="#role">Select the user’s role'],
    [
      'a team from another authority',
      async () => newUserForm({ teamId: await leedsTeamId() }),
      'href="#teamId">Select a team from the list',
    ],
    [
      'a team id that is not an id',
      () => newUserForm({ teamId: 'team-1' }),
      'href="#teamId">Select a team from the list',
    ],
    [
      'an area from another authority',
      async () => newUserForm({ areaId: (await areaNamed('leeds', 'Cluster 05')).area_id }),
      'href="#areaId">Select an area from the list',
    ],
  ]

  it.each(invalidCases)(
    'refuses %s with a 400, the field’s error, and what was typed kept',
    async (_case, form, error) => {
      const before = await userCount()
      const body = await form()
      const response = await admin.post('/admin/users', body, { from: '/admin/users/new' })
      expect(response.statusCode).toBe(400)
      expect(response.body).toContain('<title>Error: Add a user')
      expect(response.body).toContain('There is a problem')
      expect(response.body).toContain(error)
      expect(response.body).toContain('govuk-error-message')
      if (body.displayName!.trim()) expect(response.body).toContain(`value="${body.displayName}"`)
      expect(response.body).toContain(`value="${body.email}"`)
      expect(response.body).not.toContain(body.password)
      expect(await userCount()).toBe(before)
    },
  )

  it('shows every problem at once, the form’s and the rules’, in the order of the form', async () => {
    const response = await admin.post(
      '/admin/users',
      await newUserForm({
        displayName: '',
        email: demoEmail('admin', 'durham'),
        role: 'partner',
        teamId: '',
        password: 'qwerty',
      }),
      { from: '/admin/users/new' },
    )
    expect(response.statusCode).toBe(400)
    const summary = [...response.body.matchAll(/<a href="#(\w+)">/g)].map(match => match[1])
    expect(summary).toEqual(['displayName', 'email', 'agency', 'password'])
  })

  it('refuses a form with fields it does not know, or with none at all, without a 500', async () => {
    const extra = await admin.post(
      '/admin/users',
      { ...(await newUserForm()), isAdmin: 'yes' },
      { from: '/admin/users/new' },
    )
    expect(extra.statusCode).toBe(400)
    const empty = await admin.post('/admin/users', {}, { from: '/admin/users/new' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('href="#displayName"')
    expect(empty.body).toContain('href="#role"')
  })

  it('keeps what was typed when a change fails validation', async () => {
    const userId = await createUser({ displayName: 'Robin Shaw', email: 'robin.shaw@derby.tandem.example' })
    const response = await admin.post(
      `/admin/users/${userId}`,
      {
        displayName: '',
        email: 'robin.shaw.new@derby.tandem.example',
        role: 'partner',
        teamId: '',
        areaId: '',
        agency: '',
        jobTitle: 'Typed job title',
        version: '1',
      },
      { from: `/admin/users/${userId}/edit` },
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Change Robin Shaw’s details')
    expect(response.body).toContain('href="#displayName">Enter the full name')
    expect(response.body).toContain('value="robin.shaw.new@derby.tandem.example"')
    expect(response.body).toContain('value="Typed job title"')
    expect(response.body).toMatch(/value="partner" checked/)
    expect(await userByEmail('robin.shaw@derby.tandem.example')).toMatchObject({ version: 1, role: 'practitioner' })
  })

  it('changes a user’s sign-in email, refusing one another user has', async () => {
    const userId = await createUser({ displayName: 'Ola Bankole', email: 'ola.bankole@derby.tandem.example' })
    const form = {
      displayName: 'Ola Bankole',
      role: 'practitioner',
      teamId: await derbyTeamId(),
      areaId: '',
      agency: '',
      jobTitle: '',
      version: '1',
    }
    const taken = await admin.post(`/admin/users/${userId}`, { ...form, email: demoEmail('admin', 'durham') })
    expect(taken.statusCode).toBe(400)
    expect(taken.body).toContain('href="#email">A user with this email address already exists')
    const moved = await admin.post(`/admin/users/${userId}`, { ...form, email: 'ola.b@derby.tandem.example' })
    expect(moved.statusCode).toBe(303)
    expect((await new Agent(t.app).signIn('ola.b@derby.tandem.example', PASSWORD)).statusCode).toBe(303)
    expect((await new Agent(t.app).signIn('ola.bankole@derby.tandem.example', PASSWORD)).statusCode).toBe(401)
  })

  it('tells the second of two administrators that the user changed, and overwrites nothing', async () => {
    const userId = await createUser({ displayName: 'Sam Pryce', email: 'sam.pryce@derby.tandem.example' })
    const form = {
      email: 'sam.pryce@derby.tandem.example',
      role: 'practitioner',
      teamId: await derbyTeamId(),
      areaId: '',
      agency: '',
      jobTitle: '',
      version: '1',
    }
    expect((await admin.post(`/admin/users/${userId}`, { ...form, displayName: 'Sam Pryce-Jones' })).statusCode).toBe(
      303,
    )

    const stale = await admin.post(`/admin/users/${userId}`, { ...form, displayName: 'Samuel Pryce' })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('<title>Error: ')
    expect(stale.body).toContain('href="#saved">Someone else changed this user')
    expect(stale.body).toContain('Details saved by someone else')
    expect(stale.body).toContain('Sam Pryce-Jones') // what is saved
    expect(stale.body).toContain('value="Samuel Pryce"') // what this administrator typed
    expect(stale.body).toContain('name="version" value="2"')
    expect(await userByEmail(form.email)).toMatchObject({ display_name: 'Sam Pryce-Jones', version: 2 })

    const staleDeactivate = await admin.post(`/admin/users/${userId}/deactivate`, { version: '1' })
    expect(staleDeactivate.statusCode).toBe(409)
    expect(staleDeactivate.body).toContain('Someone else changed this user')
    expect(await userByEmail(form.email)).toMatchObject({ active: true, version: 2 })
    expect((await changesLogged(userId)).map(entry => entry.action)).toEqual(['create', 'update'])
  })

  it('does not let an administrator deactivate themselves or change their own role', async () => {
    const me = (await userByEmail(demoEmail('admin', 'derby')))!
    const page = await admin.get(`/admin/users/${me.user_id}`)
    expect(page.body).toContain('This is your own account')
    expect(page.body).not.toContain('Deactivate user')
    const confirm = await admin.get(`/admin/users/${me.user_id}/deactivate`)
    expect(confirm.statusCode).toBe(303)
    const deactivate = await admin.post(`/admin/users/${me.user_id}/deactivate`, { version: String(me.version) })
    expect(deactivate.statusCode).toBe(400)
    expect(deactivate.body).toContain('href="#form">You cannot deactivate your own account')
    const demote = await admin.post(`/admin/users/${me.user_id}`, {
      displayName: me.display_name,
      email: me.email,
      role: 'practitioner',
      teamId: await derbyTeamId(),
      areaId: '',
      agency: '',
      jobTitle: '',
      version: String(me.version),
    })
    expect(demote.statusCode).toBe(400)
    expect(demote.body).toContain('href="#role">You cannot change your own role')
    expect(await userByEmail(me.email)).toMatchObject({ active: true, role: 'admin', version: me.version })
    expect((await admin.get('/')).statusCode).toBe(200)
  })
})

describe('teams and areas', () => {
  it('creates, shows, changes, deactivates and reactivates a team, and logs each change', async () => {
    const list = await admin.get('/admin/teams')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('Locality 1 Multi-Agency Team')
    expect(list.body).toContain('id="areas"')
    expect(list.body).toMatch(/Locality 3<\/td>\s*<td class="govuk-table__cell">Locality<\/td>/)

    const area = await areaNamed('derby', 'Locality 3')
    const created = await admin.post(
      '/admin/teams',
      { name: 'Locality 3 Youth Team', areaId: area.area_id },
      {
        from: '/admin/teams/new',
      },
    )
    expect(created.statusCode).toBe(303)
    const teamId = idFromLocation(created.headers.location, /^\/admin\/teams\/([0-9a-f-]{36})\?created=1$/)
    const page = await admin.get(`/admin/teams/${teamId}?created=1`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Team added')
    expect(page.body).toContain('Locality 3 Youth Team')
    expect(page.body).toContain('No one is in this team')

    const edit = await admin.get(`/admin/teams/${teamId}/edit`)
    expect(edit.body).toContain('value="Locality 3 Youth Team"')
    const renamed = await admin.post(`/admin/teams/${teamId}`, {
      name: 'Locality 3 Young People’s Team',
      areaId: '',
      version: '1',
    })
    expect(renamed.statusCode).toBe(303)
    expect((await admin.get(`/admin/teams/${teamId}?updated=1`)).body).toContain('Locality 3 Young People’s Team')

    const deactivated = await admin.post(`/admin/teams/${teamId}/deactivate`, { version: '2' })
    expect(deactivated.statusCode).toBe(303)
    expect((await admin.get(`/admin/teams/${teamId}?deactivated=1`)).body).toContain('Reactivate team')
    // No one can be placed in a deactivated team.
    expect((await admin.get('/admin/users/new')).body).not.toContain(teamId)
    const placed = await admin.post('/admin/users', await newUserForm({ email: 'x.y@derby.tandem.example', teamId }))
    expect(placed.statusCode).toBe(400)
    expect(placed.body).toContain('href="#teamId">Select a team that is active')

    const reactivated = await admin.post(`/admin/teams/${teamId}/reactivate`, { version: '3' })
    expect(reactivated.statusCode).toBe(303)
    expect(await teamNamed('Locality 3 Young People’s Team')).toMatchObject({ active: true, version: 4 })

    const adminId = (await userByEmail(demoEmail('admin', 'derby')))!.user_id
    expect(await changesLogged(teamId)).toEqual([
      { action: 'create', record_type: 'team', user_id: adminId },
      { action: 'update', record_type: 'team', user_id: adminId },
      { action: 'deactivate', record_type: 'team', user_id: adminId },
      { action: 'reactivate', record_type: 'team', user_id: adminId },
    ])
  })

  it.each([
    ['a missing name', { name: '' }, 'href="#name">Enter the team name'],
    [
      'a name already used, in any case',
      { name: 'locality 1 MULTI-AGENCY team' },
      'href="#name">A team with this name already exists',
    ],
    ['an over-long name', { name: 'T'.repeat(101) }, 'href="#name">The team name must be 100 characters or fewer'],
    ['an area that is not an id', { name: 'Team Q', areaId: 'north' }, 'href="#areaId">Select an area from the list'],
  ])('refuses a team with %s', async (_case, form, error) => {
    const response = await admin.post('/admin/teams', { areaId: '', ...form }, { from: '/admin/teams/new' })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Add a team')
    expect(response.body).toContain(error)
    if (form.name) expect(response.body).toContain(`value="${form.name}"`)
  })

  it('refuses a team in another authority’s area', async () => {
    const leedsArea = await areaNamed('leeds', 'Cluster 02')
    const response = await admin.post('/admin/teams', { name: 'Borrowed Team', areaId: leedsArea.area_id })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('href="#areaId">Select an area from the list')
  })

  it('tells the second of two administrators that the team changed, and overwrites nothing', async () => {
    const created = await admin.post('/admin/teams', { name: 'Edge Team', areaId: '' }, { from: '/admin/teams/new' })
    const teamId = idFromLocation(created.headers.location, /^\/admin\/teams\/([0-9a-f-]{36})/)
    expect(
      (await admin.post(`/admin/teams/${teamId}`, { name: 'Edge Team North', areaId: '', version: '1' })).statusCode,
    ).toBe(303)
    const stale = await admin.post(`/admin/teams/${teamId}`, { name: 'Edge Team South', areaId: '', version: '1' })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('href="#saved">Someone else changed this team')
    expect(stale.body).toContain('Edge Team North')
    expect(stale.body).toContain('value="Edge Team South"')
    expect(stale.body).toContain('name="version" value="2"')
    const staleDeactivate = await admin.post(`/admin/teams/${teamId}/deactivate`, { version: '1' })
    expect(staleDeactivate.statusCode).toBe(409)
    expect(await teamNamed('Edge Team North')).toMatchObject({ active: true, version: 2 })
  })

  it('keeps a team with active members active, and brings a user back only into an active team', async () => {
    const team = await teamNamed('Locality 1 Multi-Agency Team')
    const page = await admin.get(`/admin/teams/${team.team_id}`)
    expect(page.body).toContain('Priya Sandhu')
    expect(page.body).toContain('To deactivate this team, first move its')
    const refused = await admin.post(`/admin/teams/${team.team_id}/deactivate`, { version: String(team.version) })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('href="#members">Move or deactivate the team’s active users')
    expect(await teamNamed(team.name)).toMatchObject({ active: true, version: team.version })

    // A user deactivated with their team cannot come back until the team does.
    const created = await admin.post('/admin/teams', { name: 'Short-lived Team', areaId: '' })
    const teamId = idFromLocation(created.headers.location, /^\/admin\/teams\/([0-9a-f-]{36})/)
    const userId = await createUser({ displayName: 'Lee Short', email: 'lee.short@derby.tandem.example', teamId })
    expect((await admin.post(`/admin/users/${userId}/deactivate`, { version: '1' })).statusCode).toBe(303)
    expect((await admin.post(`/admin/teams/${teamId}/deactivate`, { version: '1' })).statusCode).toBe(303)
    const comeBack = await admin.post(`/admin/users/${userId}/reactivate`, { version: '2' })
    expect(comeBack.statusCode).toBe(400)
    expect(comeBack.body).toContain('Short-lived Team is deactivated')
    expect(await userByEmail('lee.short@derby.tandem.example')).toMatchObject({ active: false })
  })

  it('adds an area and lists it with its kind', async () => {
    const form = await admin.get('/admin/areas/new')
    expect(form.statusCode).toBe(200)
    expect(form.body).toMatch(/govuk-service-navigation__item--active[^]*?Teams and areas/)
    const created = await admin.post('/admin/areas', { name: 'Locality 4', kind: 'locality' })
    expect(created.statusCode).toBe(303)
    const areaId = idFromLocation(created.headers.location, /^\/admin\/teams\?areaCreated=([0-9a-f-]{36})$/)
    const list = await admin.get(`/admin/teams?areaCreated=${areaId}`)
    expect(list.body).toContain('Locality 4 added to areas')
    expect(await changesLogged(areaId)).toMatchObject([{ action: 'create', record_type: 'area' }])
  })

  it.each([
    ['a missing name', { name: '', kind: 'cluster' }, 'href="#name">Enter the area name'],
    [
      'a name already used',
      { name: 'LOCALITY 1', kind: 'locality' },
      'href="#name">An area with this name already exists',
    ],
    ['no kind', { name: 'Locality 9' }, 'href="#kind">Select what kind of area this is'],
    ['an unknown kind', { name: 'Locality 9', kind: 'planet' }, 'href="#kind">Select what kind of area this is'],
  ])('refuses an area with %s', async (_case, form, error) => {
    const response = await admin.post('/admin/areas', form as Record<string, string>, { from: '/admin/areas/new' })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Add an area')
    expect(response.body).toContain(error)
  })
})

describe('two administrators at once', () => {
  async function adminContext() {
    const me = (await userByEmail(demoEmail('admin', 'derby')))!
    return {
      actor: { userId: me.user_id, authorityId: me.authority_id, role: me.role, teamId: null, areaId: null },
      ip: '127.0.0.1',
      requestId: null,
      route: 'test',
    }
  }

  it('tells one of two administrators adding the same email or team name at the same moment, without a 500', async () => {
    const ctx = await adminContext()
    const user = {
      displayName: 'Twin',
      email: 'twin@derby.tandem.example',
      role: 'qa_auditor' as const,
      password: PASSWORD,
    }
    const users = await Promise.allSettled([
      t.services.staff.createUser(ctx, user),
      t.services.staff.createUser(ctx, user),
    ])
    expect(users.map(result => result.status).sort()).toEqual(['fulfilled', 'rejected'])
    const userRefusal = users.find(result => result.status === 'rejected')!.reason
    expect(userRefusal).toMatchObject({ name: 'ValidationError', errors: [{ field: 'email' }] })

    const team = { name: 'Twin Team' }
    const teams = await Promise.allSettled([
      t.services.staff.createTeam(ctx, team),
      t.services.staff.createTeam(ctx, team),
    ])
    expect(teams.map(result => result.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(teams.find(result => result.status === 'rejected')!.reason).toMatchObject({
      name: 'ValidationError',
      errors: [{ field: 'name', message: 'A team with this name already exists' }],
    })
  })
})

describe('who may use the admin pages', () => {
  async function adminRoutes() {
    const userId = (await userByEmail(demoEmail('practitioner', 'derby')))!.user_id
    const teamId = await derbyTeamId()
    const gets = [
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${userId}`,
      `/admin/users/${userId}/edit`,
      `/admin/users/${userId}/deactivate`,
      '/admin/teams',
      '/admin/teams/new',
      `/admin/teams/${teamId}`,
      `/admin/teams/${teamId}/edit`,
      '/admin/areas/new',
    ]
    const posts: [string, Record<string, string>][] = [
      ['/admin/users', await newUserForm({ email: 'intruder@derby.tandem.example' })],
      [`/admin/users/${userId}`, { ...(await newUserForm()), version: '1' }],
      [`/admin/users/${userId}/deactivate`, { version: '1' }],
      [`/admin/users/${userId}/reactivate`, { version: '1' }],
      ['/admin/teams', { name: 'Intruders', areaId: '' }],
      [`/admin/teams/${teamId}`, { name: 'Renamed', areaId: '', version: '1' }],
      [`/admin/teams/${teamId}/deactivate`, { version: '1' }],
      [`/admin/teams/${teamId}/reactivate`, { version: '1' }],
      ['/admin/areas', { name: 'Locality 99', kind: 'locality' }],
    ]
    return { gets, posts, userId, teamId }
  }

  it.each(['practitioner', 'head_of_service', 'team_manager', 'performance_analyst'])(
    'refuses a %s on every admin page and changes nothing',
    async role => {
      const { gets, posts, userId, teamId } = await adminRoutes()
      const agent = await signedIn(t.app, demoEmail(role, 'derby'))
      const usersBefore = await userCount()
      const userBefore = await db().selectFrom('app_user').selectAll().where('user_id', '=', userId).executeTakeFirst()
      const teamBefore = await db().selectFrom('team').selectAll().where('team_id', '=', teamId).executeTakeFirst()
      for (const url of gets) expect([url, (await agent.get(url)).statusCode]).toEqual([url, 403])
      for (const [url, form] of posts) expect([url, (await agent.post(url, form)).statusCode]).toEqual([url, 403])
      expect(await userCount()).toBe(usersBefore)
      expect(await db().selectFrom('app_user').selectAll().where('user_id', '=', userId).executeTakeFirst()).toEqual(
        userBefore,
      )
      expect(await db().selectFrom('team').selectAll().where('team_id', '=', teamId).executeTakeFirst()).toEqual(
        teamBefore,
      )
      expect(await db().selectFrom('area').select('name').where('name', '=', 'Locality 99').execute()).toEqual([])
      expect((await agent.get('/')).body).not.toContain('href="/admin/users"')
    },
  )

  it('sends a signed-out visitor to sign in', async () => {
    const response = await new Agent(t.app).get('/admin/users')
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fusers')
  })

  it('gives an administrator a 404 for another authority’s user or team, and changes nothing', async () => {
    const leedsUser = (await userByEmail(demoEmail('practitioner', 'leeds')))!
    const leedsTeam = await teamNamed('Cluster 02 Targeted Services')
    const userForm = {
      displayName: 'Taken Over',
      email: leedsUser.email,
      role: 'practitioner',
      teamId: await derbyTeamId(),
      areaId: '',
      agency: '',
      jobTitle: '',
      version: String(leedsUser.version),
    }
    const requests: [string, string, Record<string, string>?][] = [
      ['GET', `/admin/users/${leedsUser.user_id}`],
      ['GET', `/admin/users/${leedsUser.user_id}/edit`],
      ['GET', `/admin/users/${leedsUser.user_id}/deactivate`],
      ['POST', `/admin/users/${leedsUser.user_id}`, userForm],
      ['POST', `/admin/users/${leedsUser.user_id}`, { ...userForm, displayName: '' }],
      ['POST', `/admin/users/${leedsUser.user_id}`, { ...userForm, version: '999' }],
      ['POST', `/admin/users/${leedsUser.user_id}/deactivate`, { version: String(leedsUser.version) }],
      ['POST', `/admin/users/${leedsUser.user_id}/reactivate`, { version: String(leedsUser.version) }],
      ['GET', `/admin/teams/${leedsTeam.team_id}`],
      ['GET', `/admin/teams/${leedsTeam.team_id}/edit`],
      ['POST', `/admin/teams/${leedsTeam.team_id}`, { name: 'Taken Over', areaId: '', version: '1' }],
      ['POST', `/admin/teams/${leedsTeam.team_id}`, { name: '', areaId: '', version: '1' }],
      ['POST', `/admin/teams/${leedsTeam.team_id}/deactivate`, { version: '1' }],
      ['POST', `/admin/teams/${leedsTeam.team_id}/reactivate`, { version: '1' }],
      ['GET', '/admin/users/not-a-user-id'],
      ['POST', '/admin/users/not-a-user-id/deactivate', { version: '1' }],
      ['GET', '/admin/teams/00000000-0000-0000-0000-000000000000'],
    ]
    for (const [method, url, form] of requests) {
      const response = method === 'GET' ? await admin.get(url) : await admin.post(url, form ?? {})
      expect([method, url, response.statusCode]).toEqual([method, url, 404])
      expect(response.body).not.toContain(leedsUser.display_name)
    }
    expect(await userByEmail(leedsUser.email)).toEqual(leedsUser)
    expect(await teamNamed(leedsTeam.name)).toEqual(leedsTeam)
    expect(await changesLogged(leedsUser.user_id)).toEqual([])
    expect(await changesLogged(leedsTeam.team_id)).toEqual([])
  })
})
