import { z } from 'zod'
import { NotFoundError, ValidationError } from './errors.js'
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
