import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { countForEpisode, demoRecords, frontDoorRecords } from '../../../test/fixtures.js'
import { presets } from '../../practice-models/presets/index.js'

// The plan (issue 8): "SMART outcomes (linked to identified needs) with actions — what, who (person or agency), by
// when, status; a new version at each TAF review, the changes between versions shown; the family's copy printable
// in plain English". 001_cfe3ebe7e928b659.txt §4: "an outcome focused and specific, measurable, achievable,
// realistic and time bound, multi-agency plan to be agreed with the family"; "The TAF plan MUST be reviewed and
// updated at each TAF review meeting". 003_e9f5ab6753ae1fa9.txt §5 found "plans lacking any actions/outcomes" and
// "the plan not having received any updates in duration of the case".

let t: TestApp
let derby: Awaited<ReturnType<typeof demoRecords>>
let episodeId: string
let familyId: string
let parent: { person_id: string; given_name: string; family_name: string }
let practitionerId: string
let needIds: string[]
let base: string

const db = () => t.testDatabase.database.db

beforeAll(async () => {
  t = await buildTestApp()
  derby = await demoRecords(db(), 'derby')
  familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  base = `/episodes/${episodeId}/plan`
  practitionerId = derby.user(demoEmail('practitioner', 'derby')).user_id
  parent = await db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', 'p.person_id', 'm.person_id')
    .select(['p.person_id', 'p.given_name', 'p.family_name'])
    .where('m.family_id', '=', familyId)
    .where('m.left_on', 'is', null)
    .where('m.role', 'in', ['parent', 'carer'])
    .executeTakeFirstOrThrow()
  // The team manager allocates the episode to the practitioner, as the allocation page does.
  const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
  const allocated = await manager.post(
    `/episodes/${episodeId}/allocate`,
    {
      version: String(await episodeVersion(episodeId)),
      workerUserId: practitionerId,
      leadProfessionalUserId: '',
      'allocatedOn-day': '23',
      'allocatedOn-month': '11',
      'allocatedOn-year': '2026',
      reason: '',
    },
    { from: `/episodes/${episodeId}/allocate` },
  )
  expect(allocated.statusCode, allocated.body).toBe(303)
  needIds = await assessmentWithNeeds(episodeId, [
    ['Maisie’s attendance has fallen to 82%', 'good-education'],
    ['Bedtimes end in arguments; Maisie is tired at school', 'family-relationships'],
  ])
})
afterAll(() => t.close())

async function episodeVersion(id: string) {
  return (await db().selectFrom('episode').select('version').where('episode_id', '=', id).executeTakeFirstOrThrow())
    .version
}

/** An approved assessment identifying these needs: the assessment's own pages are another part of the issue. */
async function assessmentWithNeeds(id: string, needs: [string, string][]) {
  const episode = await db().selectFrom('episode').selectAll().where('episode_id', '=', id).executeTakeFirstOrThrow()
  const at = new Date('2026-11-23T09:00:00Z')
  const { assessment_id } = await db()
    .insertInto('assessment')
    .values({
      authority_id: episode.authority_id,
      episode_id: id,
      assessment_type: 'early-help-assessment',
      status: 'approved',
      started_on: '2026-11-23',
      completing_agency: 'Early Help',
      worker_user_id: episode.worker_user_id!,
      submitted_on: '2026-11-23',
      approved_on: '2026-11-23',
      created_at: at,
      created_by: episode.worker_user_id!,
      updated_at: at,
      updated_by: episode.worker_user_id!,
    })
    .returning('assessment_id')
    .executeTakeFirstOrThrow()
  const rows = await db()
    .insertInto('assessment_need')
    .values(
      needs.map(([description, area], index) => ({
        authority_id: episode.authority_id,
        assessment_id,
        position: index + 1,
        description,
        outcome_area: area,
      })),
    )
    .returning('need_id')
    .execute()
  return rows.map(row => row.need_id)
}

const latest = () =>
  db()
    .selectFrom('plan_version')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('number', 'desc')
    .executeTakeFirst()

const count = (table: 'plan_version' | 'plan_outcome' | 'plan_action') => countForEpisode(db(), episodeId, table)

const dateBoxes = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! }
}

const outcomeForm = async (fields: Record<string, string | string[]>, targetDate: string) => ({
  version: String((await latest())!.version),
  outcome: '',
  measure: '',
  outcomeArea: '',
  ...dateBoxes('targetDate', targetDate),
  ...fields,
})

const actionForm = async (fields: Record<string, string>, byWhen: string) => ({
  version: String((await latest())!.version),
  outcomeKey: '',
  action: '',
  whoName: '',
  whoAgency: '',
  ...dateBoxes('byWhen', byWhen),
  ...fields,
})

/** Ids a page repeats: each must be unique for labels, error links and assistive technology to work. */
const repeatedIds = (html: string) => {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map(match => match[1])
  return ids.filter((id, index) => ids.indexOf(id) !== index)
}

/** The key a save redirected to: /plan?…#outcome-<key> or #action-<key>. */
const keyOf = (location: unknown) => /#(?:outcome|action)-([0-9a-f-]{36})$/.exec(String(location))![1]!

const keys: { school?: string; sleep?: string; walk?: string; register?: string; nurse?: string } = {}
let version1Id: string
let version2Id: string

describe('the plan, version 1 (001 §4: a SMART, multi-agency plan agreed with the family)', () => {
  let practitioner: Agent

  it('shows that there is no plan and lets the worker create version 1, written to the chronology', async () => {
    practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const empty = await practitioner.get(base)
    expect(empty.statusCode).toBe(200)
    expect(empty.body).toContain('There is no plan yet')
    expect(empty.body).toContain('Create the plan')
    // With no plan, the outcome form sends the worker to create it first.
    expect((await practitioner.get(`${base}/outcomes/new`)).headers.location).toBe(base)

    const created = await practitioner.post(base, {}, { from: base })
    expect(created.statusCode, created.body).toBe(303)
    expect(created.headers.location).toBe(`${base}?created=1`)
    const version = (await latest())!
    expect(version).toMatchObject({ number: 1, started_on: '2026-11-23', taf_meeting_id: null })
    version1Id = version.plan_version_id
    const page = await practitioner.get(`${base}?created=1`)
    expect(page.body).toContain('The plan has been created')
    expect(page.body).toContain('No outcomes yet')
    const again = await practitioner.post(base, {}, { from: base })
    expect(again.statusCode).toBe(409)
    expect(await count('plan_version')).toBe(1)
    const chronology = await practitioner.get(`/families/${familyId}/chronology`)
    expect(chronology.body).toContain('Plan created: version 1')
  })

  it('adds two SMART outcomes linked to the needs the assessment identified', async () => {
    const form = await practitioner.get(`${base}/outcomes/new`)
    expect(repeatedIds(form.body)).toEqual([])
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Maisie’s attendance has fallen to 82%')
    expect(form.body).toContain('value="good-education"')
    const school = await practitioner.post(
      `${base}/outcomes`,
      await outcomeForm(
        {
          outcome: 'Maisie goes to school every day and arrives on time',
          measure: 'Attendance of 95% or more over the spring half term, from the school’s register',
          outcomeArea: 'good-education',
          needIds: needIds[0]!,
        },
        '2027-03-01',
      ),
    )
    expect(school.statusCode, school.body).toBe(303)
    keys.school = keyOf(school.headers.location)
    const sleep = await practitioner.post(
      `${base}/outcomes`,
      await outcomeForm(
        {
          outcome: 'Bedtimes are calm and Maisie sleeps through',
          measure: 'The sleep diary shows five settled nights a week',
          outcomeArea: 'family-relationships',
          needIds: [needIds[1]!],
        },
        '2027-02-26',
      ),
    )
    expect(sleep.statusCode, sleep.body).toBe(303)
    keys.sleep = keyOf(sleep.headers.location)
    const page = await practitioner.get(`${base}?outcomeAdded=1`)
    expect(page.body).toContain('The outcome has been added.')
    expect(page.body).toContain('Maisie goes to school every day and arrives on time')
    expect(page.body).toContain('1 March 2027')
    expect(page.body).toContain('Getting a good education')
    expect(page.body).toContain('Bedtimes end in arguments; Maisie is tired at school')
  })

  it('adds three actions: a parent’s, the worker’s, and the school’s by name and agency', async () => {
    const form = await practitioner.get(`${base}/actions/new?outcome=${keys.school}`)
    expect(repeatedIds(form.body)).toEqual([])
    expect(form.body).toContain(`${parent.given_name} ${parent.family_name}`)
    expect(form.body).toContain('Someone else')
    const walk = await practitioner.post(
      `${base}/actions`,
      await actionForm(
        { outcomeKey: keys.school!, action: 'Walk Maisie to school each morning', who: `person:${parent.person_id}` },
        '2026-12-18',
      ),
    )
    expect(walk.statusCode, walk.body).toBe(303)
    keys.walk = keyOf(walk.headers.location)
    const register = await practitioner.post(
      `${base}/actions`,
      await actionForm(
        {
          outcomeKey: keys.school!,
          action: 'Share the weekly register with the worker',
          who: 'other',
          whoName: 'Dawn Adams',
          whoAgency: 'Parkside Primary School',
        },
        '2027-01-15',
      ),
    )
    expect(register.statusCode, register.body).toBe(303)
    keys.register = keyOf(register.headers.location)
    const nurse = await practitioner.post(
      `${base}/actions`,
      await actionForm(
        {
          outcomeKey: keys.sleep!,
          action: 'Refer to the school nurse for sleep support',
          who: `user:${practitionerId}`,
        },
        '2026-12-04',
      ),
    )
    expect(nurse.statusCode, nurse.body).toBe(303)
    keys.nurse = keyOf(nurse.headers.location)
    expect(await count('plan_outcome')).toBe(2)
    expect(await count('plan_action')).toBe(3)
    const page = await practitioner.get(base)
    expect(repeatedIds(page.body)).toEqual([])
    expect(page.body).toContain('Walk Maisie to school each morning')
    expect(page.body).toContain('Parkside Primary School')
    expect(page.body).toContain(derby.user(demoEmail('practitioner', 'derby')).display_name)
    expect(page.body).toContain('Not started')
    expect(page.body).not.toContain('Overdue')
    expect(await t.services.plans.forCase(derby.authority.authority_id, episodeId)).toMatchObject({
      current: {
        planVersionId: version1Id,
        number: 1,
        startedOn: '2026-11-23',
        outcomes: 2,
        actions: 3,
        overdueActions: 0,
      },
      versions: 1,
    })
  })

  it('refuses an outcome without a measure or with a target date in the past, and an action without who, saving nothing', async () => {
    const before = {
      outcomes: await count('plan_outcome'),
      actions: await count('plan_action'),
      version: (await latest())!.version,
    }
    const outcome = await practitioner.post(
      `${base}/outcomes`,
      await outcomeForm({ outcome: 'Maisie reads at home every night', measure: '' }, '2026-11-01'),
    )
    expect(outcome.statusCode).toBe(400)
    expect(outcome.body).toContain('Enter how you will know it has been achieved')
    expect(outcome.body).toContain('The target date must be today or in the future')
    expect(outcome.body).toContain('Maisie reads at home every night')
    expect(outcome.body).toContain('href="#targetDate-day"')
    const action = await practitioner.post(
      `${base}/actions`,
      await actionForm({ outcomeKey: keys.school!, action: 'Buy an alarm clock' }, '2026-12-01'),
    )
    expect(action.statusCode).toBe(400)
    expect(action.body).toContain('Select who will do it')
    expect(action.body).toContain('Buy an alarm clock')
    const nobody = await practitioner.post(
      `${base}/actions`,
      await actionForm({ outcomeKey: keys.school!, action: 'Buy an alarm clock', who: 'other' }, '2026-12-01'),
    )
    expect(nobody.statusCode).toBe(400)
    expect(nobody.body).toContain('Enter the name of the person or agency who will do it')
    expect({
      outcomes: await count('plan_outcome'),
      actions: await count('plan_action'),
      version: (await latest())!.version,
    }).toEqual(before)
  })

  it('tells the second of two people changing the plan that it changed, and keeps what they typed', async () => {
    const stale = String((await latest())!.version)
    const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    const first = await manager.post(`${base}/outcomes/${keys.sleep}`, {
      ...(await outcomeForm(
        {
          outcome: 'Bedtimes are calm and Maisie sleeps through',
          measure: 'The sleep diary shows five settled nights a week',
          outcomeArea: 'family-relationships',
          needIds: [needIds[1]!],
          status: 'open',
        },
        '2027-02-26',
      )),
      version: stale,
    })
    expect(first.statusCode, first.body).toBe(303)
    const second = await practitioner.post(`${base}/outcomes/${keys.sleep}`, {
      ...(await outcomeForm(
        { outcome: 'Typed with care while the manager saved', measure: 'A diary', status: 'open' },
        '2027-02-26',
      )),
      version: stale,
    })
    expect(second.statusCode).toBe(409)
    expect(second.body).toContain('Someone else changed this record')
    expect(second.body).toContain('Typed with care while the manager saved')
    expect(second.body).toContain(`name="version" value="${(await latest())!.version}"`)
    expect(
      (await db().selectFrom('plan_outcome').select('outcome').where('outcome_key', '=', keys.sleep!).execute()).map(
        row => row.outcome,
      ),
    ).toEqual(['Bedtimes are calm and Maisie sleeps through'])
  })

  it('lets a partner who is not the lead professional read the plan but not change it', async () => {
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    const page = await partner.get(base)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Walk Maisie to school each morning')
    expect(page.body).not.toContain('Add an outcome')
    expect((await partner.get(`${base}/outcomes/new`)).statusCode).toBe(403)
    expect((await partner.get(`${base}/actions/${keys.walk}`)).statusCode).toBe(403)
    const before = await count('plan_outcome')
    const posted = await partner.post(
      `${base}/outcomes`,
      await outcomeForm({ outcome: 'A partner’s outcome', measure: 'Seen' }, '2027-03-01'),
      { from: base },
    )
    expect(posted.statusCode).toBe(403)
    expect(await count('plan_outcome')).toBe(before)
    const otherTeam = await signedIn(t.app, 'practitioner-2@derby.tandem.example')
    expect((await otherTeam.get(base)).statusCode).toBe(403)
  })
})

describe('a review meeting starts version 2 (001 §4: "The TAF plan MUST be reviewed and updated at each TAF review meeting")', () => {
  let practitioner: Agent
  let version1Target: string

  it('copies the outcomes, their needs and actions into version 2, from the meeting, in the chronology', async () => {
    t.clock.set('2027-02-10T10:00:00Z')
    practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    // Before the review, the worker's action past its date shows as overdue.
    const due = await practitioner.get(base)
    expect(due.body).toContain('Overdue')
    expect(due.body).toContain('actions are overdue')
    version1Target = (
      await db()
        .selectFrom('plan_outcome')
        .select('target_date')
        .where('plan_version_id', '=', version1Id)
        .where('outcome_key', '=', keys.school!)
        .executeTakeFirstOrThrow()
    ).target_date!
    const practitionerUser = await db()
      .selectFrom('app_user')
      .selectAll()
      .where('user_id', '=', practitionerId)
      .executeTakeFirstOrThrow()
    const ctx = {
      actor: {
        userId: practitionerUser.user_id,
        authorityId: practitionerUser.authority_id,
        role: practitionerUser.role,
        teamId: practitionerUser.team_id,
        areaId: practitionerUser.area_id,
      },
      ip: null,
      requestId: null,
      route: null,
    }
    // The review meeting as the Team Around the Family pages record it held; its service calls reviseAt in the
    // same transaction.
    const revised = await db()
      .transaction()
      .execute(async trx => {
        const at = new Date('2027-02-10T10:00:00Z')
        const { taf_meeting_id } = await trx
          .insertInto('taf_meeting')
          .values({
            authority_id: practitionerUser.authority_id,
            episode_id: episodeId,
            kind: 'review',
            status: 'held',
            planned_on: '2027-02-10',
            held_on: '2027-02-10',
            minutes: 'Attendance is up to 91%. Bedtimes are calmer.',
            created_at: at,
            created_by: practitionerId,
            updated_at: at,
            updated_by: practitionerId,
          })
          .returning('taf_meeting_id')
          .executeTakeFirstOrThrow()
        return t.services.plans.reviseAt(trx, ctx, { episodeId, tafMeetingId: taf_meeting_id, heldOn: '2027-02-10' })
      })
    expect(revised).toMatchObject({ number: 2 })
    version2Id = revised!.planVersionId
    const version2 = (await latest())!
    expect(version2).toMatchObject({ plan_version_id: version2Id, number: 2, started_on: '2027-02-10' })
    const copied = await db()
      .selectFrom('plan_outcome')
      .select('outcome_key')
      .where('plan_version_id', '=', version2Id)
      .orderBy('position')
      .execute()
    expect(copied.map(row => row.outcome_key)).toEqual([keys.school, keys.sleep])
    const copiedActions = await db()
      .selectFrom('plan_action')
      .select('action_key')
      .where('plan_version_id', '=', version2Id)
      .orderBy('position')
      .execute()
    expect(copiedActions.map(row => row.action_key)).toEqual([keys.walk, keys.register, keys.nurse])
    const page = await practitioner.get(base)
    expect(page.body).toContain('Team Around the Family review meeting held on 10 February 2027')
    expect(page.body).toContain('Bedtimes end in arguments; Maisie is tired at school')
    expect(page.body).toContain(`${base}/versions/${version1Id}`)
    const chronology = await practitioner.get(`/families/${familyId}/chronology`)
    expect(chronology.body).toContain('Plan reviewed at the Team Around the Family review: version 2')
  })

  it('refuses a change sent with version 1’s version: earlier versions are read only', async () => {
    const version1 = await db()
      .selectFrom('plan_version')
      .select('version')
      .where('plan_version_id', '=', version1Id)
      .executeTakeFirstOrThrow()
    const stale = await practitioner.post(`${base}/actions/${keys.walk}`, {
      ...(await actionForm(
        {
          outcomeKey: keys.school!,
          action: 'Walk Maisie to school each morning',
          who: `person:${parent.person_id}`,
          status: 'done',
        },
        '2026-12-18',
      )),
      version: String(version1.version),
    })
    expect(stale.statusCode).toBe(409)
  })

  it('changes an action’s status and an outcome’s target date in version 2, and shows exactly those changes', async () => {
    const walk = await practitioner.post(
      `${base}/actions/${keys.walk}`,
      await actionForm(
        {
          outcomeKey: keys.school!,
          action: 'Walk Maisie to school each morning',
          who: `person:${parent.person_id}`,
          status: 'done',
        },
        '2026-12-18',
      ),
    )
    expect(walk.statusCode, walk.body).toBe(303)
    const schoolForm = await practitioner.get(`${base}/outcomes/${keys.school}`)
    expect(schoolForm.body).toContain('value="2027"')
    const school = await practitioner.post(
      `${base}/outcomes/${keys.school}`,
      await outcomeForm(
        {
          outcome: 'Maisie goes to school every day and arrives on time',
          measure: 'Attendance of 95% or more over the spring half term, from the school’s register',
          outcomeArea: 'good-education',
          needIds: needIds[0]!,
          status: 'open',
        },
        '2027-05-01',
      ),
    )
    expect(school.statusCode, school.body).toBe(303)

    const changes = await practitioner.get(`${base}/versions/${version2Id}/changes`)
    expect(changes.statusCode).toBe(200)
    expect(repeatedIds(changes.body)).toEqual([])
    expect(changes.body).toContain('What changed in version 2 of the plan')
    const rows = [
      ...changes.body.matchAll(
        /data-testid="field-change">\s*<th[^>]*>([^<]+)<\/th>\s*<td[^>]*><del>([^<]+)<\/del><\/td>\s*<td[^>]*><ins>([^<]+)<\/ins>/g,
      ),
    ].map(match => `${match[1]}: ${match[2]} → ${match[3]}`)
    expect(rows).toEqual(['Target date: 1 March 2027 → 1 May 2027', 'Status: Not started → Done'])
    expect(changes.body.match(/data-testid="outcome-change"/g)).toHaveLength(1)
    expect(changes.body.match(/data-testid="action-change"/g)).toHaveLength(1)
    expect(changes.body).toContain('1 outcome is unchanged.')
    expect(changes.body).toContain('2 actions are unchanged.')
    expect(changes.body).toMatch(/govuk-tag[^>]*>\s*Changed\s*</)
    const first = await practitioner.get(`${base}/versions/${version1Id}/changes`)
    expect(first.body).toContain('Version 1 is the first version of the plan')
  })

  it('keeps version 1 as it stood, read only', async () => {
    const page = await practitioner.get(`${base}/versions/${version1Id}`)
    expect(page.statusCode, page.body).toBe(200)
    expect(page.body).toContain('This is an earlier version of the plan')
    expect(version1Target).toBe('2027-03-01')
    expect(page.body).toContain('1 March 2027')
    expect(page.body).not.toContain('1 May 2027')
    expect(page.body).toContain('Not started')
    expect(page.body).not.toContain(`${base}/outcomes/`)
    expect(page.body).not.toContain(`${base}/actions/`)
    const now = await practitioner.get(`${base}/versions/${version2Id}`)
    expect(repeatedIds(now.body)).toEqual([])
    expect(now.body).toContain('This is the plan in force')
    expect(now.body).toContain('1 May 2027')
  })

  it('shows the plan in force on the case page, in figures', async () => {
    expect(await t.services.plans.forCase(derby.authority.authority_id, episodeId)).toEqual({
      current: {
        planVersionId: version2Id,
        number: 2,
        startedOn: '2027-02-10',
        outcomes: 2,
        actions: 3,
        overdueActions: 2,
        updatedAt: expect.any(Date),
      },
      versions: 2,
    })
    const casePage = await practitioner.get(`/episodes/${episodeId}`)
    expect(casePage.statusCode).toBe(200)
    expect(casePage.body).toContain('Version 2 from 10 February 2027: 2 outcomes, 3 actions')
  })

  it('prints the family’s copy in plain English, with no internal codes', async () => {
    const print = await practitioner.get(`${base}/print`)
    expect(repeatedIds(print.body)).toEqual([])
    expect(print.statusCode).toBe(200)
    expect(print.body).toContain('Our plan with you')
    expect(print.body).toContain(`The ${derby.partnerFamily.name} family`)
    expect(print.body).toContain('What we want to be different')
    expect(print.body).toContain('How we will know')
    expect(print.body).toContain('By when')
    expect(print.body).toContain('Who will do what')
    expect(print.body).toContain('Maisie goes to school every day and arrives on time')
    expect(print.body).toContain('1 May 2027')
    expect(print.body).toContain('Dawn Adams, Parkside Primary School')
    expect(print.body).toContain('(your worker)')
    expect(print.body).toContain('We last looked at this plan together at the meeting on 10 February 2027')
    expect(print.body).toContain('govuk-!-display-none-print')
    for (const code of [
      ...Object.values(keys),
      version2Id,
      'good-education',
      'family-relationships',
      'not_started',
      'in_progress',
      'partly_achieved',
      'TAF',
    ])
      expect(print.body, code).not.toContain(code)
  })
})

describe('the plan in Leeds', () => {
  it('offers Leeds’ outcome areas, in Leeds’ words for the lead practitioner', async () => {
    t.clock.set('2027-02-10T10:00:00Z')
    const leeds = await demoRecords(db(), 'leeds')
    const { episodeId: leedsEpisode } = await frontDoorRecords(t, leeds.partnerFamily.family_id)
    const manager = await signedIn(t.app, demoEmail('team_manager', 'leeds'))
    const allocated = await manager.post(
      `/episodes/${leedsEpisode}/allocate`,
      {
        version: String(await episodeVersion(leedsEpisode)),
        workerUserId: leeds.user(demoEmail('practitioner', 'leeds')).user_id,
        leadProfessionalUserId: '',
        'allocatedOn-day': '10',
        'allocatedOn-month': '2',
        'allocatedOn-year': '2027',
        reason: '',
      },
      { from: `/episodes/${leedsEpisode}/allocate` },
    )
    expect(allocated.statusCode, allocated.body).toBe(303)
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
    expect(
      (await practitioner.post(`/episodes/${leedsEpisode}/plan`, {}, { from: `/episodes/${leedsEpisode}/plan` }))
        .statusCode,
    ).toBe(303)
    const form = await practitioner.get(`/episodes/${leedsEpisode}/plan/outcomes/new`)
    expect(form.statusCode).toBe(200)
    for (const area of presets.leeds.outcomeAreas.areas) expect(form.body).toContain(`value="${area.code}"`)
    expect(form.body).toContain(presets.leeds.outcomeAreas.framework)
    expect(form.body).not.toContain('value="good-education"')
    expect(form.body).not.toContain(presets.derby.outcomeAreas.framework)
    const print = await practitioner.get(`/episodes/${leedsEpisode}/plan/print`)
    expect(print.body).toContain('your worker and your lead practitioner')
    const derbyArea = await practitioner.post(
      `/episodes/${leedsEpisode}/plan/outcomes`,
      {
        version: String(
          (
            await db()
              .selectFrom('plan_version')
              .select('version')
              .where('episode_id', '=', leedsEpisode)
              .executeTakeFirstOrThrow()
          ).version,
        ),
        outcome: 'Jay gets to college',
        measure: 'Attendance',
        outcomeArea: 'good-education',
        ...dateBoxes('targetDate', '2027-06-01'),
      },
      { from: `/episodes/${leedsEpisode}/plan/outcomes/new` },
    )
    expect(derbyArea.statusCode).toBe(400)
    expect(derbyArea.body).toContain('Select an outcome area from the list')
  })
})
