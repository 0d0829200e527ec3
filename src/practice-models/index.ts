import type { FieldError } from '../lib/errors.js'
import { practiceModelSchema, type PracticeModel } from './schema.js'

export { practiceModelSchema, type PracticeModel } from './schema.js'

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

/** Validates a practice model; problems name the field by its path, e.g. "timescales.tafReviewInterval.value". */
export function validatePracticeModel(candidate: unknown): { model: PracticeModel } | { errors: FieldError[] } {
  const result = practiceModelSchema.safeParse(candidate)
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
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap(key => practiceModelChanges(before[key], after[key], path ? `${path}.${key}` : key))
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => practiceModelChanges(item, after[index], `${path}.${index}`))
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, old: before, new: after }]
}
