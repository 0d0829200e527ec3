import type { FastifyPluginAsync } from 'fastify'
import { readDate } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import type { FieldError } from '../../lib/errors.js'
import {
  isValidNhsNumber,
  isValidPostcode,
  isValidUpn,
  normaliseNhsNumber,
  normalisePostcode,
  normaliseUpn,
  postcodeMessage,
} from '../../lib/identifiers.js'
import { pageNumber } from '../../lib/forms.js'
import type { Services } from '../../services/index.js'

const PAGE_SIZE = 25

/** Search people by name (fuzzy), date of birth, NHS number or UPN, and postcode: only those the user may see. */
const searchRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/search', { config: { access: 'records:search' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string).trim().slice(0, 100) : '')
    const values = {
      name: text('name'),
      identifier: text('identifier'),
      postcode: text('postcode'),
      'dateOfBirth-day': text('dateOfBirth-day'),
      'dateOfBirth-month': text('dateOfBirth-month'),
      'dateOfBirth-year': text('dateOfBirth-year'),
    }
    const page = pageNumber(query.page)
    const errors: FieldError[] = []
    const dateOfBirth = readDate(values, { name: 'dateOfBirth', label: 'Date of birth', required: false })
    if (dateOfBirth.error) errors.push(dateOfBirth.error)
    let nhsNumber: string | undefined
    let upn: string | undefined
    if (values.identifier) {
      if (isValidNhsNumber(values.identifier)) nhsNumber = normaliseNhsNumber(values.identifier)
      else if (isValidUpn(values.identifier)) upn = normaliseUpn(values.identifier)
      else errors.push({ field: 'identifier', message: 'Enter a real NHS number (10 digits) or UPN (13 characters)' })
    }
    if (values.postcode && !isValidPostcode(values.postcode))
      errors.push({ field: 'postcode', message: postcodeMessage })
    const searched = Object.values(values).some(Boolean)
    if (errors.length > 0 || !searched) {
      return reply.status(errors.length ? 400 : 200).view('search/search.njk', {
        values,
        errors: errors.length ? toGovukErrors(errors, ['name', 'dateOfBirth', 'identifier', 'postcode']) : undefined,
      })
    }
    const criteria = {
      ...(values.name ? { name: values.name } : {}),
      ...(dateOfBirth.value ? { dateOfBirth: dateOfBirth.value } : {}),
      ...(nhsNumber ? { nhsNumber } : {}),
      ...(upn ? { upn } : {}),
      ...(values.postcode ? { postcode: normalisePostcode(values.postcode) } : {}),
    }
    const results = await services.records.search(request.requestContext(), criteria, { page, pageSize: PAGE_SIZE })
    const pages = Math.max(1, Math.ceil(results.total / PAGE_SIZE))
    const params = new URLSearchParams(Object.entries(values).filter(([, value]) => value) as [string, string][])
    const nearby = Array.from({ length: 7 }, (_, index) => page - 3 + index).filter(
      number => number >= 1 && number <= pages,
    )
    return reply.view('search/search.njk', { values, results, page, pages, nearby, queryString: params.toString() })
  })
}

export default searchRoutes
