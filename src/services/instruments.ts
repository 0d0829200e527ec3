import type { FieldError } from '../lib/errors.js'

/*
 * Standardised instruments a practitioner completes with a family and records in Tandem: SCORE-15, RCADS T-scores and
 * the Graded Care Profile 2. Each function does only what the instrument's own published scoring defines; anything
 * else (bands it does not publish, an overall grade it leaves to judgement) is recorded, never computed.
 */

/** Valid input, or the reasons it is not, one per field, in form order. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

/**
 * One field as a whole number from `min` to `max`, typed into a form (a string) or sent by the API (a number); or null,
 * with the field's error added to `errors`. Blank is missing; anything else that is not such a number ("2.5", "3a",
 * 7, 2.5) is invalid.
 */
function wholeNumberField(
  raw: Record<string, unknown>,
  field: string,
  range: { min: number; max: number },
  messages: { missing: string; invalid: string },
  errors: FieldError[],
): number | null {
  const given = raw[field]
  const text = typeof given === 'string' ? given.trim() : given
  if (text === undefined || text === null || text === '') {
    errors.push({ field, message: messages.missing })
    return null
  }
  const value =
    typeof text === 'number' ? text : typeof text === 'string' && /^\d{1,4}$/.test(text) ? Number(text) : NaN
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return value
  errors.push({ field, message: messages.invalid })
  return null
}

// ---------------------------------------------------------------------------------------------------------------
// SCORE-15
// ---------------------------------------------------------------------------------------------------------------
//
// Sources, as found. AFT's own scoring sheet ("SCORE-15 scoring & data entry for paper version", in the SCORE resource
// pack, https://www.aft.org.uk/page/scoreresourcepack) could not be read from here, nor the scoring section of
// Stratton's "Using the SCORE-15"; what follows rests on:
// - The form, its anchors and the items of each dimension: the SCORE-15 as AFT publishes it, reproduced in the PhenX
//   Toolkit protocol 662102 "Family Functioning – Systematic Clinical Outcome Routine Evaluation"
//   (https://www.phenxtoolkit.org/protocols/view/662102): each item ticked 1 "Describes us: very well" … 5 "Describes
//   us: not at all"; Strengths and adaptability = items 1, 3, 6, 10, 15; Overwhelmed by difficulties = 5, 7, 9, 11,
//   14; Disrupted communication = 2, 4, 8, 12, 13. NHS England's MHSDS reference data has the same three dimension
//   names as SNOMED CT concepts, each with an average score (1 to 5) and a total (5 to 25; 15 to 75 overall).
// - The direction: Stratton, Lask, Bland et al. (2014) "Detecting therapeutic improvement early in therapy:
//   validation of the SCORE-15 index of family functioning and change", Journal of Family Therapy 36(1) 3–19, as
//   the studies that use it describe it: items rated "describes us very well" to "describes us not at all", "with
//   lower scores indicating better functioning". PhenX calls the total "a total family problem score".
//
// What that makes the arithmetic. Ten items describe difficulties ("It feels miserable in our family"): ticking 1,
// "describes us very well", is the worst answer, so they are reversed (6 − answer). The five strengths items ("We
// trust each other") are worded the other way: their 1 is already the best answer, so they count as ticked. Every
// item then runs from 1 (best) to 5 (worst), and each score is the mean of its items' scores.
//
// Where sources disagree (the brief: take the AFT/Stratton et al. 2014 version):
// - "The strengths items are the reversed ones" holds on a form whose anchors run the other way (1 "not at all" …
//   5 "very well", as docs.mindchart.co.uk/questionnaires/score-15 gives them). On AFT's form, reversing the
//   strengths items instead makes a higher score mean better functioning.
// - That opposite direction is the one NHS England's CYP outcomes analysis uses: github.com/nhsengland/MHSDS,
//   "CYP Outcomes Dashboard/CYP Outcomes", counts a rise in the SCORE-15 total as improvement (its reliable change
//   threshold, 10 on the 15-to-75 total, is cited to Stratton et al. 2014). Tandem follows the direction the
//   studies using Stratton et al. describe; confirm it against AFT's scoring sheet.
// - PhenX adds the items up (15 to 75); SNOMED CT has both the sum and the average. Tandem gives the mean, on the
//   answers' own 1-to-5 scale; the sums are the mean × 15 (total) and × 5 (each dimension).

/** SCORE-15 has fifteen items, each answered 1 ("describes us very well") to 5 ("describes us not at all"). */
export const SCORE15 = { items: 15, min: 1, max: 5 } as const

/** The items (numbered from 1) of each SCORE-15 dimension, as AFT's form groups them. */
export const score15Dimensions = [
  { code: 'strengths', label: 'Strengths and adaptability', items: [1, 3, 6, 10, 15] },
  { code: 'overwhelmed', label: 'Overwhelmed by difficulties', items: [5, 7, 9, 11, 14] },
  { code: 'communication', label: 'Disrupted communication', items: [2, 4, 8, 12, 13] },
] as const

export type Score15Dimension = (typeof score15Dimensions)[number]['code']

/** The items that describe a strength, so are counted as ticked; every other item describes a difficulty. */
const strengthsItems: readonly number[] = score15Dimensions[0].items

/** An item's score: 1 is always the best answer and 5 the worst (see the sources above). */
const itemScore = (item: number, answer: number) =>
  strengthsItems.includes(item) ? answer : SCORE15.min + SCORE15.max - answer

export interface Score15Result {
  /** The mean of all fifteen item scores, 1 to 5. */
  total: number
  /** The mean of each dimension's five item scores, 1 to 5. */
  subscales: Record<Score15Dimension, number>
}

/**
 * SCORE-15 scores (Stratton et al. 2014; AFT): the total and the three dimensions, each the mean of its item scores
 * after the ten difficulty items are reversed, from 1 to 5 and unrounded. A higher score means more difficulty, on
 * every dimension: a high "strengths and adaptability" score means few strengths. `answers` are items 1 to 15 in
 * order, as ticked; anything else is a programming error (run `validateScore15` first), so it throws.
 */
export function scoreScore15(answers: readonly number[]): Score15Result {
  if (answers.length !== SCORE15.items)
    throw new RangeError(`SCORE-15 has ${SCORE15.items} answers, not ${answers.length}`)
  answers.forEach((answer, index) => {
    if (!Number.isInteger(answer) || answer < SCORE15.min || answer > SCORE15.max)
      throw new RangeError(`SCORE-15 answer ${index + 1} must be a whole number from 1 to 5, not ${answer}`)
  })
  const mean = (items: readonly number[]) =>
    items.reduce((sum, item) => sum + itemScore(item, answers[item - 1]!), 0) / items.length
  const everyItem = answers.map((_answer, index) => index + 1)
  return {
    total: mean(everyItem),
    subscales: {
      strengths: mean(score15Dimensions[0].items),
      overwhelmed: mean(score15Dimensions[1].items),
      communication: mean(score15Dimensions[2].items),
    },
  }
}

/** The form's field for a SCORE-15 item: `item1` … `item15`. */
export const score15Field = (item: number) => `item${item}`

/**
 * A SCORE-15 form (`item1` … `item15`) as the fifteen answers in item order, or a GOV.UK error for each item not
 * answered with a whole number from 1 to 5. Other fields are ignored: the route's strict schema refuses them.
 */
export function validateScore15(raw: Record<string, unknown>): Validated<number[]> {
  const answers: number[] = []
  const errors: FieldError[] = []
  for (let item = 1; item <= SCORE15.items; item++) {
    const answer = wholeNumberField(
      raw,
      score15Field(item),
      SCORE15,
      {
        missing: `Enter an answer to question ${item}, a whole number from 1 to 5`,
        invalid: `The answer to question ${item} must be a whole number from 1 to 5`,
      },
      errors,
    )
    if (answer !== null) answers.push(answer)
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: answers }
}

// ---------------------------------------------------------------------------------------------------------------
// RCADS
// ---------------------------------------------------------------------------------------------------------------
//
// Tandem records the T-scores the RCADS scoring programme gives; it does not score the 47 items. The bands are the
// developers' (UCLA, https://rcads.ucla.edu/node/21, "Automated Scoring"): "T scores of 65 or higher … borderline
// clinical threshold. T score of 70 or higher … above the clinical threshold"; CORC says the same
// (corc.uk.net, "Developments in RCADS scoring: combined gender option"). The same UCLA page says the automated
// (Excel) programme shows any T-score above 80 as ">80"; the exact score comes from manual or batch (SPSS, R) scoring.
// Validation refuses ">80": it asks for the number, so the band and any change over time are computed from one.

/** The scales whose T-scores Tandem records, in the scoring programme's order. */
export const rcadsScales = [
  { code: 'separationAnxiety', label: 'Separation anxiety' },
  { code: 'generalisedAnxiety', label: 'Generalised anxiety' },
  { code: 'panic', label: 'Panic' },
  { code: 'socialPhobia', label: 'Social phobia' },
  { code: 'obsessionsCompulsions', label: 'Obsessions and compulsions' },
  { code: 'majorDepression', label: 'Major depression' },
  { code: 'totalAnxiety', label: 'Total anxiety' },
  { code: 'totalAnxietyAndDepression', label: 'Total anxiety and depression' },
] as const

export type RcadsScale = (typeof rcadsScales)[number]['code']

/**
 * The T-scores Tandem accepts. A T-score has mean 50 and standard deviation 10, so 20 to 120 is 3 below to 7 above;
 * that is Tandem's guard against slips of the keyboard, not a limit RCADS publishes.
 */
export const RCADS_T_SCORE = { min: 20, max: 120 } as const

export type RcadsBand = 'normal' | 'borderline' | 'clinical'

/**
 * The RCADS band of a T-score (UCLA): 70 or over is clinical, 65 to 69 borderline, below 65 normal. The thresholds
 * are "65 or higher" and "70 or higher", so a T-score is never rounded up into a band: 64.5 is normal and 69.5
 * borderline. Validation accepts only whole numbers, so recorded scores never fall between.
 */
export function rcadsBand(tScore: number): RcadsBand {
  if (!Number.isFinite(tScore)) throw new RangeError(`An RCADS T-score must be a number, not ${tScore}`)
  if (tScore >= 70) return 'clinical'
  if (tScore >= 65) return 'borderline'
  return 'normal'
}

/**
 * An RCADS form (one field per scale, named by its code) as the eight T-scores, or a GOV.UK error for each scale
 * without a whole number from 20 to 120. Every scale is required: the scoring programme gives them all.
 */
export function validateRcads(raw: Record<string, unknown>): Validated<Record<RcadsScale, number>> {
  const value: Partial<Record<RcadsScale, number>> = {}
  const errors: FieldError[] = []
  const range = `a whole number from ${RCADS_T_SCORE.min} to ${RCADS_T_SCORE.max}`
  for (const scale of rcadsScales) {
    const name = scale.label.toLowerCase()
    const tScore = wholeNumberField(
      raw,
      scale.code,
      RCADS_T_SCORE,
      { missing: `Enter the ${name} T-score, ${range}`, invalid: `The ${name} T-score must be ${range}` },
      errors,
    )
    if (tScore !== null) value[scale.code] = tScore
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value as Record<RcadsScale, number> }
}

// ---------------------------------------------------------------------------------------------------------------
// Graded Care Profile 2
// ---------------------------------------------------------------------------------------------------------------
//
// GCP2 (NSPCC) grades the care a child receives in four areas drawn from Maslow, each from 1 (most positive) to 5
// (most negative): "physical care, care of safety, emotional care (love and belonging), and developmental care (care
// of esteem)" (Wirral and North Lincolnshire safeguarding partnerships' GCP2 guidance; Thurrock's likewise). The
// overall grade is the practitioner's judgement, recorded as given: GCP2 does not define it as a sum or a mean.

/** A GCP2 grade: 1 is the most positive care, 5 the most negative. */
export const GCP2_GRADE = { min: 1, max: 5 } as const

/** The four areas of care GCP2 grades. */
export const gcp2Areas = [
  { code: 'physicalCare', label: 'Physical care' },
  { code: 'safety', label: 'Safety' },
  { code: 'emotionalCare', label: 'Love (emotional care)' },
  { code: 'developmentalCare', label: 'Esteem (developmental care)' },
] as const

export type Gcp2Area = (typeof gcp2Areas)[number]['code']

export interface Gcp2Grades {
  areas: Record<Gcp2Area, number>
  /** As the practitioner judged it: never computed from the areas. */
  overall: number
}

/** The form's field for the overall grade; each area's field is its code. */
export const GCP2_OVERALL_FIELD = 'overall'

/**
 * A GCP2 form (one field per area, named by its code, and `overall`) as the grades, or a GOV.UK error for each grade
 * that is not a whole number from 1 to 5.
 */
export function validateGcp2(raw: Record<string, unknown>): Validated<Gcp2Grades> {
  const errors: FieldError[] = []
  /** `subject` as the messages name it: "the grade for physical care". */
  const grade = (field: string, subject: string) =>
    wholeNumberField(
      raw,
      field,
      GCP2_GRADE,
      {
        missing: `Enter ${subject}, a whole number from 1 to 5`,
        invalid: `${subject[0]!.toUpperCase()}${subject.slice(1)} must be a whole number from 1 to 5`,
      },
      errors,
    )
  const areas: Partial<Record<Gcp2Area, number | null>> = {}
  for (const area of gcp2Areas) areas[area.code] = grade(area.code, `the grade for ${area.label.toLowerCase()}`)
  const overall = grade(GCP2_OVERALL_FIELD, 'the overall grade')
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, value: { areas: areas as Record<Gcp2Area, number>, overall: overall! } }
}
