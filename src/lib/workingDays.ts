import Holidays from 'date-holidays'
import { addDays } from './dates.js'

// Working days in England: Monday to Friday, less the bank holidays of England and Wales. The holidays
// come from date-holidays, a maintained list (substitute days and one-off holidays included), not typed in.
const englandAndWales = new Holidays('GB', 'ENG')
const bankHolidaysByYear = new Map<number, Set<string>>()

function bankHolidaysIn(year: number): Set<string> {
  let days = bankHolidaysByYear.get(year)
  if (!days) {
    days = new Set(
      englandAndWales
        .getHolidays(year)
        .filter(holiday => holiday.type === 'public')
        .map(holiday => holiday.date.slice(0, 10)),
    )
    bankHolidaysByYear.set(year, days)
  }
  return days
}

/** Whether an ISO date is a bank holiday in England and Wales. */
export function isBankHoliday(isoDate: string): boolean {
  return bankHolidaysIn(Number(isoDate.slice(0, 4))).has(isoDate)
}

/** Whether an ISO date is a working day in England: a weekday that is not a bank holiday. */
export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(isoDate)
}

/**
 * The working day `count` working days after an ISO date, or before it for a negative count (a weekend
 * or holiday start counts from the next working day).
 */
export function addWorkingDays(isoDate: string, count: number): string {
  const step = count < 0 ? -1 : 1
  let day = isoDate
  let left = Math.abs(count)
  while (left > 0) {
    day = addDays(day, step)
    if (isWorkingDay(day)) left -= 1
  }
  return day
}

/**
 * Working days from one ISO date to a later one: the days after `from`, up to and including `to`, that are
 * working days. Whole weeks are counted, not walked, so a year-old request costs no more than a new one.
 */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0
  const days = (Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000
  const weeks = Math.floor(days / 7)
  let count = weeks * 5
  const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay()
  for (let day = addDays(from, weeks * 7 + 1); day <= to; day = addDays(day, 1)) {
    const dayOfWeek = weekday(day)
    if (dayOfWeek !== 0 && dayOfWeek !== 6) count += 1
  }
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of bankHolidaysIn(year)) {
      const dayOfWeek = weekday(holiday)
      if (holiday > from && holiday <= to && dayOfWeek !== 0 && dayOfWeek !== 6) count -= 1
    }
  }
  return count
}
