import { describe, expect, it } from 'vitest'
import { planChanges, type ActionSnapshot, type OutcomeSnapshot, type PlanSnapshot } from './plans.js'

// The changes between two versions of a plan, worked by hand. 001_cfe3ebe7e928b659.txt §4: "The TAF plan MUST be
// reviewed and updated at each TAF review meeting"; 003_e9f5ab6753ae1fa9.txt §5 found "the plan not having received
// any updates in duration of the case": what changed at a review must be plain to see.

const school: OutcomeSnapshot = {
  key: 'a1c7b0b2-0000-4000-8000-000000000001',
  outcome: 'Maisie goes to school every day and on time',
  measure: 'Attendance of 95% or more over a half term',
  outcomeArea: 'good-education',
  targetDate: '2027-03-01',
  status: 'open',
  needs: ['Maisie’s attendance is 82%'],
}
const sleep: OutcomeSnapshot = {
  key: 'a1c7b0b2-0000-4000-8000-000000000002',
  outcome: 'Bedtimes are calm and Maisie sleeps through',
  measure: 'The sleep diary shows five settled nights a week',
  outcomeArea: 'family-relationships',
  targetDate: '2027-02-01',
  status: 'open',
  needs: [],
}
const walk: ActionSnapshot = {
  key: 'b2d8c1c3-0000-4000-8000-000000000001',
  outcomeKey: school.key,
  action: 'Walk Maisie to school each morning',
  who: 'Carla Tranter',
  byWhen: '2026-12-18',
  status: 'not_started',
}
const register: ActionSnapshot = {
  key: 'b2d8c1c3-0000-4000-8000-000000000002',
  outcomeKey: school.key,
  action: 'Share the weekly register with the worker',
  who: 'Dawn Adams (Parkside Primary School)',
  byWhen: '2027-01-15',
  status: 'in_progress',
}
const areas = { 'good-education': 'Getting a good education', 'family-relationships': 'Improved family relationships' }

const plan = (outcomes: OutcomeSnapshot[], actions: ActionSnapshot[]): PlanSnapshot => ({ outcomes, actions })

describe('the changes between two versions of a plan', () => {
  it('finds nothing when the next version starts as the last one stood', () => {
    const version1 = plan([school, sleep], [walk, register])
    expect(planChanges(version1, structuredClone(version1), areas)).toEqual({
      outcomes: [],
      actions: [],
      unchangedOutcomes: 2,
      unchangedActions: 2,
    })
  })

  it('says each changed field in words: "Status: Open → Achieved", "Target date: 1 March 2027 → 1 May 2027"', () => {
    const before = plan([school], [walk])
    const after = plan([{ ...school, status: 'achieved', targetDate: '2027-05-01' }], [{ ...walk, status: 'done' }])
    const changes = planChanges(before, after, areas)
    expect(changes.outcomes).toEqual([
      {
        key: school.key,
        change: 'changed',
        title: school.outcome,
        changes: [
          {
            field: 'targetDate',
            label: 'Target date',
            from: '1 March 2027',
            to: '1 May 2027',
            text: 'Target date: 1 March 2027 → 1 May 2027',
          },
          { field: 'status', label: 'Status', from: 'Open', to: 'Achieved', text: 'Status: Open → Achieved' },
        ],
        fields: [],
      },
    ])
    expect(changes.actions.map(action => [action.change, action.outcome, action.changes.map(c => c.text)])).toEqual([
      ['changed', school.outcome, ['Status: Not started → Done']],
    ])
    expect(changes.unchangedOutcomes).toBe(0)
    expect(changes.unchangedActions).toBe(0)
  })

  it('lists what was added in the later version’s order, then what was removed, with their fields as they stood', () => {
    const before = plan([school], [walk, register])
    const after = plan([sleep, school], [walk])
    const changes = planChanges(before, after, areas)
    expect(changes.outcomes.map(outcome => [outcome.change, outcome.title])).toEqual([['added', sleep.outcome]])
    expect(changes.outcomes[0]!.fields).toEqual([
      { label: 'What will be different', value: sleep.outcome },
      { label: 'How we will know', value: sleep.measure },
      { label: 'Target date', value: '1 February 2027' },
      { label: 'Outcome area', value: 'Improved family relationships' },
      { label: 'Needs it answers', value: 'None linked' },
      { label: 'Status', value: 'Open' },
    ])
    expect(changes.actions.map(action => [action.change, action.title, action.outcome])).toEqual([
      ['removed', register.action, school.outcome],
    ])
    expect(changes.actions[0]!.fields).toContainEqual({ label: 'Who', value: 'Dawn Adams (Parkside Primary School)' })
    expect(changes.unchangedOutcomes).toBe(1)
    expect(changes.unchangedActions).toBe(1)
  })

  it('names the outcomes an action moved between, and the needs and area an outcome changed to', () => {
    const before = plan([school, sleep], [walk])
    const after = plan(
      [{ ...school, needs: ['Maisie’s attendance is 82%', 'Mornings are chaotic'], outcomeArea: null }, sleep],
      [{ ...walk, outcomeKey: sleep.key, who: 'Lee Tranter', byWhen: '2027-01-08' }],
    )
    const changes = planChanges(before, after, areas)
    expect(changes.outcomes[0]!.changes.map(change => change.text)).toEqual([
      'Outcome area: Getting a good education → Not set',
      'Needs it answers: Maisie’s attendance is 82% → Maisie’s attendance is 82%; Mornings are chaotic',
    ])
    expect(changes.actions[0]!.changes.map(change => change.text)).toEqual([
      `Outcome: ${school.outcome} → ${sleep.outcome}`,
      'Who: Carla Tranter → Lee Tranter',
      'By when: 18 December 2026 → 8 January 2027',
    ])
    expect(changes.actions[0]!.outcome).toBe(sleep.outcome)
  })

  it('shows an area code that is no longer in the practice model as its code rather than losing it', () => {
    const changes = planChanges(plan([school], []), plan([{ ...school, outcomeArea: 'retired-area' }], []), areas)
    expect(changes.outcomes[0]!.changes[0]!.text).toBe('Outcome area: Getting a good education → retired-area')
  })
})
