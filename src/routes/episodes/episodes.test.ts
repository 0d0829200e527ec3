import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { demoRecords, frontDoorRecords } from '../../../test/fixtures.js'
import { presets } from '../../practice-models/presets/index.js'

// Episodes as the front door and panel open them, and Durham's staircase (issue 5, acceptance 4): "a family's
// level moves 2 → 3 → 2 within an episode with reasons, dated". 002 para 28: "We will use our staircase model
// to adopt a 'step up- step down', 'Think Family' approach so that families move smoothly between services".

let t: TestApp
let episodeId: string
let familyId: string

beforeAll(async () => {
  t = await buildTestApp()
  const durham = await demoRecords(t.testDatabase.database.db, 'durham')
  familyId = durham.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
})
afterAll(() => t.close())

const levels = presets.durham.levelsOfNeed
const label = (code: string) => levels.find(level => level.code === code)!.label
const db = () => t.testDatabase.database.db
const version = async () =>
  (await db().selectFrom('episode').select('version').where('episode_id', '=', episodeId).executeTakeFirstOrThrow())
    .version

describe('Durham’s staircase within one episode', () => {
  it('moves the family 2 → 3 → 2 with reasons and dates, shown on the episode and in the chronology', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'durham'))
    const page = await practitioner.get(`/episodes/${episodeId}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(label('level-2'))
    expect(page.body).toContain('Change the level of need')

    // Weeks pass between the changes: sign in again each time (sessions end after a day at most).
    t.clock.set('2026-12-07T10:00:00Z')
    const inDecember = await signedIn(t.app, demoEmail('practitioner', 'durham'))
    const up = await inDecember.post(
      `/episodes/${episodeId}/level`,
      {
        version: String(await version()),
        levelOfNeed: 'level-3',
        'changedOn-day': '7',
        'changedOn-month': '12',
        'changedOn-year': '2026',
        reason: 'The school and health visitor are now both involved: a Team Around the Family is needed.',
      },
      { from: `/episodes/${episodeId}/level` },
    )
    expect(up.statusCode, up.body).toBe(303)
    t.clock.set('2027-02-15T10:00:00Z')
    const inFebruary = await signedIn(t.app, demoEmail('practitioner', 'durham'))
    const down = await inFebruary.post(
      `/episodes/${episodeId}/level`,
      {
        version: String(await version()),
        levelOfNeed: 'level-2',
        'changedOn-day': '15',
        'changedOn-month': '2',
        'changedOn-year': '2027',
        reason: 'Attendance is back to 96% and routines are settled: one service is enough.',
      },
      { from: `/episodes/${episodeId}/level` },
    )
    expect(down.statusCode, down.body).toBe(303)

    const history = await db()
      .selectFrom('episode_level')
      .select(['level_of_need', 'changed_on', 'reason'])
      .where('episode_id', '=', episodeId)
      .orderBy('changed_on')
      .execute()
    expect(history.map(row => [row.level_of_need, row.changed_on])).toEqual([
      ['level-2', history[0]!.changed_on],
      ['level-3', '2026-12-07'],
      ['level-2', '2027-02-15'],
    ])
    const shown = await inFebruary.get(`/episodes/${episodeId}?levelChanged=1`)
    expect(shown.body).toContain('The level of need has been changed.')
    expect(shown.body).toContain('7 December 2026')
    expect(shown.body).toContain('15 February 2027')
    expect(shown.body).toContain('Attendance is back to 96%')
    const chronology = await inFebruary.get(`/families/${familyId}/chronology`)
    expect(chronology.body).toContain(`Level of need changed (step up): ${label('level-2')} to ${label('level-3')}`)
    expect(chronology.body).toContain(`Level of need changed (step down): ${label('level-3')} to ${label('level-2')}`)
  })

  it('refuses a change with no reason, a date in the future or before the last change, or the same level, and saves nothing', async () => {
    t.clock.set('2027-03-01T10:00:00Z')
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'durham'))
    const before = await version()
    const response = await practitioner.post(
      `/episodes/${episodeId}/level`,
      {
        version: String(before),
        levelOfNeed: 'level-2',
        'changedOn-day': '1',
        'changedOn-month': '4',
        'changedOn-year': '2027',
        reason: '',
      },
      { from: `/episodes/${episodeId}/level` },
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('The family is at this level already')
    expect(response.body).toContain('The date must be today or in the past')
    expect(response.body).toContain('Enter the reason for the change')
    const early = await practitioner.post(
      `/episodes/${episodeId}/level`,
      {
        version: String(before),
        levelOfNeed: 'level-3',
        'changedOn-day': '1',
        'changedOn-month': '1',
        'changedOn-year': '2027',
        reason: 'A slip',
      },
      { from: `/episodes/${episodeId}/level` },
    )
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('The date must be on or after the last change of level, 15 February 2027')
    expect(await version()).toBe(before)
  })

  it('tells the second of two people changing the level that it changed, and keeps what they typed', async () => {
    t.clock.set('2027-03-01T10:00:00Z')
    const stale = String(await version())
    const first = await signedIn(t.app, demoEmail('practitioner', 'durham'))
    const second = await signedIn(t.app, demoEmail('team_manager', 'durham'))
    const form = (reason: string) => ({
      version: stale,
      levelOfNeed: 'level-3',
      'changedOn-day': '1',
      'changedOn-month': '3',
      'changedOn-year': '2027',
      reason,
    })
    expect(
      (await first.post(`/episodes/${episodeId}/level`, form('First'), { from: `/episodes/${episodeId}/level` }))
        .statusCode,
    ).toBe(303)
    const conflict = await second.post(`/episodes/${episodeId}/level`, form('Second, typed with care'), {
      from: `/episodes/${episodeId}/level`,
    })
    expect(conflict.statusCode).toBe(409)
    expect(conflict.body).toContain('Second, typed with care')
  })

  it('lets only those who work the family change its level', async () => {
    const partner = await signedIn(t.app, demoEmail('partner', 'durham'))
    expect((await partner.get(`/episodes/${episodeId}`)).statusCode).toBe(200)
    expect((await partner.get(`/episodes/${episodeId}/level`)).statusCode).toBe(403)
    const otherTeam = await signedIn(t.app, 'practitioner-2@durham.tandem.example')
    expect((await otherTeam.get(`/episodes/${episodeId}`)).statusCode).toBe(403)
    const derby = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    expect([403, 404]).toContain((await derby.get(`/episodes/${episodeId}`)).statusCode)
  })
})

describe('the team manager’s episodes waiting for a worker', () => {
  it('lists the episode the panel opened, with its level, and not another team’s', async () => {
    const manager = await signedIn(t.app, demoEmail('team_manager', 'durham'))
    const page = await manager.get('/episodes?unallocated=yes')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`/episodes/${episodeId}`)
    expect(page.body).toContain('Not allocated')
    const other = await signedIn(t.app, 'practitioner-2@durham.tandem.example')
    expect((await other.get('/episodes')).body).not.toContain(`/episodes/${episodeId}`)
  })
})

describe('allocating an episode (issue 8: "A team manager allocates a worker … Reallocation keeps history")', () => {
  it('allocates a worker, names a partner lead professional who then sees the family, and reallocates with a reason', async () => {
    t.clock.set('2026-11-24T10:00:00Z')
    const derby = await demoRecords(db(), 'derby')
    const { episodeId: derbyEpisode } = await frontDoorRecords(t, derby.partnerFamily.family_id)
    const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    const practitioner = derby.user(demoEmail('practitioner', 'derby'))
    const partner = derby.users.find(user => user.role === 'partner')!
    const current = async () =>
      db().selectFrom('episode').selectAll().where('episode_id', '=', derbyEpisode).executeTakeFirstOrThrow()

    const page = await manager.get(`/episodes/${derbyEpisode}`)
    expect(page.body).toContain('Allocate a worker')
    const missing = await manager.post(
      `/episodes/${derbyEpisode}/allocate`,
      {
        version: String((await current()).version),
        'allocatedOn-day': '1',
        'allocatedOn-month': '12',
        'allocatedOn-year': '2026',
      },
      { from: `/episodes/${derbyEpisode}/allocate` },
    )
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Select the worker')
    expect(missing.body).toContain('The date must be today or in the past')
    expect((await current()).worker_user_id).toBeNull()

    const allocated = await manager.post(
      `/episodes/${derbyEpisode}/allocate`,
      {
        version: String((await current()).version),
        workerUserId: practitioner.user_id,
        leadProfessionalUserId: '',
        'allocatedOn-day': '24',
        'allocatedOn-month': '11',
        'allocatedOn-year': '2026',
        reason: '',
      },
      { from: `/episodes/${derbyEpisode}/allocate` },
    )
    expect(allocated.statusCode, allocated.body).toBe(303)
    expect(await current()).toMatchObject({
      worker_user_id: practitioner.user_id,
      lead_professional_user_id: practitioner.user_id,
    })
    expect((await manager.get('/episodes?unallocated=yes')).body).not.toContain(`/episodes/${derbyEpisode}`)

    // Reallocating needs a reason, and keeps who worked it before.
    const noReason = await manager.post(
      `/episodes/${derbyEpisode}/allocate`,
      {
        version: String((await current()).version),
        workerUserId: practitioner.user_id,
        leadProfessionalUserId: partner.user_id,
        'allocatedOn-day': '24',
        'allocatedOn-month': '11',
        'allocatedOn-year': '2026',
        reason: '',
      },
      { from: `/episodes/${derbyEpisode}/allocate` },
    )
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why the episode is being reallocated')
    const reallocated = await manager.post(
      `/episodes/${derbyEpisode}/allocate`,
      {
        version: String((await current()).version),
        workerUserId: practitioner.user_id,
        leadProfessionalUserId: partner.user_id,
        'allocatedOn-day': '24',
        'allocatedOn-month': '11',
        'allocatedOn-year': '2026',
        reason: 'The school’s designated safeguarding lead will lead the Team Around the Family.',
      },
      { from: `/episodes/${derbyEpisode}/allocate` },
    )
    expect(reallocated.statusCode, reallocated.body).toBe(303)
    const history = await db()
      .selectFrom('episode_allocation')
      .select(['worker_user_id', 'lead_professional_user_id'])
      .where('episode_id', '=', derbyEpisode)
      .orderBy('recorded_at')
      .execute()
    expect(history).toEqual([
      { worker_user_id: practitioner.user_id, lead_professional_user_id: practitioner.user_id },
      { worker_user_id: practitioner.user_id, lead_professional_user_id: partner.user_id },
    ])
    const shown = await manager.get(`/episodes/${derbyEpisode}`)
    expect(shown.body).toContain('Who has worked the episode')
    expect(shown.body).toContain('designated safeguarding lead will lead')
    const asPartner = await signedIn(t.app, partner.email)
    expect((await asPartner.get(`/episodes/${derbyEpisode}`)).statusCode).toBe(200)
    expect((await asPartner.get(`/families/${derby.partnerFamily.family_id}/chronology`)).body).toContain(
      `Reallocated to ${practitioner.display_name}; lead professional: ${partner.display_name}`,
    )
  })

  it('lets only a manager who sees the family allocate it', async () => {
    const derby = await demoRecords(db(), 'derby')
    const { episodeId: derbyEpisode } = await frontDoorRecords(t, derby.partnerFamily.family_id)
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    expect((await practitioner.get(`/episodes/${derbyEpisode}/allocate`)).statusCode).toBe(403)
    expect((await practitioner.get(`/episodes/${derbyEpisode}`)).body).not.toContain('Allocate a worker')
    const durhamManager = await signedIn(t.app, demoEmail('team_manager', 'durham'))
    expect([403, 404]).toContain((await durhamManager.get(`/episodes/${derbyEpisode}/allocate`)).statusCode)
  })
})

describe('the early help agreement (001 §4: "This must be signed by the family and saved on the families\' electronic file")', () => {
  it('needs a worker first, then records who signed, when and how, on the episode and in the chronology', async () => {
    t.clock.set('2026-11-25T10:00:00Z')
    const leeds = await demoRecords(db(), 'leeds')
    const family = leeds.partnerFamily
    const { episodeId: leedsEpisode } = await frontDoorRecords(t, family.family_id)
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'leeds'))
    const parent = leeds.people.find(person => person.family_id === family.family_id)!
    const form = {
      personIds: parent.person_id,
      signedHow: 'on paper',
      'agreedOn-day': '25',
      'agreedOn-month': '11',
      'agreedOn-year': '2026',
      notes: '',
    }
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom('episode_agreement')
            .select(eb => eb.fn.countAll().as('n'))
            .where('episode_id', '=', leedsEpisode)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const unallocated = await practitioner.post(`/episodes/${leedsEpisode}/agreement`, form, {
      from: `/episodes/${leedsEpisode}/agreement`,
    })
    expect(unallocated.statusCode).toBe(400)
    expect(unallocated.body).toContain('Allocate a worker first')
    expect(await count()).toBe(0)

    await t.services.episodes.allocate(
      await contextOf(demoEmail('team_manager', 'leeds')),
      leedsEpisode,
      await versionOf(leedsEpisode),
      {
        workerUserId: leeds.user(demoEmail('practitioner', 'leeds')).user_id,
        leadProfessionalUserId: null,
        allocatedOn: '2026-11-25',
        reason: '',
      },
    )
    const nobody = await practitioner.post(
      `/episodes/${leedsEpisode}/agreement`,
      { ...form, personIds: [], 'agreedOn-day': '30' },
      {
        from: `/episodes/${leedsEpisode}/agreement`,
      },
    )
    expect(nobody.statusCode).toBe(400)
    expect(nobody.body).toContain('Select who in the family signed the agreement')
    expect(nobody.body).toContain('The date must be today or in the past')
    expect(await count()).toBe(0)

    const signed = await practitioner.post(`/episodes/${leedsEpisode}/agreement`, form, {
      from: `/episodes/${leedsEpisode}/agreement`,
    })
    expect(signed.statusCode, signed.body).toBe(303)
    const page = await practitioner.get(`/episodes/${leedsEpisode}?agreed=1`)
    expect(page.body).toContain(`Signed on paper on 25 November 2026 by ${parent.given_name} ${parent.family_name}`)
    const chronology = await practitioner.get(`/families/${family.family_id}/chronology`)
    expect(chronology.body).toContain(`Early help agreement signed by ${parent.given_name} ${parent.family_name}`)
    expect(await count()).toBe(1)
  })

  it('is recorded only by those who work the family', async () => {
    const leeds = await demoRecords(db(), 'leeds')
    const { episodeId: leedsEpisode } = await frontDoorRecords(t, leeds.partnerFamily.family_id)
    const partner = await signedIn(t.app, demoEmail('partner', 'leeds'))
    expect((await partner.get(`/episodes/${leedsEpisode}/agreement`)).statusCode).toBe(403)
  })
})

async function versionOf(id: string) {
  return (await db().selectFrom('episode').select('version').where('episode_id', '=', id).executeTakeFirstOrThrow())
    .version
}

async function contextOf(email: string) {
  const user = await db().selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
  return {
    actor: {
      userId: user.user_id,
      authorityId: user.authority_id,
      role: user.role,
      teamId: user.team_id,
      areaId: user.area_id,
    },
    ip: null,
    requestId: null,
    route: null,
  }
}
