import { z } from 'zod'
import type { Attendance } from '../../data/schema.js'
import { dateParts, optionalText, parseForm, versionField, type DateField } from '../../lib/forms.js'
import type { AttendeeInput, PanelDecisionInput } from '../../services/panels.js'

// One strict schema per form. Which areas, decisions, levels and teams exist, the dates and times allowed,
// and when a meeting may decide or be minuted are the panel service's rules: the practice model says what exists.

const choice = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform(value => (value ? value : null))
const text = (max: number, label: string) => optionalText(max, `${label} must be ${max} characters or fewer`)

/** "9:30" and "9.30" as the 24-hour "09:30" a meeting is kept in; anything else as typed, for the service to judge. */
function normaliseTime(value: string | undefined): string {
  const typed = (value ?? '').trim().replace('.', ':')
  return /^\d:[0-5]\d$/.test(typed) ? `0${typed}` : typed
}

export const scheduleSchema = z.strictObject({
  areaId: choice,
  ...dateParts('firstDate'),
  startsAt: z
    .string()
    .max(20, 'Enter the time the meeting starts, like 09:30 or 14:00')
    .optional()
    .transform(normaliseTime),
  venue: text(200, 'The venue'),
  count: z
    .string()
    .trim()
    .max(10)
    .optional()
    .transform(value => (value && /^\d+$/.test(value) ? Number(value) : null)),
})
export const scheduleFields = ['areaId', 'firstDate', 'startsAt', 'venue', 'count']
export const firstDateField: DateField = { name: 'firstDate', label: 'Date of the first meeting', required: true }

/** How many attendee rows the form offers (without JavaScript, a fixed number of rows), and the most it holds. */
export const ATTENDEE_ROWS = 12
export const MAX_ATTENDEE_ROWS = 40

const attendances = ['attended', 'apologies'] as const satisfies readonly Attendance[]
const parts = ['name', 'agency', 'attendance'] as const
const rowField = (index: number, part: (typeof parts)[number]) => `attendees-${index}-${part}`
const rowIndexes = Array.from({ length: MAX_ATTENDEE_ROWS }, (_, index) => index)

const attendeesSchema = z
  .strictObject({
    version: versionField,
    ...Object.fromEntries(
      rowIndexes.flatMap(index => [
        [rowField(index, 'name'), text(100, `The name of attendee ${index + 1}`)],
        [rowField(index, 'agency'), text(100, `The agency of attendee ${index + 1}`)],
        [rowField(index, 'attendance'), choice],
      ]),
    ),
  })
  .superRefine((form, ctx) => {
    const fields = form as Record<string, unknown>
    for (const index of rowIndexes) {
      const [name, agency, attendance] = parts.map(part => fields[rowField(index, part)])
      // A blank row is one the meeting did not need; a row begun is finished, in the row's own number.
      if (!name && !agency && !attendance) continue
      const problem = (part: (typeof parts)[number], message: string) =>
        ctx.addIssue({ code: 'custom', path: [rowField(index, part)], message })
      if (!name) problem('name', `Enter the name of attendee ${index + 1}`)
      if (!agency) problem('agency', `Enter the agency of attendee ${index + 1}`)
      if (!(attendances as readonly unknown[]).includes(attendance))
        problem('attendance', `Select whether attendee ${index + 1} attended or sent apologies`)
    }
  })

/** The attendee form's fields in page order, for the error summary. */
export const attendeeFields = ['attendees', ...rowIndexes.flatMap(index => parts.map(part => rowField(index, part)))]

/** The attendees a form lists, blank rows dropped (every row kept is complete), and the version it was loaded at. */
export function parseAttendees(body: unknown): { version: number; attendees: AttendeeInput[] } {
  const form = parseForm(attendeesSchema, body) as Record<string, unknown> & { version: number }
  const attendees = rowIndexes.flatMap(index => {
    const [name, agency, attendance] = parts.map(part => form[rowField(index, part)])
    return typeof name === 'string' && typeof agency === 'string' && typeof attendance === 'string'
      ? [{ name, agency, attendance, userId: null }]
      : []
  })
  return { version: form.version, attendees }
}

/** How many rows the attendee form shows: the usual number, or room for two more than are filled in. */
export function attendeeRows(filled: number): number {
  return Math.min(MAX_ATTENDEE_ROWS, Math.max(ATTENDEE_ROWS, filled + 2))
}

/** The last attendee row a sent form has anything in, counted from 1 (0 for none). */
export function lastRowUsed(values: Record<string, unknown>): number {
  let last = 0
  for (const [key, value] of Object.entries(values)) {
    const match = /^attendees-(\d+)-/.exec(key)
    if (match && typeof value === 'string' && value.trim() !== '') last = Math.max(last, Number(match[1]) + 1)
  }
  return last
}

export const decisionSchema = z.strictObject({
  version: versionField,
  decision: choice,
  levelOfNeed: choice,
  teamId: choice,
  leadProfessionalUserId: choice,
  signpostTo: text(200, 'The service the family is signposted to'),
  socialCareTeam: text(200, 'The social care team'),
  rationale: text(5000, 'The rationale'),
})
export const decisionFields = [
  'decision',
  'levelOfNeed',
  'teamId',
  'leadProfessionalUserId',
  'signpostTo',
  'socialCareTeam',
  'rationale',
]

export function decisionInputFrom(form: z.infer<typeof decisionSchema>): PanelDecisionInput {
  return {
    decision: form.decision,
    levelOfNeed: form.levelOfNeed,
    rationale: form.rationale ?? '',
    teamId: form.teamId,
    leadProfessionalUserId: form.leadProfessionalUserId,
    signpostTo: form.signpostTo ?? null,
    socialCareTeam: form.socialCareTeam ?? null,
  }
}

export const minutesSchema = z.strictObject({
  version: versionField,
  minutes: text(20000, 'The minutes'),
})
