import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { demoRecords } from '../../../test/fixtures.js'
import type { RequestContext } from '../../services/index.js'

// Consent to share: who gave it, when, how, with which agencies and for what; withdrawn when and why.
// 004 (Leeds): "Always consider the need for consent". Giving and withdrawing both go in the chronology.

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let practitioner: Agent
let family: { family_id: string; name: string }
let members: { person_id: string; given_name: string; family_name: string; role: string; left_on: string | null }[]
let parent: (typeof members)[number]
let child: (typeof members)[number]
const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  family = derby.ownTeamFamily
  members = await membersOf(family.family_id)
  parent = members.find(member => member.role === 'parent' && member.left_on === null)!
  child = members.find(member => member.role === 'child' && member.left_on === null)!
  practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
})
afterAll(() => t.close())

function membersOf(familyId: string) {
  return db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', join => join.onRef('p.person_id', '=', 'm.person_id'))
    .select(['p.person_id', 'p.given_name', 'p.family_name', 'm.role', 'm.left_on'])
    .where('m.family_id', '=', familyId)
    .execute()
}

const fullName = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`

const consentsOf = (familyId: string) =>
  db().selectFrom('consent').selectAll().where('family_id', '=', familyId).orderBy('recorded_at').execute()

const consentEntries = (familyId: string) =>
  db()
    .selectFrom('chronology_entry')
    .select(['summary', 'event', 'kind', 'category', 'occurred_on'])
    .where('family_id', '=', familyId)
    .where('category', '=', 'Consent')
    .execute()

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

const dateBoxes = (name: string, date: string) => {
  const [year, month, day] = date.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! }
}

const consentForm = (fields: Record<string, string | string[]> = {}) => ({
  givenByPersonId: parent.person_id,
  ...dateBoxes('givenOn', '2026-10-01'),
  how: 'written',
  agencies: ['Schools and education', 'Health'],
  purposes: ['Assessing the family’s needs', 'Working together in a Team Around the Family'],
  ...fields,
})

const consentHref = () => `/families/${family.family_id}/consent`

/** Records a consent through the page, as the practitioner, and returns its id. */
async function recordConsent(fields: Record<string, string | string[]> = {}) {
  const before = new Set((await consentsOf(family.family_id)).map(row => row.consent_id))
  await practitioner.get(`${consentHref()}/new`)
  const response = await practitioner.post(consentHref(), consentForm(fields))
  expect(response.statusCode).toBe(303)
  expect(response.headers.location).toBe(`${consentHref()}?recorded=1`)
  const added = (await consentsOf(family.family_id)).filter(row => !before.has(row.consent_id))
  expect(added).toHaveLength(1)
  return added[0]!.consent_id
}

describe('consent to share', () => {
  it('offers the family’s current members, adults first, and the agencies and purposes', async () => {
    const form = await practitioner.get(`${consentHref()}/new`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('<title>Record consent to share information')
    const adultAt = form.body.indexOf(`value="${parent.person_id}"`)
    const dividerAt = form.body.indexOf('govuk-radios__divider')
    const childAt = form.body.indexOf(`value="${child.person_id}"`)
    expect(adultAt).toBeGreaterThan(-1)
    expect(dividerAt).toBeGreaterThan(adultAt)
    expect(childAt).toBeGreaterThan(dividerAt)
    expect(form.body).toContain('name="givenOn-day"')
    expect(form.body).toContain('value="verbal"')
    for (const agency of t.services.consent.agencies) expect(form.body).toContain(`value="${agency}"`)
    for (const purpose of t.services.consent.purposes) expect(form.body).toContain(`value="${purpose}"`)
  })

  it('records consent, shows it in force, records its withdrawal, and writes both to the chronology', async () => {
    const entriesBefore = (await consentEntries(family.family_id)).length
    const consentId = await recordConsent()
    const [saved] = (await consentsOf(family.family_id)).filter(row => row.consent_id === consentId)
    expect(saved).toMatchObject({
      given_by_person_id: parent.person_id,
      how: 'written',
      agencies: ['Schools and education', 'Health'],
      withdrawn_on: null,
      version: 1,
    })

    const list = await practitioner.get(`${consentHref()}?recorded=1`)
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('Consent recorded. It has been added to the family’s chronology.')
    const title = `Given by ${fullName(parent)} on 1 October 2026`
    expect(list.body).toContain(title)
    const card = list.body.slice(list.body.indexOf(title))
    expect(card.slice(0, card.indexOf('</dl>'))).toContain('In force')
    const details = list.body.slice(list.body.indexOf(title))
    expect(details).toContain('In writing')
    expect(details).toContain('<li>Schools and education</li><li>Health</li>')
    expect(details).toContain(`Withdraw<span class="govuk-visually-hidden"> consent given by ${fullName(parent)}`)

    let chronology = await practitioner.get(`/families/${family.family_id}/chronology?category=Consent`)
    const given = `${fullName(parent)} gave written consent to share with Schools and education, Health`
    expect(chronology.body).toContain(given)

    const withdrawPage = await practitioner.get(`${consentHref()}/${consentId}/withdraw`)
    expect(withdrawPage.statusCode).toBe(200)
    expect(withdrawPage.body).toContain('<title>Withdraw consent')
    expect(withdrawPage.body).toContain('name="version" value="1"')
    expect(withdrawPage.body).toContain(`When did ${fullName(parent)} withdraw consent?`)

    const withdrawn = await practitioner.post(`${consentHref()}/${consentId}/withdraw`, {
      ...dateBoxes('withdrawnOn', '2026-11-20'),
      reason: 'Does not want the school told any more',
      version: '1',
    })
    expect(withdrawn.statusCode).toBe(303)
    expect(withdrawn.headers.location).toBe(`${consentHref()}?withdrawn=1`)

    const after = await practitioner.get(`${consentHref()}?withdrawn=1`)
    expect(after.body).toContain('Withdrawal of consent recorded.')
    const afterCard = after.body.slice(after.body.indexOf(title))
    expect(afterCard.slice(0, afterCard.indexOf('</dl>'))).toContain('Withdrawn')
    expect(afterCard).toContain('20 November 2026')
    expect(afterCard).toContain('Does not want the school told any more')
    expect(after.body).not.toContain(`/consent/${consentId}/withdraw`)

    chronology = await practitioner.get(`/families/${family.family_id}/chronology?category=Consent`)
    const withdrawal = `${fullName(parent)} withdrew consent to share with Schools and education, Health`
    expect(chronology.body).toContain(withdrawal)
    // Newest first: the withdrawal above the giving.
    expect(chronology.body.indexOf(withdrawal)).toBeLessThan(chronology.body.indexOf(given))
    const entries = await consentEntries(family.family_id)
    expect(entries).toHaveLength(entriesBefore + 2)
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'consent given', kind: 'system', occurred_on: '2026-10-01' }),
        expect.objectContaining({ event: 'consent withdrawn', kind: 'system', occurred_on: '2026-11-20' }),
      ]),
    )

    // There is nothing left to withdraw: the page goes back to the list.
    const again = await practitioner.get(`${consentHref()}/${consentId}/withdraw`)
    expect(again.statusCode).toBe(303)
    expect(again.headers.location).toBe(consentHref())

    const logged = await db()
      .selectFrom('access_log')
      .select('action')
      .where('record_type', '=', 'consent')
      .where('record_id', '=', consentId)
      .orderBy('access_log_id')
      .execute()
    expect(logged.map(row => row.action)).toEqual(['create', 'update'])
  })

  it('lets a young person give consent for themselves, verbally', async () => {
    await recordConsent({
      givenByPersonId: child.person_id,
      how: 'verbal',
      agencies: 'Health',
      purposes: 'Checking what other agencies know',
    })
    const list = await practitioner.get(consentHref())
    const card = list.body.slice(list.body.indexOf(`Given by ${fullName(child)} on 1 October 2026`))
    expect(card.slice(0, card.indexOf('</dl>'))).toContain('Verbally')
  })
})

describe('recording consent that is not right', () => {
  it('lists every missing answer in the form’s order and saves nothing', async () => {
    const before = (await consentsOf(family.family_id)).length
    await practitioner.get(`${consentHref()}/new`)
    const response = await practitioner.post(consentHref(), {})
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Record consent to share information')
    const summary = response.body.slice(response.body.indexOf('govuk-error-summary'), response.body.indexOf('</main>'))
    const messages = [
      'Select the family member who gave consent',
      'Enter the date consent was given',
      'Select how consent was given',
      'Select the agencies the family agreed to share information with',
      'Select what the information may be shared for',
    ]
    const at = messages.map(message => summary.indexOf(`">${message}</a>`))
    expect(at.every(position => position > -1)).toBe(true)
    expect(at).toEqual([...at].sort((a, b) => a - b))
    expect((await consentsOf(family.family_id)).length).toBe(before)
  })

  it('refuses a date in the future and keeps what was typed and ticked', async () => {
    const before = (await consentsOf(family.family_id)).length
    const response = await practitioner.post(
      consentHref(),
      consentForm({ ...dateBoxes('givenOn', '2026-11-24'), how: 'verbal', agencies: 'Police' }),
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<a href="#givenOn">The date must be today or in the past</a>')
    expect(response.body).toContain('name="givenOn-day" type="text" value="24"')
    expect(response.body).toMatch(new RegExp(`value="${parent.person_id}" checked`))
    expect(response.body).toMatch(/value="verbal" checked/)
    expect(response.body).toMatch(/value="Police" checked/)
    expect(response.body).not.toMatch(/value="Health" checked/)
    expect(response.body).toMatch(/value="Assessing the family’s needs" checked/)
    expect((await consentsOf(family.family_id)).length).toBe(before)
  })

  it('refuses someone who is not in the family and agencies not on the list', async () => {
    const before = (await consentsOf(family.family_id)).length
    const outsider = derby.personIn(derby.otherTeamFamily.family_id)
    const response = await practitioner.post(
      consentHref(),
      consentForm({ givenByPersonId: outsider.person_id, agencies: ['Health', 'The newspaper'] }),
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('Select the family member who gave consent')
    expect(response.body).toContain('Select agencies from the list')
    expect(response.body).not.toContain(fullName(outsider))
    expect((await consentsOf(family.family_id)).length).toBe(before)
  })

  it('checks the date of a withdrawal, keeping the reason typed', async () => {
    const consentId = await recordConsent()
    const href = `${consentHref()}/${consentId}/withdraw`
    for (const [date, message] of [
      ['2026-09-30', 'The date must be on or after the day consent was given'],
      ['2026-11-24', 'The date must be today or in the past'],
    ] as const) {
      const response = await practitioner.post(href, {
        ...dateBoxes('withdrawnOn', date),
        reason: 'Moved away',
        version: '1',
      })
      expect(response.statusCode).toBe(400)
      expect(response.body).toContain(`<a href="#withdrawnOn">${message}</a>`)
      expect(response.body).toContain('Moved away</textarea>')
      expect(response.body).toContain('name="version" value="1"')
    }
    const missing = await practitioner.post(href, { reason: 'Moved away', version: '1' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Enter the date consent was withdrawn')
    const [saved] = (await consentsOf(family.family_id)).filter(row => row.consent_id === consentId)
    expect(saved).toMatchObject({ withdrawn_on: null, version: 1 })
  })

  it('answers 409 when someone else withdrew the consent first, showing what they saved', async () => {
    const consentId = await recordConsent()
    const href = `${consentHref()}/${consentId}/withdraw`
    const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    // Both open the page at version 1; the manager saves first.
    expect((await manager.get(href)).body).toContain('name="version" value="1"')
    expect((await practitioner.get(href)).body).toContain('name="version" value="1"')
    const first = await manager.post(href, {
      ...dateBoxes('withdrawnOn', '2026-11-02'),
      reason: 'Family moved',
      version: '1',
    })
    expect(first.statusCode).toBe(303)

    const entriesBefore = (await consentEntries(family.family_id)).length
    const stale = await practitioner.post(href, { ...dateBoxes('withdrawnOn', '2026-11-05'), reason: '', version: '1' })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else changed this consent while you were working on it')
    expect(stale.body).toContain('Someone else has already recorded that this consent was withdrawn on 2 November 2026')
    expect(stale.body).toContain('Family moved')
    expect(stale.body).not.toContain('name="withdrawnOn-day"')
    const [saved] = (await consentsOf(family.family_id)).filter(row => row.consent_id === consentId)
    expect(saved).toMatchObject({ withdrawn_on: '2026-11-02', withdrawn_reason: 'Family moved', version: 2 })
    expect((await consentEntries(family.family_id)).length).toBe(entriesBefore)
  })

  it('answers 409 for a stale version of a consent still in force, keeping the form', async () => {
    const consentId = await recordConsent()
    const href = `${consentHref()}/${consentId}/withdraw`
    const stale = await practitioner.post(href, {
      ...dateBoxes('withdrawnOn', '2026-11-05'),
      reason: 'Kept',
      version: '7',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('It is still in force.')
    expect(stale.body).toContain('name="version" value="1"')
    expect(stale.body).toContain('Kept</textarea>')
  })
})

describe('who may see and record consent', () => {
  let otherConsentId: string

  beforeAll(async () => {
    // A consent in another team's family, recorded by a worker of that team.
    const other = derby.otherTeamFamily
    const worker = derby.users.find(user => user.role === 'practitioner' && user.team_id === other.team_id)!
    const giver = (await membersOf(other.family_id)).find(member => member.role === 'parent')!
    otherConsentId = await t.services.consent.record(contextOf(worker.email), other.family_id, {
      givenByPersonId: giver.person_id,
      givenOn: '2026-10-01',
      how: 'written',
      agencies: ['Health'],
      purposes: ['Assessing the family’s needs'],
    })
  })

  it('refuses a practitioner another team’s family, showing nothing of it and saving nothing', async () => {
    const other = derby.otherTeamFamily
    const names = [other.name, ...(await membersOf(other.family_id)).map(fullName)]
    const before = await consentsOf(other.family_id)
    const base = `/families/${other.family_id}/consent`
    for (const url of [base, `${base}/new`, `${base}/${otherConsentId}/withdraw`]) {
      const response = await practitioner.get(url)
      expect(response.statusCode, url).toBe(403)
      for (const name of names) expect(response.body, url).not.toContain(name)
    }
    const giver = (await membersOf(other.family_id)).find(member => member.role === 'parent')!
    for (const [url, form] of [
      [base, consentForm({ givenByPersonId: giver.person_id })],
      [base, {}],
      [`${base}/${otherConsentId}/withdraw`, { ...dateBoxes('withdrawnOn', '2026-11-02'), version: '1' }],
      [`${base}/${otherConsentId}/withdraw`, {}],
    ] as const) {
      const response = await practitioner.post(url, form)
      expect(response.statusCode, url).toBe(403)
      for (const name of names) expect(response.body, url).not.toContain(name)
    }
    expect(await consentsOf(other.family_id)).toEqual(before)
  })

  it('refuses a performance analyst every consent page', async () => {
    const analyst = await signedIn(t.app, demoEmail('performance_analyst', 'derby'))
    const consentId = await recordConsent()
    for (const url of [consentHref(), `${consentHref()}/new`, `${consentHref()}/${consentId}/withdraw`]) {
      const response = await analyst.get(url)
      expect(response.statusCode, url).toBe(403)
      expect(response.body, url).not.toContain(family.name)
      expect(response.body, url).not.toContain(fullName(parent))
    }
    const before = (await consentsOf(family.family_id)).length
    expect((await analyst.post(consentHref(), consentForm())).statusCode).toBe(403)
    const withdraw = await analyst.post(`${consentHref()}/${consentId}/withdraw`, {
      ...dateBoxes('withdrawnOn', '2026-11-02'),
      version: '1',
    })
    expect(withdraw.statusCode).toBe(403)
    expect((await consentsOf(family.family_id)).length).toBe(before)
  })

  it('lets a partner who is part of the family see its consent but not record or withdraw it', async () => {
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    const base = `/families/${derby.partnerFamily.family_id}/consent`
    const list = await partner.get(base)
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('Consent to share information')
    expect(list.body).not.toContain('Record consent')
    expect(list.body).not.toMatch(/\/consent\/[0-9a-f-]{36}\/withdraw/)
    expect((await partner.get(`${base}/new`)).statusCode).toBe(403)
    expect((await partner.post(base, {})).statusCode).toBe(403)
  })

  it('answers 404 for a consent that is not the family’s', async () => {
    expect((await practitioner.get(`${consentHref()}/${otherConsentId}/withdraw`)).statusCode).toBe(404)
    expect((await practitioner.get(`${consentHref()}/not-a-consent/withdraw`)).statusCode).toBe(404)
    const response = await practitioner.post(`${consentHref()}/${otherConsentId}/withdraw`, {
      ...dateBoxes('withdrawnOn', '2026-11-02'),
      version: '1',
    })
    expect(response.statusCode).toBe(404)
    const [other] = await db().selectFrom('consent').selectAll().where('consent_id', '=', otherConsentId).execute()
    expect(other).toMatchObject({ withdrawn_on: null })
  })
})
