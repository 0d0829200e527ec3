import { describe, expect, it } from 'vitest'
import {
  gcp2Areas,
  rcadsBand,
  rcadsScales,
  score15Dimensions,
  scoreScore15,
  validateGcp2,
  validateRcads,
  validateScore15,
} from './instruments.js'

/** A SCORE-15 form body, `item1` … `item15`, from the answers in item order. */
const score15Form = (answers: readonly unknown[]): Record<string, unknown> =>
  Object.fromEntries(answers.map((answer, index) => [`item${index + 1}`, answer]))

const fifteen = (answer: number) => Array.from({ length: 15 }, () => answer)

describe('SCORE-15 scoring (AFT form via PhenX 662102; direction per Stratton et al. 2014)', () => {
  it('groups the items as AFT’s form does: strengths 1, 3, 6, 10, 15; overwhelmed 5, 7, 9, 11, 14; communication 2, 4, 8, 12, 13', () => {
    expect(Object.fromEntries(score15Dimensions.map(dimension => [dimension.code, [...dimension.items]]))).toEqual({
      strengths: [1, 3, 6, 10, 15],
      overwhelmed: [5, 7, 9, 11, 14],
      communication: [2, 4, 8, 12, 13],
    })
  })

  // All 1s ("describes us very well" to everything): the strengths items count as ticked (1 each); the ten difficulty
  // items are reversed, 6 − 1 = 5 each. Total = (5 × 1 + 10 × 5) / 15 = 55 / 15.
  it('all 1s: strengths score 1, the two difficulty dimensions 5, total 55/15', () => {
    const result = scoreScore15(fifteen(1))
    expect(result.subscales).toEqual({ strengths: 1, overwhelmed: 5, communication: 5 })
    expect(result.total).toBeCloseTo(55 / 15, 10)
  })

  // All 5s ("describes us not at all"): strengths items 5 each; difficulty items 6 − 5 = 1 each.
  // Total = (5 × 5 + 10 × 1) / 15 = 35 / 15.
  it('all 5s: strengths score 5, the two difficulty dimensions 1, total 35/15', () => {
    const result = scoreScore15(fifteen(5))
    expect(result.subscales).toEqual({ strengths: 5, overwhelmed: 1, communication: 1 })
    expect(result.total).toBeCloseTo(35 / 15, 10)
  })

  /*
   * A mixed example, by hand. Answers as ticked, items 1 to 15:
   *   item:    1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
   *   ticked:  1  4  1  4  5  3  4  1  4  5  2  5  4  1  1
   * Strengths and adaptability (items 1, 3, 6, 10, 15; counted as ticked): 1 + 1 + 3 + 5 + 1 = 11, mean 11/5 = 2.2
   * Overwhelmed by difficulties (items 5, 7, 9, 11, 14; reversed, 6 − answer):
   *   5→1, 4→2, 4→2, 2→4, 1→5 = 14, mean 14/5 = 2.8
   * Disrupted communication (items 2, 4, 8, 12, 13; reversed):
   *   4→2, 4→2, 1→5, 5→1, 4→2 = 12, mean 12/5 = 2.4
   * Total: (11 + 14 + 12) / 15 = 37/15 ≈ 2.467
   * (Reversing the strengths items instead would give 3.8, 3.2, 3.6 and 53/15 ≈ 3.533: this example tells the two apart.)
   */
  it('a mixed example: strengths 2.2, overwhelmed 2.8, communication 2.4, total 37/15', () => {
    const result = scoreScore15([1, 4, 1, 4, 5, 3, 4, 1, 4, 5, 2, 5, 4, 1, 1])
    expect(result.subscales.strengths).toBeCloseTo(2.2, 10)
    expect(result.subscales.overwhelmed).toBeCloseTo(2.8, 10)
    expect(result.subscales.communication).toBeCloseTo(2.4, 10)
    expect(result.total).toBeCloseTo(37 / 15, 10)
  })

  // Stratton et al. 2014 as its users describe it: "lower scores indicating better functioning".
  it('a family that ticks the best answer everywhere scores 1 on every scale, and the worst answer 5', () => {
    const best = [1, 5, 1, 5, 5, 1, 5, 5, 5, 1, 5, 5, 5, 5, 1] // strengths "very well", difficulties "not at all"
    const worst = best.map(answer => 6 - answer)
    expect(scoreScore15(best)).toEqual({ total: 1, subscales: { strengths: 1, overwhelmed: 1, communication: 1 } })
    expect(scoreScore15(worst)).toEqual({ total: 5, subscales: { strengths: 5, overwhelmed: 5, communication: 5 } })
  })

  it('refuses anything but fifteen whole numbers from 1 to 5: validate first', () => {
    expect(() => scoreScore15(fifteen(3).slice(1))).toThrow(RangeError)
    expect(() => scoreScore15([...fifteen(3), 3])).toThrow(RangeError)
    expect(() => scoreScore15([0, ...fifteen(3).slice(1)])).toThrow(/answer 1 must be/)
    expect(() => scoreScore15([...fifteen(3).slice(1), 6])).toThrow(/answer 15 must be/)
    expect(() => scoreScore15([2.5, ...fifteen(3).slice(1)])).toThrow(RangeError)
  })
})

describe('validateScore15: each item a whole number from 1 to 5 (the form’s five boxes)', () => {
  it('returns the answers in item order, from form strings (trimmed) or API numbers', () => {
    const answers = [1, 4, 1, 4, 5, 3, 4, 1, 4, 5, 2, 5, 4, 1, 1]
    const typed = answers.map((answer, index) => (index % 2 === 0 ? ` ${answer} ` : answer))
    expect(validateScore15(score15Form(typed))).toEqual({ ok: true, value: answers })
  })

  it('names each unanswered question: absent, empty or blank', () => {
    const form = score15Form(fifteen(3))
    delete form.item3
    form.item7 = ''
    form.item15 = '   '
    expect(validateScore15(form)).toEqual({
      ok: false,
      errors: [
        { field: 'item3', message: 'Enter an answer to question 3, a whole number from 1 to 5' },
        { field: 'item7', message: 'Enter an answer to question 7, a whole number from 1 to 5' },
        { field: 'item15', message: 'Enter an answer to question 15, a whole number from 1 to 5' },
      ],
    })
  })

  it.each([
    ['0', 'below the scale'],
    ['6', 'above the scale'],
    [6, 'above the scale, as a number'],
    ['2.5', 'not a whole number'],
    [2.5, 'not a whole number, as a number'],
    ['-1', 'negative'],
    ['three', 'words'],
    [true, 'not a number at all'],
  ])('refuses %j for a question (%s)', (answer, _why) => {
    const form = score15Form(fifteen(2))
    form.item9 = answer
    expect(validateScore15(form)).toEqual({
      ok: false,
      errors: [{ field: 'item9', message: 'The answer to question 9 must be a whole number from 1 to 5' }],
    })
  })

  it('accepts the ends of the scale and ignores fields that are not items', () => {
    const form = { ...score15Form([...fifteen(1).slice(0, 7), ...fifteen(5).slice(0, 8)]), note: 'x' }
    const result = validateScore15(form)
    expect(result).toEqual({ ok: true, value: [1, 1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5] })
  })
})

describe('RCADS T-score bands (UCLA: "65 or higher" borderline clinical, "70 or higher" clinical)', () => {
  it('lists the six subscales and two totals the scoring programme gives', () => {
    expect(rcadsScales.map(scale => scale.code)).toEqual([
      'separationAnxiety',
      'generalisedAnxiety',
      'panic',
      'socialPhobia',
      'obsessionsCompulsions',
      'majorDepression',
      'totalAnxiety',
      'totalAnxietyAndDepression',
    ])
    expect(rcadsScales.find(scale => scale.code === 'totalAnxietyAndDepression')?.label).toBe(
      'Total anxiety and depression',
    )
  })

  it.each([
    [20, 'normal'],
    [64, 'normal'],
    [65, 'borderline'],
    [69, 'borderline'],
    [70, 'clinical'],
    [120, 'clinical'],
  ] as const)('T = %i is %s', (tScore, band) => {
    expect(rcadsBand(tScore)).toBe(band)
  })

  it('never rounds a T-score up into a band: 64.5 is normal, 69.5 borderline', () => {
    expect(rcadsBand(64.5)).toBe('normal')
    expect(rcadsBand(69.5)).toBe('borderline')
  })

  it('refuses what is not a number', () => {
    expect(() => rcadsBand(Number.NaN)).toThrow(RangeError)
    expect(() => rcadsBand(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('validateRcads: eight T-scores, each a whole number from 20 to 120', () => {
  const complete = {
    separationAnxiety: '52',
    generalisedAnxiety: '64',
    panic: '65',
    socialPhobia: '70',
    obsessionsCompulsions: '20',
    majorDepression: '120',
    totalAnxiety: 61,
    totalAnxietyAndDepression: ' 66 ',
  }

  it('returns the T-scores by scale', () => {
    expect(validateRcads(complete)).toEqual({
      ok: true,
      value: {
        separationAnxiety: 52,
        generalisedAnxiety: 64,
        panic: 65,
        socialPhobia: 70,
        obsessionsCompulsions: 20,
        majorDepression: 120,
        totalAnxiety: 61,
        totalAnxietyAndDepression: 66,
      },
    })
  })

  it('names the scale whose T-score is missing, out of range or not a whole number', () => {
    const { panic: _panic, ...withoutPanic } = complete
    const result = validateRcads({
      ...withoutPanic,
      separationAnxiety: '19',
      socialPhobia: '65.5',
      majorDepression: 121,
      totalAnxiety: '>80',
    })
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'separationAnxiety', message: 'The separation anxiety T-score must be a whole number from 20 to 120' },
        { field: 'panic', message: 'Enter the panic T-score, a whole number from 20 to 120' },
        { field: 'socialPhobia', message: 'The social phobia T-score must be a whole number from 20 to 120' },
        { field: 'majorDepression', message: 'The major depression T-score must be a whole number from 20 to 120' },
        { field: 'totalAnxiety', message: 'The total anxiety T-score must be a whole number from 20 to 120' },
      ],
    })
  })
})

describe('Graded Care Profile 2 (NSPCC: four areas, each 1 most positive to 5 most negative)', () => {
  it('lists the four areas of care', () => {
    expect(gcp2Areas.map(area => area.code)).toEqual(['physicalCare', 'safety', 'emotionalCare', 'developmentalCare'])
  })

  it('records the overall grade as the practitioner gives it, not computed from the areas', () => {
    const result = validateGcp2({
      physicalCare: '1',
      safety: '1',
      emotionalCare: 2,
      developmentalCare: '1',
      overall: '4',
    })
    expect(result).toEqual({
      ok: true,
      value: { areas: { physicalCare: 1, safety: 1, emotionalCare: 2, developmentalCare: 1 }, overall: 4 },
    })
  })

  it('names each grade that is missing, out of range or not a whole number', () => {
    const result = validateGcp2({ physicalCare: '0', safety: '', emotionalCare: '2.5', developmentalCare: 6 })
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'physicalCare', message: 'The grade for physical care must be a whole number from 1 to 5' },
        { field: 'safety', message: 'Enter the grade for safety, a whole number from 1 to 5' },
        {
          field: 'emotionalCare',
          message: 'The grade for love (emotional care) must be a whole number from 1 to 5',
        },
        {
          field: 'developmentalCare',
          message: 'The grade for esteem (developmental care) must be a whole number from 1 to 5',
        },
        { field: 'overall', message: 'Enter the overall grade, a whole number from 1 to 5' },
      ],
    })
  })
})
