import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ConflictError, ValidationError, type FieldError } from '../../lib/errors.js'
import { parseForm, versionField } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import {
  practiceModelLists,
  timescaleRules,
  vocabularyTerms,
  type PracticeModel,
  type TimescaleKey,
} from '../../practice-models/index.js'
import type { Services } from '../../services/index.js'
import practiceModelListRoutes from './practiceModelLists.js'

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

const vocabularySchema = z.strictObject({
  version: versionField,
  ...Object.fromEntries(
    vocabularyTerms.map(term => [
      term.key,
      z
        .string({ error: `Enter the word for ${term.label.toLowerCase()}` })
        .trim()
        .min(1, `Enter the word for ${term.label.toLowerCase()}`)
        .max(120, 'Words must be 120 characters or fewer'),
    ]),
  ),
}) as unknown as z.ZodType<{ version: number } & PracticeModel['vocabulary']>

const importSchema = z.strictObject({
  version: versionField,
  model: z.string({ error: 'Paste the practice model' }).trim().min(1, 'Paste the practice model'),
})

/** What a form page is re-rendered with after a failed save. */
type FormPageExtra = Partial<{
  status: number
  values: Record<string, unknown>
  errors: FieldError[]
  conflict: boolean
}>

const conflictError: FieldError = {
  field: 'form',
  message:
    'Someone else changed the practice model while you were working on it, so your change was not saved. Check the saved values, then save again.',
}

/** Errors from the model's own validation name the path; the form names the field. */
const toFormField = (error: FieldError): FieldError => {
  const key = timescaleFields.find(field => error.field.startsWith(`timescales.${field}`))
  return key ? { field: key, message: error.message } : error
}

/** The authority's practice model: what it holds and its history; its timescales, words and levels of need to change; the whole of it as JSON. */
const practiceModelRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const config = { access: 'practiceModel:manage' } as const

  app.get('/admin/practice-model', { config }, async (request, reply) => {
    const page = await services.practiceModels.forAdministration(request.requestContext())
    const updated = (request.query as Record<string, unknown>).updated === '1'
    const lists = Object.fromEntries(practiceModelLists.map(list => [list.key, list]))
    return reply.view('admin/practiceModel.njk', { ...page, timescaleRules, updated, lists })
  })

  // Front door outcomes, panel decisions, services and the model's other lists: one page each.
  await app.register(practiceModelListRoutes, { services })

  async function timescalesPage(request: FastifyRequest, reply: FastifyReply, extra: FormPageExtra = {}) {
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

  const formValues = (request: FastifyRequest) => {
    const values = { ...(request.body as Record<string, unknown>) }
    delete values._csrf
    return values
  }

  /** Saves a section; a bad value or a stale version re-renders the form with what the user typed. */
  async function saveSection(
    request: FastifyRequest,
    reply: FastifyReply,
    render: (extra: {
      status: number
      values: Record<string, unknown>
      errors: FieldError[]
      conflict?: boolean
    }) => unknown,
    change: () => Promise<void>,
    mapError: (error: FieldError) => FieldError = error => error,
  ) {
    try {
      await change()
      return reply.redirect('/admin/practice-model?updated=1', 303)
    } catch (error) {
      const values = formValues(request)
      if (error instanceof ValidationError) return render({ status: 400, values, errors: error.errors.map(mapError) })
      if (error instanceof ConflictError)
        return render({ status: 409, values, errors: [conflictError], conflict: true })
      throw error
    }
  }

  const load = (request: FastifyRequest) => services.practiceModels.forAdministration(request.requestContext())

  app.post('/admin/practice-model/timescales', { config }, (request, reply) =>
    saveSection(
      request,
      reply,
      extra => timescalesPage(request, reply, extra),
      async () => {
        const { version, ...timescales } = parseForm(timescalesSchema, request.body)
        await services.practiceModels.updateTimescales(request.requestContext(), version, timescales)
      },
      toFormField,
    ),
  )

  async function vocabularyPage(request: FastifyRequest, reply: FastifyReply, extra: FormPageExtra = {}) {
    const { model, version } = await load(request)
    return reply.status(extra.status ?? 200).view('admin/practiceModelVocabulary.njk', {
      model,
      version,
      terms: vocabularyTerms,
      values: extra.values ?? model.vocabulary,
      conflict: extra.conflict,
      errors: extra.errors
        ? toGovukErrors(extra.errors, ['form', ...vocabularyTerms.map(term => term.key)])
        : undefined,
    })
  }

  app.get('/admin/practice-model/vocabulary', { config }, (request, reply) => vocabularyPage(request, reply))
  app.post('/admin/practice-model/vocabulary', { config }, (request, reply) =>
    saveSection(
      request,
      reply,
      extra => vocabularyPage(request, reply, extra),
      async () => {
        const { version, ...vocabulary } = parseForm(vocabularySchema, request.body)
        await services.practiceModels.updateVocabulary(request.requestContext(), version, vocabulary)
      },
      error => ({ ...error, field: error.field.replace(/^vocabulary\./, '') }),
    ),
  )

  async function levelsPage(request: FastifyRequest, reply: FastifyReply, extra: FormPageExtra = {}) {
    const { model, version } = await load(request)
    const saved = Object.fromEntries(
      model.levelsOfNeed.flatMap((level, index) => [
        [`label-${index}`, level.label],
        [`description-${index}`, level.description ?? ''],
      ]),
    )
    const fieldOrder = model.levelsOfNeed.flatMap((_, index) => [`label-${index}`, `description-${index}`])
    return reply.status(extra.status ?? 200).view('admin/practiceModelLevels.njk', {
      model,
      version,
      values: extra.values ?? saved,
      conflict: extra.conflict,
      errors: extra.errors ? toGovukErrors(extra.errors, ['form', ...fieldOrder]) : undefined,
    })
  }

  app.get('/admin/practice-model/levels-of-need', { config }, (request, reply) => levelsPage(request, reply))
  app.post('/admin/practice-model/levels-of-need', { config }, async (request, reply) => {
    const { model } = await load(request)
    const levelsSchema = z.strictObject({
      version: versionField,
      ...Object.fromEntries(
        model.levelsOfNeed.flatMap((level, index) => [
          [
            `label-${index}`,
            z
              .string({ error: `Enter a label for ${level.code}` })
              .trim()
              .min(1, `Enter a label for ${level.code}`)
              .max(120, 'A label must be 120 characters or fewer'),
          ],
          [
            `description-${index}`,
            z.string().trim().max(2000, 'A description must be 2000 characters or fewer').optional(),
          ],
        ]),
      ),
    })
    return saveSection(
      request,
      reply,
      extra => levelsPage(request, reply, extra),
      async () => {
        const form = parseForm(levelsSchema, request.body) as Record<string, string> & { version: number }
        const levels = model.levelsOfNeed.map((level, index) => ({
          code: level.code,
          label: form[`label-${index}`] ?? level.label,
          description: form[`description-${index}`] || undefined,
        }))
        await services.practiceModels.updateLevelsOfNeed(request.requestContext(), form.version, levels)
      },
      error => {
        const match = /^levelsOfNeed\.(\d+)\.(label|description)$/.exec(error.field)
        return match ? { ...error, field: `${match[2]}-${match[1]}` } : error
      },
    )
  })

  app.get('/admin/practice-model/export', { config }, async (request, reply) => {
    const { model } = await load(request)
    return reply
      .header('Content-Disposition', `attachment; filename="practice-model-${request.currentUser!.authoritySlug}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(model, null, 2))
  })

  async function importPage(request: FastifyRequest, reply: FastifyReply, extra: FormPageExtra = {}) {
    const { version } = await load(request)
    // Every problem of a pasted model is listed (each names its field by path), all pointing at the text box.
    const problems = (extra.errors ?? []).map(error =>
      error.field === 'form' || error.field === 'model' ? error.message : `${error.field}: ${error.message}`,
    )
    return reply.status(extra.status ?? 200).view('admin/practiceModelImport.njk', {
      version,
      values: extra.values ?? {},
      errors: problems.length
        ? {
            list: problems.map(text => ({ text, href: '#model' })),
            fields: {
              model: {
                text:
                  problems.length === 1
                    ? problems[0]
                    : `The practice model has ${problems.length} problems: they are listed at the top of the page`,
              },
            },
          }
        : undefined,
    })
  }

  app.get('/admin/practice-model/import', { config }, (request, reply) => importPage(request, reply))
  app.post('/admin/practice-model/import', { config }, (request, reply) =>
    saveSection(
      request,
      reply,
      extra => importPage(request, reply, extra),
      async () => {
        const form = parseForm(importSchema, request.body)
        let candidate: unknown
        try {
          candidate = JSON.parse(form.model)
        } catch (error) {
          throw new ValidationError([
            { field: 'model', message: `This is not a practice model: ${(error as Error).message}` },
          ])
        }
        await services.practiceModels.update(
          request.requestContext(),
          form.version,
          candidate,
          'Practice model imported',
        )
      },
    ),
  )
}

export default practiceModelRoutes
