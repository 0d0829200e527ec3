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
