import { describe, expect, it } from 'vitest'
import { addDays } from './dates.js'
import { addWorkingDays, isBankHoliday, isWorkingDay, workingDaysBetween } from './workingDays.js'

describe('working days in England', () => {
  it('knows the bank holidays of England and Wales, substitute days and one-off holidays included', () => {
    expect(isBankHoliday('2026-12-25')).toBe(true)
    // Boxing Day 2026 is a Saturday: the substitute day is Monday 28 December.
    expect(isBankHoliday('2026-12-28')).toBe(true)
    expect(isBankHoliday('2022-09-19')).toBe(true) // the State Funeral of Queen Elizabeth II
    expect(isBankHoliday('2026-03-17')).toBe(false) // St Patrick's Day is Northern Ireland's, not England's
    expect(isBankHoliday('2026-08-03')).toBe(false) // Scotland's summer holiday, not England's
    expect(isBankHoliday('2026-08-31')).toBe(true)
  })

  it('counts weekdays that are not bank holidays', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true) // a Monday
    expect(isWorkingDay('2026-11-28')).toBe(false) // a Saturday
    expect(isWorkingDay('2026-04-03')).toBe(false) // Good Friday
  })

  it('adds working days over weekends and bank holidays', () => {
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30')
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30') // Friday + 1 is Monday
    // Thursday 24 December + 1 working day: Friday 25, Monday 28 are holidays, so Tuesday 29.
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29')
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30') // from a Saturday
    expect(addWorkingDays('2026-11-30', -1)).toBe('2026-11-27') // back over the weekend
    expect(addWorkingDays('2026-12-29', -1)).toBe('2026-12-24') // back over Christmas
  })

  it('measures working days between two dates', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0)
    expect(workingDaysBetween('2026-11-23', '2026-11-30')).toBe(5)
    expect(workingDaysBetween('2026-12-23', '2027-01-04')).toBe(5) // 24, 29, 30, 31 December and 4 January
    expect(workingDaysBetween('2026-11-30', '2026-11-23')).toBe(0)
  })

  it('counts whole years the same as it walks days one by one', () => {
    const walked = (from: string, to: string) => {
      let count = 0
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1
      return count
    }
    for (const [from, to] of [
      ['2025-01-01', '2026-11-23'],
      ['2026-04-02', '2026-04-07'],
      ['2022-09-16', '2022-09-20'],
      ['2026-12-24', '2027-12-31'],
      ['2026-11-28', '2026-11-29'],
    ] as const) {
      expect(workingDaysBetween(from, to), `${from} to ${to}`).toBe(walked(from, to))
    }
  })
})
