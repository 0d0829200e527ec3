import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, demoEmail, type TestApp } from '../../test/app.js'
import { apiTokenFor, demoRecords, frontDoorRecords } from '../../test/fixtures.js'

// Evidence-based programmes and management oversight on /api/v1 (issue 8: "All of it on /api/v1 under the
// policy"): real HTTP through app.inject, the real services, a seeded database.

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let episodeId: string
let parentIds: string[]
const tokens: Record<'practitioner' | 'team_manager' | 'partner', string> = {
  practitioner: '',
  team_manager: '',
  partner: '',
}

const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  const familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  parentIds = (
    await db()
      .selectFrom('family_member')
      .select('person_id')
      .where('family_id', '=', familyId)
      .where('role', '=', 'parent')
      .execute()
  ).map(row => row.person_id)
  for (const role of Object.keys(tokens) as (keyof typeof tokens)[])
    tokens[role] = (await apiTokenFor(t, demoEmail(role, 'derby'))).token
  // The team manager allocates the demo's episode to the practitioner.
  t.clock.set('2026-11-24T10:00:00Z')
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
  t.clock.set('2026-12-14T10:00:00Z')
})
afterAll(() => t.close())

function call(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })
}

const count = async (table: 'programme_delivery' | 'oversight_entry') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select(eb => eb.fn.countAll().as('n'))
        .where('episode_id', '=', episodeId)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('evidence-based programmes by API', () => {
  it('starts Incredible Years for both parents, lists it, and ends it completed', async () => {
    const base = `/api/v1/episodes/${episodeId}/programmes`
    const empty = await call('GET', base, tokens.practitioner)
    expect(empty.statusCode, empty.body).toBe(200)
    expect(JSON.parse(empty.body)).toMatchObject({ items: [] })
    expect(JSON.parse(empty.body).available).toContainEqual({ code: 'incredible-years', label: 'Incredible Years' })

    const created = await call('POST', base, tokens.practitioner, {
      programme: 'incredible-years',
      personIds: parentIds,
      startedOn: '2026-12-01',
      deliveredBy: 'Normanton Children’s Centre',
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.headers.location).toBe(base)
    const { programmeDeliveryId } = JSON.parse(created.body)

    const listed = JSON.parse((await call('GET', base, tokens.partner)).body)
    expect(listed.items).toHaveLength(1)
    expect(listed.items[0]).toMatchObject({
      programmeDeliveryId,
      programme: 'incredible-years',
      label: 'Incredible Years',
      startedOn: '2026-12-01',
      endedOn: null,
      completion: null,
      deliveredBy: 'Normanton Children’s Centre',
      version: 1,
    })
    expect(listed.items[0].participants.map((person: { personId: string }) => person.personId).sort()).toEqual(
      [...parentIds].sort(),
    )

    const ended = await call('POST', `${base}/${programmeDeliveryId}/end`, tokens.practitioner, {
      version: 1,
      endedOn: '2026-12-12',
      completion: 'completed',
    })
    expect(ended.statusCode, ended.body).toBe(200)
    expect(JSON.parse(ended.body)).toMatchObject({ endedOn: '2026-12-12', completion: 'completed', version: 2 })

    // The same change again, from the version read before it: refused, not overwritten.
    const stale = await call('POST', `${base}/${programmeDeliveryId}/end`, tokens.team_manager, {
      version: 1,
      endedOn: '2026-12-13',
      completion: 'not_completed',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.headers['content-type']).toContain('application/problem+json')
    const stored = await db()
      .selectFrom('programme_delivery')
      .select('completion')
      .where('programme_delivery_id', '=', programmeDeliveryId)
      .executeTakeFirstOrThrow()
    expect(stored.completion).toBe('completed')
  })

  it('answers bad input with 400 and the problems, and saves nothing', async () => {
    const base = `/api/v1/episodes/${episodeId}/programmes`
    const before = await count('programme_delivery')
    const shape = await call('POST', base, tokens.practitioner, { programme: 'incredible-years', personIds: [] })
    expect(shape.statusCode).toBe(400)
    const rules = await call('POST', base, tokens.practitioner, {
      programme: 'triple-p',
      personIds: parentIds,
      startedOn: '2026-12-15',
      deliveredBy: 'School',
    })
    expect(rules.statusCode).toBe(400)
    const body = JSON.parse(rules.body)
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'programme', message: 'Select the programme' },
        { field: 'startedOn', message: 'The date must be today or in the past' },
      ]),
    )
    expect(await count('programme_delivery')).toBe(before)
  })

  it('refuses the partner, who is not the lead professional, with 403', async () => {
    const before = await count('programme_delivery')
    const refused = await call('POST', `/api/v1/episodes/${episodeId}/programmes`, tokens.partner, {
      programme: 'incredible-years',
      personIds: parentIds,
      startedOn: '2026-12-01',
      deliveredBy: 'School',
    })
    expect(refused.statusCode).toBe(403)
    expect(await count('programme_delivery')).toBe(before)
  })
})

describe('management oversight by API', () => {
  const base = () => `/api/v1/episodes/${episodeId}/oversight`
  const entry = {
    heldOn: '2026-12-02',
    kind: 'supervision',
    reflection: 'The plan’s outcomes need targets.',
    decisions: 'Keep the case open at this level.',
    actions: 'Rewrite the attendance outcome.',
    byWhen: '2026-12-16',
  }

  it('refuses the practitioner’s entry with 403, takes the manager’s, and shows it to both', async () => {
    const refused = await call('POST', base(), tokens.practitioner, entry)
    expect(refused.statusCode).toBe(403)
    expect(await count('oversight_entry')).toBe(0)

    const none = JSON.parse((await call('GET', base(), tokens.practitioner)).body)
    expect(none).toEqual({ lastOn: null, allocatedOn: '2026-11-24', items: [] })

    const bad = await call('POST', base(), tokens.team_manager, { ...entry, byWhen: null })
    expect(bad.statusCode).toBe(400)
    expect(JSON.parse(bad.body).errors).toContainEqual({
      field: 'byWhen',
      message: 'Enter the date the actions are to be done by',
    })
    expect(await count('oversight_entry')).toBe(0)

    const created = await call('POST', base(), tokens.team_manager, entry)
    expect(created.statusCode, created.body).toBe(201)
    const { oversightEntryId } = JSON.parse(created.body)
    const seen = JSON.parse((await call('GET', base(), tokens.practitioner)).body)
    expect(seen.lastOn).toBe('2026-12-02')
    expect(seen.items).toEqual([
      expect.objectContaining({
        oversightEntryId,
        heldOn: '2026-12-02',
        kind: 'supervision',
        decisions: 'Keep the case open at this level.',
        actions: 'Rewrite the attendance outcome.',
        byWhen: '2026-12-16',
        recordedBy: derby.user(demoEmail('team_manager', 'derby')).display_name,
      }),
    ])
  })
})
