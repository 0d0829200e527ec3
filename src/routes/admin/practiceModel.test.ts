import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Agent } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { ValidationError } from '../../lib/errors.js'
import type { PracticeModel } from '../../practice-models/index.js'

let t: TestApp
let derbyAdmin: Agent
beforeAll(async () => {
  t = await buildTestApp()
  derbyAdmin = await signedIn(t.app, demoEmail('admin', 'derby'))
})
afterAll(() => t.close())

const authorityId = async (slug: string) =>
  (
    await t.testDatabase.database.db
      .selectFrom('authority')
      .select('authority_id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow()
  ).authority_id

const adminContext = async (slug: string) => {
  const user = await t.testDatabase.database.db
    .selectFrom('app_user')
    .selectAll()
    .where('email', '=', demoEmail('admin', slug as 'derby'))
    .executeTakeFirstOrThrow()
  return {
    actor: { userId: user.user_id, authorityId: user.authority_id, role: user.role, teamId: null, areaId: null },
    ip: null,
    requestId: null,
    route: null,
  }
}

describe('each demo authority works to its own preset', () => {
  it('shows Derby its Vulnerable Children’s Meeting, levels 1–4 and 001 §4’s timescales with their sources', async () => {
    const page = await derbyAdmin.get('/admin/practice-model')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Vulnerable Children&#39;s Meeting')
    expect(page.body).toContain('Set up from the derby preset')
    // 001_cfe3ebe7e928b659.txt §4: reviews "no longer than 12 weeks apart"
    const derby = await t.services.practiceModels.get(await authorityId('derby'))
    expect(derby.model.timescales.tafReviewInterval.value).toBe(12)
    expect(derby.model.levelsOfNeed).toHaveLength(4)
  })

  it('shows Leeds its clusters, Duty and Advice and guidance and support meetings, and no Derby words', async () => {
    const leedsAdmin = await signedIn(t.app, demoEmail('admin', 'leeds'))
    const page = await leedsAdmin.get('/admin/practice-model')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Duty and Advice')
    expect(page.body.toLowerCase()).toContain('guidance and support meeting')
    expect(page.body).not.toContain('Vulnerable Children')
    const leeds = await t.services.practiceModels.get(await authorityId('leeds'))
    expect(leeds.model.areas.names).toHaveLength(25)
  })

  it('gives Durham five levels of need', async () => {
    const durham = await t.services.practiceModels.get(await authorityId('durham'))
    expect(durham.model.levelsOfNeed.map(level => level.code)).toEqual([
      'level-1',
      'level-2',
      'level-3',
      'level-4',
      'level-5',
    ])
  })
})

describe('changing timescales', () => {
  const form = (overrides: Record<string, string>, version: string) => ({
    version,
    initialTaf: '6',
    tafReviewInterval: '12',
    cseScreening: '6',
    cseScreeningFromAge: '10',
    caseLengthAim: '9',
    caseLengthMaximum: '12',
    returnInterview: '72',
    reopeningWindow: '3',
    ...overrides,
  })
  const currentVersion = async () => String((await t.services.practiceModels.get(await authorityId('derby'))).version)

  it('changes Derby’s TAF review interval to 10 weeks and records who, when, the old and the new value', async () => {
    t.clock.advanceMinutes(5)
    const response = await derbyAdmin.post(
      '/admin/practice-model/timescales',
      form({ tafReviewInterval: '10' }, await currentVersion()),
      {
        from: '/admin/practice-model/timescales',
      },
    )
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/admin/practice-model?updated=1')
    const derby = await t.services.practiceModels.get(await authorityId('derby'))
    expect(derby.model.timescales.tafReviewInterval.value).toBe(10)
    // The seed citation stays with the rule; its value is now the authority's own.
    expect(derby.model.timescales.tafReviewInterval.unit).toBe('weeks')

    const history = await t.testDatabase.database.db
      .selectFrom('practice_model_change')
      .selectAll()
      .where('authority_id', '=', await authorityId('derby'))
      .orderBy('practice_model_change_id', 'desc')
      .executeTakeFirstOrThrow()
    expect(history.changes).toEqual([{ path: 'timescales.tafReviewInterval.value', old: 12, new: 10 }])
    expect(history.changed_at.toISOString()).toBe(t.clock.now().toISOString())
    const page = await derbyAdmin.get('/admin/practice-model?updated=1')
    expect(page.body).toContain('New values apply to clocks from now on')
    expect(page.body).toContain('timescales.tafReviewInterval.value')
    expect(page.body).toContain('Liz Carver')
  })

  it.each([
    ['blank', '', 'Enter team around the family reviews'],
    ['not a number', 'twelve', 'Team Around the Family reviews must be a whole number, like 6'],
    ['zero', '0', 'A timescale must be more than 0'],
    ['negative', '-3', 'Team Around the Family reviews must be a whole number, like 6'],
  ])(
    'refuses a %s value with the field’s error, keeps what was typed and changes nothing',
    async (_name, value, message) => {
      const before = await t.services.practiceModels.get(await authorityId('derby'))
      const response = await derbyAdmin.post(
        '/admin/practice-model/timescales',
        form({ tafReviewInterval: value }, String(before.version)),
        {
          from: '/admin/practice-model/timescales',
        },
      )
      expect(response.statusCode).toBe(400)
      expect(response.body).toContain('<title>Error: Change timescales')
      expect(response.body).toContain(`href="#tafReviewInterval">${message}`)
      expect(response.body).toContain(`name="tafReviewInterval" type="text" spellcheck="false" value="${value}"`)
      const after = await t.services.practiceModels.get(await authorityId('derby'))
      expect(after.version).toBe(before.version)
    },
  )

  it('tells the second of two administrators that the model changed, and keeps their values', async () => {
    const stale = await currentVersion()
    const secondAdmin = await signedIn(t.app, demoEmail('admin', 'derby'))
    await secondAdmin.post('/admin/practice-model/timescales', form({ initialTaf: '5' }, stale), {
      from: '/admin/practice-model/timescales',
    })
    const response = await derbyAdmin.post('/admin/practice-model/timescales', form({ initialTaf: '7' }, stale), {
      from: '/admin/practice-model/timescales',
    })
    expect(response.statusCode).toBe(409)
    expect(response.body).toContain('Someone else changed the practice model')
    expect(response.body).toContain('name="initialTaf" type="text" spellcheck="false" value="7"')
    expect(response.body).toContain('Saved value: 5')
    expect((await t.services.practiceModels.get(await authorityId('derby'))).model.timescales.initialTaf.value).toBe(5)
  })
})

describe('the CSE screening age', () => {
  // 000 CSE screening: "children over the age of 10 are screened"; the age is held on the tool and as a timescale,
  // and the schema wants the two the same, so changing the timescale moves the tool with it.
  it('moves the CSE screening tool’s age with the timescale, and records both', async () => {
    const leeds = await t.services.practiceModels.get(await authorityId('leeds'))
    const leedsAdmin = await signedIn(t.app, demoEmail('admin', 'leeds'))
    const form = Object.fromEntries(
      Object.entries(leeds.model.timescales).map(([key, rule]) => [key, String(rule.value)]),
    )
    const response = await leedsAdmin.post(
      '/admin/practice-model/timescales',
      { ...form, cseScreeningFromAge: '11', version: String(leeds.version) },
      { from: '/admin/practice-model/timescales' },
    )
    expect(response.statusCode).toBe(303)
    const after = await t.services.practiceModels.get(await authorityId('leeds'))
    const index = after.model.progressionTools.findIndex(tool => tool.code === 'cse_screening')
    expect(after.model.progressionTools[index]).toMatchObject({ when: 'age_from', age: 11 })
    const history = await t.testDatabase.database.db
      .selectFrom('practice_model_change')
      .selectAll()
      .where('authority_id', '=', await authorityId('leeds'))
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow()
    expect(history.changes).toEqual([
      { path: 'timescales.cseScreeningFromAge.value', old: 10, new: 11 },
      { path: `progressionTools.${index}.age`, old: 10, new: 11 },
    ])
  })
})

describe('an invalid model is refused with a message naming the field, and nothing changes', () => {
  it.each([
    [
      'a level missing its label',
      (model: PracticeModel) => (model.levelsOfNeed[0]!.label = ''),
      'levelsOfNeed.0.label',
    ],
    [
      'a negative timescale',
      (model: PracticeModel) => (model.timescales.initialTaf.value = -6),
      'timescales.initialTaf.value',
    ],
    [
      'a repeated outcome area code',
      (model: PracticeModel) => (model.outcomeAreas.areas[1]!.code = model.outcomeAreas.areas[0]!.code),
      'outcomeAreas.areas.1.code',
    ],
  ])('%s', async (_name, spoil, field) => {
    const ctx = await adminContext('durham')
    const before = await t.services.practiceModels.get(ctx.actor.authorityId)
    const candidate = structuredClone(before.model)
    spoil(candidate)
    const error = await t.services.practiceModels.update(ctx, before.version, candidate).catch(caught => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).errors.map(problem => problem.field)).toContain(field)
    expect(await t.services.practiceModels.get(ctx.actor.authorityId)).toEqual(before)
  })
})

describe('changing the words, the levels of need and the whole model', () => {
  const durhamVersion = async () => String((await t.services.practiceModels.get(await authorityId('durham'))).version)
  let durhamAdmin: Agent
  beforeAll(async () => {
    durhamAdmin = await signedIn(t.app, demoEmail('admin', 'durham'))
  })

  it('changes the word for the lead professional, keeping the others', async () => {
    const before = await t.services.practiceModels.get(await authorityId('durham'))
    const form = { ...before.model.vocabulary, leadProfessional: 'lead worker', version: String(before.version) }
    const response = await durhamAdmin.post('/admin/practice-model/vocabulary', form, {
      from: '/admin/practice-model/vocabulary',
    })
    expect(response.statusCode).toBe(303)
    const after = await t.services.practiceModels.get(await authorityId('durham'))
    expect(after.model.vocabulary).toEqual({ ...before.model.vocabulary, leadProfessional: 'lead worker' })

    const blank = await durhamAdmin.post(
      '/admin/practice-model/vocabulary',
      { ...form, version: await durhamVersion(), stepUp: ' ' },
      { from: '/admin/practice-model/vocabulary' },
    )
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('href="#stepUp">Enter the word for moving a family to social care')
  })

  it('renames a level of need; a blank name is refused naming the level', async () => {
    const before = await t.services.practiceModels.get(await authorityId('durham'))
    const form: Record<string, string> = { version: String(before.version) }
    before.model.levelsOfNeed.forEach((level, index) => {
      form[`label-${index}`] = level.label
      form[`description-${index}`] = level.description ?? ''
    })
    const blank = await durhamAdmin.post(
      '/admin/practice-model/levels-of-need',
      { ...form, 'label-1': '' },
      { from: '/admin/practice-model/levels-of-need' },
    )
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('href="#label-1">Enter a label for level-2')

    const renamed = await durhamAdmin.post(
      '/admin/practice-model/levels-of-need',
      { ...form, 'label-1': 'Level 2: early help from one service' },
      { from: '/admin/practice-model/levels-of-need' },
    )
    expect(renamed.statusCode).toBe(303)
    const after = await t.services.practiceModels.get(await authorityId('durham'))
    expect(after.model.levelsOfNeed[1]).toMatchObject({
      code: 'level-2',
      label: 'Level 2: early help from one service',
    })
    expect(after.model.levelsOfNeed.map(level => level.code)).toEqual(
      before.model.levelsOfNeed.map(level => level.code),
    )
  })

  it('exports the model as JSON and imports a changed one; a bad one is refused naming each field', async () => {
    const exported = await durhamAdmin.get('/admin/practice-model/export')
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-disposition']).toContain('practice-model-durham.json')
    const model = JSON.parse(exported.body) as PracticeModel
    expect(model).toEqual((await t.services.practiceModels.get(await authorityId('durham'))).model)

    const notJson = await durhamAdmin.post(
      '/admin/practice-model/import',
      { version: await durhamVersion(), model: '{ not json' },
      { from: '/admin/practice-model/import' },
    )
    expect(notJson.statusCode).toBe(400)
    expect(notJson.body).toContain('This is not a practice model')
    expect(notJson.body).toContain('{ not json')

    const spoilt = structuredClone(model)
    spoilt.timescales.initialTaf.value = -6
    spoilt.levelsOfNeed[0]!.label = ''
    const invalid = await durhamAdmin.post(
      '/admin/practice-model/import',
      { version: await durhamVersion(), model: JSON.stringify(spoilt) },
      { from: '/admin/practice-model/import' },
    )
    expect(invalid.statusCode).toBe(400)
    expect(invalid.body).toContain('timescales.initialTaf.value: A timescale must be more than 0')
    expect(invalid.body).toContain('levelsOfNeed.0.label: Enter a label')

    const changed = structuredClone(model)
    changed.frontDoor.undecidedAfter.value = 2
    const saved = await durhamAdmin.post(
      '/admin/practice-model/import',
      { version: await durhamVersion(), model: JSON.stringify(changed) },
      { from: '/admin/practice-model/import' },
    )
    expect(saved.statusCode).toBe(303)
    expect(
      (await t.services.practiceModels.get(await authorityId('durham'))).model.frontDoor.undecidedAfter.value,
    ).toBe(2)
    const history = await durhamAdmin.get('/admin/practice-model')
    expect(history.body).toContain('frontDoor.undecidedAfter.value')
    expect(history.body).toContain('Practice model imported')
  })
})
