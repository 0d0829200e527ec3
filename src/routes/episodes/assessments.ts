import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import {
  dateBoxes,
  dateParts,
  idParam,
  parseForm,
  parseFormWithDates,
  typedFormValues,
  versionField,
} from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import {
  assessmentFields as fields,
  type AssessmentChanges,
  type AssessmentContent,
} from '../../services/assessments.js'
import type { RequestContext, Services } from '../../services/index.js'
import { submitForm } from '../families/submit.js'

/** The most a section's text may hold: a long analysis fits, a pasted file does not. */
const TEXT_MAX = 20_000
const NEED_MAX = 500
/** Blank rows offered under the saved needs, so needs can be added without JavaScript. */
const BLANK_NEED_ROWS = 3
/** The most need rows a form may send. */
const NEED_ROWS_MAX = 60

/** Starting an assessment: its type, when it started and who completes it. */
const startSchema = z.strictObject({
  assessmentType: z.string().trim().max(64).optional(),
  ...dateParts('startedOn'),
  completingAgency: z.string().trim().max(200, 'The completing agency must be 200 characters or fewer').default(''),
})

/** The manager's decision: approve, or return with what needs to change. */
const decisionSchema = z.strictObject({
  version: versionField,
  decision: z.string().trim().max(20).optional(),
  comments: z.string().trim().max(10_000, 'The comments must be 10,000 characters or fewer').default(''),
})

const submitSchema = z.strictObject({ version: versionField })

const withThousands = (n: number) => n.toLocaleString('en-GB')

/** The need rows a form sent (need-1-…, need-2-…), by number. */
function needRowsOf(body: Record<string, unknown>): number[] {
  const rows = new Set<number>()
  for (const key of Object.keys(body)) {
    const match = /^need-(\d{1,3})-(id|description|outcomeArea)$/.exec(key)
    if (match) rows.add(Number(match[1]))
  }
  return [...rows].filter(n => n >= 1 && n <= NEED_ROWS_MAX).sort((a, b) => a - b)
}

/**
 * Reads the edit form against the assessment's layout: a text for each section and person shown, a reason where a
 * view could not be recorded, and the need rows (a blank one is ignored). Only the fields the form sent change.
 */
function readContentForm(body: unknown, content: AssessmentContent) {
  const fieldsSent = (body ?? {}) as Record<string, unknown>
  const shape: Record<string, z.ZodType> = {
    version: versionField,
    action: z.enum(['save', 'submit']).default('save'),
  }
  for (const section of content.sections) {
    for (const entry of section.entries) {
      const about = `${section.label}${entry.name ? ` for ${entry.name}` : ''}`
      shape[entry.field] = z
        .string()
        .max(TEXT_MAX, `${about} must be ${withThousands(TEXT_MAX)} characters or fewer`)
        .optional()
      if (entry.reasonField)
        shape[entry.reasonField] = z
          .string()
          .max(
            TEXT_MAX,
            `Why ${entry.name}’s view could not be recorded must be ${withThousands(TEXT_MAX)} characters or fewer`,
          )
          .optional()
    }
  }
  const rows = needRowsOf(fieldsSent)
  for (const n of rows) {
    shape[fields.needId(n)] = z.string().trim().max(64).optional()
    shape[fields.needDescription(n)] = z
      .string()
      .max(NEED_MAX, `Need ${n} must be ${NEED_MAX} characters or fewer`)
      .optional()
    shape[fields.needOutcomeArea(n)] = z.string().trim().max(64).optional()
  }
  const form = parseForm(z.strictObject(shape), body) as Record<string, string | undefined> & {
    version: number
    action: 'save' | 'submit'
  }
  // Needs change only when the form sent its need rows.
  const changes: AssessmentChanges = { entries: [], needs: rows.length > 0 ? [] : undefined }
  for (const section of content.sections) {
    for (const entry of section.entries) {
      const sent = entry.field in fieldsSent || (entry.reasonField !== null && entry.reasonField in fieldsSent)
      if (!sent) continue
      changes.entries.push({
        section: section.code,
        personId: entry.personId,
        body: form[entry.field] ?? '',
        notRecordedReason: entry.reasonField ? (form[entry.reasonField] ?? '') : null,
      })
    }
  }
  const last = rows.at(-1) ?? 0
  for (let n = 1; n <= last; n++) {
    changes.needs?.push({
      needId: form[fields.needId(n)] || null,
      description: form[fields.needDescription(n)] ?? '',
      outcomeArea: form[fields.needOutcomeArea(n)] || null,
    })
  }
  return { version: form.version, action: form.action, changes }
}

/** The edit form's fields as saved: each text, and the needs with blank rows after them. */
function savedValues(content: AssessmentContent, version: number): Record<string, string> {
  const values: Record<string, string> = { version: String(version) }
  for (const section of content.sections) {
    for (const entry of section.entries) {
      if (entry.body) values[entry.field] = entry.body
      if (entry.reasonField && entry.notRecordedReason) values[entry.reasonField] = entry.notRecordedReason
    }
  }
  content.needs.forEach((need, index) => {
    values[fields.needId(index + 1)] = need.needId ?? ''
    values[fields.needDescription(index + 1)] = need.description
    values[fields.needOutcomeArea(index + 1)] = need.outcomeArea
  })
  return values
}

/** The fields of the edit form in page order, for the error summary. */
function fieldOrder(content: AssessmentContent, rows: number) {
  const order: string[] = []
  for (const section of content.sections)
    for (const entry of section.entries) order.push(entry.field, ...(entry.reasonField ? [entry.reasonField] : []))
  for (let n = 1; n <= rows; n++) order.push(fields.needDescription(n), fields.needOutcomeArea(n))
  return order
}

/** How many need rows the form shows: every row sent (or saved), and blank ones after. */
const rowsToShow = (values: Record<string, string | string[]>, saved: number) =>
  Math.min(NEED_ROWS_MAX, Math.max(needRowsOf(values).at(-1) ?? 0, saved + BLANK_NEED_ROWS))

/** The version asked for in the address (?version=2); anything else is no version at all, so a 404. */
function versionQuery(query: unknown): number | undefined {
  const value = (query as Record<string, unknown> | undefined)?.version
  if (value === undefined || value === '') return undefined
  const number = Number(value)
  return Number.isInteger(number) && number >= 1 && number <= 10_000 ? number : 0
}

/** Pages of the case: the whole-family assessment (issue 8). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const assessments = services.assessments
  const base = (episodeId: string) => `/episodes/${episodeId}/assessments`

  app.get('/episodes/:episodeId/assessments', { config: { access: 'signedIn' } }, async (request, reply) => {
    const found = await assessments.list(request.requestContext(), idParam(request.params, 'episodeId'))
    return reply.view('episodes/assessmentList.njk', found)
  })

  async function renderStart(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await assessments.startForm(ctx, episodeId)
    return reply.status(status).view('episodes/assessmentNew.njk', { ...form, values, errors })
  }

  app.get('/episodes/:episodeId/assessments/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const form = await assessments.startForm(ctx, episodeId)
    if (form.active) return reply.redirect(`${base(episodeId)}/${form.active.assessment_id}`, 303)
    return renderStart(reply, ctx, episodeId, 200, {
      assessmentType: form.suggestedType ?? '',
      completingAgency: form.completingAgency,
      ...dateBoxes('startedOn', form.today),
    })
  })

  app.post('/episodes/:episodeId/assessments', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await assessments.authorizeWork(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      ['assessmentType', 'startedOn', 'completingAgency'],
      (status, errors) => renderStart(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(startSchema, request.body, [
          { name: 'startedOn', label: 'The date the assessment started', required: true },
        ])
        const assessmentId = await assessments.start(ctx, episodeId, {
          assessmentType: form.assessmentType || null,
          startedOn: form.dates.startedOn,
          completingAgency: form.completingAgency,
        })
        return `${base(episodeId)}/${assessmentId}/edit?started=1`
      },
    )
  })

  app.get(
    '/episodes/:episodeId/assessments/:assessmentId',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const assessmentId = idParam(request.params, 'assessmentId')
      const found = await assessments.get(ctx, episodeId, assessmentId, { version: versionQuery(request.query) })
      const query = request.query as Record<string, unknown>
      const banner = ['submitted', 'approved', 'returned'].find(flag => query[flag] === '1')
      return reply.view('episodes/assessment.njk', { ...found, banner })
    },
  )

  async function renderEdit(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    assessmentId: string,
    status: number,
    values: Record<string, string | string[]> | null,
    errors?: GovukErrors,
    extra: Record<string, unknown> = {},
  ) {
    const form = await assessments.editForm(ctx, episodeId, assessmentId)
    const shown = values ?? savedValues(form.content, form.assessment.version)
    return reply.status(status).view('episodes/assessmentEdit.njk', {
      ...form,
      values: shown,
      needRows: rowsToShow(shown, form.content.needs.length),
      errors,
      ...extra,
    })
  }

  app.get(
    '/episodes/:episodeId/assessments/:assessmentId/edit',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const assessmentId = idParam(request.params, 'assessmentId')
      const form = await assessments.editForm(ctx, episodeId, assessmentId, { log: false })
      if (!form.editable) return reply.redirect(`${base(episodeId)}/${assessmentId}`, 303)
      const query = request.query as Record<string, unknown>
      const banner = ['started', 'saved'].find(flag => query[flag] === '1')
      return renderEdit(reply, ctx, episodeId, assessmentId, 200, null, undefined, { banner })
    },
  )

  app.post(
    '/episodes/:episodeId/assessments/:assessmentId/edit',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const assessmentId = idParam(request.params, 'assessmentId')
      await assessments.authorizeWork(ctx, episodeId)
      const form = await assessments.editForm(ctx, episodeId, assessmentId, { log: false })
      const values = typedFormValues(request.body)
      const rows = rowsToShow(values, form.content.needs.length)
      return submitForm(
        reply,
        fieldOrder(form.content, rows),
        async (status, errors, conflict) => {
          const now = conflict
            ? (await assessments.editForm(ctx, episodeId, assessmentId, { log: false })).assessment.version
            : null
          return renderEdit(
            reply,
            ctx,
            episodeId,
            assessmentId,
            status,
            now === null ? values : { ...values, version: String(now) },
            errors,
          )
        },
        async () => {
          const { version, action, changes } = readContentForm(request.body, form.content)
          if (action === 'submit') {
            await assessments.saveAndSubmit(ctx, episodeId, assessmentId, version, changes)
            return `${base(episodeId)}/${assessmentId}?submitted=1`
          }
          await assessments.save(ctx, episodeId, assessmentId, version, changes)
          return `${base(episodeId)}/${assessmentId}/edit?saved=1`
        },
      )
    },
  )

  // Submitting from the view page: the content as saved. Its problems are shown on the edit page, where they are
  // put right.
  app.post(
    '/episodes/:episodeId/assessments/:assessmentId/submit',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const assessmentId = idParam(request.params, 'assessmentId')
      await assessments.authorizeWork(ctx, episodeId)
      const form = await assessments.editForm(ctx, episodeId, assessmentId, { log: false })
      return submitForm(
        reply,
        fieldOrder(form.content, form.content.needs.length + BLANK_NEED_ROWS),
        (status, errors) => renderEdit(reply, ctx, episodeId, assessmentId, status, null, errors),
        async () => {
          const { version } = parseForm(submitSchema, request.body)
          await assessments.submit(ctx, episodeId, assessmentId, version)
          return `${base(episodeId)}/${assessmentId}?submitted=1`
        },
      )
    },
  )

  async function renderDecision(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    assessmentId: string,
    status: number,
    values: Record<string, string | string[]> | null,
    errors?: GovukErrors,
  ) {
    const found = await assessments.decisionForm(ctx, episodeId, assessmentId)
    return reply.status(status).view('episodes/assessmentDecision.njk', {
      ...found,
      values: values ?? { version: String(found.assessment.version) },
      errors,
    })
  }

  app.get(
    '/episodes/:episodeId/assessments/:assessmentId/decision',
    { config: { access: 'signedIn' } },
    async (request, reply) =>
      renderDecision(
        reply,
        request.requestContext(),
        idParam(request.params, 'episodeId'),
        idParam(request.params, 'assessmentId'),
        200,
        null,
      ),
  )

  app.post(
    '/episodes/:episodeId/assessments/:assessmentId/decision',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const assessmentId = idParam(request.params, 'assessmentId')
      await assessments.authorizeOversee(ctx, episodeId)
      const values = typedFormValues(request.body)
      return submitForm(
        reply,
        ['decision', 'comments'],
        async (status, errors, conflict) => {
          const now = conflict
            ? (await assessments.decisionForm(ctx, episodeId, assessmentId)).assessment.version
            : null
          return renderDecision(
            reply,
            ctx,
            episodeId,
            assessmentId,
            status,
            now === null ? values : { ...values, version: String(now) },
            errors,
          )
        },
        async () => {
          const form = parseForm(decisionSchema, request.body)
          await assessments.decide(ctx, episodeId, assessmentId, form.version, {
            decision: form.decision || null,
            comments: form.comments,
          })
          return `${base(episodeId)}/${assessmentId}?${form.decision === 'approve' ? 'approved' : 'returned'}=1`
        },
      )
    },
  )
}

export default routes
