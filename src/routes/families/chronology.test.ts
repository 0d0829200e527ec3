import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { demoRecords } from '../../../test/fixtures.js'
import type { RequestContext } from '../../services/index.js'

// 003 action plan 3.10: "Chronologies to be in place for every Early Help case. These are used to
// systematically inform judgements about seriousness of ongoing concerns and the relevant history of
// previous involvements." So the chronology reads in date order, can be narrowed to one person or one
// kind of event, and prints whole.

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let practitioner: Agent
let family: { family_id: string; name: string }
let members: { person_id: string; given_name: string; family_name: string; role: string }[]
let parent: (typeof members)[number]
let child: (typeof members)[number]
const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  family = derby.ownTeamFamily
  members = await membersOf(family.family_id)
  parent = members.find(member => member.role === 'parent')!
  child = members.find(member => member.role === 'child')!
  practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
})
afterAll(() => t.close())

function membersOf(familyId: string) {
  return db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', join => join.onRef('p.person_id', '=', 'm.person_id'))
    .select(['p.person_id', 'p.given_name', 'p.family_name', 'm.role'])
    .where('m.family_id', '=', familyId)
    .orderBy('p.date_of_birth')
    .execute()
}

/** How many entries the family's chronology holds, for one person or category if given (the demo adds some). */
async function entryCount(familyId: string, filter: { personId?: string; category?: string } = {}) {
  let query = db()
    .selectFrom('chronology_entry as e')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('e.family_id', '=', familyId)
  if (filter.category) query = query.where('e.category', '=', filter.category)
  const { personId } = filter
  if (personId) {
    query = query.where(eb =>
      eb.exists(
        eb
          .selectFrom('chronology_entry_person as ep')
          .select('ep.person_id')
          .whereRef('ep.chronology_entry_id', '=', 'e.chronology_entry_id')
          .where('ep.person_id', '=', personId),
      ),
    )
  }
  return Number((await query.executeTakeFirstOrThrow()).n)
}

/** The table's caption starts with the count. */
const counted = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`

/** The context a service call takes, for the user with this demo email. */
function contextOf(email: string): RequestContext {
  const user = derby.user(email)
  return {
    actor: {
      userId: user.user_id,
      authorityId: derby.authority.authority_id,
      role: user.role,
      teamId: user.team_id,
      areaId: user.area_id,
    },
    ip: null,
    requestId: null,
    route: null,
  }
}

const fullName = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`

/** The form for an entry on the given ISO date, with anything else overridden. */
function entryForm(date: string, fields: Record<string, string | string[]> = {}) {
  const [year, month, day] = date.split('-')
  return {
    'occurredOn-day': String(Number(day)),
    'occurredOn-month': String(Number(month)),
    'occurredOn-year': year!,
    category: 'Other',
    summary: 'Something happened',
    detail: '',
    source: '',
    ...fields,
  }
}

/** Where each text first appears in the page, to check the order entries are listed in. */
const positions = (body: string, texts: string[]) =>
  texts.map(text => {
    const at = body.indexOf(text)
    if (at === -1) throw new Error(`"${text}" is not on the page`)
    return at
  })

const ascending = (numbers: number[]) => numbers.every((n, i) => i === 0 || numbers[i - 1]! < n)

const chronologyHref = () => `/families/${family.family_id}/chronology`

describe('a family’s chronology', () => {
  const police = 'Police called to a disturbance at the home'
  const school = 'Excluded from school for 2 days after a fight'
  const health = 'Missed the 2-year health review'
  const detail = 'Mum said the car broke down.\nHealth visitor <to rebook> in two weeks.'

  beforeAll(async () => {
    const form = await practitioner.get(`${chronologyHref()}/new`)
    expect(form.statusCode).toBe(200)
    // Entered out of date order: the chronology puts them in order.
    for (const fields of [
      entryForm('2026-03-14', { category: 'Education', summary: school, source: 'School', personIds: child.person_id }),
      entryForm('2025-12-01', { category: 'Police and community safety', summary: police, source: 'Police' }),
      entryForm('2026-06-02', {
        category: 'Health',
        summary: health,
        detail,
        personIds: [child.person_id, parent.person_id],
      }),
    ]) {
      const response = await practitioner.post(chronologyHref(), fields)
      expect(response.statusCode).toBe(303)
      expect(response.headers.location).toBe(`${chronologyHref()}?added=1`)
    }
    // One the system writes itself, as a change to the record would.
    await t.services.chronology.recordEvent(db(), contextOf(demoEmail('practitioner', 'derby')), {
      familyId: family.family_id,
      personIds: [parent.person_id],
      occurredOn: '2026-09-10',
      category: 'Family life',
      summary: `${fullName(parent)} moved address`,
      event: 'moved address',
    })
  })

  it('offers a form with a GOV.UK date input, the categories and the family’s current members', async () => {
    const form = await practitioner.get(`${chronologyHref()}/new`)
    expect(form.body).toContain('<title>Add an entry to the chronology')
    expect(form.body).toContain('name="occurredOn-day"')
    expect(form.body).toContain('<option value="Police and community safety">')
    for (const member of members) expect(form.body).toContain(`value="${member.person_id}"`)
    expect(form.body).toContain('name="_csrf"')
  })

  it('lists every entry newest first, telling the system’s entries from those added by hand', async () => {
    const page = await practitioner.get(`${chronologyHref()}?added=1`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Entry added to the chronology.')
    expect(page.body).toContain(`${counted(await entryCount(family.family_id))}, newest first`)
    expect(ascending(positions(page.body, [`${fullName(parent)} moved address`, health, school, police]))).toBe(true)
    expect(page.body).toContain('14 March 2026')
    expect(page.body).toContain('School')
    expect(page.body).toContain(derby.user(demoEmail('practitioner', 'derby')).display_name)
    // The detail is escaped and keeps its line break.
    expect(page.body).toContain('Mum said the car broke down.<br />\nHealth visitor &lt;to rebook&gt; in two weeks.')
    // The automatic entry is tagged; the hand-written ones show their source.
    const automatic = page.body.indexOf('>\n  Automatic\n</strong>', page.body.indexOf('moved address'))
    expect(automatic).toBeGreaterThan(-1)
    expect(automatic).toBeLessThan(page.body.indexOf(health))
    expect(page.body).toContain('Whole family')
    expect(page.body).toContain('href="/families/' + family.family_id + '/chronology/new"')
    expect(page.body).toContain(`href="${chronologyHref()}/print"`)
  })

  it('logs each entry added as a change to the record', async () => {
    const logged = await db()
      .selectFrom('access_log')
      .select(['record_type', 'user_id'])
      .where('action', '=', 'create')
      .where('record_type', '=', 'chronology_entry')
      .execute()
    expect(logged).toHaveLength(3)
    expect(new Set(logged.map(row => row.user_id))).toEqual(
      new Set([derby.user(demoEmail('practitioner', 'derby')).user_id]),
    )
  })

  it('narrows to one person or one category with a form that works without JavaScript', async () => {
    const page = await practitioner.get(chronologyHref())
    expect(page.body).toMatch(new RegExp(`<form method="get" action="${chronologyHref()}"`))

    const aboutChild = await practitioner.get(`${chronologyHref()}?personId=${child.person_id}&category=`)
    expect(aboutChild.statusCode).toBe(200)
    const aboutChildCount = await entryCount(family.family_id, { personId: child.person_id })
    expect(aboutChild.body).toContain(`${counted(aboutChildCount)} about ${fullName(child)}, newest first`)
    expect(aboutChild.body).toContain(school)
    expect(aboutChild.body).toContain(health)
    expect(aboutChild.body).not.toContain(police)
    expect(aboutChild.body).toContain(`<option value="${child.person_id}" selected>`)
    expect(aboutChild.body).toContain('Clear filters')

    const healthOnly = await practitioner.get(`${chronologyHref()}?category=Health`)
    const healthCount = await entryCount(family.family_id, { category: 'Health' })
    expect(healthOnly.body).toContain(`${counted(healthCount)} in Health, newest first`)
    expect(healthOnly.body).toContain(health)
    expect(healthOnly.body).not.toContain(school)

    const both = await practitioner.get(`${chronologyHref()}?personId=${parent.person_id}&category=Health`)
    const bothCount = await entryCount(family.family_id, { personId: parent.person_id, category: 'Health' })
    expect(both.body).toContain(`${counted(bothCount)} about ${fullName(parent)} in Health, newest first`)
    expect(both.body).toContain(health)
    expect(both.body).not.toContain(school)

    const nobody = await practitioner.get(`${chronologyHref()}?personId=${randomUUID()}`)
    expect(nobody.body).toContain('No entries')
    expect(nobody.body).toContain('Clear the filters</a> to see the whole chronology')

    const oldestFirst = await practitioner.get(`${chronologyHref()}?order=oldest`)
    expect(ascending(positions(oldestFirst.body, [police, school, health, 'moved address']))).toBe(true)

    // Nonsense in the address is no filter at all, never an error.
    const nonsense = await practitioner.get(`${chronologyHref()}?personId=not-a-person&category=Gossip&order=sideways`)
    expect(nonsense.statusCode).toBe(200)
    expect(nonsense.body).toContain(`${counted(await entryCount(family.family_id))}, newest first`)
  })

  it('prints the whole chronology oldest first, in full, under the family’s name and the date printed', async () => {
    const print = await practitioner.get(`${chronologyHref()}/print`)
    expect(print.statusCode).toBe(200)
    expect(print.body).toContain(
      `<h1 class="govuk-heading-l govuk-!-margin-bottom-2">Chronology: ${family.name} family</h1>`,
    )
    expect(print.body).toMatch(/Printed on \d{1,2} [A-Z][a-z]+ \d{4} by /)
    expect(print.body).toContain(`${counted(await entryCount(family.family_id))}, oldest first.`)
    expect(ascending(positions(print.body, [police, school, health, 'moved address']))).toBe(true)
    // Full detail, not folded away; no links to print as addresses.
    expect(print.body).toContain('Health visitor &lt;to rebook&gt; in two weeks.')
    expect(print.body).not.toContain('govuk-details')
    const main = print.body.slice(print.body.indexOf('<main'), print.body.indexOf('</main>'))
    expect(main).not.toContain('<a ')
    expect(main).toContain(`People: ${fullName(child)}`)
    expect(main).toContain('Written by Tandem automatically')
    // The service's header and footer are kept off the paper.
    expect(print.body).toMatch(/<div class="govuk-!-display-none-print">\s*<header/)

    const filtered = await practitioner.get(`${chronologyHref()}/print?category=Education`)
    expect(filtered.body).toContain(
      `${counted(await entryCount(family.family_id, { category: 'Education' }))}, oldest first.`,
    )
    expect(filtered.body).toContain('Only the entries in Education.')
    expect(filtered.body).not.toContain(police)
  })

  it('shows one person’s chronology across their families, leaving out families the user may not see', async () => {
    // The child once lived in another team's family: what was written there is for those who may see it.
    const other = derby.otherTeamFamily
    const hidden = 'Seen at the other family’s home by their worker'
    const authorityId = derby.authority.authority_id
    await db()
      .insertInto('family_member')
      .values({
        authority_id: authorityId,
        family_id: other.family_id,
        person_id: child.person_id,
        role: 'child',
        joined_on: '2025-01-06',
        left_on: '2025-09-01',
      })
      .execute()
    const { chronology_entry_id } = await db()
      .insertInto('chronology_entry')
      .values({
        authority_id: authorityId,
        family_id: other.family_id,
        occurred_on: '2025-06-02',
        category: 'Other',
        summary: hidden,
        kind: 'manual',
        recorded_at: new Date(),
      })
      .returning('chronology_entry_id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('chronology_entry_person')
      .values({ authority_id: authorityId, chronology_entry_id, person_id: child.person_id })
      .execute()

    const page = await practitioner.get(`/people/${child.person_id}/chronology`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`<title>Chronology – ${fullName(child)}`)
    const aboutChild = await entryCount(family.family_id, { personId: child.person_id })
    expect(page.body).toContain(`${counted(aboutChild)}, newest first`)
    expect(ascending(positions(page.body, [health, school]))).toBe(true)
    expect(page.body).not.toContain(police)
    expect(page.body).not.toContain(hidden)
    expect(page.body).not.toContain(other.name)
    expect(page.body).toContain(`href="/families/${family.family_id}/chronology">${family.name} family</a>`)

    const education = await practitioner.get(`/people/${child.person_id}/chronology?category=Education`)
    const educationCount = await entryCount(family.family_id, { personId: child.person_id, category: 'Education' })
    expect(education.body).toContain(`${counted(educationCount)} in Education, newest first`)
    expect(education.body).toContain(school)
    expect(education.body).not.toContain(health)

    // The front door sees every family, so sees what was written in the other one too.
    const frontDoor = await signedIn(t.app, demoEmail('front_door', 'derby'))
    const all = await frontDoor.get(`/people/${child.person_id}/chronology`)
    expect(all.body).toContain(hidden)
    expect(all.body).toContain(`${counted(aboutChild + 1)}, newest first`)
    expect(ascending(positions(all.body, [school, hidden]))).toBe(true)
  })
})

describe('adding an entry that is not right', () => {
  it('refuses a date in the future, keeping what was typed and saving nothing', async () => {
    const before = await entryCount(family.family_id)
    const response = await practitioner.post(
      chronologyHref(),
      entryForm('2026-11-24', {
        category: 'Housing',
        summary: 'Eviction notice served',
        detail: 'Two months’ notice',
        source: 'Housing officer',
        personIds: parent.person_id,
      }),
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Add an entry to the chronology')
    expect(response.body).toContain('govuk-error-summary')
    expect(response.body).toContain('<a href="#occurredOn">The date must be today or in the past</a>')
    expect(response.body).toContain('name="occurredOn-day" type="text" value="24"')
    expect(response.body).toContain('<option value="Housing" selected>')
    expect(response.body).toContain('Eviction notice served</textarea>')
    expect(response.body).toContain('Two months’ notice</textarea>')
    expect(response.body).toContain('value="Housing officer"')
    expect(response.body).toMatch(new RegExp(`value="${parent.person_id}" checked`))
    expect(await entryCount(family.family_id)).toBe(before)
  })

  it('asks for what happened, a category and a real date, listing the problems in the form’s order', async () => {
    const before = await entryCount(family.family_id)
    const response = await practitioner.post(chronologyHref(), {
      ...entryForm('2026-02-31', { summary: '  ', detail: 'Kept detail', personIds: child.person_id }),
      category: '',
    })
    expect(response.statusCode).toBe(400)
    const summary = response.body.slice(response.body.indexOf('govuk-error-summary'))
    expect(
      ascending(
        positions(summary, [
          'Date it happened must be a real date',
          'Select what the event is about',
          'Enter what happened',
        ]),
      ),
    ).toBe(true)
    expect(response.body).toContain('Kept detail</textarea>')
    expect(response.body).toMatch(new RegExp(`value="${child.person_id}" checked`))
    expect(await entryCount(family.family_id)).toBe(before)
  })

  it('refuses a summary over 200 characters and people who are not in the family', async () => {
    const long = await practitioner.post(chronologyHref(), entryForm('2026-01-05', { summary: 'x'.repeat(201) }))
    expect(long.statusCode).toBe(400)
    expect(long.body).toContain('What happened must be 200 characters or fewer')

    const outsider = derby.personIn(derby.otherTeamFamily.family_id)
    const before = await entryCount(family.family_id)
    const stranger = await practitioner.post(
      chronologyHref(),
      entryForm('2026-01-05', { personIds: outsider.person_id }),
    )
    expect(stranger.statusCode).toBe(400)
    expect(stranger.body).toContain('Select people who are members of this family')
    expect(stranger.body).not.toContain(fullName(outsider))
    expect(await entryCount(family.family_id)).toBe(before)

    const unknownField = await practitioner.post(chronologyHref(), entryForm('2026-01-05', { kind: 'system' }))
    expect(unknownField.statusCode).toBe(400)
  })
})

describe('who may see and add to a chronology', () => {
  it('refuses a practitioner another team’s family, showing nothing of it and saving nothing', async () => {
    const other = derby.otherTeamFamily
    const names = [other.name, ...(await membersOf(other.family_id)).map(fullName)]
    const before = await entryCount(other.family_id)
    for (const url of [
      `/families/${other.family_id}/chronology`,
      `/families/${other.family_id}/chronology/print`,
      `/families/${other.family_id}/chronology/new`,
      `/people/${derby.personIn(other.family_id).person_id}/chronology`,
    ]) {
      const response = await practitioner.get(url)
      expect(response.statusCode, url).toBe(403)
      for (const name of names) expect(response.body, url).not.toContain(name)
    }
    for (const form of [entryForm('2026-01-05'), {}]) {
      const response = await practitioner.post(`/families/${other.family_id}/chronology`, form)
      expect(response.statusCode).toBe(403)
      for (const name of names) expect(response.body).not.toContain(name)
    }
    expect(await entryCount(other.family_id)).toBe(before)
    const refusals = await db()
      .selectFrom('access_log')
      .select('record_id')
      .where('action', '=', 'refused')
      .where('record_id', '=', other.family_id)
      .execute()
    expect(refusals.length).toBeGreaterThanOrEqual(5)
  })

  it('refuses a performance analyst every chronology page', async () => {
    const analyst = await signedIn(t.app, demoEmail('performance_analyst', 'derby'))
    for (const url of [chronologyHref(), `${chronologyHref()}/print`, `${chronologyHref()}/new`]) {
      const response = await analyst.get(url)
      expect(response.statusCode, url).toBe(403)
      expect(response.body).not.toContain(family.name)
    }
    expect((await analyst.get(`/people/${child.person_id}/chronology`)).statusCode).toBe(403)
    const before = await entryCount(family.family_id)
    expect((await analyst.post(chronologyHref(), entryForm('2026-01-05'))).statusCode).toBe(403)
    expect(await entryCount(family.family_id)).toBe(before)
  })

  it('lets a partner who is part of the family read its chronology but not add to it', async () => {
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    const href = `/families/${derby.partnerFamily.family_id}/chronology`
    const page = await partner.get(href)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('Add an entry')
    expect((await partner.get(`${href}/print`)).statusCode).toBe(200)
    expect((await partner.get(`${href}/new`)).statusCode).toBe(403)
    const before = await entryCount(derby.partnerFamily.family_id)
    expect((await partner.post(href, entryForm('2026-01-05'))).statusCode).toBe(403)
    expect((await partner.post(href, {})).statusCode).toBe(403)
    expect(await entryCount(derby.partnerFamily.family_id)).toBe(before)
  })

  it('lets the team manager add to their team’s family', async () => {
    const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    await manager.get(`${chronologyHref()}/new`)
    const response = await manager.post(
      chronologyHref(),
      entryForm('2026-11-23', { category: 'Early help', summary: 'Case discussed in supervision' }),
    )
    expect(response.statusCode).toBe(303)
    expect((await manager.get(chronologyHref())).body).toContain('Case discussed in supervision')
  })
})
