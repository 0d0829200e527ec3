import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, demoEmail, type TestApp } from '../../test/app.js'
import { apiTokenFor, demoRecords } from '../../test/fixtures.js'
import type { RequestContext } from '../services/index.js'

// The API's people, families, relationships and chronology: real HTTP through app.inject, the real
// services and a freshly seeded database. Each test makes what it changes, so the order does not matter.

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let practitioner: string
let partner: string
let frontDoor: string
let admin: string

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(t.testDatabase.database.db, 'derby')
  practitioner = (await apiTokenFor(t, demoEmail('practitioner', 'derby'))).token
  partner = (await apiTokenFor(t, demoEmail('partner', 'derby'))).token
  frontDoor = (await apiTokenFor(t, demoEmail('front_door', 'derby'))).token
  admin = (await apiTokenFor(t, demoEmail('admin', 'derby'))).token
})
afterAll(() => t.close())

const db = () => t.testDatabase.database.db

type Method = 'GET' | 'POST' | 'PUT'

function call(method: Method, url: string, token: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  })
}

type Response = Awaited<ReturnType<typeof call>>
interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  errors?: { field: string; message: string; in?: string }[]
}

function expectProblem(response: Response, status: number): Problem {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = response.json<Problem>()
  expect(body).toMatchObject({ status, title: expect.any(String) })
  return body
}

/** What a service needs to act as a demo user, built as apiTokenFor builds it. */
async function contextOf(email: string): Promise<RequestContext> {
  const user = await db().selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
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

const userId = (email: string) => derby.user(email).user_id

/** A new family of the practitioner's team, made through the API. */
async function newFamily(name: string, token = practitioner) {
  const response = await call('POST', '/api/v1/families', token, {
    name,
    address: { line1: '12 Friar Gate', line2: null, town: 'Derby', postcode: 'de1 1bx' },
  })
  expect(response.statusCode, response.body).toBe(201)
  const { familyId } = response.json<{ familyId: string }>()
  expect(response.headers.location).toBe(`/api/v1/families/${familyId}`)
  return familyId
}

/** Adds a person to a family through the API, and answers with their id. */
async function newPerson(familyId: string, person: object, role = 'child', duplicatesSeen = false) {
  const response = await call('POST', `/api/v1/families/${familyId}/people`, practitioner, {
    person,
    membership: { role },
    duplicatesSeen,
  })
  expect(response.statusCode, response.body).toBe(201)
  const { personId } = response.json<{ personId: string }>()
  expect(response.headers.location).toBe(`/api/v1/people/${personId}`)
  return personId
}

/** The body that changes a person, from the person as the API returned them. */
function changeOf(person: Record<string, unknown> & { gender: { code: string }; ethnicity: { code: string } | null }) {
  const flags = person.flags as Record<string, boolean>
  return {
    givenName: person.givenName,
    familyName: person.familyName,
    born: person.expectedDate ? 'unborn' : 'born',
    dateOfBirth: person.dateOfBirth,
    expectedDate: person.expectedDate,
    gender: person.gender.code,
    ethnicity: person.ethnicity?.code ?? null,
    firstLanguage: person.firstLanguage,
    interpreterNeeded: person.interpreterNeeded,
    disability: person.disability,
    senProvision: person.senProvision,
    upn: person.upn,
    nhsNumber: person.nhsNumber,
    youngCarer: flags.youngCarer,
    privatelyFostered: flags.privatelyFostered,
    noRecourseToPublicFunds: flags.noRecourseToPublicFunds,
    socialCareStatus: person.socialCareStatus,
    version: person.version,
  }
}

async function personRow(personId: string) {
  return db().selectFrom('person').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow()
}

const ids = (response: Response) => response.json<{ items: { personId: string }[] }>().items.map(item => item.personId)

describe('searching for people', () => {
  it("finds a person in the practitioner's own team's family by a misspelt name, and logs the search", async () => {
    const person = derby.personIn(derby.ownTeamFamily.family_id)
    // Another vowel in the family name: the sound stays (Ashworth, Ashwerth), the spelling does not.
    const misspelt = person.family_name.replace(/(?<=.)[aeiou]/, vowel => (vowel === 'e' ? 'a' : 'e'))
    expect(misspelt).not.toBe(person.family_name)
    const response = await call(
      'GET',
      `/api/v1/people?name=${encodeURIComponent(`${person.given_name} ${misspelt}`)}`,
      practitioner,
    )
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ page: 1, pageSize: 25, total: expect.any(Number) })
    // The closest match first.
    expect(body.items[0]).toMatchObject({
      personId: person.person_id,
      givenName: person.given_name,
      familyName: person.family_name,
    })
    expect(Object.keys(body.items[0]).sort()).toEqual([
      'dateOfBirth',
      'expectedDate',
      'familyName',
      'givenName',
      'nhsNumber',
      'personId',
      'postcode',
      'upn',
    ])
    const searches = await db()
      .selectFrom('access_log')
      .select(['record_type', 'record_id', 'route'])
      .where('user_id', '=', userId(demoEmail('practitioner', 'derby')))
      .where('action', '=', 'search')
      .execute()
    expect(searches).toContainEqual({ record_type: 'person', record_id: null, route: 'GET /api/v1/people' })
  })

  it("does not find a person in another team's family, even by their exact name", async () => {
    const other = derby.personIn(derby.otherTeamFamily.family_id)
    const byName = await call(
      'GET',
      `/api/v1/people?name=${encodeURIComponent(`${other.given_name} ${other.family_name}`)}`,
      practitioner,
    )
    expect(byName.statusCode).toBe(200)
    expect(ids(byName)).not.toContain(other.person_id)
    expect(byName.body).not.toContain(other.person_id)
    // The front door sees every family, so the same search finds them.
    const asFrontDoor = await call(
      'GET',
      `/api/v1/people?name=${encodeURIComponent(`${other.given_name} ${other.family_name}`)}`,
      frontDoor,
    )
    expect(ids(asFrontDoor)).toContain(other.person_id)
  })

  it('finds a person by an NHS number written with spaces and a postcode in lower case', async () => {
    const familyId = await newFamily('Okafor')
    const personId = await newPerson(familyId, {
      givenName: 'Chidi',
      familyName: 'Okafor',
      dateOfBirth: '2017-06-14',
      gender: '1',
      nhsNumber: '943 476 5919',
    })
    expect((await personRow(personId)).nhs_number).toBe('9434765919')
    expect(ids(await call('GET', '/api/v1/people?nhsNumber=943%20476%205919', practitioner))).toEqual([personId])
    const byPostcode = await call('GET', '/api/v1/people?postcode=de11bx&dateOfBirth=2017-06-14', practitioner)
    expect(ids(byPostcode)).toEqual([personId])
    expect(byPostcode.json().items[0]).toMatchObject({ nhsNumber: '9434765919', postcode: 'DE1 1BX' })
  })

  it('refuses a search with no criterion, or a malformed one, with a 400 problem naming it', async () => {
    const none = expectProblem(await call('GET', '/api/v1/people?page=2', practitioner), 400)
    expect(none.errors?.[0]?.message).toContain('at least one')
    const nhs = expectProblem(await call('GET', '/api/v1/people?nhsNumber=12345', practitioner), 400)
    expect(nhs.errors).toEqual([expect.objectContaining({ field: 'nhsNumber', in: 'querystring' })])
    const date = expectProblem(await call('GET', '/api/v1/people?dateOfBirth=02/03/2015', practitioner), 400)
    expect(date.errors?.[0]?.field).toBe('dateOfBirth')
    const postcode = expectProblem(await call('GET', '/api/v1/people?postcode=QQ1%201QQ', practitioner), 400)
    expect(postcode.errors?.[0]?.field).toBe('postcode')
  })

  it('refuses a role that may not search with a 403', async () => {
    expectProblem(await call('GET', '/api/v1/people?name=Ashworth', admin), 403)
  })
})

describe('a person', () => {
  it('returns every detail: codes with their words, names, addresses, families past and present', async () => {
    const familyId = await newFamily('Nowak')
    const personId = await newPerson(familyId, {
      givenName: 'Zofia',
      familyName: 'Nowak',
      dateOfBirth: '2014-09-30',
      gender: '2',
      ethnicity: 'WOTH',
      firstLanguage: 'Polish',
      interpreterNeeded: true,
      youngCarer: true,
      upn: 'A123456789012',
      socialCareStatus: 'child in need',
    })
    const response = await call('GET', `/api/v1/people/${personId}`, practitioner)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({
      personId,
      givenName: 'Zofia',
      familyName: 'Nowak',
      dateOfBirth: '2014-09-30',
      expectedDate: null,
      gender: { code: '2', label: 'Female' },
      ethnicity: { code: 'WOTH', label: 'Any other White background' },
      firstLanguage: 'Polish',
      interpreterNeeded: true,
      disability: 'not known',
      senProvision: null,
      upn: 'A123456789012',
      nhsNumber: null,
      flags: { youngCarer: true, privatelyFostered: false, noRecourseToPublicFunds: false },
      socialCareStatus: 'child in need',
      otherNames: [],
      // No address of their own: living in the household, they take the family's.
      addresses: [
        { line1: '12 Friar Gate', line2: null, town: 'Derby', postcode: 'DE1 1BX', movedIn: null, movedOut: null },
      ],
      families: [{ familyId, name: 'Nowak', role: 'child', joinedOn: null, leftOn: null }],
      relationships: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
    })
  })

  it('saves a change sent with the current version, and refuses one sent with an older version (409)', async () => {
    const familyId = await newFamily('Hargreaves')
    const personId = await newPerson(familyId, {
      givenName: 'Tom',
      familyName: 'Hargreaves',
      dateOfBirth: '2013-02-11',
    })
    const read = (await call('GET', `/api/v1/people/${personId}`, practitioner)).json()
    const change = changeOf(read)

    const saved = await call('PUT', `/api/v1/people/${personId}`, practitioner, { ...change, firstLanguage: 'Welsh' })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ personId, firstLanguage: 'Welsh', version: read.version + 1 })

    const stale = await call('PUT', `/api/v1/people/${personId}`, practitioner, { ...change, firstLanguage: 'Urdu' })
    const problem = expectProblem(stale, 409)
    expect(problem.title).toBe('The record has changed')
    const row = await personRow(personId)
    expect(row).toMatchObject({ first_language: 'Welsh', version: read.version + 1 })
    const updates = await db()
      .selectFrom('access_log')
      .select('action')
      .where('record_id', '=', personId)
      .where('action', '=', 'update')
      .execute()
    expect(updates).toHaveLength(1)
  })

  it('refuses an invalid NHS number with a 400 naming nhsNumber, and saves nothing', async () => {
    const familyId = await newFamily('Pemberton')
    const personId = await newPerson(familyId, {
      givenName: 'Lily',
      familyName: 'Pemberton',
      dateOfBirth: '2016-04-04',
    })
    const read = (await call('GET', `/api/v1/people/${personId}`, practitioner)).json()
    const before = await personRow(personId)
    for (const nhsNumber of ['123 456 7890', '12345', 'not a number']) {
      const response = await call('PUT', `/api/v1/people/${personId}`, practitioner, {
        ...changeOf(read),
        familyName: 'Changed',
        nhsNumber,
      })
      const problem = expectProblem(response, 400)
      expect(problem.errors).toEqual([
        { field: 'nhsNumber', message: 'Enter an NHS number in the correct format, like 943 476 5919', in: 'body' },
      ])
    }
    expect(await personRow(personId)).toEqual(before)

    const created = await call('POST', `/api/v1/families/${familyId}/people`, practitioner, {
      person: { givenName: 'Rose', familyName: 'Pemberton', nhsNumber: '1234567890' },
      membership: { role: 'child' },
    })
    expect(expectProblem(created, 400).errors?.map(error => error.field)).toEqual(['person.nhsNumber'])
    const roses = await db().selectFrom('person').select('person_id').where('given_name', '=', 'Rose').execute()
    expect(roses).toEqual([])
  })

  it('names the field of a problem the service finds (a birth in the future) where the body holds it', async () => {
    const familyId = await newFamily('Quigley')
    const personId = await newPerson(familyId, { givenName: 'Ava', familyName: 'Quigley', dateOfBirth: '2019-01-01' })
    const read = (await call('GET', `/api/v1/people/${personId}`, practitioner)).json()
    const future = await call('PUT', `/api/v1/people/${personId}`, practitioner, {
      ...changeOf(read),
      dateOfBirth: '2030-01-01',
    })
    expect(expectProblem(future, 400).errors).toEqual([
      { field: 'dateOfBirth', message: 'Date of birth must be today or in the past' },
    ])
    const unborn = await call('POST', `/api/v1/families/${familyId}/people`, practitioner, {
      person: { givenName: 'Baby', familyName: 'Quigley', born: 'unborn', expectedDate: '2027-01-10' },
      membership: { role: 'child' },
      address: { line1: '3 Iron Gate', line2: null, town: null, postcode: 'DE1 3GP' },
    })
    expect(expectProblem(unborn, 400).errors?.map(error => error.field)).toEqual(['membership.role'])
    const unknownField = await call('PUT', `/api/v1/people/${personId}`, practitioner, {
      ...changeOf(read),
      shoeSize: 3,
    })
    expect(expectProblem(unknownField, 400).errors?.[0]).toMatchObject({ in: 'body' })
  })
})

describe('adding people to a family', () => {
  it('lists possible duplicates (409) for Jon Smyth when John Smith has the same birthday, then adds him once seen', async () => {
    const familyId = await newFamily('Smith')
    const johnId = await newPerson(familyId, {
      givenName: 'John',
      familyName: 'Smith',
      dateOfBirth: '2015-03-02',
      gender: '1',
    })
    const jon = { givenName: 'Jon', familyName: 'Smyth', dateOfBirth: '2015-03-02', gender: '1' }

    const first = await call('POST', `/api/v1/families/${familyId}/people`, practitioner, {
      person: jon,
      membership: { role: 'child' },
    })
    const problem = expectProblem(first, 409) as Problem & { duplicates: unknown[]; hiddenCount: number }
    expect(problem.type).toMatch(/\/possible-duplicates$/)
    expect(problem.detail).toContain('"duplicatesSeen": true')
    expect(problem.duplicates).toEqual([
      {
        personId: johnId,
        name: 'John Smith',
        dateOfBirth: '2015-03-02',
        expectedDate: null,
        postcode: 'DE1 1BX',
        reasons: expect.arrayContaining(['Similar name', 'Same date of birth']),
      },
    ])
    expect(problem.hiddenCount).toBe(0)
    const smyths = () => db().selectFrom('person').select('person_id').where('family_name', '=', 'Smyth').execute()
    expect(await smyths()).toEqual([])

    const jonId = await newPerson(familyId, jon, 'child', true)
    expect(await smyths()).toEqual([{ person_id: jonId }])
    const family = (await call('GET', `/api/v1/families/${familyId}`, practitioner)).json()
    expect(family.members.map((member: { personId: string }) => member.personId).sort()).toEqual([johnId, jonId].sort())
  })

  it("counts, and never describes, possible duplicates in records the token's owner may not see", async () => {
    const other = await db()
      .selectFrom('person')
      .select(['person_id', 'given_name', 'family_name', 'date_of_birth'])
      .where('person_id', '=', derby.personIn(derby.otherTeamFamily.family_id).person_id)
      .executeTakeFirstOrThrow()
    const familyId = await newFamily('Lowe')
    const response = await call('POST', `/api/v1/families/${familyId}/people`, practitioner, {
      person: { givenName: other.given_name, familyName: other.family_name, dateOfBirth: other.date_of_birth },
      membership: { role: other.date_of_birth && other.date_of_birth < '2008-01-01' ? 'parent' : 'child' },
    })
    const problem = expectProblem(response, 409) as Problem & { duplicates: unknown[]; hiddenCount: number }
    expect(problem.duplicates).toEqual([])
    expect(problem.hiddenCount).toBeGreaterThanOrEqual(1)
    expect(response.body).not.toContain(other.person_id)
  })

  it('starts a family with its address, and refuses a role that may not start one', async () => {
    const familyId = await newFamily('Underwood')
    const family = await call('GET', `/api/v1/families/${familyId}`, practitioner)
    expect(family.json()).toMatchObject({
      familyId,
      name: 'Underwood',
      address: { line1: '12 Friar Gate', line2: null, town: 'Derby', postcode: 'DE1 1BX' },
      team: { teamId: derby.user(demoEmail('practitioner', 'derby')).team_id },
      members: [],
      relationships: [],
    })
    const badPostcode = await call('POST', '/api/v1/families', practitioner, {
      name: 'Vickers',
      address: { line1: '1 High Street', postcode: 'not a postcode' },
    })
    expect(expectProblem(badPostcode, 400).errors?.map(error => error.field)).toEqual(['address.postcode'])
    expectProblem(await call('POST', '/api/v1/families', partner, { name: 'Vickers' }), 403)
    expectProblem(await call('POST', '/api/v1/families', admin, { name: 'Vickers' }), 403)
    expect(await db().selectFrom('family').select('family_id').where('name', '=', 'Vickers').execute()).toEqual([])
  })
})

describe('relationships', () => {
  it('records how two members are related and shows it on the family, the list and the person', async () => {
    const familyId = await newFamily('Thornton')
    const motherId = await newPerson(
      familyId,
      { givenName: 'Gemma', familyName: 'Thornton', dateOfBirth: '1990-05-05' },
      'parent',
    )
    const childId = await newPerson(familyId, { givenName: 'Alfie', familyName: 'Thornton', dateOfBirth: '2018-08-08' })

    const recorded = await call('POST', `/api/v1/families/${familyId}/relationships`, practitioner, {
      personId: motherId.toUpperCase(),
      relatedPersonId: childId,
      type: 'mother',
      livesWith: true,
      parentalResponsibility: true,
    })
    expect(recorded.statusCode, recorded.body).toBe(201)
    const { relationshipId } = recorded.json()
    const relationship = {
      relationshipId,
      personId: motherId,
      relatedPersonId: childId,
      type: 'mother',
      livesWith: true,
      parentalResponsibility: true,
      note: null,
    }

    const list = await call('GET', `/api/v1/families/${familyId}/relationships`, practitioner)
    expect(list.json()).toEqual({ items: [relationship] })
    expect((await call('GET', `/api/v1/families/${familyId}`, practitioner)).json().relationships).toEqual([
      relationship,
    ])
    const child = (await call('GET', `/api/v1/people/${childId}`, practitioner)).json()
    expect(child.relationships).toEqual([
      { ...relationship, other: { personId: motherId, givenName: 'Gemma', familyName: 'Thornton' } },
    ])

    const same = await call('POST', `/api/v1/families/${familyId}/relationships`, practitioner, {
      personId: childId,
      relatedPersonId: childId,
      type: 'sibling',
      livesWith: true,
    })
    expect(expectProblem(same, 400).errors?.map(error => error.field)).toEqual(['relatedPersonId'])
    const outsider = derby.personIn(derby.ownTeamFamily.family_id)
    const notMember = await call('POST', `/api/v1/families/${familyId}/relationships`, practitioner, {
      personId: childId,
      relatedPersonId: outsider.person_id,
      type: 'sibling',
      livesWith: false,
    })
    expect(expectProblem(notMember, 400).errors?.map(error => error.field)).toEqual(['relatedPersonId'])
    const wrongType = await call('POST', `/api/v1/families/${familyId}/relationships`, practitioner, {
      personId: motherId,
      relatedPersonId: childId,
      type: 'aunt',
      livesWith: true,
    })
    expect(expectProblem(wrongType, 400).errors?.map(error => error.field)).toEqual(['type'])
  })
})

describe('chronology', () => {
  it('adds an entry to a family and shows it in the family’s and the person’s chronology', async () => {
    const familyId = await newFamily('Whitworth')
    const personId = await newPerson(familyId, {
      givenName: 'Isla',
      familyName: 'Whitworth',
      dateOfBirth: '2012-12-12',
    })
    const added = await call('POST', `/api/v1/families/${familyId}/chronology`, practitioner, {
      occurredOn: '2026-11-20',
      category: 'Education',
      summary: 'Excluded from school for two days',
      detail: 'The school rang the family support worker.',
      source: 'Head of year',
      personIds: [personId],
    })
    expect(added.statusCode, added.body).toBe(201)
    const { chronologyEntryId } = added.json()
    const entry = {
      chronologyEntryId,
      familyId,
      occurredOn: '2026-11-20',
      category: 'Education',
      summary: 'Excluded from school for two days',
      detail: 'The school rang the family support worker.',
      source: 'Head of year',
      kind: 'manual',
      event: null,
      recordedAt: expect.any(String),
      recordedBy: derby.user(demoEmail('practitioner', 'derby')).display_name,
      people: [{ personId, givenName: 'Isla', familyName: 'Whitworth' }],
    }

    const family = await call('GET', `/api/v1/families/${familyId}/chronology`, practitioner)
    expect(family.statusCode, family.body).toBe(200)
    const items = family.json().items
    expect(items).toContainEqual(entry)
    expect(items.map((item: { summary: string }) => item.summary)).toEqual(
      expect.arrayContaining(['Family record created', 'Isla Whitworth added to the family as child']),
    )
    const education = await call('GET', `/api/v1/families/${familyId}/chronology?category=Education`, practitioner)
    expect(education.json().items).toEqual([entry])
    const ofPerson = await call('GET', `/api/v1/families/${familyId}/chronology?personId=${personId}`, practitioner)
    // Newest first: Isla joined today; the exclusion was three days ago.
    expect(ofPerson.json().items.map((item: { summary: string }) => item.summary)).toEqual([
      'Isla Whitworth added to the family as child',
      'Excluded from school for two days',
    ])
    const person = await call('GET', `/api/v1/people/${personId}/chronology`, practitioner)
    expect(person.json().items).toContainEqual(entry)

    const future = await call('POST', `/api/v1/families/${familyId}/chronology`, practitioner, {
      occurredOn: '2027-01-01',
      category: 'Gossip',
      summary: '',
    })
    expect(
      expectProblem(future, 400)
        .errors?.map(error => error.field)
        .sort(),
    ).toEqual(['category', 'summary'])
    const tomorrow = await call('POST', `/api/v1/families/${familyId}/chronology`, practitioner, {
      occurredOn: '2026-11-24',
      category: 'Health',
      summary: 'Hospital appointment',
    })
    expect(expectProblem(tomorrow, 400).errors).toEqual([
      { field: 'occurredOn', message: 'The date must be today or in the past' },
    ])
  })
})

describe('refusals', () => {
  it('refuses the partner (403) on a family they are not part of, and on writes to the one they are', async () => {
    const partnered = await db()
      .selectFrom('family_professional')
      .select('family_id')
      .where('user_id', '=', userId(demoEmail('partner', 'derby')))
      .execute()
    const family = derby.families.find(f => !partnered.some(row => row.family_id === f.family_id))!
    const person = derby.personIn(family.family_id)
    for (const url of [
      `/api/v1/families/${family.family_id}`,
      `/api/v1/families/${family.family_id}/relationships`,
      `/api/v1/families/${family.family_id}/chronology`,
      `/api/v1/people/${person.person_id}`,
      `/api/v1/people/${person.person_id}/chronology`,
    ]) {
      const response = await call('GET', url, partner)
      expectProblem(response, 403)
      expect(response.body).not.toContain(family.name)
      expect(response.body).not.toContain(person.given_name)
    }
    const own = derby.partnerFamily.family_id
    expect((await call('GET', `/api/v1/families/${own}/chronology`, partner)).statusCode).toBe(200)
    const writes: [string, object][] = [
      [
        `/api/v1/families/${own}/people`,
        { person: { givenName: 'Ned', familyName: 'Kelly' }, membership: { role: 'child' } },
      ],
      [`/api/v1/families/${own}/chronology`, { occurredOn: '2026-11-01', category: 'Health', summary: 'Seen by GP' }],
    ]
    for (const [url, payload] of writes) expectProblem(await call('POST', url, partner, payload), 403)
    const refusals = await db()
      .selectFrom('access_log')
      .select(['record_type', 'record_id'])
      .where('user_id', '=', userId(demoEmail('partner', 'derby')))
      .where('action', '=', 'refused')
      .execute()
    expect(refusals).toEqual(
      expect.arrayContaining([
        { record_type: 'family', record_id: family.family_id },
        { record_type: 'person', record_id: person.person_id },
        { record_type: 'family', record_id: own },
      ]),
    )
  })

  it('refuses a change by those who only see the family (403), saving nothing', async () => {
    const own = derby.partnerFamily.family_id
    const person = derby.personIn(own)
    const read = (await call('GET', `/api/v1/people/${person.person_id}`, frontDoor)).json()
    const before = await personRow(person.person_id)
    const other = (await call('GET', `/api/v1/families/${own}`, frontDoor))
      .json()
      .members.find((member: { personId: string }) => member.personId !== person.person_id)
    for (const token of [frontDoor, partner]) {
      const change = await call('PUT', `/api/v1/people/${person.person_id}`, token, {
        ...changeOf(read),
        firstLanguage: 'French',
      })
      expectProblem(change, 403)
      const relationship = await call('POST', `/api/v1/families/${own}/relationships`, token, {
        personId: person.person_id,
        relatedPersonId: other.personId,
        type: 'other',
        livesWith: false,
      })
      expectProblem(relationship, 403)
    }
    expect(await personRow(person.person_id)).toEqual(before)
    const refusals = await db()
      .selectFrom('access_log')
      .select(['user_id', 'record_type', 'record_id'])
      .where('action', '=', 'refused')
      .where('record_id', 'in', [person.person_id, own])
      .where('user_id', 'in', [userId(demoEmail('front_door', 'derby')), userId(demoEmail('partner', 'derby'))])
      .execute()
    expect(refusals).toEqual(
      expect.arrayContaining([
        { user_id: userId(demoEmail('front_door', 'derby')), record_type: 'person', record_id: person.person_id },
        { user_id: userId(demoEmail('partner', 'derby')), record_type: 'family', record_id: own },
      ]),
    )
  })

  it('answers a restricted family and its people as if they did not exist, and logs why', async () => {
    const familyId = await newFamily('Yardley')
    const personId = await newPerson(familyId, { givenName: 'Esme', familyName: 'Yardley', dateOfBirth: '2011-11-11' })
    const manager = await contextOf(demoEmail('team_manager', 'derby'))
    await t.services.records.restrict(
      manager,
      { type: 'family', id: familyId },
      { reason: 'Staff member’s relative', userIds: [] },
    )

    const nobody = await call('GET', '/api/v1/families/7d9f6a2e-8c1b-4f3a-9e5d-2b6c8a4f1e0d', practitioner)
    const nothing = expectProblem(nobody, 404)
    for (const url of [
      `/api/v1/families/${familyId}`,
      `/api/v1/families/${familyId}/relationships`,
      `/api/v1/families/${familyId}/chronology`,
      `/api/v1/people/${personId}`,
      `/api/v1/people/${personId}/chronology`,
    ]) {
      const response = await call('GET', url, practitioner)
      expect(expectProblem(response, 404), url).toEqual(nothing)
      expect(response.body).not.toContain('Yardley')
      expect(response.body).not.toContain('Esme')
    }
    const search = await call('GET', '/api/v1/people?name=Esme%20Yardley', practitioner)
    expect(search.statusCode).toBe(200)
    expect(ids(search)).not.toContain(personId)
    const refusals = await db()
      .selectFrom('access_log')
      .select(['record_type', 'record_id', 'detail'])
      .where('user_id', '=', userId(demoEmail('practitioner', 'derby')))
      .where('action', '=', 'refused')
      .where('record_id', 'in', [familyId, personId])
      .execute()
    expect(refusals).toEqual(
      expect.arrayContaining([
        { record_type: 'family', record_id: familyId, detail: 'restricted record' },
        { record_type: 'person', record_id: personId, detail: 'restricted record' },
      ]),
    )
    expect(refusals.every(row => row.detail === 'restricted record')).toBe(true)
    // The manager who restricted it still reads it.
    const managerToken = (await apiTokenFor(t, demoEmail('team_manager', 'derby'))).token
    expect((await call('GET', `/api/v1/families/${familyId}`, managerToken)).statusCode).toBe(200)
  })
})
