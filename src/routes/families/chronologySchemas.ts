import { z } from 'zod'
import type { ConsentMethod } from '../../data/schema.js'
import { dateParts, manyOf, optionalText, requiredText, versionField } from '../../lib/forms.js'
import { chronologyCategories } from '../../services/chronology.js'

// The chronology's and consent's forms: one strict schema each. They check the shape; whether a date is in
// the past, a person is in the family or consent is still to withdraw are the services' rules.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A record picked from a list: checked against the family by the service. */
const picked = (message: string) => z.string({ error: message }).trim().min(1, message).max(64, message)

const atLeastOne = (message: string, max: number) => manyOf(max).refine(list => list.length > 0, message)

export const entryDate = { name: 'occurredOn', label: 'Date it happened', required: true } as const

/** In the order the form asks, so the error summary lists problems in that order. */
export const entryFields = ['occurredOn', 'category', 'summary', 'detail', 'source', 'personIds'] as const
export const entrySchema = z.strictObject({
  ...dateParts('occurredOn'),
  category: z.enum(chronologyCategories, { error: 'Select what the event is about' }),
  summary: requiredText('Enter what happened', 200),
  detail: optionalText(5000, 'Detail must be 5000 characters or fewer'),
  source: optionalText(100, 'Where you heard of it must be 100 characters or fewer'),
  personIds: manyOf(50),
})

/** The chronology's filters, from the query string: anything unrecognised means "everyone" or "every category". */
export const chronologyFilterSchema = z.object({
  personId: z
    .string()
    .regex(uuid)
    .transform(id => id.toLowerCase())
    .optional()
    .catch(undefined),
  category: z.enum(chronologyCategories).optional().catch(undefined),
  order: z.enum(['newest', 'oldest']).optional().catch(undefined),
})
export type ChronologyFilter = z.infer<typeof chronologyFilterSchema>

/** The filters as a query string, to carry them to the print view and back. */
export function filterQuery(filter: ChronologyFilter): string {
  const params = new URLSearchParams()
  if (filter.personId) params.set('personId', filter.personId)
  if (filter.category) params.set('category', filter.category)
  if (filter.order) params.set('order', filter.order)
  const query = params.toString()
  return query ? `?${query}` : ''
}

export const consentMethods = ['written', 'verbal'] as const satisfies readonly ConsentMethod[]

export const consentDate = { name: 'givenOn', label: 'Date consent was given', required: true } as const
export const consentFields = ['givenByPersonId', 'givenOn', 'how', 'agencies', 'purposes'] as const
export const consentSchema = z.strictObject({
  givenByPersonId: picked('Select the family member who gave consent'),
  ...dateParts('givenOn'),
  how: z.enum(consentMethods, { error: 'Select how consent was given' }),
  agencies: atLeastOne('Select the agencies the family agreed to share information with', 20),
  purposes: atLeastOne('Select what the information may be shared for', 10),
})

export const withdrawDate = { name: 'withdrawnOn', label: 'Date consent was withdrawn', required: true } as const
export const withdrawFields = ['withdrawnOn', 'reason'] as const
export const withdrawSchema = z.strictObject({
  ...dateParts('withdrawnOn'),
  reason: optionalText(1000, 'Reason must be 1000 characters or fewer'),
  version: versionField,
})
