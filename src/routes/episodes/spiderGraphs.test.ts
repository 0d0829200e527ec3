import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../../test/agent.js'
import { apiTokenFor, demoRecords, frontDoorRecords, allocateToPractitioner } from '../../../test/fixtures.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { presets } from '../../practice-models/presets/index.js'
import { directionOfTravel } from '../../services/spiderGraphs.js'
import { radarChart } from '../../lib/radarChart.js'

// The spider graph (issue 9). 001_cfe3ebe7e928b659.txt §4: "All cases MUST have an initial progression of change tool
// (these include spider-graphs …), completed by the allocated worker in partnership with the family before the first
// TAF meeting"; reviewed "prior to each TAF review meeting" and "at the termination of an intervention … This
// demonstrates improved direction of travel". 003_e9f5ab6753ae1fa9.txt §2 counts "spider-graphs with an improving
// direction of travel 667/717 (93%)". DESIGN §5: each domain "scored 1–10 … the family and the child may add their
// own scores".

let t: TestApp
let episodeId: string
let familyId: string
const domains = presets.derby.spiderGraphDomains
const db = () => t.testDatabase.database.db
const text = (html: string) => html.replace(/\s+/g, ' ')
/** What a reader sees of the page: its words, without the markup. */
const words = (html: string) => text(html.replace(/<[^>]+>/g, ' '))

beforeAll(async () => {
  t = await buildTestApp()
  const derby = await demoRecords(db(), 'derby')
  familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  await allocateToPractitioner(t, episodeId, '2026-11-23')
})
afterAll(() => t.close())

const graphCount = async () =>
  Number(
    (
      await db()
        .selectFrom('progression_tool_record')
        .select(eb => eb.fn.countAll<string>().as('n'))
        .where('episode_id', '=', episodeId)
        .where('tool', '=', 'spider-graph')
        .executeTakeFirstOrThrow()
    ).n,
  )

/** The form as a worker fills it in: the date in three boxes, and a score box per domain and scorer. */
function graphForm(day: string, stage: string, worker: number[], extra: Record<string, string> = {}) {
  const [year, month, date] = day.split('-')
  return {
    stage,
    'completedOn-day': String(Number(date)),
    'completedOn-month': String(Number(month)),
    'completedOn-year': year!,
    completedWith: 'Mum and both children',
    parentPersonId: '',
    childPersonId: '',
    familyViews: '',
    summary: '',
    ...Object.fromEntries(domains.map((domain, index) => [`score-${domain.code}-worker`, String(worker[index])])),
    ...extra,
  }
}

describe('the direction of travel, defined once (services/spiderGraphs.ts)', () => {
  const scored = (scores: number[]) =>
    scores.map((worker, index) => ({ domainCode: `d${index}`, domainLabel: `Domain ${index}`, worker }))

  it('is improving when the latest scores add up to more than the baseline, per domain and overall', () => {
    const result = directionOfTravel(scored([3, 5, 7]), scored([6, 5, 6]))
    expect(result.overall).toBe('improving')
    expect(result.change).toBe(2)
    expect(result.domains.map(domain => domain.direction)).toEqual(['improving', 'no_change', 'worse'])
  })

  it('is worse when they add up to less, and no change when they are equal', () => {
    expect(directionOfTravel(scored([6, 6]), scored([5, 6])).overall).toBe('worse')
    expect(directionOfTravel(scored([6, 4]), scored([4, 6])).overall).toBe('no_change')
  })

  it('leaves out a domain the baseline did not score', () => {
    const result = directionOfTravel(scored([5]), scored([5, 9]))
    expect(result.overall).toBe('no_change')
    expect(result.comparedDomains).toBe(1)
    expect(result.domains[1]).toMatchObject({ baseline: null, latest: 9, change: null, direction: null })
  })
})

describe('the radar chart’s geometry', () => {
  it('puts the first axis straight up and a full score on the rim', () => {
    const chart = radarChart({
      axes: ['A', 'B', 'C', 'D'],
      max: 10,
      series: [{ label: 'x', values: [10, 5, null, 0] }],
    })
    expect(chart.axes[0]).toMatchObject({ x: chart.centre.x, anchor: 'middle' })
    expect(chart.axes[0]!.y).toBeLessThan(chart.centre.y)
    expect(chart.axes[1]!.anchor).toBe('start')
    expect(chart.axes[3]!.anchor).toBe('end')
    const [top, right, bottom] = chart.series[0]!.dots
    expect(top).toMatchObject({ x: chart.axes[0]!.x, y: chart.axes[0]!.y, value: 10 })
    expect(right!.x - chart.centre.x).toBeCloseTo((chart.axes[1]!.x - chart.centre.x) / 2, 0)
    // The missing value is left out, and a zero sits on the centre.
    expect(chart.series[0]!.dots).toHaveLength(3)
    expect(bottom).toMatchObject({ x: chart.centre.x, y: chart.centre.y, value: 0 })
    expect(chart.rings.map(ring => ring.value)).toEqual([2, 4, 6, 8, 10])
  })
})

describe('recording spider graphs on the pages', () => {
  it('refuses a graph with scores missing or out of range, keeping what was typed, and writes nothing', async () => {
    t.clock.set('2026-12-01T10:00:00Z')
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const form = await practitioner.get(`/episodes/${episodeId}/spider-graph/new`)
    expect(form.statusCode).toBe(200)
    for (const domain of domains) expect(form.body).toContain(domain.label)
    // No graph yet: the form suggests the baseline.
    expect(form.body).toMatch(/value="baseline" checked/)

    const empty = await practitioner.post(`/episodes/${episodeId}/spider-graph`, {})
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Select the stage the tool was completed at')
    expect(empty.body).toContain('Enter the date the tool was completed')
    expect(empty.body).toContain(`Enter the worker’s score for ${domains[0]!.label}, a whole number from 1 to 10`)

    const scores = [3, 4, 5, 6, 2, 4, 5, 3]
    const wrong = await practitioner.post(
      `/episodes/${episodeId}/spider-graph`,
      graphForm('2026-12-01', 'baseline', scores, {
        [`score-${domains[0]!.code}-worker`]: '11',
        [`score-${domains[1]!.code}-worker`]: 'six',
        [`score-${domains[2]!.code}-parent`]: '4',
      }),
    )
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain(`The worker’s score for ${domains[0]!.label} must be a whole number from 1 to 10`)
    expect(wrong.body).toContain(`The worker’s score for ${domains[1]!.label} must be a whole number from 1 to 10`)
    expect(wrong.body).toContain('Select the parent or carer who gave their own scores')
    // The error summary links to the box, and the box keeps what was typed.
    expect(wrong.body).toContain(`href="#score-${domains[0]!.code}-worker"`)
    expect(wrong.body).toMatch(
      new RegExp(`id="score-${domains[1]!.code}-worker" name="[^"]+" type="text" inputmode="numeric" value="six"`),
    )
    expect(await graphCount()).toBe(0)
  })

  it('records the baseline with a parent’s own scores, then a review, and shows the direction of travel as improving', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const parent = await db()
      .selectFrom('family_member as m')
      .innerJoin('person as p', 'p.person_id', 'm.person_id')
      .select(['p.person_id', 'p.given_name', 'p.family_name'])
      .where('m.family_id', '=', familyId)
      .where('m.role', '=', 'parent')
      .where('m.left_on', 'is', null)
      .executeTakeFirstOrThrow()
    const baselineScores = [3, 4, 5, 6, 2, 4, 5, 3]
    const withoutParentScores = await practitioner.post(
      `/episodes/${episodeId}/spider-graph`,
      graphForm('2026-12-01', 'baseline', baselineScores, { parentPersonId: parent.person_id }),
    )
    expect(withoutParentScores.statusCode).toBe(400)
    expect(withoutParentScores.body).toContain(
      `Enter ${parent.given_name} ${parent.family_name}’s score for ${domains[0]!.label}, a whole number from 1 to 10`,
    )

    const baseline = await practitioner.post(
      `/episodes/${episodeId}/spider-graph`,
      graphForm('2026-12-01', 'baseline', baselineScores, {
        parentPersonId: parent.person_id,
        ...Object.fromEntries(domains.map(domain => [`score-${domain.code}-parent`, '5'])),
        familyViews: 'We want the mornings to be calmer.',
      }),
    )
    expect(baseline.statusCode, baseline.body).toBe(303)
    expect(baseline.headers.location).toBe(`/episodes/${episodeId}/spider-graph?recorded=1`)
    const onlyBaseline = text((await practitioner.get(`/episodes/${episodeId}/spider-graph?recorded=1`)).body)
    expect(onlyBaseline).toContain('The spider graph has been recorded.')
    expect(onlyBaseline).toContain('Only the baseline has been scored.')
    expect(onlyBaseline).toContain('We want the mornings to be calmer.')
    expect(onlyBaseline).toContain(`${parent.given_name} ${parent.family_name}`)

    // Before the review, the form suggests the review stage.
    t.clock.set('2027-02-20T10:00:00Z')
    const later = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    expect((await later.get(`/episodes/${episodeId}/spider-graph/new`)).body).toMatch(/value="review" checked/)
    const reviewScores = [5, 6, 5, 7, 4, 4, 6, 2]
    const review = await later.post(
      `/episodes/${episodeId}/spider-graph`,
      graphForm('2027-02-20', 'review', reviewScores),
    )
    expect(review.statusCode, review.body).toBe(303)
    expect(await graphCount()).toBe(2)

    const page = await later.get(`/episodes/${episodeId}/spider-graph`)
    const seen = text(page.body)
    // 3+4+5+6+2+4+5+3 = 32 at the baseline, 5+6+5+7+4+4+6+2 = 39 now: +7 over the eight areas.
    expect(seen).toMatch(
      /data-testid="direction">.*Improving.*\+7 over 8 areas, from the baseline of 1 December 2026 to 20 February 2027/,
    )
    // The chart has both graphs, the baseline dashed; the table gives the same scores as its text alternative.
    expect(page.body.match(/<polygon points="[^"]+" fill="(none|#1d70b8)" fill-opacity/g)).toHaveLength(2)
    expect(page.body).toContain('stroke-dasharray="8 5"')
    expect(words(page.body)).toContain(`${domains[0]!.label} 3 5 +2 Improving`)
    expect(words(page.body)).toContain(`${domains[7]!.label} 3 2 −1 Worse`)
    expect(words(page.body)).toContain(`${domains[5]!.label} 4 4 0 No change`)

    const chronology = await db()
      .selectFrom('chronology_entry')
      .select('summary')
      .where('family_id', '=', familyId)
      .execute()
    expect(chronology.map(entry => entry.summary)).toContain(
      'Spider graph completed with Mum and both children: review (before a TAF review); direction of travel improving',
    )
  })

  it('lets a partner who does not lead the case see the graph but not record one', async () => {
    const partner = await signedIn(t.app, demoEmail('partner', 'derby'))
    expect((await partner.get(`/episodes/${episodeId}/spider-graph`)).statusCode).toBe(200)
    const before = await graphCount()
    const refused = await partner.post(
      `/episodes/${episodeId}/spider-graph`,
      graphForm('2027-02-20', 'review', [9, 9, 9, 9, 9, 9, 9, 9]),
    )
    expect(refused.statusCode).toBe(403)
    expect(refused.body).not.toContain(domains[0]!.label)
    expect(await graphCount()).toBe(before)
  })
})

describe('spider graphs on /api/v1', () => {
  it('records a closing graph, refuses a score of 11 with the field named, and lists the direction of travel', async () => {
    t.clock.set('2027-04-01T10:00:00Z')
    const { token } = await apiTokenFor(t, demoEmail('practitioner', 'derby'))
    const call = (method: 'GET' | 'POST', payload?: object) =>
      t.app.inject({
        method,
        url: `/api/v1/episodes/${episodeId}/spider-graphs`,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      })
    const allSeven = Object.fromEntries(domains.map(domain => [domain.code, { worker: 7 }]))
    const body = { stage: 'closing', completedOn: '2027-04-01', completedWith: 'Mum', scores: allSeven }

    const outOfRange = await call('POST', { ...body, scores: { ...allSeven, [domains[0]!.code]: { worker: 11 } } })
    expect(outOfRange.statusCode).toBe(400)
    expect(outOfRange.headers['content-type']).toContain('application/problem+json')
    expect(outOfRange.json().errors).toEqual([expect.objectContaining({ field: `scores.${domains[0]!.code}.worker` })])
    const missing = await call('POST', { ...body, scores: { [domains[0]!.code]: { worker: 7 } } })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().errors).toContainEqual({
      field: `scores.${domains[1]!.code}.worker`,
      message: `Enter the worker’s score for ${domains[1]!.label}, a whole number from 1 to 10`,
    })
    const unknown = await call('POST', { ...body, scores: { ...allSeven, moonlight: { worker: 5 } } })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors).toContainEqual({
      field: 'scores.moonlight.worker',
      message: 'There is no area “moonlight” in the spider graph',
    })

    const created = await call('POST', body)
    expect(created.statusCode, created.body).toBe(201)
    const list = await call('GET')
    expect(list.statusCode).toBe(200)
    const found = list.json()
    expect(found.items.map((item: { stage: string }) => item.stage)).toEqual(['baseline', 'review', 'closing'])
    // 7 × 8 = 56 at closing against 32 at the baseline.
    expect(found.directionOfTravel).toMatchObject({
      overall: 'improving',
      change: 24,
      baselineOn: '2026-12-01',
      latestOn: '2027-04-01',
    })
    expect(found.directionOfTravel.domains[0]).toEqual({
      domain: domains[0]!.code,
      label: domains[0]!.label,
      baseline: 3,
      latest: 7,
      direction: 'improving',
    })
  })
})
