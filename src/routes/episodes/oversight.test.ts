import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { demoRecords, frontDoorRecords } from '../../../test/fixtures.js'

// Management oversight of the case (issue 8). 003_e9f5ab6753ae1fa9.txt §5: "just over half of cases were rated as
// good for management oversight"; action plan 3.6: a case "had not had supervision in first 2 months of the case".
// 001_cfe3ebe7e928b659.txt §4: managers look at "The quality of the plan; Whether there is drift in the case".

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let episodeId: string
let familyId: string

const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  t.clock.set('2026-11-24T10:00:00Z')
  const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
  const version = (
    await db().selectFrom('episode').select('version').where('episode_id', '=', episodeId).executeTakeFirstOrThrow()
  ).version
  const allocated = await manager.post(
    `/episodes/${episodeId}/allocate`,
    {
      version: String(version),
      workerUserId: derby.user(demoEmail('practitioner', 'derby')).user_id,
      leadProfessionalUserId: '',
      'allocatedOn-day': '24',
      'allocatedOn-month': '11',
      'allocatedOn-year': '2026',
      reason: '',
    },
    { from: `/episodes/${episodeId}/allocate` },
  )
  if (allocated.statusCode !== 303) throw new Error(`Allocation failed: ${allocated.statusCode}`)
})
afterAll(() => t.close())

const countEntries = async () =>
  Number(
    (
      await db()
        .selectFrom('oversight_entry')
        .select(eb => eb.fn.countAll().as('n'))
        .where('episode_id', '=', episodeId)
        .executeTakeFirstOrThrow()
    ).n,
  )

const supervision = (overrides: Record<string, string> = {}) => ({
  'heldOn-day': '2',
  'heldOn-month': '12',
  'heldOn-year': '2026',
  kind: 'supervision',
  reflection: 'Attendance has not improved yet; the plan’s outcomes are not measurable enough. No drift so far.',
  decisions: 'Keep the case at this level. The initial meeting goes ahead on 4 January.',
  actions: 'Rewrite the attendance outcome with a target; invite the school nurse.',
  'byWhen-day': '16',
  'byWhen-month': '12',
  'byWhen-year': '2026',
  ...overrides,
})

describe('management oversight of the case', () => {
  it('warns when none has been recorded since allocation, and refuses the practitioner the form', async () => {
    t.clock.set('2026-12-02T10:00:00Z')
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const page = await practitioner.get(`/episodes/${episodeId}/oversight`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('No management oversight has been recorded since the case was allocated 8 days ago.')
    expect(page.body).toContain('govuk-warning-text')
    expect(page.body).not.toContain('Record management oversight')
    expect((await practitioner.get(`/episodes/${episodeId}/oversight/new`)).statusCode).toBe(403)
    const posted = await practitioner.post(`/episodes/${episodeId}/oversight`, supervision(), {
      from: `/episodes/${episodeId}/oversight`,
    })
    expect(posted.statusCode).toBe(403)
    expect(await countEntries()).toBe(0)
  })

  it('refuses an entry without reflection or decisions, with actions but no date, or a date in the future', async () => {
    t.clock.set('2026-12-02T10:00:00Z')
    const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    const empty = await manager.post(
      `/episodes/${episodeId}/oversight`,
      supervision({
        'heldOn-day': '3',
        kind: '',
        reflection: '',
        decisions: ' ',
        'byWhen-day': '',
        'byWhen-month': '',
        'byWhen-year': '',
      }),
      { from: `/episodes/${episodeId}/oversight/new` },
    )
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Error: Record management oversight')
    expect(empty.body).toContain('The date must be today or in the past')
    expect(empty.body).toContain('Select the kind of oversight')
    expect(empty.body).toContain('Enter your reflection on the case')
    expect(empty.body).toContain('Enter the decisions made')
    expect(empty.body).toContain('Enter the date the actions are to be done by')
    // What was typed is kept.
    expect(empty.body).toContain('Rewrite the attendance outcome with a target')

    const backwards = await manager.post(`/episodes/${episodeId}/oversight`, supervision({ 'byWhen-day': '1' }), {
      from: `/episodes/${episodeId}/oversight/new`,
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toContain('The date the actions are due by must be on or after the date of the oversight')

    const beforeOpened = await manager.post(
      `/episodes/${episodeId}/oversight`,
      supervision({ 'heldOn-year': '2025', 'byWhen-year': '2025' }),
      { from: `/episodes/${episodeId}/oversight/new` },
    )
    expect(beforeOpened.statusCode).toBe(400)
    expect(beforeOpened.body).toMatch(/The date must be on or after the episode opened, \d+ November 2026/)
    expect(await countEntries()).toBe(0)
  })

  it('lets the manager record supervision with decisions and actions, which the worker then reads', async () => {
    t.clock.set('2026-12-02T16:00:00Z')
    const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    const managerName = derby.user(demoEmail('team_manager', 'derby')).display_name
    const form = await manager.get(`/episodes/${episodeId}/oversight/new`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Case discussion')
    expect(form.body).toContain('id="heldOn-day"')
    expect(form.body).toContain('id="byWhen-day"')
    const recorded = await manager.post(`/episodes/${episodeId}/oversight`, supervision(), {
      from: `/episodes/${episodeId}/oversight/new`,
    })
    expect(recorded.statusCode, recorded.body).toBe(303)
    expect(recorded.headers.location).toBe(`/episodes/${episodeId}/oversight?recorded=1`)
    expect(await countEntries()).toBe(1)

    // Twelve days on, the worker opens the case's oversight.
    t.clock.set('2026-12-14T09:00:00Z')
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const page = await practitioner.get(`/episodes/${episodeId}/oversight`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Last management oversight: 2 December 2026 (12 days ago)')
    expect(page.body).not.toContain('govuk-warning-text')
    expect(page.body).toContain('2 December 2026: Supervision')
    expect(page.body).toContain('Keep the case at this level.')
    expect(page.body).toContain('Rewrite the attendance outcome with a target')
    expect(page.body).toContain('16 December 2026')
    expect(page.body).toContain(managerName)

    // A later case discussion comes first, and is what the "last oversight" line reads.
    const headOfService = await signedIn(t.app, demoEmail('head_of_service', 'derby'))
    const discussed = await headOfService.post(
      `/episodes/${episodeId}/oversight`,
      supervision({
        'heldOn-day': '14',
        kind: 'case discussion',
        decisions: 'Book a case clinic on parental engagement.',
        actions: '',
        'byWhen-day': '',
        'byWhen-month': '',
        'byWhen-year': '',
      }),
      { from: `/episodes/${episodeId}/oversight/new` },
    )
    expect(discussed.statusCode, discussed.body).toBe(303)
    const again = await practitioner.get(`/episodes/${episodeId}/oversight`)
    expect(again.body).toContain('Last management oversight: 14 December 2026 (today)')
    expect(again.body.indexOf('14 December 2026: Case discussion')).toBeLessThan(
      again.body.indexOf('2 December 2026: Supervision'),
    )

    const chronology = await practitioner.get(`/families/${familyId}/chronology`)
    expect(chronology.body).toContain(`Management oversight (supervision) by ${managerName}`)
    expect(await t.services.oversight.forCase(derby.authority.authority_id, episodeId)).toEqual({
      lastOn: '2026-12-14',
      count: 2,
      latest: {
        heldOn: '2026-12-14',
        kind: 'case discussion',
        decisions: 'Book a case clinic on parental engagement.',
        byName: derby.user(demoEmail('head_of_service', 'derby')).display_name,
      },
    })
    const logged = await db().selectFrom('access_log').select('action').where('record_type', '=', 'oversight').execute()
    expect(logged.map(row => row.action)).toEqual(expect.arrayContaining(['create', 'view']))
  })

  it('lets the partner read the oversight but not record it', async () => {
    t.clock.set('2026-12-14T09:00:00Z')
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    const before = await countEntries()
    const page = await partner.get(`/episodes/${episodeId}/oversight`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Last management oversight: 14 December 2026')
    expect((await partner.get(`/episodes/${episodeId}/oversight/new`)).statusCode).toBe(403)
    expect(
      (
        await partner.post(`/episodes/${episodeId}/oversight`, supervision(), {
          from: `/episodes/${episodeId}/oversight`,
        })
      ).statusCode,
    ).toBe(403)
    expect(await countEntries()).toBe(before)
    const otherTeamManager = derby.users.find(
      user => user.role === 'team_manager' && user.team_id !== derby.user(demoEmail('team_manager', 'derby')).team_id,
    )
    if (otherTeamManager) {
      const other = await signedIn(t.app, otherTeamManager.email)
      expect((await other.get(`/episodes/${episodeId}/oversight/new`)).statusCode).toBe(403)
    }
  })
})
