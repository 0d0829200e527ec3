import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ConflictError, ValidationError, type FieldError } from '../../lib/errors.js'
import { parseForm, versionField } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import { timescaleRules, type TimescaleKey } from '../../practice-models/index.js'
import type { Services } from '../../services/index.js'

const timescaleFields = timescaleRules.map(rule => rule.key)

const wholeNumber = (label: string) =>
  z
    .string({ error: `Enter ${label.toLowerCase()}` })
    .trim()
    .min(1, `Enter ${label.toLowerCase()}`)
    .regex(/^\d{1,4}$/, `${label} must be a whole number, like 6`)
    .transform(Number)

const timescalesSchema = z.strictObject({
  version: versionField,
  ...Object.fromEntries(timescaleRules.map(rule => [rule.key, wholeNumber(rule.label)])),
}) as unknown as z.ZodType<{ version: number } & Record<TimescaleKey, number>>

/** Errors from the model's own validation name the path; the form names the field. */
const toFormField = (error: FieldError): FieldError => {
  const key = timescaleFields.find(field => error.field.startsWith(`timescales.${field}`))
  return key ? { field: key, message: error.message } : error
}

/** The authority's practice model: what it holds, its history, and its timescales to change. */
const practiceModelRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const config = { access: 'practiceModel:manage' } as const

  app.get('/admin/practice-model', { config }, async (request, reply) => {
    const page = await services.practiceModels.forAdministration(request.requestContext())
    const updated = (request.query as Record<string, unknown>).updated === '1'
    return reply.view('admin/practiceModel.njk', { ...page, timescaleRules, updated })
  })

  async function timescalesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; values?: Record<string, unknown>; errors?: FieldError[]; conflict?: boolean } = {},
  ) {
    const page = await services.practiceModels.forAdministration(request.requestContext())
    const saved = Object.fromEntries(
      timescaleRules.map(rule => [rule.key, String(page.model.timescales[rule.key].value)]),
    )
    return reply.status(extra.status ?? 200).view('admin/practiceModelTimescales.njk', {
      model: page.model,
      version: page.version,
      timescaleRules,
      saved,
      values: extra.values ?? saved,
      conflict: extra.conflict,
      errors: extra.errors ? toGovukErrors(extra.errors, ['form', ...timescaleFields]) : undefined,
    })
  }

  app.get('/admin/practice-model/timescales', { config }, (request, reply) => timescalesPage(request, reply))

  app.post('/admin/practice-model/timescales', { config }, async (request, reply) => {
    const values = { ...(request.body as Record<string, unknown>) }
    delete values._csrf
    try {
      const { version, ...timescales } = parseForm(timescalesSchema, request.body)
      await services.practiceModels.updateTimescales(request.requestContext(), version, timescales)
      return reply.redirect('/admin/practice-model?updated=1', 303)
    } catch (error) {
      if (error instanceof ValidationError) {
        return timescalesPage(request, reply, { status: 400, values, errors: error.errors.map(toFormField) })
      }
      if (error instanceof ConflictError) {
        return timescalesPage(request, reply, {
          status: 409,
          values,
          conflict: true,
          errors: [
            {
              field: 'form',
              message:
                'Someone else changed the practice model while you were working on it, so your change was not saved. Check the saved values, then save again.',
            },
          ],
        })
      }
      throw error
    }
  })
}

export default practiceModelRoutes
