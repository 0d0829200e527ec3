// Dates as the interface shows them: UK time, British English.

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
})

/** "14 March 2015" from a Date or an ISO date string. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return ''
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value
  return dateFormat.format(date)
}

/** "14 Mar 2015, 09:30" in UK time. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return ''
  return dateTimeFormat.format(typeof value === 'string' ? new Date(value) : value)
}

/** Age in whole years on a given day, from an ISO date of birth. */
export function ageOn(dateOfBirth: string | null | undefined, on: Date): number | undefined {
  if (!dateOfBirth) return undefined
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number]
  let age = on.getUTCFullYear() - year
  if (on.getUTCMonth() + 1 < month || (on.getUTCMonth() + 1 === month && on.getUTCDate() < day)) age -= 1
  return age
}

const isoDayFormat = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/London',
})

/** Today's date in the UK as an ISO date (YYYY-MM-DD): what "today" means to a worker in England. */
export function todayIn(now: Date): string {
  return isoDayFormat.format(now)
}

/** An ISO date moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}
