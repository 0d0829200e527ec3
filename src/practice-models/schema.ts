import { z } from 'zod'

/**
 * An authority's practice model: its areas, levels of need, way in, front door, panel, services,
 * concerns, assessment, closure grounds, timescales, tools and words — held as data, validated here,
 * read by the front door, pathway and tools. Presets cite the seed for every value they take from one.
 */

/** Where a value comes from: a seed document and section, e.g. "001 §4" or "002 para 28". */
const source = z.string().trim().min(1, 'Enter the source').max(200).optional()

/** A machine code: lower case words joined by hyphens or underscores, stable once records use it. */
const code = z
  .string({ error: 'Enter a code' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'A code must be lower-case letters, numbers, hyphens or underscores')

const label = z
  .string({ error: 'Enter a label' })
  .trim()
  .min(1, 'Enter a label')
  .max(120, 'A label must be 120 characters or fewer')
const description = z.string().trim().max(2000, 'A description must be 2000 characters or fewer').optional()

const option = z.strictObject({ code, label, description, source })

/** A list of options whose codes are unique, so records can point at them. */
const options = (what: string, min = 1) =>
  z
    .array(option)
    .min(min, `Add at least ${min} ${what}`)
    .superRefine((items, ctx) => {
      const seen = new Set<string>()
      items.forEach((item, index) => {
        if (seen.has(item.code))
          ctx.addIssue({ code: 'custom', path: [index, 'code'], message: `The code ${item.code} is used twice` })
        seen.add(item.code)
      })
    })

const duration = (unit: 'hours' | 'days' | 'working_days' | 'weeks' | 'months') =>
  z.strictObject({
    value: z
      .number({ error: 'Enter a number' })
      .int('Enter a whole number')
      .positive('A timescale must be more than 0'),
    unit: z.literal(unit),
    source,
  })

export const frontDoorRoutes = ['closed', 'signpost', 'panel', 'social_care', 'more_information', 'allocate'] as const
export const panelCadences = ['weekly', 'fortnightly', 'monthly', 'as_needed'] as const
export const wayInKinds = ['request_for_support', 'single_assessment', 'conversation'] as const

export const practiceModelSchema = z.strictObject({
  /** The schema version of this document; a later schema migrates older documents forward. */
  schemaVersion: z.literal(1),
  /** The preset it was made from, if any. */
  preset: z.enum(['derby', 'durham', 'leeds']).optional(),
  name: label,

  areas: z.strictObject({
    kind: z.enum(['locality', 'cluster', 'area']),
    /** What the interface calls one and many: "locality"/"localities", "cluster"/"clusters". */
    singular: label,
    plural: label,
    names: z.array(label).min(1, 'Add at least one area'),
    source,
  }),

  levelsOfNeed: options('level of need', 2),

  wayIn: z.strictObject({
    kind: z.enum(wayInKinds),
    label,
    description,
    /** Forms and tools used on the way in (pre-assessment checklist, early help assessment, conversation record). */
    tools: options('tool', 0),
    source,
  }),

  frontDoor: z.strictObject({
    name: label,
    outcomes: z
      .array(option.extend({ route: z.enum(frontDoorRoutes) }).strict())
      .min(1, 'Add at least one front door outcome'),
    /** "Never do nothing": a request with no decision after this long is flagged to the front door manager. */
    undecidedAfter: duration('working_days'),
    source,
  }),

  panel: z.strictObject({
    name: label,
    cadence: z.enum(panelCadences),
    /** One panel per area kind (a locality's weekly meeting, a cluster's guidance and support meeting). */
    perArea: z.boolean(),
    decisions: options('panel decision'),
    source,
  }),

  services: options('service'),
  concernCategories: options('concern category'),

  assessment: z.strictObject({
    types: options('assessment type'),
    sections: options('assessment section'),
    source,
  }),

  closureGrounds: z
    .array(option.extend({ stepUp: z.boolean() }).strict())
    .min(1, 'Add at least one ground for closure'),

  timescales: z.strictObject({
    initialTaf: duration('weeks'),
    tafReviewInterval: duration('weeks'),
    cseScreening: duration('weeks'),
    cseScreeningFromAge: z.strictObject({ value: z.number().int().min(0).max(25), unit: z.literal('years'), source }),
    caseLengthAim: duration('months'),
    caseLengthMaximum: duration('months'),
    returnInterview: duration('hours'),
    reopeningWindow: duration('months'),
  }),

  spiderGraphDomains: options('spider graph domain', 3),

  outcomeAreas: z.strictObject({
    framework: label,
    areas: options('outcome area'),
    source,
  }),

  vocabulary: z.strictObject({
    leadProfessional: label,
    teamAroundTheFamily: label,
    tafAbbreviation: label,
    requestForSupport: label,
    earlyHelpAssessment: label,
    panel: label,
    frontDoor: label,
    howWasItForYou: label,
    stepUp: label,
    stepDown: label,
  }),
})

export type PracticeModel = z.infer<typeof practiceModelSchema>
