import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import { ValidationError } from '../../lib/errors.js'
import {
  dateBoxes,
  dateParts,
  idParam,
  manyOf,
  parseForm,
  readDate,
  typedFormValues,
  versionField,
  type DateField,
} from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import { intervalWords, type WorkSessionForm } from '../../services/workSessions.js'
import { submitForm } from '../families/submit.js'

const paraText = (what: string) => z.string().max(10_000, `${what} must be 10,000 characters or fewer`).default('')

/** A session: when, what type, who was seen (and which children alone), the plan outcomes, and PARA. */
const sessionSchema = z.strictObject({
  ...dateParts('heldOn'),
  kind: z.string().trim().max(20).optional(),
  personIds: manyOf(50),
  seenAloneIds: manyOf(50),
  outcomeKeys: manyOf(50),
  purpose: paraText('The purpose'),
  action: paraText('The action'),
  reflection: paraText('The reflection'),
  analysis: paraText('The analysis'),
})
const sessionEditSchema = sessionSchema.extend({ version: versionField })

/** The visit frequency: one of the usual intervals or another number of days, when it was agreed, and notes. */
const frequencySchema = z.strictObject({
  interval: z.string().trim().max(10).optional(),
  otherDays: z.string().trim().max(10).optional(),
  ...dateParts('agreedOn'),
  notes: z.string().trim().max(5000, 'The notes must be 5,000 characters or fewer').default(''),
})

const sessionFields = [
  'heldOn',
  'kind',
  'personIds',
  'seenAloneIds',
  'outcomeKeys',
  'purpose',
  'action',
  'reflection',
  'analysis',
] as const
const frequencyFields = ['interval', 'otherDays', 'agreedOn', 'notes'] as const

/**
 * Reads a form whose date the service checks with everything else: a date that is not a real date is reported
 * with the service's other problems rather than on its own, so the user sees every problem at once.
 */
async function withDate<T>(body: unknown, field: DateField, work: (date: string | null) => Promise<T>): Promise<T> {
  const { value, error } = readDate((body ?? {}) as Record<string, unknown>, field)
  try {
    const result = await work(value)
    if (error) throw new ValidationError([error])
    return result
  } catch (thrown) {
    if (!(thrown instanceof ValidationError) || !error) throw thrown
    throw new ValidationError([error, ...thrown.errors.filter(problem => problem.field !== field.name)])
  }
}

const sessionInput = (form: z.infer<typeof sessionSchema>, heldOn: string | null): WorkSessionForm => ({
  heldOn,
  kind: form.kind || null,
  personIds: form.personIds,
  seenAloneIds: form.seenAloneIds,
  outcomeKeys: form.outcomeKeys,
  purpose: form.purpose,
  action: form.action,
  reflection: form.reflection,
  analysis: form.analysis,
})

const heldOnField = { name: 'heldOn', label: 'Date of the session', required: false }

/** Pages of the case: sessions (PARA) and visit frequency (issue 8). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const workSessions = services.workSessions

  app.get('/episodes/:episodeId/sessions', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const found = await workSessions.list(ctx, idParam(request.params, 'episodeId'))
    const query = request.query as Record<string, unknown>
    const banner = ['recorded', 'frequencyAgreed'].find(flag => query[flag] === '1')
    return reply.view('episodes/workSessions.njk', {
      ...found,
      kindLabels: workSessions.kindLabels,
      intervalWords: found.frequency ? intervalWords(found.frequency.everyDays) : null,
      banner,
    })
  })

  async function renderForm(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    workSessionId: string | null,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
    conflict = false,
  ) {
    const form = workSessionId
      ? await workSessions.editForm(ctx, episodeId, workSessionId)
      : await workSessions.newForm(ctx, episodeId)
    return reply.status(status).view('episodes/workSessionForm.njk', {
      ...form,
      kinds: workSessions.kinds,
      kindLabels: workSessions.kindLabels,
      values,
      errors,
      conflict,
    })
  }

  app.get('/episodes/:episodeId/sessions/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today } = await workSessions.newForm(ctx, episodeId)
    return renderForm(reply, ctx, episodeId, null, 200, dateBoxes('heldOn', today))
  })

  app.post('/episodes/:episodeId/sessions', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await workSessions.authorizeWork(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      sessionFields,
      (status, errors) => renderForm(reply, ctx, episodeId, null, status, values, errors),
      async () => {
        const form = parseForm(sessionSchema, request.body)
        await withDate(request.body, heldOnField, heldOn =>
          workSessions.record(ctx, episodeId, sessionInput(form, heldOn)),
        )
        return `/episodes/${episodeId}/sessions?recorded=1`
      },
    )
  })

  app.get(
    '/episodes/:episodeId/sessions/:workSessionId',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const found = await workSessions.get(
        ctx,
        idParam(request.params, 'episodeId'),
        idParam(request.params, 'workSessionId'),
      )
      const updated = (request.query as Record<string, unknown>).updated === '1'
      return reply.view('episodes/workSession.njk', { ...found, kindLabels: workSessions.kindLabels, updated })
    },
  )

  app.get(
    '/episodes/:episodeId/sessions/:workSessionId/edit',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const workSessionId = idParam(request.params, 'workSessionId')
      const { session } = await workSessions.editForm(ctx, episodeId, workSessionId)
      return renderForm(reply, ctx, episodeId, workSessionId, 200, {
        version: String(session.version),
        ...dateBoxes('heldOn', session.held_on),
        kind: session.kind,
        personIds: session.seen.map(person => person.personId),
        seenAloneIds: session.seen.filter(person => person.seenAlone).map(person => person.personId),
        outcomeKeys: session.outcomes.map(outcome => outcome.outcomeKey),
        purpose: session.purpose,
        action: session.action,
        reflection: session.reflection,
        analysis: session.analysis,
      })
    },
  )

  app.post(
    '/episodes/:episodeId/sessions/:workSessionId/edit',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const workSessionId = idParam(request.params, 'workSessionId')
      await workSessions.authorizeWork(ctx, episodeId)
      const values = typedFormValues(request.body)
      return submitForm(
        reply,
        sessionFields,
        async (status, errors, conflict) => {
          // On a conflict the form keeps what was typed, at the version saved now, and shows what is saved.
          const version = conflict
            ? String((await workSessions.editForm(ctx, episodeId, workSessionId)).session.version)
            : values.version
          return renderForm(
            reply,
            ctx,
            episodeId,
            workSessionId,
            status,
            { ...values, version: version ?? '' },
            errors,
            conflict,
          )
        },
        async () => {
          const form = parseForm(sessionEditSchema, request.body)
          await withDate(request.body, heldOnField, heldOn =>
            workSessions.update(ctx, episodeId, workSessionId, form.version, sessionInput(form, heldOn)),
          )
          return `/episodes/${episodeId}/sessions/${workSessionId}?updated=1`
        },
      )
    },
  )

  async function renderFrequency(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const found = await workSessions.frequency(ctx, episodeId, 'episode:work')
    return reply.status(status).view('episodes/visitFrequency.njk', {
      ...found,
      intervals: workSessions.intervals.map(days => ({ days, words: intervalWords(days) })),
      intervalWords: Object.fromEntries(found.agreements.map(row => [row.every_days, intervalWords(row.every_days)])),
      values,
      errors,
    })
  }

  app.get('/episodes/:episodeId/visit-frequency', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today } = await workSessions.frequency(ctx, episodeId, 'episode:work')
    return renderFrequency(reply, ctx, episodeId, 200, dateBoxes('agreedOn', today))
  })

  app.post('/episodes/:episodeId/visit-frequency', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await workSessions.authorizeWork(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      frequencyFields,
      (status, errors) => renderFrequency(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseForm(frequencySchema, request.body)
        await withDate(request.body, { name: 'agreedOn', label: 'Date it was agreed', required: false }, agreedOn =>
          workSessions.agreeFrequency(ctx, episodeId, {
            interval: form.interval || null,
            otherDays: form.otherDays ?? null,
            agreedOn,
            notes: form.notes,
          }),
        )
        return `/episodes/${episodeId}/sessions?frequencyAgreed=1`
      },
    )
  })
}

export default routes
