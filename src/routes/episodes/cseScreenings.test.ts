import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { apiTokenFor, demoRecords, frontDoorRecords, allocateToPractitioner } from '../../../test/fixtures.js'
import { presets } from '../../practice-models/presets/index.js'

// CSE screening (issue 9 acceptance 4: "A high CSE screening blocks recording the next TAF until a safeguarding action
// is recorded"). 000_d6fbec82994b68a9.txt: "all cases referred for children over the age of 10 are screened for any
// Child Sexual Exploitation (CSE) risks using the CSE Risk Assessment Toolkit and take any subsequent actions following
// the Derby Safeguarding Children's Board CSE/CRE procedures". 003_e9f5ab6753ae1fa9.txt action 1.3: "ensure
// safeguarding procedures are being followed by dip sampling cases where medium or high risk CSE"; §2 counts "cases
// screened that were judged either medium or high risk of CSE 37 (20.3%)".

let t: TestApp
let episodeId: string
let familyId: string
let token: string
let parents: { person_id: string }[]
let child: { person_id: string; given_name: string; family_name: string }

const db = () => t.testDatabase.database.db
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const on = async (day: string, role = 'practitioner') => {
  t.clock.set(`${day}T10:00:00Z`)
  return signedIn(t.app, demoEmail(role, 'derby'))
}
const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })
const screeningCount = async () =>
  Number(
    (
      await db()
        .selectFrom('cse_screening as s')
        .innerJoin('progression_tool_record as r', 'r.tool_record_id', 's.tool_record_id')
        .select(eb => eb.fn.countAll<string>().as('n'))
        .where('r.episode_id', '=', episodeId)
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  t = await buildTestApp()
  const derby = await demoRecords(db(), 'derby')
  familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  await allocateToPractitioner(t, episodeId, '2026-11-23')
  parents = await db()
    .selectFrom('family_member')
    .select('person_id')
    .where('family_id', '=', familyId)
    .where('left_on', 'is', null)
    .where('role', 'in', ['parent', 'carer'])
    .execute()
  child = await db()
    .selectFrom('episode_child as c')
    .innerJoin('person as p', 'p.person_id', 'c.person_id')
    .select(['p.person_id', 'p.given_name', 'p.family_name'])
    .where('c.episode_id', '=', episodeId)
    .orderBy('p.date_of_birth')
    .executeTakeFirstOrThrow()
  token = (await apiTokenFor(t, demoEmail('practitioner', 'derby'))).token
})
afterAll(() => t.close())

const screeningForm = (extra: Record<string, string | string[]> = {}) => ({
  personId: child.person_id,
  'screenedOn-day': '1',
  'screenedOn-month': '12',
  'screenedOn-year': '2026',
  completedWith: `${child.given_name}, with her mum`,
  indicators: ['missing', 'older-partner'],
  riskLevel: 'high',
  actions: 'Discussed with the team manager; a strategy discussion requested under the CSE procedures.',
  summary: '',
  ...extra,
})

describe('recording a CSE screening', () => {
  it('refuses an incomplete screening, and a medium or high risk without its actions, writing nothing', async () => {
    const practitioner = await on('2026-12-01')
    const form = await practitioner.get(`/episodes/${episodeId}/cse-screening/new`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Going missing from home, care or school')
    const empty = await practitioner.post(`/episodes/${episodeId}/cse-screening`, {})
    expect(empty.statusCode).toBe(400)
    for (const message of [
      'Select the child who was screened',
      'Enter the date of the screening',
      'Enter who in the family took part',
      'Select the level of risk',
    ])
      expect(empty.body).toContain(message)
    const noActions = await practitioner.post(`/episodes/${episodeId}/cse-screening`, screeningForm({ actions: '' }))
    expect(noActions.statusCode).toBe(400)
    expect(noActions.body).toContain('Enter the actions taken or planned for a high risk')
    // What was typed is kept: the ticked indicators stay ticked.
    expect(noActions.body).toMatch(/value="older-partner" checked/)
    expect(await screeningCount()).toBe(0)
  })

  it('records a high risk, which the case page and the screening page flag as waiting for a safeguarding action', async () => {
    const practitioner = await on('2026-12-01')
    const recorded = await practitioner.post(`/episodes/${episodeId}/cse-screening`, screeningForm())
    expect(recorded.statusCode, recorded.body).toBe(303)
    expect(recorded.headers.location).toBe(`/episodes/${episodeId}/cse-screening?recorded=1`)
    const page = words((await practitioner.get(`/episodes/${episodeId}/cse-screening?recorded=1`)).body)
    expect(page).toContain('The CSE screening has been recorded.')
    expect(page).toContain(`${child.given_name} ${child.family_name}: high risk found on 1 December 2026`)
    expect(page).toContain('Going missing from home, care or school; A relationship with someone much older')
    const casePage = words((await practitioner.get(`/episodes/${episodeId}`)).body)
    expect(casePage).toContain(
      `A safeguarding action is needed: ${child.given_name} ${child.family_name}’s CSE screening on 1 December 2026 found a high risk`,
    )
    const chronology = await db()
      .selectFrom('chronology_entry')
      .select(['summary', 'category'])
      .where('family_id', '=', familyId)
      .execute()
    expect(chronology).toContainEqual({
      summary: `${presets.derby.progressionTools.find(tool => tool.instrument === 'cse-screening')!.label} of ${child.given_name} ${child.family_name}: high risk`,
      category: 'Safeguarding',
    })
  })

  it('blocks recording the TAF meeting as held until the safeguarding action is recorded (acceptance 4)', async () => {
    const practitioner = await on('2026-12-08')
    // Everything else the initial meeting needs is in place: the agreement and the baseline spider graph.
    const agreed = await practitioner.post(
      `/episodes/${episodeId}/agreement`,
      {
        personIds: parents.map(parent => parent.person_id),
        signedHow: 'on paper',
        'agreedOn-day': '2',
        'agreedOn-month': '12',
        'agreedOn-year': '2026',
        notes: '',
      },
      { from: `/episodes/${episodeId}/agreement` },
    )
    expect(agreed.statusCode, agreed.body).toBe(303)
    const baseline = await api('POST', `/api/v1/episodes/${episodeId}/spider-graphs`, {
      stage: 'baseline',
      completedOn: '2026-12-02',
      completedWith: 'Both parents',
      scores: Object.fromEntries(presets.derby.spiderGraphDomains.map(domain => [domain.code, { worker: 4 }])),
    })
    expect(baseline.statusCode, baseline.body).toBe(201)
    const planned = await api('POST', `/api/v1/episodes/${episodeId}/taf-meetings`, {
      kind: 'initial',
      plannedOn: '2026-12-08',
      venue: 'Parkside Primary School',
      personIds: parents.map(parent => parent.person_id),
    })
    expect(planned.statusCode, planned.body).toBe(201)
    const { tafMeetingId } = planned.json() as { tafMeetingId: string }
    const meetingUrl = `/api/v1/episodes/${episodeId}/taf-meetings/${tafMeetingId}`
    const hold = async () => {
      const shown = (await api('GET', meetingUrl)).json() as { attendees: { position: number }[]; version: number }
      return api('POST', `${meetingUrl}/held`, {
        version: shown.version,
        heldOn: '2026-12-08',
        attendance: shown.attendees.map(attendee => ({ position: attendee.position, attendance: 'attended' })),
        minutes: 'Agreed the plan with the family.',
      })
    }

    const refused = await hold()
    expect(refused.statusCode).toBe(400)
    expect(refused.json().errors).toEqual([
      {
        field: 'safeguarding',
        message: `${child.given_name} ${child.family_name}’s CSE screening on 1 December 2026 found a high risk: record the safeguarding action taken first`,
      },
    ])
    const meetingPage = words((await practitioner.get(`/episodes/${episodeId}/taf-meetings/${tafMeetingId}/held`)).body)
    expect(meetingPage).toContain('Safeguarding first')
    // No manager can let it go ahead: the override is for the agreement and the baseline tool only.
    const manager = await on('2026-12-08', 'team_manager')
    expect(words((await manager.get(`/episodes/${episodeId}/taf-meetings/${tafMeetingId}`)).body)).not.toContain(
      'Let it go ahead without them',
    )

    const screening = await db()
      .selectFrom('cse_screening')
      .select('tool_record_id')
      .where('person_id', '=', child.person_id)
      .executeTakeFirstOrThrow()
    const actionUrl = `/episodes/${episodeId}/cse-screening/${screening.tool_record_id}/safeguarding-action`
    const practitionerAgain = await on('2026-12-08')
    const incomplete = await practitionerAgain.post(actionUrl, {
      'takenOn-day': '30',
      'takenOn-month': '11',
      'takenOn-year': '2026',
    })
    expect(incomplete.statusCode).toBe(400)
    expect(incomplete.body).toContain('Select the safeguarding action taken')
    expect(incomplete.body).toContain('The date must be on or after the screening, 1 December 2026')
    expect(incomplete.body).toContain('Enter what was done, and by whom')
    const action = await practitionerAgain.post(actionUrl, {
      kind: 'strategy_discussion',
      'takenOn-day': '3',
      'takenOn-month': '12',
      'takenOn-year': '2026',
      detail: 'Strategy discussion with the CSE team and the police; a safety plan agreed with Ellie and her mum.',
    })
    expect(action.statusCode, action.body).toBe(303)
    const page = words((await practitionerAgain.get(`/episodes/${episodeId}/cse-screening?action=1`)).body)
    expect(page).toContain('The safeguarding action has been recorded.')
    expect(page).toContain('3 December 2026: Strategy discussion or CSE strategy meeting.')
    expect(page).not.toContain('A safeguarding action is needed')

    const held = await hold()
    expect(held.statusCode, held.body).toBe(200)
  })

  it('lists the screenings on /api/v1, and refuses a partner who does not lead the case', async () => {
    const list = await api('GET', `/api/v1/episodes/${episodeId}/cse-screenings`)
    expect(list.statusCode).toBe(200)
    expect(list.json().items).toEqual([
      expect.objectContaining({
        personId: child.person_id,
        riskLevel: 'high',
        indicators: ['missing', 'older-partner'],
        awaitingSafeguardingAction: false,
        safeguardingActions: [expect.objectContaining({ kind: 'strategy_discussion', takenOn: '2026-12-03' })],
      }),
    ])
    const medium = await api('POST', `/api/v1/episodes/${episodeId}/cse-screenings`, {
      personId: child.person_id,
      screenedOn: '2026-12-08',
      completedWith: 'Ellie',
      riskLevel: 'medium',
    })
    expect(medium.statusCode).toBe(400)
    expect(medium.json().errors).toEqual([
      { field: 'actions', message: 'Enter the actions taken or planned for a medium risk' },
    ])
    const partner = await on('2026-12-08', 'partner')
    const refused = await partner.post(`/episodes/${episodeId}/cse-screening`, screeningForm())
    expect(refused.statusCode).toBe(403)
    expect(refused.body).not.toContain(child.given_name)
  })
})
