import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../../test/agent.js'
import { apiTokenFor, demoRecords, frontDoorRecords, allocateToPractitioner } from '../../../test/fixtures.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { presets } from '../../practice-models/presets/index.js'
import { scoreScore15 } from '../../services/instruments.js'

// The licensed instruments' results (issue 9). 001_cfe3ebe7e928b659.txt §4: "All cases MUST have an initial progression
// of change tool (these include spider-graphs, RCADS, Score 15 and Graded-care Profile, where neglect/poor care is a
// case feature), completed by the allocated worker in partnership with the family before the first TAF meeting".
// 000_d6fbec82994b68a9.txt: "Allocation for either IAPT(CBT) or systemic work requires ARCADS or Score 15 assessment
// prior to a case being worked"; "progression of change tools (these include spider-graphs, change balloon and
// Graded-Care Profile (where neglect/poor care is a case feature), in all cases". The scoring is the instruments' own
// (services/instruments.ts): RCADS bands from UCLA, SCORE-15 from Stratton et al. 2014, GCP2's grades as recorded.

let t: TestApp
let episodeId: string
let familyId: string
let child: { person_id: string; name: string }
let parent: { person_id: string; name: string }
const db = () => t.testDatabase.database.db
/** What a reader sees of the page: its words, without the markup. */
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const toolCode = (instrument: string) =>
  presets.derby.progressionTools.find(tool => tool.instrument === instrument)!.code

beforeAll(async () => {
  t = await buildTestApp()
  const derby = await demoRecords(db(), 'derby')
  familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  await allocateToPractitioner(t, episodeId, '2026-11-23')
  const firstChild = await db()
    .selectFrom('episode_child as c')
    .innerJoin('person as p', 'p.person_id', 'c.person_id')
    .select(['p.person_id', 'p.given_name', 'p.family_name'])
    .where('c.episode_id', '=', episodeId)
    .where('p.date_of_birth', 'is not', null)
    .orderBy('p.date_of_birth')
    .executeTakeFirstOrThrow()
  child = { person_id: firstChild.person_id, name: `${firstChild.given_name} ${firstChild.family_name}` }
  const firstParent = await db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', 'p.person_id', 'm.person_id')
    .select(['p.person_id', 'p.given_name', 'p.family_name'])
    .where('m.family_id', '=', familyId)
    .where('m.role', '=', 'parent')
    .where('m.left_on', 'is', null)
    .executeTakeFirstOrThrow()
  parent = { person_id: firstParent.person_id, name: `${firstParent.given_name} ${firstParent.family_name}` }
  t.clock.set('2026-12-01T10:00:00Z')
})
afterAll(() => t.close())

const recordCount = async (instrument: string) =>
  Number(
    (
      await db()
        .selectFrom('progression_tool_record')
        .select(eb => eb.fn.countAll<string>().as('n'))
        .where('episode_id', '=', episodeId)
        .where('tool', '=', toolCode(instrument))
        .executeTakeFirstOrThrow()
    ).n,
  )

const chronology = async () =>
  (await db().selectFrom('chronology_entry').select('summary').where('family_id', '=', familyId).execute()).map(
    entry => entry.summary,
  )

/** The form as a worker fills it in: the date in three boxes, whom it is about, and the instrument's boxes. */
function form(subjectPersonId: string, boxes: Record<string, string>) {
  return {
    stage: 'baseline',
    'completedOn-day': '1',
    'completedOn-month': '12',
    'completedOn-year': '2026',
    completedWith: 'Mum and Sam',
    subjectPersonId,
    summary: '',
    ...boxes,
  }
}

// A SCORE-15 worked example. Answers as ticked, questions 1 to 15:
//   2 3 2 3 2 3 3 4 2 2 1 2 3 2 2
// Strengths and adaptability (1, 3, 6, 10, 15) count as ticked: 2 + 2 + 3 + 2 + 2 = 11, mean 2.2.
// Overwhelmed by difficulties (5, 7, 9, 11, 14) are reversed (6 − answer): 4 + 3 + 4 + 5 + 4 = 20, mean 4.
// Disrupted communication (2, 4, 8, 12, 13) are reversed: 3 + 3 + 2 + 4 + 3 = 15, mean 3.
// Total: (11 + 20 + 15) / 15 = 46 / 15 = 3.0666…, shown as 3.07.
const score15Answers = [2, 3, 2, 3, 2, 3, 3, 4, 2, 2, 1, 2, 3, 2, 2]
const score15Boxes = Object.fromEntries(score15Answers.map((answer, index) => [`item${index + 1}`, String(answer)]))

const rcadsScores = {
  separationAnxiety: '64',
  generalisedAnxiety: '65',
  panic: '70',
  socialPhobia: '58',
  obsessionsCompulsions: '69',
  majorDepression: '71',
  totalAnxiety: '66',
  totalAnxietyAndDepression: '72',
}

const gcp2Grades = { physicalCare: '3', safety: '2', emotionalCare: '4', developmentalCare: '3', overall: '3' }

describe('the worked example agrees with the scoring (services/instruments.ts)', () => {
  it('scores SCORE-15 as the comment works it out', () => {
    const scored = scoreScore15(score15Answers)
    expect(scored.total).toBeCloseTo(46 / 15, 10)
    expect(scored.subscales).toEqual({ strengths: 2.2, overwhelmed: 4, communication: 3 })
  })
})

describe('the tools pages link to each instrument’s own form', () => {
  it('lists the instruments Derby’s model has, and refuses an instrument that is not one', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const tools = await practitioner.get(`/episodes/${episodeId}/tools`)
    const toolNew = await practitioner.get(`/episodes/${episodeId}/tools/new`)
    for (const instrument of ['graded-care-profile-2', 'rcads', 'score-15']) {
      expect(tools.body).toContain(`href="/episodes/${episodeId}/instruments/${instrument}"`)
      expect(toolNew.body).toContain(`href="/episodes/${episodeId}/instruments/${instrument}/new"`)
      // Recorded on their own form, not as a simple tool record.
      expect(toolNew.body).not.toContain(`value="${toolCode(instrument)}"`)
    }
    expect((await practitioner.get(`/episodes/${episodeId}/instruments/dash`)).statusCode).toBe(404)
    expect((await practitioner.get(`/episodes/${episodeId}/instruments/spider-graph/new`)).statusCode).toBe(404)
  })
})

describe('an authority whose model lacks an instrument', () => {
  it('has nothing at its address: Leeds records the Graded Care Profile 2 but neither RCADS nor SCORE-15', async () => {
    const leeds = await demoRecords(db(), 'leeds')
    const { episodeId: leedsEpisode } = await frontDoorRecords(t, leeds.partnerFamily.family_id)
    const manager = await signedIn(t.app, demoEmail('team_manager', 'leeds'))
    expect((await manager.get(`/episodes/${leedsEpisode}/instruments/graded-care-profile-2`)).statusCode).toBe(200)
    expect((await manager.get(`/episodes/${leedsEpisode}/instruments/rcads`)).statusCode).toBe(404)
    expect((await manager.get(`/episodes/${leedsEpisode}/instruments/score-15`)).statusCode).toBe(404)
  })
})

describe('SCORE-15 on the pages', () => {
  it('refuses out-of-range and missing answers, naming each question, keeping what was typed, writing nothing', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const page = await practitioner.get(`/episodes/${episodeId}/instruments/score-15/new`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Question 15')
    expect(page.body).toContain(parent.name)
    expect(page.body).toMatch(/value="baseline" checked/)

    const wrong = await practitioner.post(
      `/episodes/${episodeId}/instruments/score-15`,
      form('', { ...score15Boxes, item4: '6', item9: '0', item12: '' }),
    )
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('<title>Error: ')
    expect(wrong.body).toContain('Select the family member who completed the SCORE-15')
    expect(wrong.body).toContain('The answer to question 4 must be a whole number from 1 to 5')
    expect(wrong.body).toContain('The answer to question 9 must be a whole number from 1 to 5')
    expect(wrong.body).toContain('Enter an answer to question 12, a whole number from 1 to 5')
    // The summary links to each box, in the order of the form, and the boxes keep what was typed.
    const links = [...wrong.body.matchAll(/href="#(item\d+|subjectPersonId)"/g)].map(match => match[1])
    expect(links).toEqual(['subjectPersonId', 'item4', 'item9', 'item12'])
    expect(wrong.body).toMatch(/id="item4" name="item4"[^>]*value="6"/)
    expect(wrong.body).toMatch(/id="item1" name="item1"[^>]*value="2"/)
    expect(await recordCount('score-15')).toBe(0)
  })

  it('records the answers and shows the total and the three dimensions it computes', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const saved = await practitioner.post(
      `/episodes/${episodeId}/instruments/score-15`,
      form(parent.person_id, score15Boxes),
    )
    expect(saved.statusCode, saved.body).toBe(303)
    expect(saved.headers.location).toBe(`/episodes/${episodeId}/instruments/score-15?recorded=1`)
    const page = await practitioner.get(saved.headers.location as string)
    const seen = words(page.body)
    expect(seen).toContain('The SCORE-15 results have been recorded.')
    expect(seen).toContain(`Completed by ${parent.name}`)
    // The worked example above: total 3.07, strengths 2.2, overwhelmed 4, communication 3.
    expect(seen).toContain(
      'Total 3.07 Strengths and adaptability 2.2 Overwhelmed by difficulties 4 Disrupted communication 3',
    )
    expect(seen).toContain('Question 11 1')
    expect(await chronology()).toContain(
      `SCORE-15 completed by ${parent.name}: baseline (before the first TAF); total 3.07`,
    )
  })
})

describe('RCADS on the pages', () => {
  it('refuses T-scores out of range, naming each scale, keeping what was typed, writing nothing', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const page = await practitioner.get(`/episodes/${episodeId}/instruments/rcads/new`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Which child is the RCADS about?')
    expect(page.body).toContain(child.name)
    expect(page.body).not.toContain(`value="${parent.person_id}"`)

    const wrong = await practitioner.post(
      `/episodes/${episodeId}/instruments/rcads`,
      form(parent.person_id, { ...rcadsScores, panic: '19', totalAnxiety: '121', majorDepression: '>80' }),
    )
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('Select the child the RCADS is about')
    expect(wrong.body).toContain('The panic T-score must be a whole number from 20 to 120')
    expect(wrong.body).toContain('The total anxiety T-score must be a whole number from 20 to 120')
    expect(wrong.body).toContain('The major depression T-score must be a whole number from 20 to 120')
    expect(wrong.body).toContain('href="#panic"')
    expect(wrong.body).toMatch(/id="totalAnxiety" name="totalAnxiety"[^>]*value="121"/)
    expect(wrong.body).toMatch(/id="majorDepression" name="majorDepression"[^>]*value="&gt;80"/)
    expect(await recordCount('rcads')).toBe(0)
  })

  it('records the T-scores and shows each with its band: 64 normal, 65 borderline, 70 clinical', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const saved = await practitioner.post(
      `/episodes/${episodeId}/instruments/rcads`,
      form(child.person_id, rcadsScores),
    )
    expect(saved.statusCode, saved.body).toBe(303)
    const page = await practitioner.get(`/episodes/${episodeId}/instruments/rcads`)
    const seen = words(page.body)
    expect(seen).toContain(`About ${child.name}`)
    expect(seen).toContain('Separation anxiety 64 Normal')
    expect(seen).toContain('Generalised anxiety 65 Borderline')
    expect(seen).toContain('Panic 70 Clinical')
    expect(seen).toContain('Obsessions and compulsions 69 Borderline')
    expect(seen).toContain('Total anxiety and depression 72 Clinical')
    // The band is a coloured tag that also says it in words.
    expect(page.body).toMatch(/govuk-tag--green">\s*Normal/)
    expect(page.body).toMatch(/govuk-tag--yellow">\s*Borderline/)
    expect(page.body).toMatch(/govuk-tag--red">\s*Clinical/)
    expect(await chronology()).toContain(
      `RCADS for ${child.name} completed with Mum and Sam: baseline (before the first TAF); total anxiety and depression 72 (clinical)`,
    )
  })
})

describe('Graded Care Profile 2 on the pages', () => {
  it('refuses grades out of range and a subject who is not a child of the episode, writing nothing', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const wrong = await practitioner.post(
      `/episodes/${episodeId}/instruments/graded-care-profile-2`,
      form(parent.person_id, { ...gcp2Grades, safety: '6', overall: '' }),
    )
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('Select the child the Graded Care Profile 2 is about')
    expect(wrong.body).toContain('The grade for safety must be a whole number from 1 to 5')
    expect(wrong.body).toContain('Enter the overall grade, a whole number from 1 to 5')
    expect(wrong.body).toContain('href="#safety"')
    expect(wrong.body).toMatch(/id="safety" name="safety"[^>]*value="6"/)
    expect(await recordCount('graded-care-profile-2')).toBe(0)
  })

  it('records the grades per area and the overall grade as judged', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const saved = await practitioner.post(
      `/episodes/${episodeId}/instruments/graded-care-profile-2`,
      form(child.person_id, gcp2Grades),
    )
    expect(saved.statusCode, saved.body).toBe(303)
    const seen = words((await practitioner.get(`/episodes/${episodeId}/instruments/graded-care-profile-2`)).body)
    expect(seen).toContain(
      'Physical care 3 Safety 2 Love (emotional care) 4 Esteem (developmental care) 3 Overall grade 3',
    )
    expect(await chronology()).toContain(
      `Graded Care Profile 2 for ${child.name} completed with Mum and Sam: baseline (before the first TAF); overall grade 3`,
    )
  })
})

describe('a partner who does not lead the case', () => {
  it('may see the results but not record any', async () => {
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    expect((await partner.get(`/episodes/${episodeId}/instruments/rcads`)).statusCode).toBe(200)
    expect((await partner.get(`/episodes/${episodeId}/instruments/rcads/new`)).statusCode).toBe(403)
    for (const [instrument, boxes] of [
      ['rcads', rcadsScores],
      ['score-15', score15Boxes],
      ['graded-care-profile-2', gcp2Grades],
    ] as const) {
      const before = await recordCount(instrument)
      const refused = await partner.post(
        `/episodes/${episodeId}/instruments/${instrument}`,
        form(instrument === 'score-15' ? parent.person_id : child.person_id, boxes),
      )
      expect(refused.statusCode).toBe(403)
      expect(refused.body).not.toContain(child.name)
      expect(await recordCount(instrument)).toBe(before)
    }
  })
})

describe('instrument results on /api/v1', () => {
  const call = async (method: 'GET' | 'POST', instrument: string, payload?: object) => {
    const { token } = await apiTokenFor(t, demoEmail('practitioner', 'derby'))
    return t.app.inject({
      method,
      url: `/api/v1/episodes/${episodeId}/instruments/${instrument}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    })
  }
  const record = { stage: 'review', completedOn: '2026-12-01', completedWith: 'Sam' }

  it('refuses out-of-range results with the path of each, and writes nothing', async () => {
    const rcads = await call('POST', 'rcads', {
      ...record,
      subjectPersonId: child.person_id,
      scores: { ...Object.fromEntries(Object.entries(rcadsScores).map(([code, v]) => [code, Number(v)])), panic: 130 },
    })
    expect(rcads.statusCode).toBe(400)
    expect(rcads.headers['content-type']).toContain('application/problem+json')
    expect(rcads.json().errors).toEqual([
      { field: 'scores.panic', message: 'The panic T-score must be a whole number from 20 to 120' },
    ])
    const answers = [...score15Answers]
    answers[3] = 6
    const score15 = await call('POST', 'score-15', {
      ...record,
      subjectPersonId: child.person_id,
      answers: answers.slice(0, 14),
    })
    expect(score15.statusCode).toBe(400)
    // The child may answer SCORE-15 (AFT: from 12), so only the answers are wrong: question 4, and 15 missing.
    expect(score15.json().errors).toEqual([
      { field: 'answers.3', message: 'The answer to question 4 must be a whole number from 1 to 5' },
      { field: 'answers.14', message: 'Enter an answer to question 15, a whole number from 1 to 5' },
    ])
    const misplaced = await call('POST', 'graded-care-profile-2', {
      ...record,
      subjectPersonId: child.person_id,
      answers: score15Answers,
    })
    expect(misplaced.statusCode).toBe(400)
    expect(misplaced.json().errors).toEqual([
      { field: 'answers', message: 'The graded-care-profile-2 results go in grades, not answers' },
    ])
    expect(await recordCount('rcads')).toBe(1)
    expect(await recordCount('score-15')).toBe(1)
    expect((await call('GET', 'moonlight')).statusCode).toBe(404)
  })

  it('records SCORE-15 answers and lists them, oldest first, with the scores computed', async () => {
    const created = await call('POST', 'score-15', {
      ...record,
      subjectPersonId: parent.person_id,
      answers: score15Answers.map(answer => 6 - answer),
    })
    expect(created.statusCode, created.body).toBe(201)
    const list = await call('GET', 'score-15')
    expect(list.statusCode).toBe(200)
    const found = list.json()
    expect(found).toMatchObject({ instrument: 'score-15', tool: toolCode('score-15') })
    expect(found.items.map((item: { stage: string }) => item.stage)).toEqual(['baseline', 'review'])
    expect(found.items[0].score15.total).toBeCloseTo(46 / 15, 10)
    expect(found.items[0].subject).toEqual({ personId: parent.person_id, name: parent.name })
    // Every answer mirrored (6 − answer): each item score becomes 6 less its old score, so each mean is 6 less its old.
    expect(found.items[1].score15.total).toBeCloseTo(6 - 46 / 15, 10)
    expect(found.items[1].score15.subscales.strengths).toBeCloseTo(3.8, 10)
    expect(found.items[1].results[0]).toEqual({ item: 'item1', label: 'Question 1', value: 4, band: null })

    const rcads = (await call('GET', 'rcads')).json()
    expect(rcads.items[0].results.slice(0, 3).map((one: { band: string }) => one.band)).toEqual([
      'normal',
      'borderline',
      'clinical',
    ])
  })
})
