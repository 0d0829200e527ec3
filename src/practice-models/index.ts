import type { FieldError } from '../lib/errors.js'
import { presets } from './presets/index.js'
import { practiceModelSchema, type PanelDecisionAction, type PracticeModel } from './schema.js'

export {
  episodeActions,
  frontDoorRoutes,
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
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => practiceModelChanges(item, after[index], `${path}.${index}`))
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, old: before, new: after }]
}
