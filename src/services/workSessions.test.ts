import { describe, expect, it } from 'vitest'
import { intervalWords, sessionsAgainstFrequency } from './workSessions.js'

// 003_e9f5ab6753ae1fa9.txt action plan 3.5: "Contact level with families is proportionate to needs of the case …
// Team Managers and front line staff agree visit frequency in all Early Help cases and record this clearly on
// recording system." Sessions are measured against the frequency agreed.

const fortnightly = { everyDays: 14, agreedOn: '2026-12-01' }

describe('sessions against the agreed visit frequency', () => {
  it('runs the clock from the last session: agreed 1 December every 2 weeks, seen 3 December, next due 17 December', () => {
    expect(sessionsAgainstFrequency(fortnightly, ['2026-12-03'], '2026-12-10')).toEqual({
      everyDays: 14,
      agreedOn: '2026-12-01',
      lastSessionOn: '2026-12-03',
      nextDueOn: '2026-12-17',
      overdue: false,
      daysOverdue: 0,
      expected: 0,
      held: 1,
    })
  })

  it('is on time on the day the next session is due', () => {
    expect(sessionsAgainstFrequency(fortnightly, ['2026-12-03'], '2026-12-17')).toMatchObject({
      nextDueOn: '2026-12-17',
      overdue: false,
      daysOverdue: 0,
      expected: 1,
    })
  })

  it('is a day overdue the day after', () => {
    expect(sessionsAgainstFrequency(fortnightly, ['2026-12-03'], '2026-12-18')).toMatchObject({
      nextDueOn: '2026-12-17',
      overdue: true,
      daysOverdue: 1,
    })
  })

  it('runs the clock from the agreement when there has been no session yet', () => {
    const weekly = { everyDays: 7, agreedOn: '2026-12-01' }
    expect(sessionsAgainstFrequency(weekly, [], '2026-12-08')).toEqual({
      everyDays: 7,
      agreedOn: '2026-12-01',
      lastSessionOn: null,
      nextDueOn: '2026-12-08',
      overdue: false,
      daysOverdue: 0,
      expected: 1,
      held: 0,
    })
    expect(sessionsAgainstFrequency(weekly, [], '2026-12-20')).toMatchObject({
      overdue: true,
      daysOverdue: 12,
      expected: 2,
      held: 0,
    })
  })

  it('runs the clock from the agreement when the last session came before it, and does not count that session', () => {
    expect(sessionsAgainstFrequency(fortnightly, ['2026-11-20', '2026-11-27'], '2026-12-02')).toMatchObject({
      lastSessionOn: '2026-11-27',
      nextDueOn: '2026-12-15',
      held: 0,
      expected: 0,
    })
  })

  it('counts the sessions held since the agreement against the whole intervals that have passed', () => {
    const status = sessionsAgainstFrequency(
      { everyDays: 10, agreedOn: '2026-12-01' },
      ['2026-12-20', '2026-12-01', '2026-12-09'],
      '2027-01-05',
    )
    // 35 days since the agreement: 3 whole intervals of 10 days; 3 sessions held, the last on 20 December.
    expect(status).toMatchObject({
      lastSessionOn: '2026-12-20',
      nextDueOn: '2026-12-30',
      overdue: true,
      daysOverdue: 6,
      expected: 3,
      held: 3,
    })
  })

  it('crosses the end of a month and of a year', () => {
    expect(
      sessionsAgainstFrequency({ everyDays: 28, agreedOn: '2026-12-01' }, ['2026-12-15'], '2027-01-12'),
    ).toMatchObject({ nextDueOn: '2027-01-12', overdue: false, expected: 1 })
  })
})

describe('the words for an interval', () => {
  it.each([
    [1, 'every day'],
    [7, 'every week'],
    [14, 'every 2 weeks'],
    [21, 'every 3 weeks'],
    [28, 'every 4 weeks'],
    [10, 'every 10 days'],
    [42, 'every 42 days'],
  ])('%i days is %s', (days, words) => {
    expect(intervalWords(days)).toBe(words)
  })
})
