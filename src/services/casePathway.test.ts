import { describe, expect, it } from 'vitest'
import { presets } from '../practice-models/presets/index.js'
import { casePathway, dueNext, type CaseFacts } from './casePathway.js'

// The case page's task list: the steps of 001_cfe3ebe7e928b659.txt §4 and where each stands, from the records.

const allocated: CaseFacts = {
  today: '2026-12-01',
  allocatedOn: '2026-12-01',
  agreedOn: null,
  baselineToolOn: null,
  reviewToolOn: null,
  assessment: null,
  initialTafHeldOn: null,
  initialTafPlannedOn: null,
  lastTafHeldOn: null,
  nextReviewPlannedOn: null,
  reviewsHeld: 0,
  plan: null,
  visitFrequencyDays: null,
  sessions: { count: 0, nextDueOn: null, overdue: false },
  lastOversightOn: null,
}
const derby = presets.derby
const step = (facts: CaseFacts, key: string) => casePathway(facts, derby).find(each => each.key === key)!

describe('the case pathway', () => {
  it('puts the steps in the order of 001 §4 in the authority’s words', () => {
    expect(casePathway(allocated, derby).map(each => each.title)).toEqual([
      'Worker allocated',
      'Early help agreement',
      'Baseline progression of change tool',
      'Early Help Assessment',
      'Initial TAF meeting',
      'The TAF plan',
      'Visit frequency agreed',
      'TAF reviews',
      'Progression tool reviewed before the TAF review',
      'Sessions with the family',
      'Management oversight',
    ])
  })

  it('cannot start the work before a worker is allocated', () => {
    const steps = casePathway({ ...allocated, allocatedOn: null }, derby)
    expect(steps[0]!.status).toBe('to do')
    expect(steps.slice(1).every(each => each.status === 'cannot start yet')).toBe(true)
    expect(dueNext(steps)).toEqual([])
  })

  // 001 §4: "The Early Help worker will arrange and co-ordinate a Team around the Family (TAF) meeting … within
  // 6 weeks of allocation."
  it('has the initial TAF due 6 weeks after allocation: due soon in the last week, overdue on day 43', () => {
    expect(step(allocated, 'initialTaf')).toMatchObject({ status: 'to do', dueOn: '2027-01-12' })
    expect(step({ ...allocated, today: '2027-01-05' }, 'initialTaf').status).toBe('due soon')
    expect(step({ ...allocated, today: '2027-01-12' }, 'initialTaf').status).toBe('due soon')
    expect(step({ ...allocated, today: '2027-01-13' }, 'initialTaf').status).toBe('overdue')
    const held = step({ ...allocated, today: '2027-01-13', initialTafHeldOn: '2027-01-10' }, 'initialTaf')
    expect(held).toMatchObject({ status: 'done', dueOn: null })
  })

  // 001 §4: "TAF review meetings must be held on a regular basis, i.e. no longer than 12 weeks."
  it('has each review due 12 weeks after the last meeting held', () => {
    const facts = { ...allocated, initialTafHeldOn: '2027-01-10', lastTafHeldOn: '2027-01-10', today: '2027-02-01' }
    expect(step(facts, 'tafReview')).toMatchObject({ status: 'to do', dueOn: '2027-04-04' })
    expect(step({ ...facts, today: '2027-04-05' }, 'tafReview').status).toBe('overdue')
    expect(dueNext(casePathway({ ...facts, today: '2027-04-05' }, derby)).map(each => each.key)).toEqual([
      'tafReview',
      'reviewTool',
    ])
  })

  it('has the progression tool reviewed before each TAF review (001 §4: "reviewed prior to each TAF review meeting")', () => {
    const facts = { ...allocated, initialTafHeldOn: '2027-01-10', lastTafHeldOn: '2027-01-10', today: '2027-02-01' }
    // Before the initial meeting there is nothing to review for.
    expect(step(allocated, 'reviewTool').status).toBe('cannot start yet')
    // Due by the review as the interval sets it, or as planned when the meeting is planned sooner.
    expect(step(facts, 'reviewTool')).toMatchObject({ status: 'to do', dueOn: '2027-04-04' })
    expect(step({ ...facts, nextReviewPlannedOn: '2027-02-05' }, 'reviewTool')).toMatchObject({
      status: 'due soon',
      dueOn: '2027-02-05',
    })
    // A review before the last meeting does not count for the next one; one since it does.
    expect(step({ ...facts, reviewToolOn: '2027-01-08' }, 'reviewTool').status).toBe('to do')
    expect(step({ ...facts, reviewToolOn: '2027-01-30' }, 'reviewTool')).toMatchObject({
      status: 'done',
      detail: 'Reviewed with the family on 30 January 2027',
      dueOn: null,
    })
  })

  it('reads the interval from the authority’s practice model', () => {
    const tenWeeks = {
      ...derby,
      timescales: { ...derby.timescales, tafReviewInterval: { ...derby.timescales.tafReviewInterval, value: 10 } },
    }
    const facts = { ...allocated, lastTafHeldOn: '2027-01-10' }
    expect(casePathway(facts, tenWeeks).find(each => each.key === 'tafReview')!.dueOn).toBe('2027-03-21')
  })

  it('shows the assessment in progress until a manager approves it', () => {
    const assessment = (status: 'draft' | 'submitted' | 'approved' | 'returned') =>
      step({ ...allocated, assessment: { status, label: 'Early Help Assessment (EHA)' } }, 'assessment')
    expect(assessment('draft')).toMatchObject({ status: 'in progress', detail: 'Being written' })
    expect(assessment('submitted').detail).toBe('Waiting for the manager’s approval')
    expect(assessment('returned').status).toBe('in progress')
    expect(assessment('approved')).toMatchObject({ status: 'done', title: 'Early Help Assessment (EHA)' })
  })

  it('flags sessions overdue against the agreed visit frequency', () => {
    const facts = {
      ...allocated,
      visitFrequencyDays: 14,
      sessions: { count: 2, nextDueOn: '2026-11-30', overdue: true },
    }
    expect(step(facts, 'sessions')).toMatchObject({ status: 'overdue', detail: '2 recorded' })
    expect(step(facts, 'visitFrequency')).toMatchObject({ status: 'done', detail: 'Every 2 weeks' })
  })

  it('uses Leeds’ words', () => {
    const titles = casePathway(allocated, presets.leeds).map(each => each.title)
    expect(titles).toContain(`Initial ${presets.leeds.vocabulary.tafAbbreviation} meeting`)
    expect(titles).toContain(presets.leeds.vocabulary.earlyHelpAssessment)
  })
})
