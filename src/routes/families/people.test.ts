import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { demoRecords } from '../../../test/fixtures.js'

// A person's record through the pages (issue 6): changing their details without losing anyone's
// change, addresses and names over time, finding people, and merging two records of one person. Each
// test makes the people it changes; the demo's are only read.

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let practitioner: Agent
let manager: Agent
const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
  manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
})
afterAll(() => t.close())

// Reading pages ----------------------------------------------------------------------------------

type Form = Record<string, string | string[]>

const unescapeHtml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return match ? unescapeHtml(match[1]!) : undefined
}

/** The value a text (or hidden) input named `name` holds in the page. */
function inputValue(body: string, name: string): string | undefined {
  const tag = (body.match(/<input\b[^>]*>/g) ?? []).find(
    candidate =>
      attribute(candidate, 'name') === name && !['radio', 'checkbox'].includes(attribute(candidate, 'type')!),
  )
  return tag === undefined ? undefined : (attribute(tag, 'value') ?? '')
}

/**
 * What a browser would send for the form posting to `action`, changed as the user would change it:
 * text boxes as they are, ticked radios and boxes, the chosen option of each select.
 */
function filledIn(body: string, action: string, changes: Form = {}): Form {
  const form = [...body.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].find(
    match => attribute(match[0].slice(0, match[0].indexOf('>') + 1), 'action') === action,
  )
  if (!form) throw new Error(`No form posts to ${action}`)
  const fields: Form = {}
  const add = (name: string, value: string) => {
    const held = fields[name]
    fields[name] = held === undefined ? value : [...(Array.isArray(held) ? held : [held]), value]
  }
  for (const tag of form[1]!.match(/<input\b[^>]*>/g) ?? []) {
    const name = attribute(tag, 'name')
    const type = attribute(tag, 'type') ?? 'text'
    if (!name || name === '_csrf') continue
    if ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(tag)) continue
    add(name, attribute(tag, 'value') ?? '')
  }
  for (const select of form[1]!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const options = select[2]!.match(/<option\b[^>]*>/g) ?? []
    const chosen = options.find(option => /\sselected\b/.test(option)) ?? options[0]
    add(attribute(select[1]!, 'name')!, chosen ? (attribute(chosen, 'value') ?? '') : '')
  }
  return { ...fields, ...changes }
}

/** The GOV.UK error message shown on a field, or undefined if it has none. */
function fieldError(body: string, field: string): string | undefined {
  const match = new RegExp(
    `<p id="${field}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span>([^<]*)</p>`,
  ).exec(body)
  return match ? unescapeHtml(match[1]!.trim()) : undefined
}

function errorSummary(body: string): string {
  const start = body.indexOf('govuk-error-summary')
  expect(start, 'the page shows the GOV.UK error summary').toBeGreaterThan(-1)
  return unescapeHtml(body.slice(start, body.indexOf('</ul>', start)))
}

const pageTitle = (body: string) => unescapeHtml(/<title[^>]*>([^<]*)<\/title>/.exec(body)?.[1] ?? '').trim()

/** The table row (`<tr>…</tr>`) that holds the text, or undefined. */
function rowWith(body: string, text: string): string | undefined {
  return body
    .split(/<tr\b/)
    .slice(1)
    .map(row => row.slice(0, row.indexOf('</tr>')))
    .find(row => row.includes(text))
}

/** The page from the first `startText` up to the next `until`. */
function section(body: string, startText: string, until: string): string {
  const start = body.indexOf(startText)
  if (start === -1) return ''
  const end = body.indexOf(until, start + startText.length)
  return body.slice(start, end === -1 ? undefined : end)
}

const idFrom = (location: unknown, pattern: RegExp) => {
  const match = pattern.exec(String(location))
  if (!match) throw new Error(`Unexpected redirect: ${String(location)}`)
  return match[1]!
}

// The database and forms ----------------------------------------------------------------------------

const personRow = (personId: string) =>
  db().selectFrom('person').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow()

const familiesOf = async (personId: string) =>
  (
    await db()
      .selectFrom('family_member')
      .select('family_id')
      .where('person_id', '=', personId)
      .where('left_on', 'is', null)
      .execute()
  )
    .map(row => row.family_id)
    .sort()

const addressesOf = (personId: string) =>
  db()
    .selectFrom('person_address')
    .select(['line1', 'postcode', 'moved_in', 'moved_out'])
    .where('person_id', '=', personId)
    .orderBy('recorded_at')
    .orderBy('line1')
    .execute()

function dateBoxes(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! }
}

/** Starts a family in the practitioner's team; returns its id. */
async function startFamily(name: string, postcode = 'DE22 3XY') {
  const response = await practitioner.post(
    '/families',
    { name, line1: `1 ${name} Street`, line2: '', town: 'Derby', postcode },
    { from: '/families/new' },
  )
  expect(response.statusCode).toBe(303)
  return idFrom(response.headers.location, /^\/families\/([0-9a-f-]{36})\?created=1$/)
}

/** Adds a child to the family through the add-a-person form (going on past any possible duplicates). */
async function addChild(familyId: string, fields: Form) {
  const page = await practitioner.get(`/families/${familyId}/people/new`)
  const response = await practitioner.post(
    `/families/${familyId}/people`,
    filledIn(page.body, `/families/${familyId}/people`, {
      gender: '2',
      role: 'child',
      duplicatesSeen: 'yes',
      ...fields,
    }),
  )
  expect(response.statusCode, pageTitle(response.body)).toBe(303)
  const person = await db()
    .selectFrom('person')
    .select('person_id')
    .where('given_name', '=', String(fields.givenName))
    .where('family_name', '=', String(fields.familyName))
    .executeTakeFirstOrThrow()
  return person.person_id
}

const searchFor = (agent: Agent, query: Record<string, string>) =>
  agent.get(`/search?${new URLSearchParams(query).toString()}`)

// -------------------------------------------------------------------------------------------------

describe('changing a person’s details', () => {
  let familyId: string
  beforeAll(async () => {
    familyId = await startFamily('Lindqvist')
  })

  it('saves a change made through the edit form', async () => {
    const personId = await addChild(familyId, {
      givenName: 'Astrid',
      familyName: 'Lindqvist',
      ...dateBoxes('dateOfBirth', '2016-02-02'),
    })
    const form = await practitioner.get(`/people/${personId}/edit`)
    expect(form.statusCode).toBe(200)
    expect(inputValue(form.body, 'givenName')).toBe('Astrid')
    expect(inputValue(form.body, 'dateOfBirth-year')).toBe('2016')

    const response = await practitioner.post(
      `/people/${personId}`,
      filledIn(form.body, `/people/${personId}`, { firstLanguage: 'Swedish', nhsNumber: '943 476 5919' }),
    )
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/people/${personId}?updated=1`)
    expect(await personRow(personId)).toMatchObject({
      first_language: 'Swedish',
      nhs_number: '9434765919',
      date_of_birth: '2016-02-02',
    })
    const page = await practitioner.get(`/people/${personId}?updated=1`)
    expect(page.body).toContain('Details saved.')
    expect(page.body).toContain('943 476 5919')
  })

  it('refuses an NHS number whose check digit is wrong, on the field, keeping what was typed', async () => {
    const personId = await addChild(familyId, {
      givenName: 'Linnea',
      familyName: 'Lindqvist',
      ...dateBoxes('dateOfBirth', '2018-03-03'),
    })
    const form = await practitioner.get(`/people/${personId}/edit`)
    const before = await personRow(personId)
    const response = await practitioner.post(
      `/people/${personId}`,
      filledIn(form.body, `/people/${personId}`, { givenName: 'Linnéa', nhsNumber: '943 476 5918' }),
    )
    expect(response.statusCode).toBe(400)
    expect(pageTitle(response.body)).toMatch(/^Error: /)
    expect(errorSummary(response.body)).toContain('Enter an NHS number in the correct format, like 943 476 5919')
    expect(fieldError(response.body, 'nhsNumber')).toBe('Enter an NHS number in the correct format, like 943 476 5919')
    expect(inputValue(response.body, 'nhsNumber')).toBe('943 476 5918')
    expect(inputValue(response.body, 'givenName')).toBe('Linnéa')
    expect(await personRow(personId)).toEqual(before)
  })

  it('refuses a partner, who may see the family but not change it', async () => {
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    const person = derby.personIn(derby.partnerFamily.family_id)
    expect((await partner.get(`/people/${person.person_id}`)).statusCode).toBe(200)
    expect((await partner.get(`/people/${person.person_id}/edit`)).statusCode).toBe(403)
    const before = await personRow(person.person_id)
    const response = await partner.post(`/people/${person.person_id}`, {
      givenName: 'Changed',
      familyName: person.family_name,
      version: String(before.version),
    })
    expect(response.statusCode).toBe(403)
    expect(await personRow(person.person_id)).toEqual(before)
  })

  // Acceptance 5: 'Two users edit the same person; the second save is refused with the other's change
  // shown (409, the other's saved values visible, the second user's typed values still in the form).'
  it('refuses the second of two saves, showing what the first saved and keeping what the second typed', async () => {
    const personId = await addChild(familyId, {
      givenName: 'Elsa',
      familyName: 'Lindqvist',
      ...dateBoxes('dateOfBirth', '2014-09-14'),
      firstLanguage: 'English',
    })
    const practitionerForm = await practitioner.get(`/people/${personId}/edit`)
    const managerForm = await manager.get(`/people/${personId}/edit`)
    expect(practitionerForm.statusCode).toBe(200)
    expect(managerForm.statusCode).toBe(200)
    const loadedAt = inputValue(practitionerForm.body, 'version')
    expect(inputValue(managerForm.body, 'version')).toBe(loadedAt)

    const first = await manager.post(
      `/people/${personId}`,
      filledIn(managerForm.body, `/people/${personId}`, { firstLanguage: 'Polish' }),
    )
    expect(first.statusCode).toBe(303)

    const second = await practitioner.post(
      `/people/${personId}`,
      filledIn(practitionerForm.body, `/people/${personId}`, { firstLanguage: 'Swedish', upn: 'P207000016049' }),
    )
    expect(second.statusCode).toBe(409)
    expect(pageTitle(second.body)).toMatch(/^Error: /)
    expect(errorSummary(second.body)).toContain('Someone else changed this record while you were working on it')
    const saved = section(second.body, 'Details saved by someone else', '</dl>')
    expect(saved).toContain('Polish')
    expect(saved).not.toContain('Swedish')
    expect(inputValue(second.body, 'firstLanguage')).toBe('Swedish')
    expect(inputValue(second.body, 'upn')).toBe('P207000016049')
    expect(await personRow(personId)).toMatchObject({ first_language: 'Polish', upn: null })
    const savedVersion = (await personRow(personId)).version
    expect(inputValue(second.body, 'version')).toBe(String(savedVersion))

    // Having seen both, saving again is a deliberate choice, and it counts.
    const again = await practitioner.post(`/people/${personId}`, filledIn(second.body, `/people/${personId}`))
    expect(again.statusCode).toBe(303)
    expect(await personRow(personId)).toMatchObject({
      first_language: 'Swedish',
      upn: 'P207000016049',
      version: savedVersion + 1,
    })
  })
})

describe('addresses and names over time', () => {
  let familyId: string
  beforeAll(async () => {
    familyId = await startFamily('Marchetti', 'DE24 8AB')
  })

  it('ends the old address the day they moved in and makes the new one current', async () => {
    const personId = await addChild(familyId, {
      givenName: 'Giulia',
      familyName: 'Marchetti',
      ...dateBoxes('dateOfBirth', '2012-12-12'),
    })
    const form = await practitioner.get(`/people/${personId}/addresses/new`)
    expect(form.statusCode).toBe(200)
    const response = await practitioner.post(`/people/${personId}/addresses`, {
      line1: '22 Cathedral Road',
      line2: '',
      town: 'Derby',
      postcode: 'de1 3ab',
      ...dateBoxes('movedIn', '2026-11-01'),
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/people/${personId}?moved=1`)

    expect(await addressesOf(personId)).toEqual([
      { line1: '1 Marchetti Street', postcode: 'DE24 8AB', moved_in: null, moved_out: '2026-11-01' },
      { line1: '22 Cathedral Road', postcode: 'DE1 3AB', moved_in: '2026-11-01', moved_out: null },
    ])
    const page = await practitioner.get(`/people/${personId}?moved=1`)
    expect(rowWith(page.body, '22 Cathedral Road, Derby, DE1 3AB')).toContain('Lives here now')
    expect(rowWith(page.body, '1 Marchetti Street')).toContain('1 November 2026')
  })

  it('asks for the postcode of a new address, keeping what was typed, and records nothing', async () => {
    const personId = await addChild(familyId, {
      givenName: 'Matteo',
      familyName: 'Marchetti',
      ...dateBoxes('dateOfBirth', '2015-05-15'),
      gender: '1',
    })
    const before = await addressesOf(personId)
    const response = await practitioner.post(
      `/people/${personId}/addresses`,
      { line1: '9 Duffield Road', line2: '', town: 'Derby', postcode: '' },
      { from: `/people/${personId}/addresses/new` },
    )
    expect(response.statusCode).toBe(400)
    expect(fieldError(response.body, 'postcode')).toBe('Enter the postcode')
    expect(inputValue(response.body, 'line1')).toBe('9 Duffield Road')
    expect(await addressesOf(personId)).toEqual(before)
  })

  it('finds a person by a previous name once it is recorded', async () => {
    const personId = await addChild(familyId, {
      givenName: 'Chiara',
      familyName: 'Marchetti',
      ...dateBoxes('dateOfBirth', '2013-03-13'),
    })
    const previous = { name: 'Chiara Pendlebury' }
    expect((await searchFor(practitioner, previous)).body).not.toContain(`/people/${personId}`)

    const form = await practitioner.get(`/people/${personId}/names/new`)
    expect(form.statusCode).toBe(200)
    const missing = await practitioner.post(`/people/${personId}/names`, { givenName: 'Chiara', familyName: '' })
    expect(missing.statusCode).toBe(400)
    expect(fieldError(missing.body, 'kind')).toBe('Select the kind of name')
    expect(fieldError(missing.body, 'familyName')).toBe('Enter the last name')

    const response = await practitioner.post(`/people/${personId}/names`, {
      kind: 'previous',
      givenName: 'Chiara',
      familyName: 'Pendlebury',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/people/${personId}?named=1`)
    const page = await practitioner.get(`/people/${personId}`)
    expect(section(page.body, 'Previous names', '</dd>')).toContain('Chiara Pendlebury')
    const found = await searchFor(practitioner, previous)
    expect(found.statusCode).toBe(200)
    expect(found.body).toContain(`/people/${personId}`)
  })
})

describe('the search page', () => {
  let personId: string
  beforeAll(async () => {
    const familyId = await startFamily('Carrington', 'DE3 9FL')
    personId = await addChild(familyId, {
      givenName: 'Ptolemy',
      familyName: 'Carrington',
      ...dateBoxes('dateOfBirth', '2011-11-11'),
      gender: '1',
      nhsNumber: '401 023 2137',
      upn: 'A123456789012',
    })
  })

  it('shows the empty search with no criteria', async () => {
    const response = await practitioner.get('/search')
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('Search before you start a new record')
    expect(response.body).not.toContain('govuk-error-summary')
  })

  it('finds a person in the practitioner’s team by a misspelt name', async () => {
    const response = await searchFor(practitioner, { name: 'Ptolemy Carington' })
    expect(response.statusCode).toBe(200)
    expect(rowWith(response.body, `/people/${personId}`)).toContain('11 November 2011')
  })

  it.each([
    ['an NHS number', { identifier: '4010232137' }],
    ['a UPN, typed loosely', { identifier: 'a123 4567 89012' }],
    ['a postcode, typed without the space', { postcode: 'de39fl' }],
    ['a date of birth', dateBoxes('dateOfBirth', '2011-11-11')],
  ])('finds them by %s', async (_how, query) => {
    const response = await searchFor(practitioner, query)
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain(`/people/${personId}`)
  })

  it('does not find another team’s family for the practitioner, but does for the front door', async () => {
    const other = derby.personIn(derby.otherTeamFamily.family_id)
    const name = { name: `${other.given_name} ${other.family_name}` }
    const forPractitioner = await searchFor(practitioner, name)
    expect(forPractitioner.statusCode).toBe(200)
    expect(forPractitioner.body).not.toContain(`/people/${other.person_id}`)
    const frontDoor = await signedIn(t.app, demoEmail('front_door', 'derby'))
    const forFrontDoor = await searchFor(frontDoor, name)
    expect(forFrontDoor.body).toContain(`/people/${other.person_id}`)
  })

  it('refuses an identifier that is neither an NHS number nor a UPN, on the field', async () => {
    const response = await searchFor(practitioner, { identifier: '943 476 5918' })
    expect(response.statusCode).toBe(400)
    expect(pageTitle(response.body)).toMatch(/^Error: Search people/)
    expect(fieldError(response.body, 'identifier')).toBe('Enter a real NHS number (10 digits) or UPN (13 characters)')
    expect(inputValue(response.body, 'identifier')).toBe('943 476 5918')
  })

  it('refuses a role that does not search records', async () => {
    const admin = await signedIn(t.app, demoEmail('admin', 'derby'))
    expect((await searchFor(admin, { name: 'Ptolemy Carrington' })).statusCode).toBe(403)
  })
})

describe('merging two records of one person', () => {
  let first: string
  let second: string
  beforeAll(async () => {
    first = await startFamily('Price', 'DE21 7AB')
    second = await startFamily('Price-Holt', 'DE21 7AD')
  })

  async function twoRecords(given: [string, string], familyName: string) {
    const kept = await addChild(first, { givenName: given[0], familyName, ...dateBoxes('dateOfBirth', '2017-03-03') })
    const merged = await addChild(second, {
      givenName: given[1],
      familyName,
      ...dateBoxes('dateOfBirth', '2017-03-03'),
    })
    return { kept, merged }
  }

  it('moves the merged record’s families to the kept one, sends its page there and logs the merge', async () => {
    const { kept, merged } = await twoRecords(['Kayden', 'Kaden'], 'Price')
    const managerId = derby.user(demoEmail('team_manager', 'derby')).user_id

    const form = await manager.get(`/people/${kept}/merge?name=Kaden+Price`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain(merged)
    const response = await manager.post(`/people/${kept}/merge`, {
      mergedId: merged,
      reason: 'Same date of birth and mother; Kaden is a misspelling on the school referral',
      confirm: 'yes',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/people/${kept}?merged=1`)

    expect(await familiesOf(kept)).toEqual([first, second].sort())
    expect(await familiesOf(merged)).toEqual([])
    expect((await personRow(merged)).merged_into).toBe(kept)

    const keptPage = await manager.get(`/people/${kept}?merged=1`)
    expect(keptPage.statusCode).toBe(200)
    expect(keptPage.body).toContain('Merged records')
    expect(keptPage.body).toContain('Kaden Price merged into this record by Gareth Allsop')
    expect(section(keptPage.body, 'Previous names', '</dd>')).toContain('Kaden Price')
    expect(rowWith(keptPage.body, `/families/${second}"`)).toContain('Current')

    const log = await db()
      .selectFrom('access_log')
      .select(['record_id', 'record_type'])
      .where('user_id', '=', managerId)
      .where('action', '=', 'merge')
      .execute()
    expect(log).toEqual(
      expect.arrayContaining([
        { record_id: kept, record_type: 'person' },
        { record_id: merged, record_type: 'person' },
      ]),
    )

    // Anyone with an old link to the merged record is taken to the kept one.
    for (const agent of [manager, practitioner]) {
      const old = await agent.get(`/people/${merged}`)
      expect(old.statusCode).toBe(303)
      expect(old.headers.location).toBe(`/people/${kept}?merged=1`)
    }
  })

  it('asks for confirmation and merges nothing without it', async () => {
    const { kept, merged } = await twoRecords(['Rhiannon', 'Rianon'], 'Price')
    const response = await manager.post(
      `/people/${kept}/merge`,
      { mergedId: merged, reason: 'Same child' },
      { from: `/people/${kept}/merge?name=Rianon+Price` },
    )
    expect(response.statusCode).toBe(400)
    expect(fieldError(response.body, 'confirm')).toBe('Confirm that these records are the same person')
    expect(response.body).toContain('Same child')
    expect((await personRow(merged)).merged_into).toBeNull()
    expect(await familiesOf(merged)).toEqual([second])
  })

  it('refuses a practitioner, records the refusal and merges nothing', async () => {
    const { kept, merged } = await twoRecords(['Tomasz', 'Tomas'], 'Price')
    const practitionerId = derby.user(demoEmail('practitioner', 'derby')).user_id
    expect((await practitioner.get(`/people/${kept}/merge`)).statusCode).toBe(403)
    const response = await practitioner.post(`/people/${kept}/merge`, {
      mergedId: merged,
      reason: 'Same child',
      confirm: 'yes',
    })
    expect(response.statusCode).toBe(403)
    expect((await personRow(merged)).merged_into).toBeNull()
    expect(await familiesOf(merged)).toEqual([second])
    // The refusal page says "The attempt has been recorded": it must be.
    const refusals = await db()
      .selectFrom('access_log')
      .select('route')
      .where('user_id', '=', practitionerId)
      .where('action', '=', 'refused')
      .execute()
    expect(refusals.map(row => row.route)).toEqual(
      expect.arrayContaining(['GET /people/:personId/merge', 'POST /people/:personId/merge']),
    )
  })
})
