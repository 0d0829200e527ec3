import type { ZodError } from 'zod'
import type { FieldError } from './errors.js'

/** What the layout's error summary and each field's inline message read. */
export interface GovukErrors {
  list: { text: string; href: string }[]
  fields: Record<string, { text: string }>
}

/** Turns field errors into the summary list (in form field order) and per-field messages. */
export function toGovukErrors(errors: FieldError[], fieldOrder: readonly string[] = []): GovukErrors {
  const position = (field: string) => {
    const index = fieldOrder.indexOf(field)
    return index === -1 ? fieldOrder.length : index
  }
  const firstPerField = new Map<string, FieldError>()
  for (const error of errors) if (!firstPerField.has(error.field)) firstPerField.set(error.field, error)
  const ordered = [...firstPerField.values()].sort((a, b) => position(a.field) - position(b.field))
  return {
    list: ordered.map(error => ({ text: error.message, href: `#${error.anchor ?? error.field}` })),
    fields: Object.fromEntries(ordered.map(error => [error.field, { text: error.message }])),
  }
}

/** Field errors from a zod failure: the first path segment names the field. */
export function fieldErrorsFromZod(error: ZodError): FieldError[] {
  return error.issues.map(issue => ({
    field: issue.path.length ? String(issue.path[0]) : 'form',
    message: issue.message,
  }))
}
