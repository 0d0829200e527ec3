import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { apiTokenFor, demoRecords, frontDoorRecords } from '../../../test/fixtures.js'
import { presets } from '../../practice-models/presets/index.js'

// The case page (issue 8): where the case is in the pathway and what is due next, from the records alone.
// 001_cfe3ebe7e928b659.txt §4: a TAF meeting "within 6 weeks of allocation"; the agreement and "an initial
// progression of change tool … before the first TAF meeting"; "TAF review meetings must be held on a regular basis,
// i.e. no longer than 12 weeks". Issue 5 acceptance 3: changing Derby's TAF review interval to 10 weeks moves the
// due date of the next review. Issue 8 acceptance 4: a partner lead professional works that family's case, and only it.

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let episodeId: string
let familyId: string
let members: { person_id: string; given_name: string }[]

const db = () => t.testDatabase.database.db
const version = async (table: 'episode' | 'taf_meeting', column: 'episode_id' | 'taf_meeting_id', id: string) =>
  (
    await db()
      .selectFrom(table)
      .select('version')
      .where(column as never, '=', id as never)
      .executeTakeFirstOrThrow()
  ).version

/** The practitioner on a given day (sessions last a day at most, so sign in again as the clock moves). */
const on = async (day: string, role = 'practitioner') => {
  t.clock.set(`${day}T10:00:00Z`)
  return signedIn(t.app, demoEmail(role, 'derby'))
}
const api = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })

/** The text of the task list's row for a step, whitespace collapsed. */
function step(body: string, title: string): string {
  const items = body.split('govuk-task-list__item').slice(1)
  const item = items.find(each => each.includes(title))
  expect(item, `no step called ${title}`).toBeDefined()
  return item!
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
const dueNext = (body: string) =>
  /data-testid="due-next">([\s\S]*?)<\/(ul|p)>/
    .exec(body)![1]!
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  members = await db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', 'p.person_id', 'm.person_id')
    .select(['p.person_id', 'p.given_name'])
    .where('m.family_id', '=', familyId)
    .where('m.left_on', 'is', null)
    .where('m.role', 'in', ['parent', 'carer'])
    .execute()
})
afterAll(() => t.close())

describe('the case page’s pathway and what is due next', () => {
  it('before allocation: only the allocation can be done', async () => {
    const manager = await on('2026-11-23', 'team_manager')
    const page = await manager.get(`/episodes/${episodeId}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Where the case is')
    expect(step(page.body, 'Worker allocated')).toContain('To do')
    expect(step(page.body, 'Initial TAF meeting')).toContain('Cannot start yet')
    expect(dueNext(page.body)).toBe('Nothing has a date yet.')
  })

  it('after allocation on 23 November 2026: the initial TAF is due by 4 January 2027 (6 weeks)', async () => {
    const manager = await on('2026-11-23', 'team_manager')
    const allocated = await manager.post(
      `/episodes/${episodeId}/allocate`,
      {
        version: String(await version('episode', 'episode_id', episodeId)),
        workerUserId: derby.user(demoEmail('practitioner', 'derby')).user_id,
        // The school's partner practitioner leads the Team Around the Family (001 §4: "The Lead Professional (LP)
        // in such cases may not necessarily be the Early Help worker").
        leadProfessionalUserId: derby.user(demoEmail('partner', 'derby')).user_id,
        'allocatedOn-day': '23',
        'allocatedOn-month': '11',
        'allocatedOn-year': '2026',
        reason: '',
      },
      { from: `/episodes/${episodeId}/allocate` },
    )
    expect(allocated.statusCode, allocated.body).toBe(303)
    const practitioner = await on('2026-11-23')
    const page = await practitioner.get(`/episodes/${episodeId}`)
    expect(step(page.body, 'Worker allocated')).toContain('Completed')
    expect(step(page.body, 'Early help agreement')).toContain('To do')
    expect(step(page.body, 'Initial TAF meeting')).toContain('due by 4 January 2027')
    expect(step(page.body, 'Initial TAF meeting')).toContain('To do')
    expect(dueNext(page.body)).toContain('Initial TAF meeting by 4 January 2027')
  })

  it('is due soon in the last week, and overdue on day 43 with no initial TAF', async () => {
    const dueSoon = await (await on('2026-12-30')).get(`/episodes/${episodeId}`)
    expect(step(dueSoon.body, 'Initial TAF meeting')).toContain('Due soon')
    const onTheDay = await (await on('2027-01-04')).get(`/episodes/${episodeId}`)
    expect(step(onTheDay.body, 'Initial TAF meeting')).toContain('Due soon')
    const day43 = await (await on('2027-01-05')).get(`/episodes/${episodeId}`)
    expect(step(day43.body, 'Initial TAF meeting')).toContain('Overdue')
    expect(dueNext(day43.body)).toContain('Initial TAF meeting Overdue was due by 4 January 2027')
  })

  it('once the agreement, the baseline tool and the initial TAF are in place, the first review is due 12 weeks on', async () => {
    const practitioner = await on('2027-01-05')
    const agreed = await practitioner.post(
      `/episodes/${episodeId}/agreement`,
      {
        personIds: members.map(member => member.person_id),
        signedHow: 'on paper',
        'agreedOn-day': '4',
        'agreedOn-month': '1',
        'agreedOn-year': '2027',
        notes: '',
      },
      { from: `/episodes/${episodeId}/agreement` },
    )
    expect(agreed.statusCode, agreed.body).toBe(303)
    const { token } = await apiTokenFor(t, demoEmail('practitioner', 'derby'))
    const tool = await api(token, 'POST', `/api/v1/episodes/${episodeId}/spider-graphs`, {
      stage: 'baseline',
      completedOn: '2027-01-04',
      completedWith: 'Both parents',
      summary: 'Routines and school attendance lowest.',
      scores: Object.fromEntries(presets.derby.spiderGraphDomains.map(domain => [domain.code, { worker: 4 }])),
    })
    expect(tool.statusCode, tool.body).toBeLessThan(300)
    const planned = await api(token, 'POST', `/api/v1/episodes/${episodeId}/taf-meetings`, {
      kind: 'initial',
      plannedOn: '2027-01-05',
      venue: 'Parkside Primary School',
      personIds: members.map(member => member.person_id),
    })
    expect(planned.statusCode, planned.body).toBeLessThan(300)
    const meeting = JSON.parse(planned.body) as { tafMeetingId: string; attendees?: { position: number }[] }
    const shown = JSON.parse(
      (await api(token, 'GET', `/api/v1/episodes/${episodeId}/taf-meetings/${meeting.tafMeetingId}`)).body,
    ) as { attendees: { position: number }[]; version: number }
    const held = await api(token, 'POST', `/api/v1/episodes/${episodeId}/taf-meetings/${meeting.tafMeetingId}/held`, {
      version: shown.version,
      heldOn: '2027-01-05',
      attendance: shown.attendees.map(attendee => ({ position: attendee.position, attendance: 'attended' })),
      minutes: 'Agreed the plan: attendance, a food bank referral and a bedtime routine.',
    })
    expect(held.statusCode, held.body).toBeLessThan(300)

    const page = await practitioner.get(`/episodes/${episodeId}`)
    expect(step(page.body, 'Early help agreement')).toContain('Completed')
    expect(step(page.body, 'Baseline progression of change tool')).toContain('Completed')
    expect(step(page.body, 'Initial TAF meeting')).toContain('Completed')
    // 5 January 2027 + 12 weeks.
    expect(step(page.body, 'TAF reviews')).toContain('due by 30 March 2027')
    expect(dueNext(page.body)).toContain('TAF reviews by 30 March 2027')
    expect(page.body).toContain('Initial TAF meeting')
    // The timeline shows what happened, newest first.
    expect(page.body).toContain('moj-timeline')
    expect(page.body).toMatch(/Early help agreement signed by/)
  })

  it('moves the next review to 10 weeks when Derby’s administrator changes the interval (issue 5 acceptance 3)', async () => {
    t.clock.set('2027-01-20T10:00:00Z')
    const admin = await signedIn(t.app, demoEmail('admin', 'derby'))
    const { version: modelVersion, model } = await t.services.practiceModels.get(derby.authority.authority_id)
    const changed = await admin.post(
      '/admin/practice-model/timescales',
      {
        version: String(modelVersion),
        ...Object.fromEntries(Object.entries(model.timescales).map(([key, rule]) => [key, String(rule.value)])),
        tafReviewInterval: '10',
      },
      { from: '/admin/practice-model/timescales' },
    )
    expect(changed.statusCode, changed.body).toBe(303)
    const page = await (await on('2027-01-20')).get(`/episodes/${episodeId}`)
    // 5 January 2027 + 10 weeks: the review not yet due moves; the initial meeting already held does not.
    expect(step(page.body, 'TAF reviews')).toContain('due by 16 March 2027')
    expect(step(page.body, 'Initial TAF meeting')).toContain('Completed')
    const history = await admin.get('/admin/practice-model')
    expect(history.body).toContain('timescales.tafReviewInterval.value')
  })
})

describe('a partner practitioner named lead professional (issue 8 acceptance 4)', () => {
  let otherEpisodeId: string

  beforeAll(async () => {
    // Another Derby family of the same team with an episode of its own, opened through the episode service.
    const other = derby.families.find(
      family => family.team_id === derby.partnerFamily.team_id && family.family_id !== familyId,
    )!
    const manager = derby.user(demoEmail('team_manager', 'derby'))
    const ctx = {
      actor: {
        userId: manager.user_id,
        authorityId: derby.authority.authority_id,
        role: manager.role,
        teamId: manager.team_id,
        areaId: manager.area_id,
      },
      ip: null,
      requestId: null,
      route: null,
    }
    otherEpisodeId = await db()
      .transaction()
      .execute(trx =>
        t.services.episodes.open(trx, ctx, {
          familyId: other.family_id,
          teamId: other.team_id,
          leadProfessionalUserId: null,
          service: null,
          levelOfNeed: 'level-2',
          requestId: null,
          childIds: [],
          openedOn: '2027-01-20',
          summary: 'Opened for the test',
        }),
      )
  })

  it('sees and works the family’s case by page and API', async () => {
    const partner = await on('2027-01-20', 'partner')
    const page = await partner.get(`/episodes/${episodeId}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Where the case is')
    const session = await partner.get(`/episodes/${episodeId}/sessions/new`)
    expect(session.statusCode).toBe(200)
    const { token } = await apiTokenFor(t, demoEmail('partner', 'derby'))
    const recorded = await api(token, 'POST', `/api/v1/episodes/${episodeId}/sessions`, {
      heldOn: '2027-01-20',
      kind: 'school',
      personIds: [members[0]!.person_id],
      seenAloneIds: [],
      outcomeKeys: [],
      purpose: 'To check how the morning routine is going, from the plan’s attendance goal.',
      action: 'Met with the parent at the school gate and went through the week’s attendance.',
      reflection: 'The parent said mornings are easier with the new alarm clock.',
      analysis: 'Attendance is rising: keep the routine and review at the TAF.',
    })
    expect(recorded.statusCode, recorded.body).toBe(201)
  })

  it('reaches nothing of another family’s case, by page or API', async () => {
    const partner: Agent = await on('2027-01-20', 'partner')
    for (const path of ['', '/sessions', '/sessions/new', '/plan', '/taf-meetings', '/assessments']) {
      const response = await partner.get(`/episodes/${otherEpisodeId}${path}`)
      expect([403, 404], `GET /episodes/…${path}`).toContain(response.statusCode)
    }
    const { token } = await apiTokenFor(t, demoEmail('partner', 'derby'))
    for (const path of ['/sessions', '/plan', '/taf-meetings', '/assessments', '/tools']) {
      const response = await api(token, 'GET', `/api/v1/episodes/${otherEpisodeId}${path}`)
      expect([403, 404], `GET /api/v1/episodes/…${path}`).toContain(response.statusCode)
    }
    const families = await partner.get('/families')
    expect(families.body).not.toContain(
      derby.families.find(family => family.team_id === derby.partnerFamily.team_id && family.family_id !== familyId)!
        .name,
    )
  })
})
