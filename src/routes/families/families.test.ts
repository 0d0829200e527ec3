import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { demoRecords } from '../../../test/fixtures.js'

// Families and their members through the pages (issue 6): starting a family, adding a person with the
// duplicate check first, the field checks, leaving, relationships and the genogram, and restricted
// families. Each test makes the families and people it changes; the demo's are only read.

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let practitioner: Agent
let manager: Agent
let partner: Agent
const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
  manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
  partner = await signedIn(t.app, demoEmail('partner', 'derby'))
})
afterAll(() => t.close())

// The test clock stands on 23 November 2026.
const TODAY = '2026-11-23'

// Reading pages ----------------------------------------------------------------------------------

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

/** The value a text input (or hidden input) named `name` holds in the page, as a browser would read it. */
function inputValue(body: string, name: string): string | undefined {
  const tag = (body.match(/<input\b[^>]*>/g) ?? []).find(
    candidate =>
      attribute(candidate, 'name') === name && !['radio', 'checkbox'].includes(attribute(candidate, 'type')!),
  )
  return tag === undefined ? undefined : (attribute(tag, 'value') ?? '')
}

/** The value of the ticked radio named `name`. */
function checkedValue(body: string, name: string): string | undefined {
  const tag = (body.match(/<input\b[^>]*>/g) ?? []).find(
    candidate => attribute(candidate, 'name') === name && /\schecked\b/.test(candidate),
  )
  return tag === undefined ? undefined : attribute(tag, 'value')
}

/** The GOV.UK error message shown on a field, or undefined if it has none. */
function fieldError(body: string, field: string): string | undefined {
  const match = new RegExp(
    `<p id="${field}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span>([^<]*)</p>`,
  ).exec(body)
  return match ? unescapeHtml(match[1]!.trim()) : undefined
}

/** The error summary's text, to check what it lists. */
function errorSummary(body: string): string {
  const start = body.indexOf('govuk-error-summary')
  expect(start, 'the page shows the GOV.UK error summary').toBeGreaterThan(-1)
  return body.slice(start, body.indexOf('</ul>', start))
}

const pageTitle = (body: string) => unescapeHtml(/<title[^>]*>([^<]*)<\/title>/.exec(body)?.[1] ?? '').trim()

/** The hidden fields of every form on the page that posts to `action`, as the browser would send them. */
function formsPostingTo(body: string, action: string): Record<string, string | string[]>[] {
  const forms = [...body.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].filter(
    form => attribute(form[0].slice(0, form[0].indexOf('>') + 1), 'action') === action,
  )
  return forms.map(form => {
    const fields: Record<string, string | string[]> = {}
    for (const tag of form[1]!.match(/<input\b[^>]*>/g) ?? []) {
      const name = attribute(tag, 'name')
      if (!name || name === '_csrf') continue
      const value = attribute(tag, 'value') ?? ''
      const held = fields[name]
      fields[name] = held === undefined ? value : [...(Array.isArray(held) ? held : [held]), value]
    }
    return fields
  })
}

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

// The database ------------------------------------------------------------------------------------

const count = async (table: 'family' | 'person' | 'relationship') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('authority_id', '=', derby.authority.authority_id)
        .executeTakeFirstOrThrow()
    ).n,
  )

const peopleNamed = (givenName: string, familyName: string) =>
  db()
    .selectFrom('person')
    .selectAll()
    .where('authority_id', '=', derby.authority.authority_id)
    .where('given_name', '=', givenName)
    .where('family_name', '=', familyName)
    .execute()

async function personNamed(givenName: string, familyName: string) {
  const people = await peopleNamed(givenName, familyName)
  expect(people, `one ${givenName} ${familyName}`).toHaveLength(1)
  return people[0]!
}

const membershipsOf = (personId: string) =>
  db()
    .selectFrom('family_member')
    .selectAll()
    .where('authority_id', '=', derby.authority.authority_id)
    .where('person_id', '=', personId)
    .execute()

// Forms -------------------------------------------------------------------------------------------

type Form = Record<string, string | string[]>

/** The three boxes of a GOV.UK date input for an ISO date. */
function dateBoxes(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! }
}

/** The add-a-person form as a browser sends it (every box, blank unless filled), with fields overridden. */
function personForm(fields: Form = {}): Form {
  return {
    givenName: '',
    familyName: '',
    born: 'born',
    'dateOfBirth-day': '',
    'dateOfBirth-month': '',
    'dateOfBirth-year': '',
    'expectedDate-day': '',
    'expectedDate-month': '',
    'expectedDate-year': '',
    gender: '1',
    ethnicity: '',
    firstLanguage: '',
    disability: 'not known',
    senProvision: '',
    nhsNumber: '',
    upn: '',
    socialCareStatus: 'none',
    role: 'child',
    livesInHousehold: 'yes',
    'joinedOn-day': '',
    'joinedOn-month': '',
    'joinedOn-year': '',
    line1: '',
    line2: '',
    town: '',
    postcode: '',
    ...fields,
  }
}

/** Starts a family as the practitioner (their team's), through the form; returns its id. */
async function startFamily(name: string, address = { line1: '1 Test Street', town: 'Derby', postcode: 'DE22 3XY' }) {
  const response = await practitioner.post(
    '/families',
    { name, line1: address.line1, line2: '', town: address.town, postcode: address.postcode },
    { from: '/families/new' },
  )
  expect(response.statusCode).toBe(303)
  return idFrom(response.headers.location, /^\/families\/([0-9a-f-]{36})\?created=1$/)
}

const addPerson = (familyId: string, fields: Form, agent = practitioner) =>
  agent.post(`/families/${familyId}/people`, personForm(fields), { from: `/families/${familyId}/people/new` })

/** Adds a person no one else resembles; returns their id. */
async function addNewPerson(familyId: string, fields: Form) {
  const response = await addPerson(familyId, fields)
  expect(response.statusCode, pageTitle(response.body)).toBe(303)
  expect(response.headers.location).toBe(`/families/${familyId}?added=1`)
  return (await personNamed(String(fields.givenName), String(fields.familyName))).person_id
}

// -------------------------------------------------------------------------------------------------

describe('starting a family', () => {
  it('starts a family record in the practitioner’s team and shows it with its address', async () => {
    const form = await practitioner.get('/families/new')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Start a family record')

    const familyId = await startFamily('Penhaligon', { line1: '7 Vicarage Road', town: 'Derby', postcode: 'de21 4xy' })

    const family = await db()
      .selectFrom('family')
      .selectAll()
      .where('family_id', '=', familyId)
      .executeTakeFirstOrThrow()
    expect(family).toMatchObject({
      name: 'Penhaligon',
      team_id: derby.user(demoEmail('practitioner', 'derby')).team_id,
      postcode: 'DE21 4XY',
    })
    const page = await practitioner.get(`/families/${familyId}?created=1`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Penhaligon family')
    expect(page.body).toContain('Family record started')
    expect(page.body).toContain('7 Vicarage Road, Derby, DE21 4XY')
  })

  it('refuses a partner, who may not start family records, and saves nothing', async () => {
    const before = await count('family')
    const response = await partner.post('/families', {
      name: 'Tregothnan',
      line1: '',
      line2: '',
      town: '',
      postcode: '',
    })
    expect(response.statusCode).toBe(403)
    expect(await count('family')).toBe(before)
  })

  it('asks for the family’s name, keeping what was typed, and saves nothing', async () => {
    const before = await count('family')
    const response = await practitioner.post(
      '/families',
      { name: '  ', line1: '9 Abbey Street', line2: '', town: 'Derby', postcode: 'DE22 3XY' },
      { from: '/families/new' },
    )
    expect(response.statusCode).toBe(400)
    expect(pageTitle(response.body)).toMatch(/^Error: Start a family record/)
    expect(errorSummary(response.body)).toContain('There is a problem')
    expect(errorSummary(response.body)).toContain('href="#name"')
    expect(fieldError(response.body, 'name')).toBe('Enter the family’s name')
    expect(inputValue(response.body, 'line1')).toBe('9 Abbey Street')
    expect(inputValue(response.body, 'postcode')).toBe('DE22 3XY')
    expect(await count('family')).toBe(before)
  })

  it('refuses a postcode Royal Mail does not use, on the postcode', async () => {
    const before = await count('family')
    const response = await practitioner.post(
      '/families',
      { name: 'Trelawney', line1: '2 Abbey Street', line2: '', town: 'Derby', postcode: 'DE1 ZZZ' },
      { from: '/families/new' },
    )
    expect(response.statusCode).toBe(400)
    expect(pageTitle(response.body)).toMatch(/^Error: /)
    expect(fieldError(response.body, 'postcode')).toBe('Enter a real postcode, like DE1 2FS')
    expect(inputValue(response.body, 'name')).toBe('Trelawney')
    expect(inputValue(response.body, 'postcode')).toBe('DE1 ZZZ')
    expect(await count('family')).toBe(before)
  })
})

describe('adding a person', () => {
  it('adds a person with their full details to the family', async () => {
    const familyId = await startFamily('Ravenscroft')
    const form = await practitioner.get(`/families/${familyId}/people/new`)
    expect(form.statusCode).toBe(200)
    expect(checkedValue(form.body, 'born')).toBe('born')

    const personId = await addNewPerson(familyId, {
      givenName: 'Tobias',
      familyName: 'Ravenscroft',
      ...dateBoxes('dateOfBirth', '2017-06-09'),
      gender: '1',
      ethnicity: 'WBRI',
      firstLanguage: 'English',
      disability: 'no',
      senProvision: 'K',
      nhsNumber: '943 476 5919',
      upn: 'a123456789012',
      flags: ['youngCarer'],
      socialCareStatus: 'child in need',
      role: 'child',
      livesInHousehold: 'yes',
    })

    const person = await db()
      .selectFrom('person')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow()
    expect(person).toMatchObject({
      date_of_birth: '2017-06-09',
      gender: '1',
      nhs_number: '9434765919',
      upn: 'A123456789012',
      young_carer: true,
      sen_provision: 'K',
      social_care_status: 'child in need',
    })
    const page = await practitioner.get(`/families/${familyId}?added=1`)
    const row = rowWith(page.body, 'Tobias Ravenscroft')
    expect(row).toContain('Child')
    expect(row).toContain('9 June 2017')
    expect(row).toContain('Young carer')
    // Living in the household with no address of their own, they live at the family's.
    const addresses = await db().selectFrom('person_address').selectAll().where('person_id', '=', personId).execute()
    expect(addresses).toMatchObject([{ line1: '1 Test Street', postcode: 'DE22 3XY', moved_out: null }])
  })

  // Acceptance 2: 'Creating "Jon Smyth" born 02/03/2015 when "John Smith" born 02/03/2015 at the same
  // postcode exists shows the possible duplicate first.'
  describe('the duplicate check', () => {
    let smiths: string
    let second: string
    let third: string
    let john: string

    beforeAll(async () => {
      smiths = await startFamily('Smith', { line1: '14 Friar Gate', town: 'Derby', postcode: 'DE1 2FS' })
      second = await startFamily('Smyth', { line1: '3 Ashbourne Road', town: 'Derby', postcode: 'DE22 3XY' })
      third = await startFamily('Smyth-Okafor', { line1: '5 Ashbourne Road', town: 'Derby', postcode: 'DE22 3XY' })
      john = await addNewPerson(smiths, {
        givenName: 'John',
        familyName: 'Smith',
        ...dateBoxes('dateOfBirth', '2015-03-02'),
      })
    })

    const jonSmyth = {
      givenName: 'Jon',
      familyName: 'Smyth',
      ...dateBoxes('dateOfBirth', '2015-03-02'),
      line1: '3 Ashbourne Road',
      town: 'Derby',
      postcode: 'de1 2fs',
    }

    it('shows John Smith first when Jon Smyth is added, saves nothing, and saves Jon once the user goes on', async () => {
      const before = await count('person')
      const response = await addPerson(third, jonSmyth)

      expect(response.statusCode).toBe(200)
      expect(pageTitle(response.body)).toMatch(/^This person may already be known/)
      const titles = [...response.body.matchAll(/<h2 class="govuk-summary-card__title">([^<]*)<\/h2>/g)].map(m => m[1])
      expect(titles[0]).toBe('John Smith')
      const card = section(response.body, '>John Smith</h2>', 'govuk-summary-card__title')
      expect(card).toContain('2 March 2015')
      expect(card).toContain('Similar name, Same date of birth, Same postcode')
      expect(response.body).toContain('You entered <strong>Jon Smyth</strong>, born 2/3/2015, DE1 2FS')
      expect(await count('person')).toBe(before)
      expect(await peopleNamed('Jon', 'Smyth')).toHaveLength(0)

      // "None of these is the same person": the page carries what was typed, and says it has been seen.
      const [goOn] = formsPostingTo(response.body, `/families/${third}/people`)
      expect(goOn).toMatchObject({ ...jonSmyth, duplicatesSeen: 'yes' })
      const created = await practitioner.post(`/families/${third}/people`, goOn!)
      expect(created.statusCode).toBe(303)
      expect(created.headers.location).toBe(`/families/${third}?added=1`)
      expect(await count('person')).toBe(before + 1)
      const jon = await personNamed('Jon', 'Smyth')
      expect(jon.date_of_birth).toBe('2015-03-02')
      expect((await membershipsOf(jon.person_id)).map(m => m.family_id)).toEqual([third])
    })

    it('adds John Smith himself to another family the practitioner works when he is picked', async () => {
      const before = await count('person')
      const response = await addPerson(second, { ...jonSmyth, role: 'child', livesInHousehold: 'no' })
      expect(response.statusCode).toBe(200)

      const pick = formsPostingTo(response.body, `/families/${second}/members`).find(form => form.personId === john)
      expect(pick, 'a button to add John Smith to the family').toMatchObject({
        personId: john,
        role: 'child',
        livesInHousehold: 'no',
      })
      const added = await practitioner.post(`/families/${second}/members`, pick!)
      expect(added.statusCode).toBe(303)
      expect(added.headers.location).toBe(`/families/${second}?added=1`)

      expect(await count('person')).toBe(before)
      const memberships = await membershipsOf(john)
      expect(memberships.map(m => m.family_id).sort()).toEqual([smiths, second].sort())
      expect(memberships.find(m => m.family_id === second)).toMatchObject({ role: 'child', lives_in_household: false })
      const page = await practitioner.get(`/families/${second}`)
      expect(rowWith(page.body, `/people/${john}`)).toContain('No, lives elsewhere')
      // Once in the family, picking him again is refused on the person.
      const again = await practitioner.post(`/families/${second}/members`, pick!)
      expect(again.statusCode).toBe(400)
      expect(errorSummary(again.body)).toContain('John Smith is already in this family')
      expect(await membershipsOf(john)).toHaveLength(2)
    })

    it('offers the same person with first and last names swapped', async () => {
      const family = await startFamily('Cartwright', { line1: '8 Uttoxeter Road', town: 'Derby', postcode: 'DE3 9AB' })
      const original = await addNewPerson(family, {
        givenName: 'Hamish',
        familyName: 'Cartwright',
        ...dateBoxes('dateOfBirth', '2016-08-19'),
      })
      const before = await count('person')

      const response = await addPerson(family, {
        givenName: 'Cartwright',
        familyName: 'Hamish',
        ...dateBoxes('dateOfBirth', '2016-08-19'),
      })

      expect(response.statusCode).toBe(200)
      expect(response.body).toContain('This person may already be known')
      expect(formsPostingTo(response.body, `/families/${family}/members`).map(form => form.personId)).toContain(
        original,
      )
      expect(section(response.body, '>Hamish Cartwright</h2>', '</form>')).toContain(
        'Same name with first and last names swapped',
      )
      expect(await count('person')).toBe(before)
    })

    it.each([
      ['Johnny', 'Hargreaves', '2014-01-30'],
      ['Jack', 'Greenhalgh', '2013-07-11'],
    ])('offers John when %s is added with his surname and date of birth', async (nickname, surname, born) => {
      const family = await startFamily(surname)
      const john = await addNewPerson(family, {
        givenName: 'John',
        familyName: surname,
        ...dateBoxes('dateOfBirth', born),
      })
      const before = await count('person')

      const response = await addPerson(family, {
        givenName: nickname,
        familyName: surname,
        ...dateBoxes('dateOfBirth', born),
      })

      expect(response.statusCode).toBe(200)
      expect(formsPostingTo(response.body, `/families/${family}/members`).map(form => form.personId)).toContain(john)
      expect(section(response.body, `>John ${surname}</h2>`, '</form>')).toContain('Similar name, Same date of birth')
      expect(await count('person')).toBe(before)
    })

    it('checks the postcode the person will live at: the family’s, when they live in the household', async () => {
      const address = { line1: '1 Ashby Court', town: 'Derby', postcode: 'DE21 6AB' }
      const first = await startFamily('Ashby', address)
      const kieran = await addNewPerson(first, {
        givenName: 'Kieran',
        familyName: 'Ashby',
        ...dateBoxes('dateOfBirth', '2010-01-01'),
      })
      // Another family at the same address; the date of birth typed differs by a slip of the finger.
      const second = await startFamily('Ashby-Cole', { ...address, line1: '2 Ashby Court' })
      const before = await count('person')

      const response = await addPerson(second, {
        givenName: 'Keiran',
        familyName: 'Ashby',
        ...dateBoxes('dateOfBirth', '2010-01-10'),
        livesInHousehold: 'yes',
      })

      expect(response.statusCode, 'the duplicate check, not a new record').toBe(200)
      expect(formsPostingTo(response.body, `/families/${second}/members`).map(form => form.personId)).toContain(kieran)
      expect(section(response.body, '>Kieran Ashby</h2>', '</form>')).toContain('Similar name, Same postcode')
      expect(await count('person')).toBe(before)
    })

    it('does not offer someone who only shares the postcode', async () => {
      const family = await startFamily('Whitlock', { line1: '11 Kedleston Road', town: 'Derby', postcode: 'DE22 1GB' })
      await addNewPerson(family, {
        givenName: 'Beatrice',
        familyName: 'Whitlock',
        ...dateBoxes('dateOfBirth', '2013-05-05'),
        gender: '2',
      })
      // Same address (the family's), an unrelated name and another date of birth: straight in.
      await addNewPerson(family, {
        givenName: 'Oluwaseun',
        familyName: 'Adeyemi',
        ...dateBoxes('dateOfBirth', '1988-10-12'),
        role: 'other adult',
      })
    })
  })

  // Acceptance 3: 'Invalid NHS number, UPN, postcode or a future date of birth (for a born child) each get
  // a clear error on the field, and nothing is saved.'
  describe('the checks on each field', () => {
    let familyId: string
    beforeAll(async () => {
      familyId = await startFamily('Quennell')
    })

    it.each([
      [
        'an NHS number whose check digit is wrong',
        { nhsNumber: '943 476 5918' },
        'nhsNumber',
        'Enter an NHS number in the correct format, like 943 476 5919',
        { nhsNumber: '943 476 5918' },
      ],
      [
        'a UPN whose check letter is wrong',
        { upn: 'B123456789012' },
        'upn',
        'Enter a UPN in the correct format: a letter followed by 12 characters, like A123456789012',
        { upn: 'B123456789012' },
      ],
      [
        'a postcode Royal Mail does not use',
        { line1: '4 Mill Street', town: 'Derby', postcode: 'DE1 ZZZ' },
        'postcode',
        'Enter a real postcode, like DE1 2FS',
        { line1: '4 Mill Street', postcode: 'DE1 ZZZ' },
      ],
      [
        'a date of birth in the future, for a child who has been born',
        dateBoxes('dateOfBirth', '2027-01-15'),
        'dateOfBirth',
        'Date of birth must be today or in the past',
        dateBoxes('dateOfBirth', '2027-01-15'),
      ],
      [
        'a date of birth that does not exist',
        { 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2015' },
        'dateOfBirth',
        'Date of birth must be a real date',
        { 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2015' },
      ],
    ])(
      'refuses %s on that field, keeps what was typed and saves nothing',
      async (_case, fields, field, message, kept) => {
        const before = await count('person')
        const response = await addPerson(familyId, {
          givenName: 'Ottilie',
          familyName: 'Quennell',
          ...dateBoxes('dateOfBirth', '2018-04-04'),
          gender: '2',
          ...fields,
        })

        expect(response.statusCode).toBe(400)
        expect(pageTitle(response.body)).toMatch(/^Error: Add a person/)
        const summary = errorSummary(response.body)
        expect(summary).toContain('There is a problem')
        // A date's problem links to its first box, where the error summary can move the focus.
        expect(summary).toContain(`href="#${field === 'dateOfBirth' ? 'dateOfBirth-day' : field}"`)
        expect(unescapeHtml(summary)).toContain(message)
        expect(fieldError(response.body, field)).toBe(message)
        for (const [name, value] of Object.entries({ givenName: 'Ottilie', ...kept })) {
          expect(inputValue(response.body, name), name).toBe(value)
        }
        expect(await count('person')).toBe(before)
        expect(await peopleNamed('Ottilie', 'Quennell')).toHaveLength(0)
      },
    )

    it('adds an unborn baby with the expected date of delivery as the family’s unborn child', async () => {
      const expected = '2027-02-23'
      const personId = await addNewPerson(familyId, {
        givenName: 'Baby',
        familyName: 'Quennell',
        born: 'unborn',
        ...dateBoxes('expectedDate', expected),
        gender: '0',
        role: 'unborn child',
      })
      const person = await db()
        .selectFrom('person')
        .selectAll()
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow()
      expect(person).toMatchObject({ expected_date: expected, date_of_birth: null })
      const page = await practitioner.get(`/families/${familyId}`)
      expect(rowWith(page.body, `/people/${personId}`)).toContain('Due 23 February 2027')
    })

    it('refuses an unborn baby whose role is ‘child’, on the role', async () => {
      const before = await count('person')
      const response = await addPerson(familyId, {
        givenName: 'Infant',
        familyName: 'Quennell',
        born: 'unborn',
        ...dateBoxes('expectedDate', '2027-02-23'),
        gender: '0',
        role: 'child',
      })
      expect(response.statusCode).toBe(400)
      expect(fieldError(response.body, 'role')).toBe('An unborn baby’s role is ‘unborn child’')
      expect(checkedValue(response.body, 'born')).toBe('unborn')
      expect(inputValue(response.body, 'expectedDate-day')).toBe('23')
      expect(await count('person')).toBe(before)
    })

    it('refuses a partner, who cannot change the family, before reading the form', async () => {
      const before = await count('person')
      const response = await partner.post(
        `/families/${derby.partnerFamily.family_id}/people`,
        personForm({ givenName: 'Rosalind', familyName: 'Quennell', ...dateBoxes('dateOfBirth', '2018-04-04') }),
      )
      expect(response.statusCode).toBe(403)
      expect(await count('person')).toBe(before)
    })
  })
})

describe('a member leaving the family', () => {
  it('lists them under who was in the family before, keeps the family on their record and says so in the chronology', async () => {
    const mother = await startFamily('Thornton')
    const father = await startFamily('Thornton-Blake', {
      line1: '40 Osmaston Road',
      town: 'Derby',
      postcode: 'DE23 8AB',
    })
    const mia = await addNewPerson(mother, {
      givenName: 'Mia',
      familyName: 'Thornton',
      ...dateBoxes('dateOfBirth', '2019-09-09'),
      gender: '2',
    })
    // Moving to her father's: she joins his family, then leaves her mother's.
    const joined = await practitioner.post(`/families/${father}/members`, {
      personId: mia,
      role: 'child',
      livesInHousehold: 'yes',
      'joinedOn-day': '20',
      'joinedOn-month': '11',
      'joinedOn-year': '2026',
    })
    expect(joined.statusCode).toBe(303)

    const form = await practitioner.get(`/families/${mother}/members/${mia}/leave`)
    expect(form.statusCode).toBe(200)
    const left = await practitioner.post(`/families/${mother}/members/${mia}/leave`, dateBoxes('leftOn', '2026-11-20'))
    expect(left.statusCode).toBe(303)
    expect(left.headers.location).toBe(`/families/${mother}?left=1`)

    const page = await practitioner.get(`/families/${mother}?left=1`)
    const before = section(page.body, 'Who was in the family before', '</table>')
    expect(before).toContain('Mia Thornton')
    expect(rowWith(before, 'Mia Thornton')).toContain('20 November 2026')
    expect(section(page.body, 'id="members"', 'Who was in the family before')).not.toContain('Mia Thornton')

    const person = await practitioner.get(`/people/${mia}`)
    expect(person.statusCode).toBe(200)
    expect(rowWith(person.body, `/families/${mother}"`)).toContain('20 November 2026')
    expect(rowWith(person.body, `/families/${father}"`)).toContain('Current')

    const chronology = await practitioner.get(`/families/${mother}/chronology`)
    expect(chronology.body).toContain('Mia Thornton left the family')
  })

  it('refuses a date in the future, on the date, and leaves them in the family', async () => {
    const family = await startFamily('Ulverston')
    const personId = await addNewPerson(family, {
      givenName: 'Rufus',
      familyName: 'Ulverston',
      ...dateBoxes('dateOfBirth', '2012-02-12'),
    })
    const response = await practitioner.post(
      `/families/${family}/members/${personId}/leave`,
      dateBoxes('leftOn', '2026-12-25'),
      { from: `/families/${family}/members/${personId}/leave` },
    )
    expect(response.statusCode).toBe(400)
    expect(fieldError(response.body, 'leftOn')).toBe('The date must be today or in the past')
    expect(inputValue(response.body, 'leftOn-day')).toBe('25')
    expect((await membershipsOf(personId))[0]!.left_on).toBeNull()
  })

  it('lets the family’s page open the record of someone who has left their only family', async () => {
    // The family page links each past member to their record: the link must lead somewhere.
    const family = await startFamily('Vasquez')
    const personId = await addNewPerson(family, {
      givenName: 'Lorenzo',
      familyName: 'Vasquez',
      ...dateBoxes('dateOfBirth', '1990-01-01'),
      role: 'other adult',
      livesInHousehold: 'no',
    })
    const left = await practitioner.post(`/families/${family}/members/${personId}/leave`, dateBoxes('leftOn', TODAY))
    expect(left.statusCode).toBe(303)
    const page = await practitioner.get(`/families/${family}`)
    expect(section(page.body, 'Who was in the family before', '</table>')).toContain(`/people/${personId}`)

    const person = await practitioner.get(`/people/${personId}`)
    expect(person.statusCode).toBe(200)
    expect(rowWith(person.body, `/families/${family}"`)).toContain('23 November 2026')
  })
})

// 003 action plan 3.8: "Team Managers to ensure all cases in Early Help have genogram in place to ensure
// all options are available to explore (across an extended family unit) in cases of family
// breakdown/risk of care." So each relationship recorded is drawn in the family's genogram.
describe('relationships and the genogram (003 action plan 3.8: “all cases in Early Help have genogram in place”)', () => {
  let familyId: string
  let ada: string
  let chidi: string
  let emeka: string

  beforeAll(async () => {
    familyId = await startFamily('Okoro')
    ada = await addNewPerson(familyId, {
      givenName: 'Adaeze',
      familyName: 'Okoro',
      ...dateBoxes('dateOfBirth', '1987-04-14'),
      gender: '2',
      role: 'parent',
    })
    emeka = await addNewPerson(familyId, {
      givenName: 'Emeka',
      familyName: 'Okoro',
      ...dateBoxes('dateOfBirth', '1985-12-01'),
      gender: '1',
      role: 'parent',
    })
    chidi = await addNewPerson(familyId, {
      givenName: 'Chidi',
      familyName: 'Okoro',
      ...dateBoxes('dateOfBirth', '2016-07-07'),
      gender: '1',
      role: 'child',
    })
  })

  const relate = (fields: Form) =>
    practitioner.post(
      `/families/${familyId}/relationships`,
      { livesWith: 'yes', note: '', ...fields },
      { from: `/families/${familyId}/relationships/new` },
    )

  it('shows a relationship in words and in the genogram on the family’s page', async () => {
    const response = await relate({
      personId: ada,
      type: 'mother',
      relatedPersonId: chidi,
      parentalResponsibility: 'yes',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/families/${familyId}?related=1#relationships`)

    const page = await practitioner.get(`/families/${familyId}?related=1`)
    const row = rowWith(page.body, 'is the mother of')
    expect(row).toContain('Adaeze Okoro')
    expect(row).toContain('Chidi Okoro')
    const svg = section(page.body, '<svg', '</svg>')
    expect(svg).toMatch(/^<svg[^>]*\srole="img"/)
    expect(svg).toContain('<title id="genogram-title">Genogram of the Okoro family</title>')
    expect(svg).toContain('Adaeze Okoro')
    expect(svg).toContain('Chidi Okoro')
  })

  it('replaces the pair’s relationship when it is recorded the other way round, rather than adding a second', async () => {
    const pair = () =>
      db()
        .selectFrom('relationship')
        .selectAll()
        .where(eb =>
          eb.or([
            eb.and([eb('person_id', '=', ada), eb('related_person_id', '=', emeka)]),
            eb.and([eb('person_id', '=', emeka), eb('related_person_id', '=', ada)]),
          ]),
        )
        .execute()
    expect((await relate({ personId: ada, type: 'partner', relatedPersonId: emeka })).statusCode).toBe(303)
    expect(await pair()).toMatchObject([{ person_id: ada, type: 'partner' }])

    const response = await relate({ personId: emeka, type: 'ex-partner', relatedPersonId: ada, livesWith: 'no' })
    expect(response.statusCode).toBe(303)
    expect(await pair()).toMatchObject([
      { person_id: emeka, related_person_id: ada, type: 'ex-partner', lives_with: false },
    ])
    const page = await practitioner.get(`/families/${familyId}`)
    expect(rowWith(page.body, 'is the ex-partner of')).toContain('Emeka Okoro')
    expect(page.body).not.toContain('is the partner of')
  })

  it('refuses the same person on both sides, on the other person', async () => {
    const before = await count('relationship')
    const response = await relate({ personId: chidi, type: 'sibling', relatedPersonId: chidi })
    expect(response.statusCode).toBe(400)
    expect(pageTitle(response.body)).toMatch(/^Error: /)
    expect(fieldError(response.body, 'relatedPersonId')).toBe('Select two different people')
    expect(await count('relationship')).toBe(before)
  })

  it('refuses someone from another family', async () => {
    const outsider = derby.personIn(derby.ownTeamFamily.family_id)
    const before = await count('relationship')
    const response = await relate({ personId: chidi, type: 'sibling', relatedPersonId: outsider.person_id })
    expect(response.statusCode).toBe(400)
    expect(fieldError(response.body, 'relatedPersonId')).toBe('Select a member of this family')
    expect(await count('relationship')).toBe(before)
  })

  it('refuses a partner, who cannot change the family', async () => {
    const family = derby.partnerFamily.family_id
    const members = derby.people.filter(person => person.family_id === family)
    const response = await partner.post(`/families/${family}/relationships`, {
      personId: members[0]!.person_id,
      type: 'other',
      relatedPersonId: members[1]!.person_id,
      livesWith: 'yes',
    })
    expect(response.statusCode).toBe(403)
  })
})

// Acceptance 4: 'A restricted family cannot be found or opened by another practitioner (…); the attempt
// is in the access log.'
describe('a restricted family', () => {
  const refusals = (userId: string, recordId: string) =>
    db()
      .selectFrom('access_log')
      .select(['action', 'record_type', 'detail'])
      .where('user_id', '=', userId)
      .where('record_id', '=', recordId)
      .where('action', '=', 'refused')
      .execute()

  it('cannot be found or opened by a practitioner in its own team, and the attempt is logged', async () => {
    const restricted = derby.restrictedFamily
    const members = derby.people.filter(person => person.family_id === restricted.family_id)
    const member = members[0]!
    const names = [restricted.name, ...members.map(person => person.given_name)]
    const practitionerId = derby.user(demoEmail('practitioner', 'derby')).user_id
    expect(restricted.team_id).toBe(derby.user(demoEmail('practitioner', 'derby')).team_id)

    for (const url of [`/families/${restricted.family_id}`, `/people/${member.person_id}`]) {
      const response = await practitioner.get(url)
      expect(response.statusCode, url).toBe(404)
      expect(response.body).toContain('Page not found')
      for (const name of names) expect(response.body, url).not.toContain(name)
    }
    const list = await practitioner.get('/families')
    expect(list.statusCode).toBe(200)
    expect(list.body).not.toContain(restricted.family_id)
    expect(list.body).not.toContain(`${restricted.name} family`)
    const search = await practitioner.get(
      `/search?name=${encodeURIComponent(`${member.given_name} ${member.family_name}`)}`,
    )
    expect(search.statusCode).toBe(200)
    for (const person of members) expect(search.body).not.toContain(`/people/${person.person_id}`)
    expect(search.body).toContain('No one found')

    expect(await refusals(practitionerId, restricted.family_id)).toContainEqual({
      action: 'refused',
      record_type: 'family',
      detail: 'restricted record',
    })
    expect(await refusals(practitionerId, member.person_id)).toContainEqual({
      action: 'refused',
      record_type: 'person',
      detail: 'restricted record',
    })

    // The head of service sees the attempt, and why it was refused, in the access log: by the
    // practitioner, and among the attempts on restricted records.
    const headOfService = await signedIn(t.app, demoEmail('head_of_service', 'derby'))
    for (const url of [`/access-log?userId=${practitionerId}`, '/access-log?restricted=yes']) {
      const log = await headOfService.get(url)
      expect(log.statusCode, url).toBe(200)
      for (const record of [`/families/${restricted.family_id}`, `/people/${member.person_id}`]) {
        const refused = rowWith(log.body, record)
        expect(refused, `${url}: ${record}`).toContain('Refused')
        expect(refused).toContain('restricted record')
        expect(refused).toContain('Priya Sandhu')
      }
    }
  })

  it('opens for the team manager it is restricted to, marked as restricted', async () => {
    const response = await manager.get(`/families/${derby.restrictedFamily.family_id}`)
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain(`${derby.restrictedFamily.name} family`)
    expect(response.body).toMatch(/govuk-tag--red">\s*Restricted/)
  })

  it('is closed to the practitioner once the team manager restricts it, and open again when lifted', async () => {
    const familyId = await startFamily('Wetherall')
    const personId = await addNewPerson(familyId, {
      givenName: 'Saoirse',
      familyName: 'Wetherall',
      ...dateBoxes('dateOfBirth', '2015-10-10'),
      gender: '2',
    })
    expect((await practitioner.get(`/families/${familyId}`)).statusCode).toBe(200)

    // The practitioner cannot restrict it themselves.
    const refused = await practitioner.post(`/families/${familyId}/restriction`, { reason: 'Mine', userIds: [] })
    expect(refused.statusCode).toBe(403)

    const form = await manager.get(`/families/${familyId}/restriction`)
    expect(form.statusCode).toBe(200)
    const missing = await manager.post(`/families/${familyId}/restriction`, { reason: '' })
    expect(missing.statusCode).toBe(400)
    expect(fieldError(missing.body, 'reason')).toBe('Enter why the record is restricted')

    const restricted = await manager.post(`/families/${familyId}/restriction`, {
      reason: 'The mother is a member of staff in the team',
    })
    expect(restricted.statusCode).toBe(303)
    expect(restricted.headers.location).toBe(`/families/${familyId}?restricted=1`)
    expect((await practitioner.get(`/families/${familyId}`)).statusCode).toBe(404)
    expect((await practitioner.get(`/people/${personId}`)).statusCode).toBe(404)
    expect((await practitioner.get('/families')).body).not.toContain(familyId)
    expect((await practitioner.get('/search?name=Saoirse+Wetherall')).body).not.toContain(`/people/${personId}`)
    expect((await manager.get(`/families/${familyId}`)).body).toContain('The mother is a member of staff in the team')

    const lifted = await manager.post(
      `/families/${familyId}/restriction/lift`,
      {},
      { from: `/families/${familyId}/restriction` },
    )
    expect(lifted.statusCode).toBe(303)
    expect(lifted.headers.location).toBe(`/families/${familyId}?lifted=1`)
    expect((await practitioner.get(`/families/${familyId}`)).statusCode).toBe(200)
    expect((await practitioner.get('/search?name=Saoirse+Wetherall')).body).toContain(`/people/${personId}`)
  })
})
