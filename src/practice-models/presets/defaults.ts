import type { PracticeModel } from '../schema.js'

// The defaults of DESIGN §4 and §5, for presets whose own document sets none. They carry no source:
// they are the national early help practice DESIGN.md describes, not any one authority's.

/** DESIGN §4: initial TAF 6 weeks, reviews ≤ 12 weeks apart, CSE screening within 6 weeks for children 10+, 6–9 month aim (held as 9), 12 months without sign-off, return interview 72 hours, re-opening within 3 months. */
export const designTimescales: PracticeModel['timescales'] = {
  initialTaf: { value: 6, unit: 'weeks' },
  tafReviewInterval: { value: 12, unit: 'weeks' },
  cseScreening: { value: 6, unit: 'weeks' },
  cseScreeningFromAge: { value: 10, unit: 'years' },
  caseLengthAim: { value: 9, unit: 'months' },
  caseLengthMaximum: { value: 12, unit: 'months' },
  returnInterview: { value: 72, unit: 'hours' },
  reopeningWindow: { value: 3, unit: 'months' },
}

/** DESIGN §5's spider graph domains. */
export const designSpiderGraphDomains: PracticeModel['spiderGraphDomains'] = [
  { code: 'home-conditions', label: 'Home conditions' },
  { code: 'health', label: 'Health' },
  { code: 'parenting', label: 'Parenting' },
  { code: 'relationships', label: 'Relationships' },
  { code: 'education', label: 'Education' },
  { code: 'emotional-wellbeing', label: 'Emotional wellbeing' },
  { code: 'safety', label: 'Safety' },
  { code: 'finances', label: 'Finances' },
]
