import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, TEST_START, type TestApp } from '../../../test/app.js'
import { demoRecords, type AuthoritySlug } from '../../../test/fixtures.js'
import type { RequestContext } from '../../services/index.js'
import type { RequestInput } from '../../services/requests.js'

// The panel: Derby's Vulnerable Children's Meeting, Leeds' guidance and support meeting. 000: "Vulnerable
// Children's Meetings (VCM) occur in all three localities within the city on a weekly basis, at a set day and
// time" with "Formal Chair and minute taking", and agree "the threshold met" and "which service will best meet
// the needs of the family". 004: Leeds' clusters use "Guidance and Support meetings".

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let leeds: Awaited<ReturnType<typeof demoRecords>>
const db = () => t.testDatabase.database.db

/** The test clock's first day, a Monday: the seeded meetings of the first two areas are held on it, weekly. */
const MEETING_DAY = TEST_START.slice(0, 10)
const NEXT_WEEK = '2026-11-30'

let chairArea: { area_id: string; name: string }
let otherArea: { area_id: string; name: string }
let teamInArea: { team_id: string; name: string }
/** Requests the front door sent to the panel: one to the chair's locality, one to another. */
let routedHere: string
let routedElsewhere: string

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  leeds = await demoRecords(db(), 'leeds')
  const areas = await db()
    .selectFrom('area')
    .select(['area_id', 'name'])
    .where('authority_id', '=', derby.authority.authority_id)
    .execute()
  const chair = derby.user(demoEmail('panel_chair', 'derby'))
  chairArea = areas.find(area => area.area_id === chair.area_id)!
  // Another locality whose weekly meetings the demo scheduled.
  const seeded = await db()
    .selectFrom('panel_meeting')
    .select('area_id')
    .where('authority_id', '=', derby.authority.authority_id)
    .where('meets_on', '=', MEETING_DAY)
    .execute()
  otherArea = areas.find(area => area.area_id !== chair.area_id && seeded.some(row => row.area_id === area.area_id))!
  teamInArea = derby.teams.find(team => team.area_id === chairArea.area_id && team.active)!
  routedHere = await routeToPanel('derby', chairArea.area_id, 'Quillfeather', 'urgent')
  routedElsewhere = await routeToPanel('derby', otherArea.area_id, 'Marchbank', 'routine')
})
afterAll(() => t.close())

/** The context a service call takes, for the demo user with this email. */
async function contextOf(slug: AuthoritySlug, email: string): Promise<RequestContext> {
  const records = slug === 'derby' ? derby : leeds
  const user = records.user(email)
  return {
    actor: {
      userId: user.user_id,
      authorityId: records.authority.authority_id,
      role: user.role,
      teamId: user.team_id,
      areaId: user.area_id,
    },
    ip: null,
    requestId: null,
    route: null,
  }
}

/**
 * A request made, linked to new records and sent to the panel of an area, as the front door does it: the
 * family consented (no consent, no early help step).
 */
async function routeToPanel(slug: AuthoritySlug, areaId: string, surname: string, urgency: 'urgent' | 'routine') {
  const ctx = await contextOf(slug, demoEmail('front_door', slug))
  const { model } = await t.services.practiceModels.get(ctx.actor.authorityId)
  const subject = { personId: null, expectedDate: null, address: null, postcode: null, familyName: surname }
  const input: RequestInput = {
    kind: 'request',
    wayInTool: null,
    familyId: null,
    areaId,
    subjects: [
      { ...subject, givenName: 'Tegan', dateOfBirth: '1990-02-14', memberRole: 'parent' },
      { ...subject, givenName: 'Rowan', dateOfBirth: '2017-09-03', memberRole: 'child' },
    ],
    receivedOn: '2026-11-18',
    requesterKind: 'staff',
    requesterName: null,
    requesterAgency: 'School or college',
    requesterContact: null,
    urgency,
    concerns: [model.concernCategories[0]!.code, model.concernCategories[1]!.code],
    worries: `Rowan ${surname} is often late and hungry; the school worries about home.`,
    familyKnows: 'Tegan knows and agrees to the request.',
    consent: 'given',
    consentGivenBy: 'Tegan',
    safeguardingConcern: false,
    tried: null,
    withWhom: null,
    agreed: null,
    conversationOutcome: null,
    socialCareReference: null,
    handoverSummary: null,
  }
  const requestId = await t.services.requests.submit(ctx, input)
  await t.services.requests.link(ctx, requestId, await versionOf(requestId), {
    people: { 0: 'new', 1: 'new' },
    familyId: 'new',
  })
  const toPanel = model.frontDoor.outcomes.find(outcome => outcome.route === 'panel')!
  await t.services.requests.decide(ctx, requestId, await versionOf(requestId), {
    outcome: toPanel.code,
    reason: 'Needs across school and home: for the multi-agency meeting.',
    signpostTo: null,
    areaId,
    teamId: null,
    levelOfNeed: null,
    socialCareTeam: null,
  })
  return requestId
}

const requestRow = (requestId: string) =>
  db().selectFrom('support_request').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow()
const versionOf = async (requestId: string) => (await requestRow(requestId)).version

const decisionsOn = (requestId: string) =>
  db().selectFrom('panel_decision').selectAll().where('request_id', '=', requestId).execute()

async function meetingOn(authorityId: string, areaId: string, meetsOn: string) {
  return db()
    .selectFrom('panel_meeting')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('area_id', '=', areaId)
    .where('meets_on', '=', meetsOn)
    .orderBy('created_at')
    .executeTakeFirstOrThrow()
}

/** Text as the page's autoescaping writes it. */
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/** A user signed in now: a fresh session, so moving the clock never leaves a test with an idle one. */
const as = (role: string, slug: AuthoritySlug = 'derby'): Promise<Agent> => signedIn(t.app, demoEmail(role, slug))

const dateBoxes = (name: string, date: string) => {
  const [year, month, day] = date.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! }
}

/** The GOV.UK error summary at the top of a page. */
function errorSummary(body: string) {
  const summary = body.slice(body.indexOf('govuk-error-summary'))
  return summary.slice(0, summary.indexOf('</ul>'))
}

describe('the list of meetings', () => {
  it('shows a chair the weekly meetings of their locality, in Derby’s words', async () => {
    t.clock.set(TEST_START)
    const chair = await as('panel_chair')
    const page = await chair.get('/panels')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`<title>${html("Vulnerable Children's Meetings")}`)
    expect(page.body).toContain(html("Each locality holds its own Vulnerable Children's Meeting, once a week."))
    expect(page.body).toContain('href="/panels/new"')
    const table = page.body.slice(page.body.indexOf('data-testid="meetings"'))
    expect(table).toContain(chairArea.name)
    expect(table).not.toContain(otherArea.name)
    // A chair with a locality has nothing to filter.
    expect(page.body).not.toContain('name="areaId"')
    expect(table).toContain('23 November 2026')
    expect(table).toContain('govuk-tag--blue">\n  Scheduled')
  })

  it('lets the front door see every locality’s meetings and filter them, but not schedule', async () => {
    const frontDoor = await as('front_door')
    const all = await frontDoor.get('/panels')
    expect(all.statusCode).toBe(200)
    expect(all.body).toContain('name="areaId"')
    expect(all.body).not.toContain('href="/panels/new"')
    const table = all.body.slice(all.body.indexOf('data-testid="meetings"'))
    expect(table).toContain(chairArea.name)
    expect(table).toContain(otherArea.name)

    const filtered = await frontDoor.get(`/panels?areaId=${otherArea.area_id}`)
    const filteredTable = filtered.body.slice(filtered.body.indexOf('data-testid="meetings"'))
    expect(filteredTable).toContain(otherArea.name)
    expect(filteredTable).not.toContain(`<td class="govuk-table__cell">${chairArea.name}</td>`)

    expect((await frontDoor.get('/panels/new')).statusCode).toBe(403)
  })

  it('is refused to a practitioner and a partner', async () => {
    for (const role of ['practitioner', 'partner']) {
      const agent = await as(role)
      expect((await agent.get('/panels')).statusCode, role).toBe(403)
    }
  })
})

describe('scheduling meetings', () => {
  it('schedules a run of weekly meetings, 7 days apart (000: "on a weekly basis, at a set day and time")', async () => {
    t.clock.set(TEST_START)
    const chair = await as('panel_chair')
    const form = await chair.get('/panels/new')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('one a week, from the date of the first')
    // The chair's own locality is chosen for them.
    expect(form.body).toContain(`value="${chairArea.area_id}" selected`)

    const response = await chair.post('/panels', {
      areaId: chairArea.area_id,
      ...dateBoxes('firstDate', '2027-01-06'),
      startsAt: '14:00',
      venue: 'Council House, room 3',
      count: '4',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/panels?areaId=${chairArea.area_id}&scheduled=4`)

    const created = await db()
      .selectFrom('panel_meeting')
      .selectAll()
      .where('area_id', '=', chairArea.area_id)
      .where('venue', '=', 'Council House, room 3')
      .orderBy('meets_on')
      .execute()
    expect(created.map(meeting => meeting.meets_on)).toEqual(['2027-01-06', '2027-01-13', '2027-01-20', '2027-01-27'])
    expect(created.every(meeting => meeting.starts_at === '14:00' && meeting.status === 'scheduled')).toBe(true)
    expect(created[0]!.chair_user_id).toBe(derby.user(demoEmail('panel_chair', 'derby')).user_id)

    const list = await chair.get(response.headers.location as string)
    expect(list.body).toContain(html("4 Vulnerable Children's Meetings scheduled."))
    for (const day of ['6 January 2027', '13 January 2027', '20 January 2027', '27 January 2027'])
      expect(list.body).toContain(day)
    expect(list.body).not.toContain('3 February 2027')
  })

  it('refuses a schedule with no locality, a date in the past and the time "9", keeping what was typed', async () => {
    t.clock.set(TEST_START)
    const chair = await as('panel_chair')
    const before = await db().selectFrom('panel_meeting').select(db().fn.countAll<number>().as('n')).executeTakeFirst()
    await chair.get('/panels/new')
    const response = await chair.post('/panels', {
      areaId: '',
      ...dateBoxes('firstDate', '2026-11-02'),
      startsAt: '9',
      venue: 'Room 4',
      count: '4',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Schedule')
    const summary = errorSummary(response.body)
    expect(summary).toContain('Select the locality')
    expect(summary).toContain('The first meeting must be today or later')
    expect(summary).toContain('Enter the time the meeting starts, like 09:30 or 14:00')
    // In the order of the form.
    expect(summary.indexOf('Select the locality')).toBeLessThan(summary.indexOf('The first meeting'))
    expect(summary.indexOf('The first meeting')).toBeLessThan(summary.indexOf('Enter the time'))
    expect(summary).toContain('href="#firstDate-day"')
    expect(response.body).toMatch(/name="startsAt" [^>]*value="9"/)
    expect(response.body).toContain('value="Room 4"')
    expect(response.body).toMatch(/name="firstDate-day" [^>]*value="2"/)
    expect(response.body).toMatch(/name="count" [^>]*value="4"/)
    const after = await db().selectFrom('panel_meeting').select(db().fn.countAll<number>().as('n')).executeTakeFirst()
    expect(Number(after!.n)).toBe(Number(before!.n))
  })

  it('says what is wrong with a date that is not a real date, with the other problems', async () => {
    const chair = await as('panel_chair')
    await chair.get('/panels/new')
    const response = await chair.post('/panels', {
      areaId: chairArea.area_id,
      'firstDate-day': '31',
      'firstDate-month': '2',
      'firstDate-year': '2027',
      startsAt: '25:00',
      venue: '',
      count: '',
    })
    expect(response.statusCode).toBe(400)
    const summary = errorSummary(response.body)
    expect(summary).toContain('Date of the first meeting must be a real date')
    expect(summary).toContain('Enter the time the meeting starts')
    expect(summary).toContain('Enter how many meetings to schedule')
  })
})

describe('a meeting and its agenda', () => {
  it('shows the families sent to the meeting’s locality, and not one sent to another locality', async () => {
    t.clock.set(TEST_START)
    const { model } = await t.services.practiceModels.get(derby.authority.authority_id)
    const meeting = await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)
    const chair = await as('panel_chair')
    const page = await chair.get(`/panels/${meeting.meeting_id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(
      `<title>${html("Vulnerable Children's Meeting")} – ${chairArea.name} – 23 November 2026`,
    )
    const agenda = page.body.slice(page.body.indexOf('data-testid="agenda"'))
    expect(agenda).toContain('Quillfeather family')
    expect(agenda).toContain('Tegan Quillfeather, Rowan Quillfeather')
    expect(agenda).toContain(html(model.concernCategories[0]!.label))
    expect(agenda).toContain(html(model.concernCategories[1]!.label))
    expect(agenda).toContain('Rowan Quillfeather is often late and hungry')
    expect(agenda).toContain('School or college, on 18 November 2026')
    expect(agenda).toMatch(/govuk-tag--orange">\s*Urgent/)
    expect(agenda).toContain(`/panels/${meeting.meeting_id}/requests/${routedHere}/decision`)
    expect(page.body).not.toContain('Marchbank')
    expect(page.body).toContain(`href="/panels/${meeting.meeting_id}/attendees"`)
    expect(page.body).toContain(`href="/panels/${meeting.meeting_id}/print"`)

    // The other locality's meeting has the other family; the front door reads it but does not run it.
    const elsewhere = await meetingOn(derby.authority.authority_id, otherArea.area_id, MEETING_DAY)
    const frontDoor = await as('front_door')
    const other = await frontDoor.get(`/panels/${elsewhere.meeting_id}`)
    expect(other.statusCode).toBe(200)
    expect(other.body).toContain('Marchbank family')
    expect(other.body).not.toContain('Quillfeather')
    expect(other.body).not.toContain('/decision"')
    expect(other.body).not.toContain('/attendees"')
    // A family not on a meeting's agenda has no decision page there.
    expect((await chair.get(`/panels/${meeting.meeting_id}/requests/${routedElsewhere}/decision`)).statusCode).toBe(404)
  })

  it('is refused to a practitioner, a partner and a chair of another locality; another authority’s is not found', async () => {
    const meeting = await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)
    for (const role of ['practitioner', 'partner']) {
      const refused = await (await as(role)).get(`/panels/${meeting.meeting_id}`)
      expect(refused.statusCode, role).toBe(403)
      expect(refused.body, role).not.toContain('Quillfeather')
    }
    const chair = await as('panel_chair')
    const elsewhere = await meetingOn(derby.authority.authority_id, otherArea.area_id, MEETING_DAY)
    expect((await chair.get(`/panels/${elsewhere.meeting_id}`)).statusCode).toBe(403)
    const leedsMeeting = await db()
      .selectFrom('panel_meeting')
      .select('meeting_id')
      .where('authority_id', '=', leeds.authority.authority_id)
      .executeTakeFirstOrThrow()
    expect((await chair.get(`/panels/${leedsMeeting.meeting_id}`)).statusCode).toBe(404)
    expect((await chair.get(`/panels/${leedsMeeting.meeting_id}/print`)).statusCode).toBe(404)
    // The front door reads a meeting but does not run it: refused before its form is read.
    const frontDoor = await as('front_door')
    expect((await frontDoor.get(`/panels/${meeting.meeting_id}/attendees`)).statusCode).toBe(403)
    expect((await frontDoor.post(`/panels/${meeting.meeting_id}/minutes`, {})).statusCode).toBe(403)
    const logged = await db()
      .selectFrom('access_log')
      .select('action')
      .where('record_type', '=', 'panel_meeting')
      .where('record_id', '=', meeting.meeting_id)
      .where('action', '=', 'refused')
      .execute()
    expect(logged.length).toBeGreaterThanOrEqual(4)
  })
})

describe('the decision on a family', () => {
  const decision = (version: number, fields: Record<string, string> = {}) => ({
    version: String(version),
    decision: 'targeted-early-help',
    levelOfNeed: 'level-2',
    teamId: teamInArea.team_id,
    leadProfessionalUserId: '',
    signpostTo: '',
    socialCareTeam: '',
    rationale: 'Emerging needs at school and at home; Tegan wants help with routines. Targeted early help.',
    ...fields,
  })

  it('offers the model’s decisions and levels of need, saying when each field is needed', async () => {
    t.clock.set(TEST_START)
    const meeting = await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)
    const chair = await as('panel_chair')
    const form = await chair.get(`/panels/${meeting.meeting_id}/requests/${routedHere}/decision`)
    expect(form.statusCode).toBe(200)
    const { model } = await t.services.practiceModels.get(derby.authority.authority_id)
    for (const option of model.panel.decisions) expect(form.body).toContain(`value="${option.code}"`)
    for (const level of model.levelsOfNeed) expect(form.body).toContain(html(level.label))
    expect(form.body).toContain(`name="version" value="${await versionOf(routedHere)}"`)
    expect(form.body).toContain(`value="${teamInArea.team_id}"`)
    expect(form.body).toContain(
      '<label class="govuk-label govuk-label--s" for="leadProfessionalUserId">\n    Lead professional',
    )
    expect(form.body).toContain(html('Needed when the decision is ‘Partner-led Team Around the Family’'))
  })

  it('refuses a decision before the day of the meeting, saving nothing', async () => {
    t.clock.set(TEST_START)
    const nextWeek = await meetingOn(derby.authority.authority_id, chairArea.area_id, NEXT_WEEK)
    const chair = await as('panel_chair')
    // The meeting's page does not offer the form before the day.
    const page = await chair.get(`/panels/${nextWeek.meeting_id}`)
    expect(page.body).toContain('Quillfeather family')
    expect(page.body).toContain('Decisions are recorded on the day of the meeting.')
    expect(page.body).not.toContain(`/requests/${routedHere}/decision`)

    const url = `/panels/${nextWeek.meeting_id}/requests/${routedHere}/decision`
    await chair.get(url)
    const response = await chair.post(url, decision(await versionOf(routedHere)))
    expect(response.statusCode).toBe(400)
    expect(errorSummary(response.body)).toContain(
      html("The Vulnerable Children's Meeting has not met yet: decide on the day of the meeting"),
    )
    expect(await decisionsOn(routedHere)).toHaveLength(0)
    expect((await requestRow(routedHere)).status).toBe('at_panel')
  })

  it('refuses a decision without a rationale, keeping what was chosen and saving nothing', async () => {
    t.clock.set(TEST_START)
    const meeting = await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)
    const chair = await as('panel_chair')
    const url = `/panels/${meeting.meeting_id}/requests/${routedHere}/decision`
    await chair.get(url)
    const response = await chair.post(url, decision(await versionOf(routedHere), { rationale: '   ' }))
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Record the decision')
    expect(errorSummary(response.body)).toContain('Enter the rationale for the decision')
    expect(response.body).toContain('href="#rationale"')
    expect(response.body).toMatch(/value="targeted-early-help" checked/)
    expect(response.body).toMatch(/value="level-2" checked/)
    expect(response.body).toContain(`value="${teamInArea.team_id}" selected`)
    expect(await decisionsOn(routedHere)).toHaveLength(0)
    expect((await requestRow(routedHere)).status).toBe('at_panel')
  })

  it('records targeted early help at level 2 on the day of the meeting, which opens an episode', async () => {
    // The meeting day, after the meeting has started.
    t.clock.set(`${MEETING_DAY}T10:45:00Z`)
    const meeting = await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)
    const chair = await as('panel_chair')
    const url = `/panels/${meeting.meeting_id}/requests/${routedHere}/decision`
    await chair.get(url)
    const stale = (await versionOf(routedHere)) - 1
    const conflict = await chair.post(url, decision(stale))
    expect(conflict.statusCode).toBe(409)
    expect(conflict.body).toContain(`name="version" value="${await versionOf(routedHere)}"`)
    expect(await decisionsOn(routedHere)).toHaveLength(0)

    const response = await chair.post(url, decision(await versionOf(routedHere)))
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/panels/${meeting.meeting_id}?decided=1`)

    const [saved] = await decisionsOn(routedHere)
    expect(saved).toMatchObject({
      meeting_id: meeting.meeting_id,
      decision: 'targeted-early-help',
      action: 'allocate',
      level_of_need: 'level-2',
      team_id: teamInArea.team_id,
    })
    expect(saved!.episode_id).not.toBeNull()
    expect((await requestRow(routedHere)).status).toBe('episode_opened')
    const episode = await db()
      .selectFrom('episode')
      .selectAll()
      .where('episode_id', '=', saved!.episode_id!)
      .executeTakeFirstOrThrow()
    expect(episode).toMatchObject({ request_id: routedHere, level_of_need: 'level-2', team_id: teamInArea.team_id })

    const page = await chair.get(response.headers.location as string)
    expect(page.body).toContain('The decision has been recorded.')
    const card = page.body.slice(page.body.indexOf(`id="request-${routedHere}"`))
    expect(card).toContain(
      html('Targeted early help: allocate to the locality early help team and a lead professional'),
    )
    expect(card).toContain('Level 2: emerging needs (early help)')
    expect(card).toContain(teamInArea.name)
    expect(card).toContain('Emerging needs at school and at home')
    expect(card).toContain(`href="/episodes/${saved!.episode_id}"`)
    expect(card.slice(0, card.indexOf('</dl>'))).not.toContain('Record the decision')

    // Decided: the form is gone, and a second decision at the meeting is a conflict.
    const again = await chair.get(url)
    expect(again.statusCode).toBe(303)
    expect(again.headers.location).toBe(`/panels/${meeting.meeting_id}#request-${routedHere}`)
    expect((await chair.post(url, decision(await versionOf(routedHere)))).statusCode).toBe(409)
    expect(await decisionsOn(routedHere)).toHaveLength(1)
  })
})

describe('attendees and minutes', () => {
  const row = (index: number, name: string, agency: string, attendance: string) => ({
    [`attendees-${index}-name`]: name,
    [`attendees-${index}-agency`]: agency,
    [`attendees-${index}-attendance`]: attendance,
  })

  it('refuses minutes before anyone is recorded as attending, and before the meeting', async () => {
    t.clock.set(TEST_START)
    const meeting = await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)
    const chair = await as('panel_chair')
    const form = await chair.get(`/panels/${meeting.meeting_id}/minutes`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('No one is recorded as attending yet.')
    const response = await chair.post(`/panels/${meeting.meeting_id}/minutes`, {
      version: String(meeting.version),
      minutes: 'Two families discussed.',
    })
    expect(response.statusCode).toBe(400)
    expect(errorSummary(response.body)).toContain('Record who attended before the minutes')
    expect(response.body).toContain('Two families discussed.')

    const nextWeek = await meetingOn(derby.authority.authority_id, chairArea.area_id, NEXT_WEEK)
    const early = await chair.post(`/panels/${nextWeek.meeting_id}/minutes`, {
      version: String(nextWeek.version),
      minutes: 'Written too soon.',
    })
    expect(early.statusCode).toBe(400)
    expect(errorSummary(early.body)).toContain('The meeting has not happened yet')
    expect((await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)).status).toBe('scheduled')
  })

  it('records attendees (blank rows ignored, a half-filled row refused), then minutes, and the meeting is held', async () => {
    t.clock.set(`${MEETING_DAY}T12:00:00Z`)
    const meeting = await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)
    const chair = await as('panel_chair')
    const attendeesUrl = `/panels/${meeting.meeting_id}/attendees`
    const form = await chair.get(attendeesUrl)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('name="attendees-11-name"')
    expect(form.body).not.toContain('name="attendees-12-name"')

    const people = {
      ...row(0, 'Ruth Beeston', 'Early help (chair)', 'attended'),
      ...row(2, 'Priya Natt', 'Health visiting', 'apologies'),
      ...row(3, 'Sam Okoro', '', 'attended'),
    }
    const halfFilled = await chair.post(attendeesUrl, { version: String(meeting.version), ...people })
    expect(halfFilled.statusCode).toBe(400)
    expect(errorSummary(halfFilled.body)).toContain('Enter the agency of attendee 4')
    expect(halfFilled.body).toContain('href="#attendees-3-agency"')
    expect(halfFilled.body).toContain('value="Priya Natt"')

    const saved = await chair.post(attendeesUrl, {
      version: String(meeting.version),
      ...people,
      ...row(3, 'Sam Okoro', 'Police', 'attended'),
    })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(`/panels/${meeting.meeting_id}?attendees=1`)
    const page = await chair.get(saved.headers.location as string)
    const attendees = page.body.slice(page.body.indexOf('data-testid="attendees"'))
    expect(attendees).toContain('Ruth Beeston')
    expect(attendees).toContain('Apologies')
    expect(attendees).toContain('Sam Okoro')
    const rows = await db()
      .selectFrom('panel_attendee')
      .selectAll()
      .where('meeting_id', '=', meeting.meeting_id)
      .orderBy('position')
      .execute()
    expect(rows.map(attendee => [attendee.name, attendee.attendance])).toEqual([
      ['Ruth Beeston', 'attended'],
      ['Priya Natt', 'apologies'],
      ['Sam Okoro', 'attended'],
    ])

    // The attendees form shows what is saved.
    expect((await chair.get(attendeesUrl)).body).toMatch(/name="attendees-2-name" [^>]*value="Sam Okoro"/)

    const minutesUrl = `/panels/${meeting.meeting_id}/minutes`
    const version = (await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)).version
    await chair.get(minutesUrl)
    const stale = await chair.post(minutesUrl, { version: String(version - 1), minutes: 'An older draft.' })
    expect(stale.statusCode).toBe(409)
    const minuted = await chair.post(minutesUrl, {
      version: String(version),
      minutes: 'Quillfeather family: targeted early help agreed.\nThe waiting family to come back next week.',
    })
    expect(minuted.statusCode).toBe(303)
    expect(minuted.headers.location).toBe(`/panels/${meeting.meeting_id}?minuted=1`)
    const held = await chair.get(minuted.headers.location as string)
    expect(held.body).toContain('The minutes have been recorded and the meeting is marked as held.')
    expect(held.body).toMatch(/govuk-tag--green">\s*Held/)
    expect(held.body).toContain('Quillfeather family: targeted early help agreed.<br />')
    expect((await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)).status).toBe('held')
  })

  it('prints the agenda and minutes with the decisions and their rationale', async () => {
    t.clock.set(`${MEETING_DAY}T12:00:00Z`)
    const meeting = await meetingOn(derby.authority.authority_id, chairArea.area_id, MEETING_DAY)
    const frontDoor = await as('front_door')
    const print = await frontDoor.get(`/panels/${meeting.meeting_id}/print`)
    expect(print.statusCode).toBe(200)
    expect(print.body).toContain('OFFICIAL-SENSITIVE')
    expect(print.body).toContain(html("Vulnerable Children's Meeting: agenda and minutes"))
    expect(print.body).toContain('Ruth Beeston')
    const item = print.body.slice(print.body.indexOf('Quillfeather family'))
    expect(item).toContain(
      html('Targeted early help: allocate to the locality early help team and a lead professional'),
    )
    expect(item).toContain('Level 2: emerging needs (early help)')
    expect(item).toContain('Emerging needs at school and at home')
    expect(print.body).toContain('Quillfeather family: targeted early help agreed.')
  })
})

describe('in Leeds', () => {
  it('speaks of guidance and support meetings and clusters, never of Vulnerable Children’s Meetings', async () => {
    t.clock.set(TEST_START)
    const chair = await as('panel_chair', 'leeds')
    const list = await chair.get('/panels')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('<title>Guidance and support meetings')
    expect(list.body).toContain('Each cluster holds its own guidance and support meeting, once a week.')
    const meeting = await meetingOn(
      leeds.authority.authority_id,
      leeds.user(demoEmail('panel_chair', 'leeds')).area_id!,
      MEETING_DAY,
    )
    const page = await chair.get(`/panels/${meeting.meeting_id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Guidance and support meeting')
    expect(page.body).toContain('cluster')
    expect(page.body).not.toContain('Vulnerable Children')
    expect(page.body).not.toContain('locality')

    const form = await chair.get('/panels/new')
    expect(form.body).toContain('Select')
    expect(form.body).toContain('>\n    Cluster\n')
    expect(form.body).not.toContain('Vulnerable Children')
  })
})
