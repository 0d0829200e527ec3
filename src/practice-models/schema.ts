import { z } from 'zod'

/**
 * An authority's practice model: its areas, levels of need, way in, front door, panel, services,
 * concerns, assessment, closure grounds, timescales, progression tools and when each is required,
 * evidence-based programmes, step up / step down, sign-off and words — held as data, validated here
 * (including the cross-references between its parts), read by the front door, pathway and tools.
 * Presets cite the seed for every value they take from one.
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

/** A list of coded items whose codes are unique, so records can point at them. */
const codedList = <T extends z.ZodType<{ code: string }>>(item: T, tooFew: string, min = 1) =>
  z
    .array(item)
    .min(min, tooFew)
    .superRefine((items, ctx) => {
      const seen = new Set<string>()
      ;(items as { code: string }[]).forEach((entry, index) => {
        if (seen.has(entry.code))
          ctx.addIssue({ code: 'custom', path: [index, 'code'], message: `The code ${entry.code} is used twice` })
        seen.add(entry.code)
      })
    })

/** A list of options whose codes are unique, so records can point at them. */
const options = (what: string, min = 1) => codedList(option, `Add at least ${min} ${what}`, min)

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
export type FrontDoorRoute = (typeof frontDoorRoutes)[number]

/**
 * What a panel decision does (DESIGN §2), so the panel can act on it without reading its code:
 * - `allocate`: opens an early help episode for a team, whose manager then allocates a worker;
 * - `lead_professional`: opens an episode with a named lead professional, who may be a partner's practitioner
 *   (a partner-led Team Around the Family);
 * - `social_care`: step up, an outbound referral to children's social care;
 * - `signpost`: to a universal or partner service;
 * - `advice`: advice given back to the partner lead professional;
 * - `no_further_action`;
 * - `more_information`: the family comes back to the next meeting.
 */
export const panelDecisionActions = [
  'allocate',
  'lead_professional',
  'social_care',
  'signpost',
  'advice',
  'no_further_action',
  'more_information',
] as const

/** The panel decisions that open an early help episode; only these may name the service it is with. */
export const episodeActions = ['allocate', 'lead_professional'] as const

/** Whether a panel decision with this action opens an early help episode (for a team or a lead professional). */
export function opensEpisode(action: PanelDecisionAction): action is (typeof episodeActions)[number] {
  return (episodeActions as readonly string[]).includes(action)
}

/** Whom an assessment section is written about: the family, each child in scope, or each parent and carer. */
export const assessmentSectionSubjects = ['family', 'each_child', 'each_parent'] as const

export const panelCadences = ['weekly', 'fortnightly', 'monthly', 'as_needed'] as const
export const wayInKinds = ['request_for_support', 'single_assessment', 'conversation'] as const

/**
 * When a progression of change tool is used (DESIGN §4, §5):
 * - `baseline_and_reviews`: on every case, before the first TAF (the baseline), before each TAF review and at closure;
 * - `where_concern`: where one of `concerns` (concern category codes) is a feature of the case;
 * - `before_service`: before the family is allocated to one of `services` or `programmes`, or to the `beforeWork`;
 * - `age_from`: for every child aged `age` or over;
 * - `optional`: the worker may use it.
 */
export const progressionToolUses = [
  'baseline_and_reviews',
  'where_concern',
  'before_service',
  'age_from',
  'optional',
] as const

const codes = (what: string) => z.array(code).min(1, `Choose at least one ${what}`)

/**
 * The tools Tandem records on a form of its own and scores (issue 9); any other tool is recorded as completed, with a
 * summary. The spider graph: each of the model's domains scored 1–10, with its direction of travel. The CSE screening:
 * a child's indicators and risk level, a medium or high risk needing a safeguarding action.
 * Graded Care Profile 2, RCADS and SCORE-15: their results, as each instrument's own published scoring gives them.
 */
export const toolInstruments = ['spider-graph', 'cse-screening', 'graded-care-profile-2', 'rcads', 'score-15'] as const

const toolFields = {
  code,
  label,
  description,
  source,
  instrument: z
    .enum(toolInstruments, { error: `Choose one of Tandem's own forms: ${toolInstruments.join(', ')}` })
    .optional(),
  /** Other tools (by code) any one of which meets the same requirement, e.g. RCADS or SCORE-15. */
  alternatives: z.array(code).optional(),
}

const progressionTool = z.discriminatedUnion(
  'when',
  [
    z.strictObject({ ...toolFields, when: z.literal('baseline_and_reviews') }),
    z.strictObject({ ...toolFields, when: z.literal('where_concern'), concerns: codes('concern category') }),
    z
      .strictObject({
        ...toolFields,
        when: z.literal('before_service'),
        services: codes('service').optional(),
        programmes: codes('evidence-based programme').optional(),
        /** The work the tool comes before, in words, where it is not a service or programme of the model. */
        beforeWork: label.optional(),
      })
      .superRefine((tool, ctx) => {
        if (!tool.services && !tool.programmes && !tool.beforeWork)
          ctx.addIssue({
            code: 'custom',
            path: ['services'],
            message: 'Choose the services or programmes the tool comes before, or name the work',
          })
      }),
    z.strictObject({
      ...toolFields,
      when: z.literal('age_from'),
      age: z.number({ error: 'Enter an age' }).int('Enter a whole number').min(0).max(25),
    }),
    z.strictObject({ ...toolFields, when: z.literal('optional') }),
  ],
  { error: `Choose when the tool is used: ${progressionToolUses.join(', ')}` },
)

/** Says in an administrator's words why a service is refused on a decision or outcome that opens no episode. */
const serviceOnlyWhenAllocating = (message: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys?.join() === 'service' ? message : undefined,
})

const panelDecision = z.discriminatedUnion(
  'action',
  [
    z.strictObject({
      ...option.shape,
      action: z.enum(panelDecisionActions).extract(episodeActions),
      service: code.optional(),
    }),
    z.strictObject(
      { ...option.shape, action: z.enum(panelDecisionActions).exclude(episodeActions) },
      serviceOnlyWhenAllocating('Only a decision that allocates or names a lead professional can name a service'),
    ),
  ],
  { error: `Choose what the decision does: ${panelDecisionActions.join(', ')}` },
)

const frontDoorOutcome = z.discriminatedUnion(
  'route',
  [
    z.strictObject({ ...option.shape, route: z.literal('allocate'), service: code.optional() }),
    z.strictObject(
      { ...option.shape, route: z.enum(frontDoorRoutes).exclude(['allocate']) },
      serviceOnlyWhenAllocating('Only an outcome that allocates can name a service'),
    ),
  ],
  { error: `Choose where the outcome goes: ${frontDoorRoutes.join(', ')}` },
)

/**
 * Whether a progression tool is the CSE screening, whose age is also held in `timescales.cseScreeningFromAge`: a tool
 * used from an age whose code has the word "cse" (cse-screening, cse_screening) or whose label says CSE or child
 * sexual exploitation, so an administrator's own name for it is recognised too.
 */
export function isCseScreeningTool(tool: { code: string; label: string; when: string }): boolean {
  return (
    tool.when === 'age_from' &&
    (/(^|[-_])cse([-_]|$)/.test(tool.code) || /\bCSE\b|child sexual exploitation/i.test(tool.label))
  )
}

export const practiceModelSchema = z
  .strictObject({
    /** The schema version of this document; a later schema migrates older documents forward. */
    schemaVersion: z.literal(2),
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

    levelsOfNeed: codedList(
      option
        .extend({
          /** The level is statutory social care (child in need, child protection, looked after), not early help. */
          statutory: z.boolean({ error: 'Say whether the level is statutory social care' }),
        })
        .strict(),
      'Add at least 2 levels of need',
      2,
    ),

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
      /** Who the front door is and what it does. */
      description,
      outcomes: codedList(frontDoorOutcome, 'Add at least one front door outcome'),
      /** "Never do nothing": a request with no decision after this long is flagged to the front door manager. */
      undecidedAfter: duration('working_days'),
      source,
    }),

    panel: z.strictObject({
      name: label,
      /** What the meeting is for and how it works (e.g. Leeds' Top 100 methodology). */
      description,
      cadence: z.enum(panelCadences),
      /** One panel per area kind (a locality's weekly meeting, a cluster's guidance and support meeting). */
      perArea: z.boolean(),
      /** What the panel may decide; at least one decision opens an episode (`episodeActions`). */
      decisions: codedList(panelDecision, 'Add at least one panel decision'),
      source,
    }),

    services: options('service'),
    concernCategories: options('concern category'),

    assessment: z.strictObject({
      types: options('assessment type'),
      /**
       * The whole-family sections (DESIGN §3), each written once for the family, once for each child in scope
       * (developmental needs, the child's voice) or once for each parent and carer (their view, fathers included:
       * 003 §5 found "no father's views in assessments"). Unsaid, a section is about the family.
       */
      sections: codedList(
        option.extend({ about: z.enum(assessmentSectionSubjects).optional() }).strict(),
        'Add at least 1 assessment section',
      ),
      source,
    }),

    closureGrounds: codedList(option.extend({ stepUp: z.boolean() }).strict(), 'Add at least one ground for closure'),

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

    /** Progression of change tools and screenings, and when each is required (DESIGN §4, §5). */
    progressionTools: codedList(progressionTool, 'Add at least 1 progression tool'),

    /** The evidence-based programmes an episode can record as delivered. */
    evidenceBasedProgrammes: options('evidence-based programme', 0),

    /** How families move between early help and statutory social care. */
    stepUpStepDown: z.strictObject({
      /** The model's name, e.g. Durham's "staircase". */
      model: label,
      description: z
        .string({ error: 'Enter a description' })
        .trim()
        .min(1, 'Enter a description')
        .max(2000, 'A description must be 2000 characters or fewer'),
      /** A family's level of need may change within one episode (otherwise a change of level starts a new episode). */
      levelsMayChangeWithinEpisode: z.boolean({ error: 'Say whether the level may change within an episode' }),
      source,
    }),

    /** Who signs off keeping a case open beyond the case length maximum (timescales.caseLengthMaximum). */
    overTwelveMonthsSignOff: z.strictObject({
      by: label,
      /** Who is kept informed of every such case, if anyone. */
      informed: label.optional(),
      description,
      source,
    }),

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
  .superRefine((model, ctx) => {
    const known = {
      concerns: { codes: new Set(model.concernCategories.map(item => item.code)), name: 'concern category' },
      services: { codes: new Set(model.services.map(item => item.code)), name: 'service' },
      programmes: {
        codes: new Set(model.evidenceBasedProgrammes.map(item => item.code)),
        name: 'evidence-based programme',
      },
      alternatives: { codes: new Set(model.progressionTools.map(item => item.code)), name: 'progression tool' },
    }
    model.progressionTools.forEach((tool, index) => {
      for (const key of ['concerns', 'services', 'programmes', 'alternatives'] as const) {
        const list: string[] | undefined =
          key in tool ? (tool as Partial<Record<typeof key, string[]>>)[key] : undefined
        list?.forEach((value, position) => {
          const path = ['progressionTools', index, key, position]
          if (!known[key].codes.has(value))
            ctx.addIssue({ code: 'custom', path, message: `Unknown ${known[key].name} "${value}"` })
          else if (key === 'alternatives' && value === tool.code)
            ctx.addIssue({ code: 'custom', path, message: `The tool "${value}" cannot be its own alternative` })
        })
      }
    })
    const checkService = (item: object, path: (string | number)[]) => {
      const service = 'service' in item ? item.service : undefined
      if (typeof service === 'string' && !known.services.codes.has(service))
        ctx.addIssue({ code: 'custom', path: [...path, 'service'], message: `Unknown service "${service}"` })
    }
    model.frontDoor.outcomes.forEach((outcome, index) => checkService(outcome, ['frontDoor', 'outcomes', index]))
    model.panel.decisions.forEach((decision, index) => checkService(decision, ['panel', 'decisions', index]))
    if (!model.panel.decisions.some(decision => opensEpisode(decision.action)))
      ctx.addIssue({
        code: 'custom',
        path: ['panel', 'decisions'],
        message: 'Add at least one panel decision that opens an early help episode: allocate or lead professional',
      })
    // 000 CSE screening: "children over the age of 10 are screened"; the age is held on the tool and as a timescale,
    // and the two must say the same, or the screening clock and the tool's requirement would disagree.
    const cseAge = model.timescales.cseScreeningFromAge.value
    model.progressionTools.forEach((tool, index) => {
      if (isCseScreeningTool(tool) && tool.when === 'age_from' && tool.age !== cseAge)
        ctx.addIssue({
          code: 'custom',
          path: ['progressionTools', index, 'age'],
          message:
            `The CSE screening "${tool.code}" is used from age ${tool.age}, but CSE screening from age ` +
            `(timescales.cseScreeningFromAge) is ${cseAge}: make them the same`,
        })
    })
    if (model.timescales.caseLengthAim.value > model.timescales.caseLengthMaximum.value)
      ctx.addIssue({
        code: 'custom',
        path: ['timescales', 'caseLengthAim', 'value'],
        message: 'The case length aim must not be longer than the case length without sign-off',
      })
  })

export type PracticeModel = z.infer<typeof practiceModelSchema>
export type ProgressionTool = PracticeModel['progressionTools'][number]
export type FrontDoorOutcome = PracticeModel['frontDoor']['outcomes'][number]
export type PanelDecision = PracticeModel['panel']['decisions'][number]
export type PanelDecisionAction = (typeof panelDecisionActions)[number]
