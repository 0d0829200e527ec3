import { z } from 'zod'
import { NotFoundError, ValidationError, type FieldError } from './errors.js'
import { fieldErrorsFromZod } from './govukErrors.js'

/** A required text field with the GOV.UK "Enter …" message. */
export const requiredText = (message: string, max = 200) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(
      max,
      `${message.replace(/^Enter /, '').replace(/^./, c => c.toUpperCase())} must be ${max} characters or fewer`,
    )

/** An optional text field: empty becomes undefined. */
export const optionalText = (max = 200, tooLong = `Must be ${max} characters or fewer`) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform(value => (value ? value : undefined))

/** The version a form was loaded at, for the no-lost-update check. */
export const versionField = z.coerce
  .number({ error: 'The form is missing its version: reload the page' })
  .int()
  .positive()

/**
 * Validates a form body against a strict schema (unknown fields refused). The CSRF token is the
 * framework's, not the form's, so it is removed first.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const { _csrf: _ignored, ...fields } = (body ?? {}) as Record<string, unknown>
  const result = schema.safeParse(fields)
  if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error))
  return result.data
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A record id from the address; anything that is not a UUID cannot name a record, so it is a 404. */
export function recordId(value: unknown): string {
  if (typeof value !== 'string' || !uuidPattern.test(value)) throw new NotFoundError()
  return value.toLowerCase()
}

/** A page number from the query string: 1 if absent or nonsense. */
export function pageNumber(value: unknown): number {
  const page = Number(value)
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1
}

/** The three boxes of a GOV.UK date input named `name` (name-day, name-month, name-year), for a strict schema. */
export function dateParts<N extends string>(name: N) {
  const part = z.string().trim().max(10).optional()
  return { [`${name}-day`]: part, [`${name}-month`]: part, [`${name}-year`]: part } as Record<
    `${N}-day` | `${N}-month` | `${N}-year`,
    typeof part
  >
}

export interface DateField {
  name: string
  /** As the error messages say it: "Date of birth". */
  label: string
  required: boolean
}

/** A GOV.UK date input as an ISO date, with the Design System's error messages; null when empty and optional. */
export function readDate(
  fields: Record<string, unknown>,
  field: DateField,
): { value: string | null; error?: FieldError } {
  const text = (part: string) => String(fields[`${field.name}-${part}`] ?? '').trim()
  const [day, month, year] = [text('day'), text('month'), text('year')]
  const error = (message: string, part: 'day' | 'month' | 'year' = 'day') => ({
    value: null,
    error: { field: field.name, message, anchor: `${field.name}-${part}` },
  })
  if (!day && !month && !year) {
    return field.required ? error(`Enter the ${field.label.toLowerCase()}`) : { value: null }
  }
  const missing = [!day && 'a day', !month && 'a month', !year && 'a year'].filter(Boolean)
  if (missing.length > 0) return error(`${field.label} must include ${missing.join(' and ')}`)
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d+$/.test(year)) {
    return error(`${field.label} must be a real date`)
  }
  if (year.length !== 4) return error('Year must include 4 numbers')
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  const date = new Date(`${iso}T12:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return error(`${field.label} must be a real date`)
  }
  return { value: iso }
}

/** As parseForm, and reads the form's date inputs; every problem, shape or date, is reported together. */
export function parseFormWithDates<S extends z.ZodType, D extends string>(
  schema: S,
  body: unknown,
  dates: (DateField & { name: D })[],
): z.infer<S> & { dates: Record<D, string | null> } {
  const { _csrf: _ignored, ...fields } = (body ?? {}) as Record<string, unknown>
  const result = schema.safeParse(fields)
  const errors: FieldError[] = result.success ? [] : fieldErrorsFromZod(result.error)
  const values = {} as Record<D, string | null>
  for (const field of dates) {
    const { value, error } = readDate(fields, field)
    values[field.name] = value
    if (error) errors.push(error)
  }
  if (errors.length > 0 || !result.success) throw new ValidationError(errors)
  return Object.assign(result.data as object, { dates: values }) as z.infer<S> & { dates: Record<D, string | null> }
}

/** A GOV.UK checkbox or yes/no radio: 'yes' is true; anything else, or nothing, false. */
export const yesNo = z
  .string()
  .optional()
  .transform(value => value === 'yes')

/** Checkboxes that share a name: one ticked arrives as a string, several as an array, none as nothing. */
export const manyOf = (max = 50) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.string().trim().max(200)).max(max))

/** What the user typed, to put back in the form when it is shown again: text as typed, ticked boxes as lists. */
export function typedFormValues(body: unknown): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {}
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (key === '_csrf' || key === 'password') continue
    if (typeof value === 'string') values[key] = value
    else if (Array.isArray(value)) values[key] = value.filter((item): item is string => typeof item === 'string')
  }
  return values
}

/** An ISO date as the three boxes of a GOV.UK date input, for putting a saved date back in a form. */
export function dateBoxes(name: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {}
  const [year, month, day] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year ?? '',
  }
}

/** A record id from the route's parameters, by name (a 404 when it cannot name a record). */
export function idParam(params: unknown, name: string): string {
  return recordId((params as Record<string, unknown> | undefined)?.[name])
}
