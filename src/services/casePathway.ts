import { addDays, formatDate } from '../lib/dates.js'
import type { PracticeModel } from '../practice-models/schema.js'

/** Where one step of the case stands, as the GOV.UK task list shows it. */
export type StepStatus = 'done' | 'in progress' | 'to do' | 'due soon' | 'overdue' | 'cannot start yet'

export interface PathwayStep {
  key:
    | 'allocation'
    | 'agreement'
    | 'baselineTool'
    | 'assessment'
    | 'initialTaf'
    | 'plan'
    | 'visitFrequency'
    | 'tafReview'
    | 'reviewTool'
    | 'sessions'
    | 'oversight'
  /** The step's name in the authority's words. */
  title: string
  status: StepStatus
  /** What has happened, or what is needed, in a line. */
  detail: string
  /** When the step is due, if a timescale sets one. */
  dueOn: string | null
}

/** What the case's records say, gathered by the case service. */
export interface CaseFacts {
  today: string
  allocatedOn: string | null
  agreedOn: string | null
  baselineToolOn: string | null
  /** The latest progression tool reviewed at the review stage. */
  reviewToolOn: string | null
  assessment: { status: 'draft' | 'submitted' | 'approved' | 'returned'; label: string } | null
  initialTafHeldOn: string | null
  initialTafPlannedOn: string | null
  lastTafHeldOn: string | null
  nextReviewPlannedOn: string | null
  reviewsHeld: number
  plan: { number: number; outcomes: number } | null
  visitFrequencyDays: number | null
  sessions: { count: number; nextDueOn: string | null; overdue: boolean }
  lastOversightOn: string | null
}

/** How far ahead a timescale shows as due soon. */
const DUE_SOON_DAYS = 7

function byDeadline(dueOn: string, today: string): StepStatus {
  if (today > dueOn) return 'overdue'
  return addDays(today, DUE_SOON_DAYS) >= dueOn ? 'due soon' : 'to do'
}

/**
 * The steps of an allocated case in the order 001 §4 sets them, each with where it stands today: a worker
 * allocated; the early help agreement and an initial progression of change tool before the first TAF; the
 * assessment as the basis of the plan; the initial TAF within the model's weeks of allocation; the plan; the
 * visit frequency (003 action 3.5); TAF reviews no more than the model's weeks apart; sessions against the
 * agreed frequency; management oversight. Computed from the records, never from a flag someone sets.
 */
export function casePathway(facts: CaseFacts, model: PracticeModel): PathwayStep[] {
  const { today } = facts
  const taf = model.vocabulary.tafAbbreviation
  const steps: PathwayStep[] = []
  const allocated = facts.allocatedOn !== null
  steps.push({
    key: 'allocation',
    title: 'Worker allocated',
    status: allocated ? 'done' : 'to do',
    detail: allocated ? 'A worker is allocated' : 'The team manager allocates a worker',
    dueOn: null,
  })

  // 001 §4: the family signs the early help agreement before the first TAF meeting.
  steps.push({
    key: 'agreement',
    title: 'Early help agreement',
    status: facts.agreedOn ? 'done' : allocated ? 'to do' : 'cannot start yet',
    detail: facts.agreedOn ? 'Signed' : `Signed by the family before the first ${taf} meeting`,
    dueOn: null,
  })

  // 001 §4: "All cases MUST have an initial progression of change tool … before the first TAF meeting".
  steps.push({
    key: 'baselineTool',
    title: 'Baseline progression of change tool',
    status: facts.baselineToolOn ? 'done' : allocated ? 'to do' : 'cannot start yet',
    detail: facts.baselineToolOn ? 'Completed with the family' : `Completed with the family before the first ${taf}`,
    dueOn: null,
  })

  const assessment = facts.assessment
  steps.push({
    key: 'assessment',
    // The vocabulary's word reads mid-sentence ("the single assessment"); a title starts with a capital.
    title: capitalised(assessment?.label ?? model.vocabulary.earlyHelpAssessment),
    status: !allocated
      ? 'cannot start yet'
      : !assessment
        ? 'to do'
        : assessment.status === 'approved'
          ? 'done'
          : 'in progress',
    detail: !assessment
      ? `The ${model.vocabulary.earlyHelpAssessment} is the basis of the plan`
      : {
          draft: 'Being written',
          submitted: 'Waiting for the manager’s approval',
          returned: 'Returned by the manager with comments',
          approved: 'Approved',
        }[assessment.status],
    dueOn: null,
  })

  // 001 §4: "a Team around the Family (TAF) meeting … within 6 weeks of allocation".
  const initialDue = facts.allocatedOn ? addDays(facts.allocatedOn, model.timescales.initialTaf.value * 7) : null
  steps.push({
    key: 'initialTaf',
    title: `Initial ${taf} meeting`,
    status: facts.initialTafHeldOn ? 'done' : initialDue ? byDeadline(initialDue, today) : 'cannot start yet',
    detail: facts.initialTafHeldOn
      ? 'Held'
      : facts.initialTafPlannedOn
        ? 'Planned'
        : `Within ${model.timescales.initialTaf.value} weeks of allocation`,
    dueOn: facts.initialTafHeldOn ? null : initialDue,
  })

  steps.push({
    key: 'plan',
    title: `The ${taf} plan`,
    status:
      facts.plan && facts.plan.outcomes > 0
        ? 'done'
        : facts.plan
          ? 'in progress'
          : allocated
            ? 'to do'
            : 'cannot start yet',
    detail: facts.plan
      ? `Version ${facts.plan.number}, ${facts.plan.outcomes} ${facts.plan.outcomes === 1 ? 'outcome' : 'outcomes'}`
      : 'Outcomes and actions agreed with the family',
    dueOn: null,
  })

  // 003 action plan 3.5: "agree visit frequency in all Early Help cases and record this clearly".
  steps.push({
    key: 'visitFrequency',
    title: 'Visit frequency agreed',
    status: facts.visitFrequencyDays ? 'done' : allocated ? 'to do' : 'cannot start yet',
    detail: facts.visitFrequencyDays
      ? `Every ${facts.visitFrequencyDays % 7 === 0 ? `${facts.visitFrequencyDays / 7} ${facts.visitFrequencyDays === 7 ? 'week' : 'weeks'}` : `${facts.visitFrequencyDays} days`}`
      : 'Agreed with the manager and recorded',
    dueOn: null,
  })

  // 001 §4: "TAF review meetings must be held on a regular basis, i.e. no longer than 12 weeks".
  const reviewDue = facts.lastTafHeldOn
    ? addDays(facts.lastTafHeldOn, model.timescales.tafReviewInterval.value * 7)
    : null
  steps.push({
    key: 'tafReview',
    title: `${taf} reviews`,
    status: reviewDue ? byDeadline(reviewDue, today) : 'cannot start yet',
    detail: reviewDue
      ? `${facts.reviewsHeld} held; the next ${facts.nextReviewPlannedOn ? 'is planned' : 'is not planned yet'}`
      : `After the initial ${taf}, at least every ${model.timescales.tafReviewInterval.value} weeks`,
    dueOn: reviewDue,
  })

  // 001 §4: the progression of change tool is "reviewed prior to each TAF review meeting as the basis for discussing
  // progress": due by the next review (as planned, or as the interval sets it) once a meeting has been held.
  const reviewedSinceLastTaf =
    facts.reviewToolOn !== null && facts.lastTafHeldOn !== null && facts.reviewToolOn >= facts.lastTafHeldOn
  const reviewToolDue = reviewDue ? (facts.nextReviewPlannedOn ?? reviewDue) : null
  steps.push({
    key: 'reviewTool',
    title: `Progression tool reviewed before the ${taf} review`,
    status: reviewedSinceLastTaf ? 'done' : reviewToolDue ? byDeadline(reviewToolDue, today) : 'cannot start yet',
    detail: reviewedSinceLastTaf
      ? `Reviewed with the family on ${formatDate(facts.reviewToolOn)}`
      : `With the family, before each ${taf} review`,
    dueOn: reviewedSinceLastTaf ? null : reviewToolDue,
  })

  steps.push({
    key: 'sessions',
    title: 'Sessions with the family',
    status: !allocated
      ? 'cannot start yet'
      : facts.sessions.overdue
        ? 'overdue'
        : facts.sessions.nextDueOn
          ? byDeadline(facts.sessions.nextDueOn, today)
          : facts.sessions.count > 0
            ? 'in progress'
            : 'to do',
    detail: `${facts.sessions.count} recorded`,
    dueOn: facts.sessions.nextDueOn,
  })

  steps.push({
    key: 'oversight',
    title: 'Management oversight',
    status: facts.lastOversightOn ? 'done' : allocated ? 'to do' : 'cannot start yet',
    detail: facts.lastOversightOn ? 'Recorded' : 'None recorded yet',
    dueOn: null,
  })
  return steps
}

/** The steps with a date coming up or passed, soonest first: what is due next. */
export function dueNext(steps: PathwayStep[]): PathwayStep[] {
  return steps
    .filter(step => step.dueOn && step.status !== 'done')
    .sort((a, b) => (a.dueOn! < b.dueOn! ? -1 : a.dueOn! > b.dueOn! ? 1 : 0))
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`
