import type { FieldError } from '../lib/errors.js'
import { presets } from './presets/index.js'
import {
  assessmentSectionSubjects,
  frontDoorRoutes,
  panelDecisionActions,
  practiceModelSchema,
  progressionToolUses,
  type PanelDecisionAction,
  type PracticeModel,
} from './schema.js'

export {
  episodeActions,
  frontDoorRoutes,
  isCseScreeningTool,
  opensEpisode,
  panelDecisionActions,
  practiceModelSchema,
  type FrontDoorOutcome,
  type PanelDecision,
  type PanelDecisionAction,
  type PracticeModel,
} from './schema.js'

export type TimescaleKey = keyof PracticeModel['timescales']

/** The timescale rules an administrator can change, in the order the form shows them, with DESIGN §4's words. */
export const timescaleRules: { key: TimescaleKey; label: string; hint: string }[] = [
  { key: 'initialTaf', label: 'Initial Team Around the Family meeting', hint: 'Weeks after allocation' },
  { key: 'tafReviewInterval', label: 'Team Around the Family reviews', hint: 'No more than this many weeks apart' },
  { key: 'cseScreening', label: 'CSE screening', hint: 'Weeks from the start of the episode' },
  { key: 'cseScreeningFromAge', label: 'CSE screening from age', hint: 'Children of this age and over are screened' },
  { key: 'caseLengthAim', label: 'Case length aim', hint: 'Months: the length of episode the service aims for' },
  { key: 'caseLengthMaximum', label: 'Case length without sign-off', hint: 'Months before a manager must sign off' },
  { key: 'returnInterview', label: 'Return interview after a missing episode', hint: 'Hours' },
  { key: 'reopeningWindow', label: 'Re-opening counted as re-referral', hint: 'Months after closure' },
]

/** The words an administrator can change, in the order the form shows them. */
export const vocabularyTerms: { key: keyof PracticeModel['vocabulary']; label: string; hint: string }[] = [
  {
    key: 'leadProfessional',
    label: 'The person who leads the work with a family',
    hint: 'For example, lead professional or lead practitioner',
  },
  {
    key: 'teamAroundTheFamily',
    label: 'The meeting of the family and professionals',
    hint: 'For example, Team Around the Family',
  },
  { key: 'tafAbbreviation', label: 'Its short form', hint: 'For example, TAF' },
  {
    key: 'requestForSupport',
    label: 'How a need first reaches the service',
    hint: 'For example, request for support, referral or conversation',
  },
  {
    key: 'earlyHelpAssessment',
    label: 'The assessment',
    hint: 'For example, Early Help Assessment or single assessment',
  },
  {
    key: 'panel',
    label: 'The meeting that decides who works with a family',
    hint: 'For example, Vulnerable Children’s Meeting',
  },
  { key: 'frontDoor', label: 'The front door', hint: 'For example, front door, MASH or Duty and Advice' },
  { key: 'howWasItForYou', label: 'The family’s feedback survey', hint: 'For example, How Was It for You?' },
  { key: 'stepUp', label: 'Moving a family to social care', hint: 'For example, step up' },
  { key: 'stepDown', label: 'Moving a family from social care to early help', hint: 'For example, step down' },
]

/** The lists of coded items an administrator can change, one page each (issue 5). */
export type PracticeModelListKey =
  | 'frontDoorOutcomes'
  | 'panelDecisions'
  | 'services'
  | 'concernCategories'
  | 'assessmentTypes'
  | 'assessmentSections'
  | 'closureGrounds'
  | 'spiderGraphDomains'
  | 'progressionTools'
  | 'evidenceBasedProgrammes'
  | 'outcomeAreas'

/** What a list's items carry beyond code, label and description: asked for when an item is added. */
export type ListItemExtra = 'route' | 'action' | 'about' | 'stepUp' | 'when'

export interface PracticeModelList {
  key: PracticeModelListKey
  /** Where the list is in the model, e.g. ['panel', 'decisions']; errors' paths start with it. */
  path: readonly string[]
  /** Its page's address under /admin/practice-model/. */
  slug: string
  /** What the pages call the list and one of its items. */
  label: string
  singular: string
  extra?: ListItemExtra
}

/** Every list an administrator can change, in the order the practice model page shows them. */
export const practiceModelLists: readonly PracticeModelList[] = [
  {
    key: 'frontDoorOutcomes',
    path: ['frontDoor', 'outcomes'],
    slug: 'front-door-outcomes',
    label: 'Front door outcomes',
    singular: 'front door outcome',
    extra: 'route',
  },
  {
    key: 'panelDecisions',
    path: ['panel', 'decisions'],
    slug: 'panel-decisions',
    label: 'Panel decisions',
    singular: 'panel decision',
    extra: 'action',
  },
  { key: 'services', path: ['services'], slug: 'services', label: 'Services', singular: 'service' },
  {
    key: 'concernCategories',
    path: ['concernCategories'],
    slug: 'concern-categories',
    label: 'Concern categories',
    singular: 'concern category',
  },
  {
    key: 'assessmentTypes',
    path: ['assessment', 'types'],
    slug: 'assessment-types',
    label: 'Assessment types',
    singular: 'assessment type',
  },
  {
    key: 'assessmentSections',
    path: ['assessment', 'sections'],
    slug: 'assessment-sections',
    label: 'Assessment sections',
    singular: 'assessment section',
    extra: 'about',
  },
  {
    key: 'closureGrounds',
    path: ['closureGrounds'],
    slug: 'closure-grounds',
    label: 'Grounds for closure',
    singular: 'ground for closure',
    extra: 'stepUp',
  },
  {
    key: 'spiderGraphDomains',
    path: ['spiderGraphDomains'],
    slug: 'spider-graph-domains',
    label: 'Spider graph domains',
    singular: 'spider graph domain',
  },
  {
    key: 'progressionTools',
    path: ['progressionTools'],
    slug: 'progression-tools',
    label: 'Progression tools',
    singular: 'progression tool',
    extra: 'when',
  },
  {
    key: 'evidenceBasedProgrammes',
    path: ['evidenceBasedProgrammes'],
    slug: 'evidence-based-programmes',
    label: 'Evidence-based programmes',
    singular: 'evidence-based programme',
  },
  {
    key: 'outcomeAreas',
    path: ['outcomeAreas', 'areas'],
    slug: 'outcome-areas',
    label: 'Outcome areas',
    singular: 'outcome area',
  },
]

/** The list with this key. */
export function practiceModelList(key: PracticeModelListKey): PracticeModelList {
  const list = practiceModelLists.find(candidate => candidate.key === key)
  if (!list) throw new Error(`No practice model list ${key}`)
  return list
}

export interface ListItemChoice {
  value: string
  text: string
  hint?: string
}

/** How the extra field of a new item is asked for: a legend, the choices and the message when none is chosen. */
export const listItemExtras: Record<
  ListItemExtra,
  { legend: string; hint?: string; message: string; optional?: true; choices: ListItemChoice[] }
> = {
  route: {
    legend: 'Where does the request go?',
    message: 'Choose where the request goes',
    choices: frontDoorRoutes.map(value => ({
      value,
      text: {
        closed: 'Closed with no further action',
        signpost: 'Signposted to a universal or partner service',
        panel: 'To the panel',
        social_care: 'Stepped up to children’s social care',
        more_information: 'More information is asked for',
        allocate: 'Allocated for early help',
      }[value],
    })),
  },
  action: {
    legend: 'What does the decision do?',
    message: 'Choose what the decision does',
    // DESIGN §2, as the schema's panelDecisionActions say.
    choices: panelDecisionActions.map(value => ({
      value,
      ...{
        allocate: { text: 'Opens an early help episode for a team', hint: 'The team manager allocates a worker' },
        lead_professional: {
          text: 'Opens an early help episode with a named lead professional',
          hint: 'They may be a partner’s practitioner',
        },
        social_care: { text: 'Steps up to children’s social care' },
        signpost: { text: 'Signposts to a universal or partner service' },
        advice: { text: 'Gives advice to the partner lead professional' },
        no_further_action: { text: 'No further action' },
        more_information: { text: 'Asks for more information: the family comes back to the next meeting' },
      }[value],
    })),
  },
  about: {
    legend: 'Whom is the section written about?',
    hint: 'If you do not choose, it is written once for the family.',
    message: 'Choose whom the section is written about',
    optional: true,
    choices: assessmentSectionSubjects.map(value => ({
      value,
      text: { family: 'The family, once', each_child: 'Each child in scope', each_parent: 'Each parent and carer' }[
        value
      ],
    })),
  },
  stepUp: {
    legend: 'Does closing on this ground step the family up to children’s social care?',
    message: 'Say whether closing on this ground steps the family up to children’s social care',
    choices: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
    ],
  },
  when: {
    legend: 'When is the tool used?',
    message: 'Choose when the tool is used',
    // DESIGN §4, §5, as the schema's progressionToolUses say.
    choices: progressionToolUses.map(value => ({
      value,
      text: {
        baseline_and_reviews: 'On every case: before the first meeting, before each review and at closure',
        where_concern: 'Where one of these concerns is a feature of the case',
        before_service: 'Before the family starts with a service or programme',
        age_from: 'For every child of this age or over',
        optional: 'When the worker chooses',
      }[value],
    })),
  },
}

/** One item of a list: a code, label and description, and what else its list's items carry. */
export interface ListItem {
  code: string
  label: string
  description?: string
  source?: string
  [field: string]: unknown
}

/** The items of one of the model's lists. */
export function listItems(model: PracticeModel, list: PracticeModelList): readonly ListItem[] {
  const items = list.path.reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), model)
  return Array.isArray(items) ? (items as ListItem[]) : []
}

/** A copy of a model with one list replaced, for the schema to judge: nothing is checked here. */
export function withListItems(model: PracticeModel, list: PracticeModelList, items: ListItem[]): unknown {
  const copy = structuredClone(model) as unknown as Record<string, unknown>
  const [first, second] = list.path as [string, string | undefined]
  if (second === undefined) copy[first] = items
  else copy[first] = { ...(copy[first] as Record<string, unknown>), [second]: items }
  return copy
}

/** The codes of a list in a document that may not be a valid model; undefined where it has no such list. */
export function listCodesIn(document: unknown, list: PracticeModelList): string[] | undefined {
  const items = list.path.reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), document)
  if (!Array.isArray(items)) return undefined
  return items.flatMap(item => (isObject(item) && typeof item.code === 'string' ? [item.code] : []))
}

/**
 * What in the model itself points at an item of a list, in words ("the panel decision “Allocate” (allocate)"):
 * removing the item would leave those unknown, so the page does not offer it.
 */
export function listItemReferences(model: PracticeModel, key: PracticeModelListKey, code: string): string[] {
  const name = (what: string, item: { code: string; label: string }) => `the ${what} “${item.label}” (${item.code})`
  const tools = (field: 'concerns' | 'services' | 'programmes' | 'alternatives') =>
    model.progressionTools
      .filter(tool => ((tool as Partial<Record<typeof field, string[]>>)[field] ?? []).includes(code))
      .map(tool => name('progression tool', tool))
  switch (key) {
    case 'services':
      return [
        ...model.frontDoor.outcomes
          .filter(outcome => 'service' in outcome && outcome.service === code)
          .map(outcome => name('front door outcome', outcome)),
        ...model.panel.decisions
          .filter(decision => 'service' in decision && decision.service === code)
          .map(decision => name('panel decision', decision)),
        ...tools('services'),
      ]
    case 'concernCategories':
      return tools('concerns')
    case 'evidenceBasedProgrammes':
      return tools('programmes')
    case 'progressionTools':
      return tools('alternatives')
    default:
      return []
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** What a version 1 panel decision does, guessed from its code where its preset does not say. */
function inferAction(code: string): PanelDecisionAction {
  if (code.includes('social')) return 'social_care'
  if (code.includes('signpost') || code.includes('universal')) return 'signpost'
  if (/no[-_]further/.test(code)) return 'no_further_action'
  if (/more[-_]information/.test(code)) return 'more_information'
  if (code.includes('advice')) return 'advice'
  if (code.includes('lead') || code.includes('partner')) return 'lead_professional'
  return 'allocate'
}

/**
 * Brings a stored or imported practice model up to the current schema version, so earlier releases' documents
 * still load. Version 1 → 2: each panel decision gains its `action` (and `service`), taken from the decision with
 * the same code in the document's preset, otherwise inferred from its code. Anything else, including anything
 * that is not a version 1 document, is returned as it is, for the schema to judge. The input is not changed.
 */
export function upgradePracticeModel(document: unknown): unknown {
  if (!isObject(document) || document.schemaVersion !== 1) return document
  const preset =
    typeof document.preset === 'string' && Object.hasOwn(presets, document.preset)
      ? presets[document.preset as keyof typeof presets]
      : undefined
  const services = new Set(
    (Array.isArray(document.services) ? document.services : []).map(service =>
      isObject(service) ? service.code : undefined,
    ),
  )
  const upgradeDecision = (decision: unknown) => {
    if (!isObject(decision) || decision.action !== undefined || typeof decision.code !== 'string') return decision
    const match = preset?.panel.decisions.find(candidate => candidate.code === decision.code)
    if (!match) return { ...decision, action: inferAction(decision.code) }
    // The preset's service only where the document still has it: an administrator may have removed it.
    const service = 'service' in match && services.has(match.service) ? match.service : undefined
    return { ...decision, action: match.action, ...(service === undefined ? {} : { service }) }
  }
  const { panel } = document
  return {
    ...document,
    schemaVersion: 2,
    ...(isObject(panel) && Array.isArray(panel.decisions)
      ? { panel: { ...panel, decisions: panel.decisions.map(upgradeDecision) } }
      : {}),
  }
}

/**
 * Validates a practice model, upgrading an earlier version first; problems name the field by its path,
 * e.g. "timescales.tafReviewInterval.value".
 */
export function validatePracticeModel(candidate: unknown): { model: PracticeModel } | { errors: FieldError[] } {
  const result = practiceModelSchema.safeParse(upgradePracticeModel(candidate))
  if (result.success) return { model: result.data }
  return {
    errors: result.error.issues.map(issue => ({
      field: issue.path.map(String).join('.') || 'model',
      message: issue.message,
    })),
  }
}

export interface ModelChange {
  path: string
  old: unknown
  new: unknown
}

/** Every value that differs between two models, by path: what the configuration history records. */
export function practiceModelChanges(before: unknown, after: unknown, path = ''): ModelChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap(key => practiceModelChanges(before[key], after[key], path ? `${path}.${key}` : key))
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const codesBefore = codesOf(before)
    const codesAfter = codesOf(after)
    if (codesBefore && codesAfter && codesBefore.join() !== codesAfter.join()) {
      // A coded list whose items were added, removed or reordered: items are matched by code, so an added item is
      // one change (old null) and a removed one another (new null), at the index it has (or had).
      return [
        ...after.flatMap((item, index) => {
          const was = codesBefore.indexOf(codesAfter[index]!)
          const at = `${path}.${index}`
          return was === -1 ? [{ path: at, old: null, new: item }] : practiceModelChanges(before[was], item, at)
        }),
        ...before.flatMap((item, index) =>
          codesAfter.includes(codesBefore[index]!) ? [] : [{ path: `${path}.${index}`, old: item, new: null }],
        ),
      ]
    }
    if (before.length === after.length)
      return before.flatMap((item, index) => practiceModelChanges(item, after[index], `${path}.${index}`))
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, old: before, new: after }]
}

/** The codes of a list of coded items (each with a distinct string code); undefined for any other array. */
function codesOf(items: unknown[]): string[] | undefined {
  const codes = items.map(item => (isObject(item) && typeof item.code === 'string' ? item.code : undefined))
  if (codes.some(code => code === undefined) || new Set(codes).size !== codes.length) return undefined
  return codes as string[]
}
