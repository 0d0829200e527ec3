import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, TEST_START, type TestApp } from '../../../test/app.js'
import { demoRecords, type AuthoritySlug } from '../../../test/fixtures.js'
import { formatDate } from '../../lib/dates.js'
import { addWorkingDays, workingDaysBetween } from '../../lib/workingDays.js'
import type { PracticeModel } from '../../practice-models/index.js'
import { presets } from '../../practice-models/presets/index.js'
import type { RequestContext } from '../../services/index.js'

// Issue 7, from concern to decision: a request for support (Derby), referral (Durham) or conversation
// (Leeds) is made, the front door links it to the family's records and decides, the panel allocates, and
// the partner who asked sees the outcome and nothing more. Real HTTP (app.inject), the real services and
// a seeded database; each test makes the requests it changes, and the demo's are only read.

let t: TestApp
type Records = Awaited<ReturnType<typeof demoRecords>>
const records = {} as Record<AuthoritySlug, Records>
const agents = {} as Record<string, Agent>
const db = () => t.testDatabase.database.db

const TODAY = TEST_START.slice(0, 10)
const derby = presets.derby
const durham = presets.durham
const leeds = presets.leeds

beforeAll(async () => {
  t = await buildTestApp()
  for (const slug of ['derby', 'durham', 'leeds'] as const) records[slug] = await demoRecords(db(), slug)
  const users: [string, string][] = [
    ['derbyPartner', demoEmail('partner', 'derby')],
    ['derbyFrontDoor', demoEmail('front_door', 'derby')],
    ['derbyFrontDoorElsewhere', demoEmail('front_door', 'derby')],
    ['derbyManager', demoEmail('team_manager', 'derby')],
    ['derbyPractitioner', demoEmail('practitioner', 'derby')],
    ['durhamPartner', demoEmail('partner', 'durham')],
    ['durhamFrontDoor', demoEmail('front_door', 'durham')],
    ['leedsPartner', demoEmail('partner', 'leeds')],
    ['leedsFrontDoor', demoEmail('front_door', 'leeds')],
  ]
  for (const [name, email] of users) agents[name] = await signedIn(t.app, email)
})
afterAll(() => t.close())
// A test that moves the clock puts it back, so the next one stands on TEST_START again.
afterEach(() => t.clock.set(TEST_START))

const agent = (name: string) => agents[name]!

// Reading pages ----------------------------------------------------------------------------------

const unescapeHtml = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return match ? unescapeHtml(match[1]!) : undefined
}

/** The value a text or hidden input named `name` holds in the page. */
function inputValue(body: string, name: string): string | undefined {
  const tag = (body.match(/<input\b[^>]*>/g) ?? []).find(
    candidate =>
      attribute(candidate, 'name') === name && !['radio', 'checkbox'].includes(attribute(candidate, 'type') ?? ''),
  )
  return tag === undefined ? undefined : (attribute(tag, 'value') ?? '')
}

/** The values of the radios or checkboxes named `name`, in page order. */
function choices(body: string, name: string): string[] {
  return (body.match(/<input\b[^>]*>/g) ?? [])
    .filter(tag => attribute(tag, 'name') === name && ['radio', 'checkbox'].includes(attribute(tag, 'type') ?? ''))
    .map(tag => attribute(tag, 'value') ?? '')
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
  return unescapeHtml(body.slice(start, body.indexOf('</ul>', start)))
}

/** The table rows of the page's tables, without their headings. */
function bodyRows(body: string): string[] {
  return [...body.matchAll(/<tbody\b[^>]*>([\s\S]*?)<\/tbody>/g)].flatMap(table =>
    table[1]!
      .split(/<tr\b/)
      .slice(1)
      .map(row => unescapeHtml(row.slice(0, row.indexOf('</tr>')))),
  )
}

/** The table row that holds the text, or undefined. */
const rowWith = (body: string, text: string) => bodyRows(body).find(row => row.includes(text))

/** The value a GOV.UK summary list gives for the key matching `key`. */
function summaryValue(body: string, key: RegExp): string | undefined {
  const rows = [
    ...body.matchAll(
      /<dt class="govuk-summary-list__key">\s*([\s\S]*?)\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*([\s\S]*?)\s*<\/dd>/g,
    ),
  ]
  const row = rows.find(candidate => key.test(unescapeHtml(candidate[1]!)))
  return row ? unescapeHtml(row[2]!) : undefined
}

/** The page's text as the user reads it: entities decoded (so apostrophes match the presets' words). */
const text = (body: string) => unescapeHtml(body)

const idFrom = (location: unknown, pattern: RegExp) => {
  const match = pattern.exec(String(location))
  if (!match) throw new Error(`Unexpected redirect: ${String(location)}`)
  return match[1]!
}

const dateBoxes = (name: string, date: string) => {
  const [year, month, day] = date.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! }
}

// The database ------------------------------------------------------------------------------------

const authorityOf = (slug: AuthoritySlug) => records[slug].authority.authority_id

type Counted = 'support_request' | 'request_subject' | 'front_door_decision' | 'episode' | 'social_care_referral'

async function count(table: Counted, slug: AuthoritySlug) {
  const row = await db()
    .selectFrom(table)
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('authority_id', '=', authorityOf(slug))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function counts(slug: AuthoritySlug) {
  const tables: Counted[] = [
    'support_request',
    'request_subject',
    'front_door_decision',
    'episode',
    'social_care_referral',
  ]
  return Object.fromEntries(await Promise.all(tables.map(async table => [table, await count(table, slug)])))
}

const requestRow = (requestId: string) =>
  db().selectFrom('support_request').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow()

const decisionsOn = (requestId: string) =>
  db().selectFrom('front_door_decision').selectAll().where('request_id', '=', requestId).execute()

/** The context a service call takes, for the demo user with this email. */
function contextOf(slug: AuthoritySlug, email: string): RequestContext {
  const user = records[slug].user(email)
  return {
    actor: {
      userId: user.user_id,
      authorityId: authorityOf(slug),
      role: user.role,
      teamId: user.team_id,
      areaId: user.area_id,
    },
    ip: null,
    requestId: null,
    route: null,
  }
}

// The journey -------------------------------------------------------------------------------------

const routeOf = (model: PracticeModel, route: string) => {
  const outcome = model.frontDoor.outcomes.find(candidate => candidate.route === route)
  if (!outcome) throw new Error(`The preset has no outcome routed to ${route}`)
  return outcome
}

/** A request form for a child and parent not on record, as a partner fills it in. */
function requestForm(model: PracticeModel, surname: string, fields: Record<string, string | string[]> = {}) {
  return {
    kind: model.wayIn.kind === 'conversation' ? 'conversation' : 'request',
    'subjects-0-givenName': 'Tamsin',
    'subjects-0-familyName': surname,
    'subjects-0-memberRole': 'child',
    ...dateBoxes('subjects-0-dateOfBirth', '2016-04-09'),
    'subjects-1-givenName': 'Lorna',
    'subjects-1-familyName': surname,
    'subjects-1-memberRole': 'parent',
    ...dateBoxes('receivedOn', TODAY),
    urgency: 'routine',
    concerns: [model.concernCategories[0]!.code],
    worries: 'Tamsin has missed eleven mornings this half term and says there is often no breakfast.',
    tried: 'Breakfast club and two meetings with her mother.',
    familyKnows: 'Her mother knows the school is asking for help and wants it.',
    consent: 'given',
    consentGivenBy: 'Lorna, her mother',
    safeguardingConcern: 'no',
    ...fields,
  }
}

/** Submits the request form (loading it first, as a browser does); returns the response. */
async function postRequest(by: Agent, fields: Record<string, string | string[]>, from = '/requests/new') {
  return by.post('/requests', fields, { from })
}

/** Submits a request that the service accepts; returns its id. */
async function submit(by: Agent, fields: Record<string, string | string[]>, from = '/requests/new') {
  const response = await postRequest(by, fields, from)
  expect(response.statusCode, response.body).toBe(303)
  return idFrom(response.headers.location, /^\/requests\/([0-9a-f-]{36})\?submitted=1$/)
}

/** Links every person of the request to a new record, and the request to a new family; returns the family. */
async function linkToNewRecords(by: Agent, requestId: string) {
  const page = await by.get(`/requests/${requestId}/link`)
  expect(page.statusCode, page.body).toBe(200)
  const people = [...new Set([...page.body.matchAll(/name="(person-\d+)"/g)].map(match => match[1]!))]
  expect(people.length).toBeGreaterThan(0)
  const response = await by.post(`/requests/${requestId}/link`, {
    version: inputValue(page.body, 'version')!,
    ...Object.fromEntries(people.map(name => [name, 'new'])),
    familyId: 'new',
  })
  expect(response.statusCode, response.body).toBe(303)
  expect(response.headers.location).toBe(`/requests/${requestId}?linked=1`)
  const { family_id } = await requestRow(requestId)
  expect(family_id).not.toBeNull()
  return family_id!
}

/** Loads the decision form and posts the decision with the version the form held. */
async function decide(by: Agent, requestId: string, fields: Record<string, string>) {
  const form = await by.get(`/requests/${requestId}/decision`)
  expect(form.statusCode, form.body).toBe(200)
  return by.post(`/requests/${requestId}/decision`, { version: inputValue(form.body, 'version')!, ...fields })
}

const derbyEmail = (role: string) => demoEmail(role, 'derby')

// Acceptance 1 -----------------------------------------------------------------------------------

describe('a partner’s request goes through the front door and the panel to an episode (acceptance 1)', () => {
  // 000 (Derby): "Vulnerable Children's Meetings (VCM) occur in all three localities within the city on a weekly basis"
  it('is routed to the panel, allocated there, waits for a worker, and the partner sees only the outcome', async () => {
    const chair = records.derby.user(derbyEmail('panel_chair'))
    const manager = records.derby.user(derbyEmail('team_manager'))
    const areaId = chair.area_id!
    const partner = agent('derbyPartner')
    const frontDoor = agent('derbyFrontDoor')

    const requestId = await submit(partner, requestForm(derby, 'Quenby', { areaId }))
    const submitted = await partner.get(`/requests/${requestId}?submitted=1`)
    expect(submitted.statusCode).toBe(200)
    expect(text(submitted.body)).toContain(`has been sent to ${derby.frontDoor.name}`)
    expect(text(submitted.body)).toContain(`With the ${derby.vocabulary.frontDoor}`)

    // The front door sees it, links it to new records and routes it to the panel.
    const queue = await frontDoor.get('/front-door')
    expect(queue.statusCode).toBe(200)
    expect(rowWith(queue.body, 'Tamsin Quenby')).toContain(`/requests/${requestId}`)
    const familyId = await linkToNewRecords(frontDoor, requestId)
    const toPanel = routeOf(derby, 'panel')
    const frontDoorReason = 'Breakfast, attendance and routines: a multi-agency response from the weekly meeting.'
    const decided = await decide(frontDoor, requestId, { outcome: toPanel.code, reason: frontDoorReason })
    expect(decided.statusCode, decided.body).toBe(303)
    expect(decided.headers.location).toBe(`/requests/${requestId}?decided=1`)
    const atPanel = await frontDoor.get(`/requests/${requestId}`)
    expect(text(atPanel.body)).toContain(`For the ${derby.vocabulary.panel}`)
    expect(text(atPanel.body)).toContain("For the Vulnerable Children's Meeting")
    expect((await requestRow(requestId)).status).toBe('at_panel')
    expect((await frontDoor.get('/front-door')).body).not.toContain(`/requests/${requestId}`)

    // The panel of the area meets today and allocates (its own pages are tested elsewhere).
    const meeting = await db()
      .selectFrom('panel_meeting')
      .select('meeting_id')
      .where('authority_id', '=', authorityOf('derby'))
      .where('area_id', '=', areaId)
      .where('meets_on', '=', TODAY)
      .executeTakeFirstOrThrow()
    const allocate = derby.panel.decisions.find(decision => decision.action === 'allocate')!
    const level = derby.levelsOfNeed.filter(candidate => !candidate.statutory)[1]!
    expect(level.code).toBe('level-2')
    const rationale = 'Emerging needs across school and home; Lorna wants help with mornings. Targeted early help.'
    await t.services.panels.decide(
      contextOf('derby', derbyEmail('panel_chair')),
      meeting.meeting_id,
      requestId,
      (await requestRow(requestId)).version,
      {
        decision: allocate.code,
        levelOfNeed: level.code,
        rationale,
        teamId: manager.team_id,
        leadProfessionalUserId: null,
        signpostTo: null,
        socialCareTeam: null,
      },
    )

    // An unallocated episode waits for the team manager.
    const episode = await db()
      .selectFrom('episode')
      .selectAll()
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow()
    expect(episode).toMatchObject({ family_id: familyId, status: 'open', worker_user_id: null })
    const waiting = await agent('derbyManager').get('/episodes?unallocated=yes')
    expect(waiting.statusCode).toBe(200)
    const row = rowWith(waiting.body, 'Quenby family')
    expect(row, 'the team manager sees the family waiting for a worker').toBeDefined()
    expect(row).toContain(`/episodes/${episode.episode_id}`)
    expect(row).toContain('Not allocated')

    // The partner sees the outcome, and nothing of the family's records or the professionals' reasons.
    const seen = await partner.get(`/requests/${requestId}`)
    expect(seen.statusCode).toBe(200)
    expect(text(seen.body)).toContain(allocate.label)
    expect(text(seen.body)).toContain('Early help offered')
    expect(seen.body).not.toContain('href="/families/')
    expect(seen.body).not.toContain('href="/people/')
    expect(seen.body).not.toContain('href="/episodes/')
    expect(text(seen.body)).not.toContain(frontDoorReason)
    expect(text(seen.body)).not.toContain(rationale)
    expect(rowWith((await partner.get('/requests')).body, 'Tamsin Quenby')).toContain('Early help offered')
    expect([403, 404]).toContain((await partner.get(`/families/${familyId}`)).statusCode)
  })
})

// Acceptance 2 -----------------------------------------------------------------------------------

describe('a request left undecided past the model’s limit is overdue on the front door (acceptance 2)', () => {
  // 004 (Leeds): "Never do nothing – at the very least, talk to another practitioner to help find a way forward"
  it('flags the demo’s Derby request 8 working days old, and the 1-day-old one once it passes the limit', async () => {
    const limit = derby.frontDoor.undecidedAfter.value
    const queue = await agent('derbyFrontDoor').get('/front-door')
    expect(queue.statusCode).toBe(200)
    expect(rowWith(queue.body, 'Jaden Okafor')).toContain('Overdue')
    expect(rowWith(queue.body, 'Kacey Rowntree')).toBeDefined()
    expect(rowWith(queue.body, 'Kacey Rowntree')).not.toContain('Overdue')

    const kacey = await db()
      .selectFrom('request_subject as s')
      .innerJoin('support_request as r', 'r.request_id', 's.request_id')
      .select('r.received_on')
      .where('r.authority_id', '=', authorityOf('derby'))
      .where('s.given_name', '=', 'Kacey')
      .where('s.family_name', '=', 'Rowntree')
      .executeTakeFirstOrThrow()
    const age = workingDaysBetween(kacey.received_on, TODAY)
    expect(age).toBe(1)

    // On the limit it is not yet overdue; a working day past it, it is.
    t.clock.set(`${addWorkingDays(TODAY, limit - age)}T09:00:00Z`)
    const onTheLimit = await (await signedIn(t.app, derbyEmail('front_door'))).get('/front-door')
    expect(rowWith(onTheLimit.body, 'Kacey Rowntree')).not.toContain('Overdue')
    t.clock.set(`${addWorkingDays(TODAY, 5)}T09:00:00Z`)
    const later = await (await signedIn(t.app, derbyEmail('front_door'))).get('/front-door')
    expect(rowWith(later.body, 'Kacey Rowntree')).toContain('Overdue')
    expect(rowWith(later.body, 'Jaden Okafor')).toContain('Overdue')
  })

  // 002 (Durham): "We will, never do nothing"
  it('flags a Durham referral a working day past the MASH’s limit of one, and not before', async () => {
    expect(durham.frontDoor.undecidedAfter.value).toBe(1)
    const requestId = await submit(
      agent('durhamPartner'),
      requestForm(durham, 'Brackenbury', { areaId: records.durham.user(demoEmail('panel_chair', 'durham')).area_id! }),
    )
    const rowOf = async (frontDoor: Agent) => {
      const page = await frontDoor.get('/front-door')
      expect(page.statusCode).toBe(200)
      const row = rowWith(page.body, 'Tamsin Brackenbury')
      expect(row).toContain(`/requests/${requestId}`)
      return row!
    }
    expect(await rowOf(agent('durhamFrontDoor'))).not.toContain('Overdue')
    t.clock.set(`${addWorkingDays(TODAY, 1)}T09:00:00Z`)
    expect(await rowOf(await signedIn(t.app, demoEmail('front_door', 'durham')))).not.toContain('Overdue')
    t.clock.set(`${addWorkingDays(TODAY, 2)}T09:00:00Z`)
    expect(await rowOf(await signedIn(t.app, demoEmail('front_door', 'durham')))).toContain('Overdue')
  })

  it('shows only urgent requests when filtered to urgent ones', async () => {
    const urgent = await agent('derbyFrontDoor').get('/front-door?urgency=urgent')
    expect(urgent.statusCode).toBe(200)
    const rows = bodyRows(urgent.body)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.some(row => row.includes('Jaden Okafor'))).toBe(true)
    expect(rows.some(row => row.includes('Kacey Rowntree'))).toBe(false)
    for (const row of rows) expect(row).toContain('Urgent')
    const waitingUrgent = await db()
      .selectFrom('support_request')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('authority_id', '=', authorityOf('derby'))
      .where('status', 'in', ['awaiting_decision', 'awaiting_information'])
      .where('urgency', '=', 'urgent')
      .executeTakeFirstOrThrow()
    expect(rows.length).toBe(Number(waitingUrgent.n))
  })
})

// Acceptance 3 -----------------------------------------------------------------------------------

describe('without consent, no early help; a safeguarding concern can still go to social care (acceptance 3)', () => {
  // 004 (Leeds): "Always consider the need for consent"
  it('refuses the panel and social care for a request with no consent and no safeguarding concern', async () => {
    const frontDoor = agent('derbyFrontDoor')
    const requestId = await submit(
      agent('derbyPartner'),
      requestForm(derby, 'Ashdown', {
        consent: 'not_asked',
        consentGivenBy: '',
        safeguardingConcern: 'no',
        areaId: records.derby.user(derbyEmail('panel_chair')).area_id!,
      }),
    )
    await linkToNewRecords(frontDoor, requestId)
    const before = await counts('derby')
    const { version } = await requestRow(requestId)

    const toPanel = await decide(frontDoor, requestId, {
      outcome: routeOf(derby, 'panel').code,
      reason: 'Needs across school and home.',
    })
    expect(toPanel.statusCode).toBe(400)
    expect(errorSummary(toPanel.body)).toContain('There is a problem')
    expect(fieldError(toPanel.body, 'outcome')).toContain('has not consented to early help')
    expect(fieldError(toPanel.body, 'outcome')).toContain('cannot go to early help')

    const toSocialCare = await decide(frontDoor, requestId, {
      outcome: routeOf(derby, 'social_care').code,
      reason: 'The school is worried.',
    })
    expect(toSocialCare.statusCode).toBe(400)
    expect(fieldError(toSocialCare.body, 'outcome')).toContain('needs a safeguarding concern')

    expect(await decisionsOn(requestId)).toEqual([])
    expect(await counts('derby')).toEqual(before)
    expect(await requestRow(requestId)).toMatchObject({ status: 'awaiting_decision', version })
    expect(rowWith((await frontDoor.get('/front-door')).body, 'Tamsin Ashdown')).toContain(`/requests/${requestId}`)
  })

  it('refuses early help without consent, but refers a safeguarding concern to children’s social care', async () => {
    const frontDoor = agent('derbyFrontDoor')
    const requestId = await submit(
      agent('derbyPartner'),
      requestForm(derby, 'Pellowe', { consent: 'refused', consentGivenBy: '', safeguardingConcern: 'yes' }),
    )
    const familyId = await linkToNewRecords(frontDoor, requestId)
    const toPanel = await decide(frontDoor, requestId, {
      outcome: routeOf(derby, 'panel').code,
      reason: 'Needs across school and home.',
      areaId: records.derby.user(derbyEmail('panel_chair')).area_id!,
    })
    expect(toPanel.statusCode).toBe(400)
    expect(fieldError(toPanel.body, 'outcome')).toContain('has not consented to early help')
    expect(await decisionsOn(requestId)).toEqual([])

    const toSocialCare = await decide(frontDoor, requestId, {
      outcome: routeOf(derby, 'social_care').code,
      reason: 'Bruising seen at school and the mother refuses help: a safeguarding concern.',
      socialCareTeam: 'Referral and assessment',
    })
    expect(toSocialCare.statusCode, toSocialCare.body).toBe(303)
    expect(await requestRow(requestId)).toMatchObject({ status: 'closed' })
    expect((await decisionsOn(requestId)).map(decision => decision.route)).toEqual(['social_care'])
    const familyPage = await frontDoor.get(`/families/${familyId}`)
    expect(familyPage.statusCode).toBe(200)
    expect(text(familyPage.body)).toContain(`Referred to children’s social care on ${formatDate(TODAY)}`)
  })
})

// Acceptance 4 -----------------------------------------------------------------------------------

describe('Leeds: conversations, Duty and Advice and the cluster’s guidance and support meeting (acceptance 4)', () => {
  const derbyWords = [
    'Vulnerable Children',
    'request for support',
    'locality',
    derby.vocabulary.panel,
    derby.vocabulary.requestForSupport,
    derby.areas.singular,
  ]
  const expectNoDerbyWords = (body: string) => {
    const page = text(body).toLowerCase()
    for (const word of derbyWords) expect(page, `no Derby word "${word}"`).not.toContain(word.toLowerCase())
  }
  const cluster = () => records.leeds.user(demoEmail('panel_chair', 'leeds')).area_id!

  it('asks the Leeds partner to record a conversation, in Leeds’ words', async () => {
    const form = await agent('leedsPartner').get('/requests/new')
    expect(form.statusCode).toBe(200)
    const page = text(form.body)
    expect(page).toContain('Record a conversation')
    expect(page).toContain('Who took part in the conversation?')
    expect(page).toContain('What was agreed?')
    expect(page).toContain(leeds.frontDoor.name)
    expect(leeds.frontDoor.name).toBe('Duty and Advice')
    expect(inputValue(form.body, 'kind')).toBe('conversation')
    expect(choices(form.body, 'conversationOutcome')).toEqual(['resolved', 'front_door'])
    expect(page).toContain(`Which ${leeds.areas.singular} does the family live in?`)
    expectNoDerbyWords(form.body)
  })

  it('closes a conversation resolved there and then without sending it to Duty and Advice', async () => {
    const requestId = await submit(
      agent('leedsPartner'),
      requestForm(leeds, 'Holdsworth', {
        withWhom: 'Rachel Ackroyd and the school’s family support worker',
        agreed: 'The school nurse will see Tamsin this week; we talk again in a fortnight.',
        conversationOutcome: 'resolved',
        areaId: cluster(),
      }),
    )
    expect(await requestRow(requestId)).toMatchObject({
      kind: 'conversation',
      conversation_outcome: 'resolved',
      status: 'closed',
    })
    const page = await agent('leedsPartner').get(`/requests/${requestId}?submitted=1`)
    expect(text(page.body)).toContain('The conversation has been recorded.')
    expect(text(page.body)).toContain('Resolved in the conversation')
    expect((await agent('leedsFrontDoor').get('/front-door')).body).not.toContain(`/requests/${requestId}`)
  })

  // 004 (Leeds): "Through a quality conversation, the Duty and Advice team will decide to either: Provide information
  // to support the practitioner to manage the issue; Signpost to a particular service; Request that the Integrated
  // Processes Team respond to provide access to support from Targeted or Universal Services; Create a referral for
  // social work assessment"
  it('sends a conversation to Duty and Advice, whose decision offers the four outcomes of 004', async () => {
    const requestId = await submit(
      agent('leedsPartner'),
      requestForm(leeds, 'Sugden', {
        withWhom: 'Rachel Ackroyd and Tamsin’s mother',
        agreed: 'To ask Duty and Advice for support from the cluster.',
        conversationOutcome: 'front_door',
        areaId: cluster(),
      }),
    )
    const queue = await agent('leedsFrontDoor').get('/front-door')
    expect(queue.statusCode).toBe(200)
    expect(rowWith(queue.body, 'Tamsin Sugden')).toContain(`/requests/${requestId}`)
    expect(text(queue.body)).toContain('Duty and Advice')
    expectNoDerbyWords(queue.body)

    const form = await agent('leedsFrontDoor').get(`/requests/${requestId}/decision`)
    expect(form.statusCode).toBe(200)
    const four = [
      { rule: 'Provide information to support the practitioner to manage the issue', route: 'closed' },
      { rule: 'Signpost to a particular service', route: 'signpost' },
      { rule: 'Integrated Processes Team respond to provide access to support', route: 'panel' },
      { rule: 'referral for social work assessment', route: 'social_care' },
    ].map(({ rule, route }) => {
      const outcome = leeds.frontDoor.outcomes.find(
        candidate =>
          candidate.route === route &&
          `${candidate.label} ${candidate.description ?? ''}`
            .toLowerCase()
            .includes(rule.toLowerCase().split(' ').slice(-3).join(' ')),
      )
      expect(outcome, `an outcome for "${rule}"`).toBeDefined()
      return outcome!
    })
    const offered = choices(form.body, 'outcome')
    for (const outcome of four) {
      expect(offered).toContain(outcome.code)
      expect(text(form.body)).toContain(outcome.label)
    }
    expect(text(form.body)).toContain(`Cluster of the ${leeds.vocabulary.panel}`)
    expect(leeds.vocabulary.panel).toBe('guidance and support meeting')
    expectNoDerbyWords(form.body)
  })
})

// Acceptance 5 -----------------------------------------------------------------------------------

describe('bad input gets field errors, never a 500, and nothing half-saved (acceptance 5)', () => {
  it('names every problem of a request at once, keeps what was typed and saves nothing', async () => {
    const before = await counts('derby')
    const response = await postRequest(
      agent('derbyPartner'),
      requestForm(derby, 'Verity', {
        concerns: [],
        worries: '',
        ...dateBoxes('receivedOn', addWorkingDays(TODAY, 3)),
      }),
    )
    expect(response.statusCode).toBe(400)
    const summary = errorSummary(response.body)
    expect(summary).toContain('There is a problem')
    const problems = [
      ['href="#receivedOn-day"', 'The date must be today or in the past'],
      ['href="#concerns"', 'Select at least one concern'],
      ['href="#worries"', 'Enter what worries you about the family'],
    ]
    for (const [anchor, message] of problems) {
      expect(summary).toContain(anchor)
      expect(summary).toContain(message)
    }
    // In the order of the form's fields.
    const positions = problems.map(([, message]) => summary.indexOf(message!))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(fieldError(response.body, 'concerns')).toBe('Select at least one concern')
    expect(fieldError(response.body, 'worries')).toBe('Enter what worries you about the family')
    expect(inputValue(response.body, 'subjects-0-givenName')).toBe('Tamsin')
    expect(inputValue(response.body, 'subjects-0-familyName')).toBe('Verity')
    expect(inputValue(response.body, 'receivedOn-year')).toBe(addWorkingDays(TODAY, 3).slice(0, 4))
    expect(await counts('derby')).toEqual(before)
  })

  it('refuses a decision without a reason, or with an outcome the model does not have, writing nothing', async () => {
    const frontDoor = agent('derbyFrontDoor')
    const requestId = await submit(agent('derbyPartner'), requestForm(derby, 'Wragg'))
    await linkToNewRecords(frontDoor, requestId)
    const before = await counts('derby')
    const { version } = await requestRow(requestId)

    const noReason = await decide(frontDoor, requestId, { outcome: routeOf(derby, 'closed').code, reason: '   ' })
    expect(noReason.statusCode).toBe(400)
    expect(errorSummary(noReason.body)).toContain('There is a problem')
    expect(fieldError(noReason.body, 'reason')).toBe('Enter the reason for the decision')
    expect(checkedOutcome(noReason.body)).toBe(routeOf(derby, 'closed').code)

    const unknown = await decide(frontDoor, requestId, { outcome: 'no-such-outcome', reason: 'A reason.' })
    expect(unknown.statusCode).toBe(400)
    expect(fieldError(unknown.body, 'outcome')).toBe('Select a decision')

    const noVersion = await frontDoor.post(`/requests/${requestId}/decision`, {
      version: 'abc',
      outcome: routeOf(derby, 'closed').code,
      reason: 'A reason.',
    })
    expect(noVersion.statusCode).toBe(400)

    expect(await counts('derby')).toEqual(before)
    expect(await requestRow(requestId)).toMatchObject({ status: 'awaiting_decision', version })
  })

  it('answers 404, never 500, for addresses with ids that are not requests', async () => {
    const frontDoor = agent('derbyFrontDoor')
    for (const id of ['not-a-request', randomUUID(), "1'; drop table support_request; --", '%00']) {
      for (const path of ['', '/link', '/decision']) {
        const url = `/requests/${encodeURIComponent(id)}${path}`
        expect((await frontDoor.get(url)).statusCode, url).toBe(404)
      }
      expect((await frontDoor.post(`/requests/${encodeURIComponent(id)}/decision`, { version: '1' })).statusCode).toBe(
        404,
      )
      expect((await frontDoor.post(`/requests/${encodeURIComponent(id)}/link`, { version: '1' })).statusCode).toBe(404)
    }
    const filtered = await frontDoor.get('/front-door?areaId=garbage&urgency=very')
    expect(filtered.statusCode).toBe(200)
  })

  it('answers the figures page, never 500, for a period with dates that do not exist', async () => {
    const frontDoor = agent('derbyFrontDoor')
    for (const url of [
      '/front-door/figures?from=yesterday&to=tomorrow',
      '/front-door/figures?from=2026-02-30&to=2026-03-01',
      '/front-door/figures?from=2026-01-01&to=2026-13-45',
    ]) {
      const response = await frontDoor.get(url)
      expect(response.statusCode, url).toBeLessThan(500)
    }
  })
})

const checkedOutcome = (body: string) => {
  const tag = (body.match(/<input\b[^>]*>/g) ?? []).find(
    candidate => attribute(candidate, 'name') === 'outcome' && /\schecked\b/.test(candidate),
  )
  return tag === undefined ? undefined : attribute(tag, 'value')
}

// Durham: the MASH allocates directly -------------------------------------------------------------

describe('Durham: the MASH offers early help directly, with a team and a level of need', () => {
  it('names the team and level when missing, then opens an episode waiting for a worker', async () => {
    const frontDoor = agent('durhamFrontDoor')
    const requestId = await submit(agent('durhamPartner'), requestForm(durham, 'Featherstone'))
    const familyId = await linkToNewRecords(frontDoor, requestId)
    const earlyHelp = durham.frontDoor.outcomes.find(outcome => outcome.code === 'early-help')!
    expect(earlyHelp.route).toBe('allocate')
    const before = await counts('durham')

    const missing = await decide(frontDoor, requestId, { outcome: earlyHelp.code, reason: 'Emerging needs at home.' })
    expect(missing.statusCode).toBe(400)
    const summary = errorSummary(missing.body)
    expect(summary).toContain('Select the team that will work with the family')
    expect(summary).toContain('Select the level of need')
    expect(fieldError(missing.body, 'teamId')).toBe('Select the team that will work with the family')
    expect(fieldError(missing.body, 'levelOfNeed')).toBe('Select the level of need')
    expect(await counts('durham')).toEqual(before)

    const team = records.durham.teams[0]!
    const level = durham.levelsOfNeed.filter(candidate => !candidate.statutory)[1]!
    const allocated = await decide(frontDoor, requestId, {
      outcome: earlyHelp.code,
      reason: 'Emerging needs at home; the family want help.',
      teamId: team.team_id,
      levelOfNeed: level.code,
    })
    expect(allocated.statusCode, allocated.body).toBe(303)
    const episode = await db()
      .selectFrom('episode')
      .selectAll()
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow()
    expect(episode).toMatchObject({
      family_id: familyId,
      team_id: team.team_id,
      level_of_need: level.code,
      status: 'open',
      worker_user_id: null,
      lead_professional_user_id: null,
      opened_on: TODAY,
    })
    expect(await requestRow(requestId)).toMatchObject({ status: 'episode_opened' })
    const page = await agent('durhamPartner').get(`/requests/${requestId}`)
    expect(text(page.body)).toContain('Early help offered')
    expect(text(page.body)).toContain(earlyHelp.label)
  })
})

// No lost update ----------------------------------------------------------------------------------

describe('two people deciding on the same request at once', () => {
  async function twoForms(surname: string) {
    const requestId = await submit(agent('derbyPartner'), requestForm(derby, surname))
    await linkToNewRecords(agent('derbyFrontDoor'), requestId)
    const first = agent('derbyFrontDoor')
    const second = agent('derbyFrontDoorElsewhere')
    const formOf = async (by: Agent) => {
      const form = await by.get(`/requests/${requestId}/decision`)
      expect(form.statusCode).toBe(200)
      return inputValue(form.body, 'version')!
    }
    const [firstVersion, secondVersion] = [await formOf(first), await formOf(second)]
    expect(firstVersion).toBe(secondVersion)
    return { requestId, first, second, version: firstVersion }
  }

  it('keeps the first decision and tells the second person someone else changed it (409)', async () => {
    const { requestId, first, second, version } = await twoForms('Ibbotson')
    const closed = routeOf(derby, 'closed')
    const won = await first.post(`/requests/${requestId}/decision`, {
      version,
      outcome: closed.code,
      reason: 'Advice given to the school on breakfast club and attendance support.',
    })
    expect(won.statusCode, won.body).toBe(303)
    const lost = await second.post(`/requests/${requestId}/decision`, {
      version,
      outcome: routeOf(derby, 'signpost').code,
      signpostTo: 'Family Hub parenting group',
      reason: 'Signposted to the family hub.',
    })
    expect((await decisionsOn(requestId)).map(decision => decision.outcome)).toEqual([closed.code])
    expect(lost.statusCode, fieldError(lost.body, 'outcome')).toBe(409)
    expect(text(lost.body)).toContain('Someone else changed this record while you were working on it')
  })

  it('gives the second person 409 when the first asked for more information', async () => {
    const { requestId, first, second, version } = await twoForms('Jowett')
    const moreInformation = routeOf(derby, 'more_information')
    const won = await first.post(`/requests/${requestId}/decision`, {
      version,
      outcome: moreInformation.code,
      reason: 'Which other agencies know the family?',
    })
    expect(won.statusCode, won.body).toBe(303)
    const lost = await second.post(`/requests/${requestId}/decision`, {
      version,
      outcome: routeOf(derby, 'closed').code,
      reason: 'Advice given.',
    })
    expect(lost.statusCode).toBe(409)
    expect(text(lost.body)).toContain('Someone else changed this record while you were working on it')
    // The form comes back with what the second person typed, on the version saved now.
    expect(inputValue(lost.body, 'version')).toBe(String(Number(version) + 1))
    expect(text(lost.body)).toContain('Advice given.')
    expect((await decisionsOn(requestId)).map(decision => decision.outcome)).toEqual([moreInformation.code])
    expect(await requestRow(requestId)).toMatchObject({ status: 'awaiting_information' })
  })
})

// Figures -----------------------------------------------------------------------------------------

describe('the front door’s figures', () => {
  /** The figures page's numbers, read as the user reads them. */
  async function figuresPage(from: string, to: string) {
    const page = await agent('derbyFrontDoor').get(`/front-door/figures?from=${from}&to=${to}`)
    expect(page.statusCode).toBe(200)
    const number = (key: RegExp) => Number(summaryValue(page.body, key))
    return {
      received: number(/ received$/),
      decided: number(/^Decided$/),
      episodes: number(/^Early help episodes opened$/),
      byOutcome: Object.fromEntries(
        derby.frontDoor.outcomes.map(outcome => {
          const row = rowWith(page.body, outcome.label)
          const cell = /govuk-table__cell--numeric">\s*(\d+)\s*</.exec(row ?? '')
          return [outcome.code, cell ? Number(cell[1]) : NaN]
        }),
      ),
    }
  }

  /** What the records say for the period: requests received, the decision that stands on each, episodes. */
  async function fromTheRecords(from: string, to: string) {
    const received = await db()
      .selectFrom('support_request')
      .select(['request_id', 'kind', 'conversation_outcome'])
      .where('authority_id', '=', authorityOf('derby'))
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .execute()
    const counted = received.filter(row => row.kind !== 'conversation' || row.conversation_outcome === 'front_door')
    const ids = received.map(row => row.request_id)
    const decisions = ids.length
      ? await db()
          .selectFrom('front_door_decision')
          .select(['request_id', 'outcome', 'route', 'decided_at'])
          .where('request_id', 'in', ids)
          .orderBy('decided_at')
          .execute()
      : []
    const standing = new Map(decisions.map(decision => [decision.request_id, decision]))
    const episodes = ids.length
      ? await db().selectFrom('episode').select('episode_id').where('request_id', 'in', ids).execute()
      : []
    return {
      received: counted.length,
      decided: [...standing.values()].filter(decision => decision.route !== 'more_information').length,
      episodes: episodes.length,
      byOutcome: Object.fromEntries(
        derby.frontDoor.outcomes.map(outcome => [
          outcome.code,
          [...standing.values()].filter(decision => decision.outcome === outcome.code).length,
        ]),
      ),
    }
  }

  it('counts what was received, decided and opened in the period, as the records hold it', async () => {
    const from = addWorkingDays(TODAY, -10)
    const before = await figuresPage(from, TODAY)
    expect(before).toEqual(await fromTheRecords(from, TODAY))

    // This test's own: one request signposted, one waiting.
    const signpost = routeOf(derby, 'signpost')
    const signposted = await submit(agent('derbyPartner'), requestForm(derby, 'Kershaw'))
    await submit(agent('derbyPartner'), requestForm(derby, 'Lathom'))
    const decided = await decide(agent('derbyFrontDoor'), signposted, {
      outcome: signpost.code,
      signpostTo: 'Family Hub parenting group',
      reason: 'Needs are low; the family hub runs a group for parents of primary age children.',
    })
    expect(decided.statusCode, decided.body).toBe(303)

    const after = await figuresPage(from, TODAY)
    expect(after).toEqual(await fromTheRecords(from, TODAY))
    expect(after.received).toBe(before.received + 2)
    expect(after.decided).toBe(before.decided + 1)
    expect(after.byOutcome[signpost.code]).toBe(before.byOutcome[signpost.code]! + 1)
    expect(after.episodes).toBe(before.episodes)
    // The demo's requests of the last ten working days are in the period too; none of a day outside it.
    const outside = await figuresPage(addWorkingDays(TODAY, 1), addWorkingDays(TODAY, 5))
    expect(outside.received).toBe(0)
  })
})

// From a family's page ----------------------------------------------------------------------------

describe('a practitioner makes a request from their own family’s page', () => {
  it('links it to the family at once and puts it in the family’s chronology', async () => {
    const family = records.derby.ownTeamFamily
    const members = await db()
      .selectFrom('family_member as m')
      .innerJoin('person as p', 'p.person_id', 'm.person_id')
      .select(['p.person_id', 'p.given_name', 'p.family_name', 'm.role'])
      .where('m.family_id', '=', family.family_id)
      .where('m.left_on', 'is', null)
      .execute()
    const child = members.find(member => member.role === 'child')!
    const practitioner = agent('derbyPractitioner')
    const from = `/requests/new?familyId=${family.family_id}`
    const form = await practitioner.get(from)
    expect(form.statusCode).toBe(200)
    expect(choices(form.body, 'subjectIds')).toContain(child.person_id)
    expect(inputValue(form.body, 'familyId')).toBe(family.family_id)

    // From the family's page the form offers its members, not boxes for new people.
    const fields = Object.fromEntries(
      Object.entries(requestForm(derby, 'unused')).filter(([key]) => !key.startsWith('subjects-')),
    )
    const requestId = await submit(
      practitioner,
      { ...fields, familyId: family.family_id, subjectIds: [child.person_id] },
      from,
    )
    expect(await requestRow(requestId)).toMatchObject({ family_id: family.family_id, status: 'awaiting_decision' })
    const subjects = await db()
      .selectFrom('request_subject')
      .select(['person_id'])
      .where('request_id', '=', requestId)
      .execute()
    expect(subjects).toEqual([{ person_id: child.person_id }])

    const chronology = await practitioner.get(`/families/${family.family_id}/chronology`)
    expect(chronology.statusCode).toBe(200)
    const name = records.derby.user(derbyEmail('practitioner')).display_name
    const word = derby.vocabulary.requestForSupport
    expect(text(chronology.body)).toContain(`${word[0]!.toUpperCase()}${word.slice(1)} from ${name}`)
    const familyPage = await practitioner.get(`/families/${family.family_id}`)
    expect(familyPage.body).toContain(`href="/requests/${requestId}"`)
  })
})

// Step down ---------------------------------------------------------------------------------------

describe('a step down from children’s social care, recorded by the front door', () => {
  it('asks for the social care reference, then saves it and shows it on the request', async () => {
    const frontDoor = agent('derbyFrontDoor')
    const from = '/requests/new?kind=step_down'
    const form = await frontDoor.get(from)
    expect(form.statusCode).toBe(200)
    expect(text(form.body)).toContain('Social care episode reference')
    const stepDown = requestForm(derby, 'Mottram', {
      kind: 'step_down',
      handoverSummary: 'Child in need plan ended; attendance and routines still need support.',
      socialCareReference: '',
    })
    const before = await counts('derby')
    const missing = await postRequest(frontDoor, stepDown, from)
    expect(missing.statusCode).toBe(400)
    expect(errorSummary(missing.body)).toContain('Enter the social care episode reference')
    expect(fieldError(missing.body, 'socialCareReference')).toBe('Enter the social care episode reference')
    expect(inputValue(missing.body, 'kind')).toBe('step_down')
    expect(await counts('derby')).toEqual(before)

    const requestId = await submit(frontDoor, { ...stepDown, socialCareReference: 'CIN-2026-04417' }, from)
    expect(await requestRow(requestId)).toMatchObject({
      kind: 'step_down',
      social_care_reference: 'CIN-2026-04417',
      status: 'awaiting_decision',
    })
    const page = await frontDoor.get(`/requests/${requestId}`)
    expect(text(page.body)).toContain('Social care reference')
    expect(text(page.body)).toContain('CIN-2026-04417')
    expect(text(page.body)).toContain('Child in need plan ended')
  })

  it('refuses a partner recording a step down', async () => {
    const before = await counts('derby')
    const response = await postRequest(
      agent('derbyPartner'),
      requestForm(derby, 'Nuttall', {
        kind: 'step_down',
        socialCareReference: 'CIN-2026-0001',
        handoverSummary: 'Plan ended.',
      }),
    )
    expect(response.statusCode).toBe(403)
    expect(await counts('derby')).toEqual(before)
  })
})

// Who may do what ---------------------------------------------------------------------------------

describe('refused roles', () => {
  it('keeps the front door’s pages from those who are not the front door, and the partner from its decision', async () => {
    const partner = agent('derbyPartner')
    const practitioner = agent('derbyPractitioner')
    expect((await practitioner.get('/front-door')).statusCode).toBe(403)
    expect((await partner.get('/front-door')).statusCode).toBe(403)
    expect((await partner.get('/front-door/figures')).statusCode).toBe(403)
    expect((await partner.get(`/requests/new?familyId=${records.derby.partnerFamily.family_id}`)).statusCode).toBe(404)

    const requestId = await submit(partner, requestForm(derby, 'Oddie'))
    expect((await partner.get(`/requests/${requestId}/decision`)).statusCode).toBe(403)
    expect((await partner.get(`/requests/${requestId}/link`)).statusCode).toBe(403)
    const before = await counts('derby')
    const posted = await partner.post(`/requests/${requestId}/decision`, {
      version: '1',
      outcome: routeOf(derby, 'closed').code,
      reason: 'I decide it myself.',
    })
    expect(posted.statusCode).toBe(403)
    expect(await counts('derby')).toEqual(before)
    // A practitioner sees requests of families they can see; this one has no family yet.
    expect((await practitioner.get(`/requests/${requestId}`)).statusCode).toBe(403)
    // Another authority's front door finds nothing there.
    expect((await agent('durhamFrontDoor').get(`/requests/${requestId}`)).statusCode).toBe(404)
  })
})

// Time comes from the injected clock ---------------------------------------------------------------

describe('dates follow the service’s clock (house convention 5)', () => {
  it('puts today, by the clock, in the request form’s date', async () => {
    const today = addWorkingDays(TODAY, 3)
    t.clock.set(`${today}T09:00:00Z`)
    const form = await (await signedIn(t.app, derbyEmail('partner'))).get('/requests/new')
    expect(form.statusCode).toBe(200)
    expect(inputValue(form.body, 'receivedOn-day')).toBe(String(Number(today.slice(8, 10))))
    expect(inputValue(form.body, 'receivedOn-month')).toBe(String(Number(today.slice(5, 7))))
    expect(inputValue(form.body, 'receivedOn-year')).toBe(today.slice(0, 4))
  })

  it('shows the figures from the start of the clock’s year to its today by default', async () => {
    const today = '2027-01-06'
    t.clock.set(`${today}T09:00:00Z`)
    const page = await (await signedIn(t.app, derbyEmail('front_door'))).get('/front-door/figures')
    expect(page.statusCode).toBe(200)
    expect(text(page.body)).toContain(`Figures from ${formatDate('2027-01-01')} to ${formatDate(today)}`)
  })
})
