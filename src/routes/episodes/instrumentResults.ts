import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import { NotFoundError } from '../../lib/errors.js'
import { dateBoxes, dateParts, idParam, parseFormWithDates, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import {
  instrumentBoxes,
  isResultInstrument,
  resultInstruments,
  type ResultInstrument,
} from '../../services/instrumentResults.js'
import { submitForm } from '../families/submit.js'

/** The fields every instrument's form has: the record's own, and whom it is about (or who answered it). */
const recordFields = {
  stage: z.string().trim().max(20).optional(),
  ...dateParts('completedOn'),
  completedWith: z.string().trim().max(500, 'Who took part must be 500 characters or fewer').default(''),
  subjectPersonId: z.string().trim().max(64).optional(),
  summary: z.string().trim().max(10000, 'The summary must be 10,000 characters or fewer').default(''),
}

/** One strict schema per instrument: the record's fields and the instrument's boxes, as typed (the service checks). */
function formSchema(instrument: ResultInstrument) {
  const boxes: Record<string, z.ZodOptional<z.ZodString>> = Object.fromEntries(
    instrumentBoxes(instrument).map(box => [
      box.field,
      z.string().trim().max(20, `${box.label}: enter a whole number`).optional(),
    ]),
  )
  return z.strictObject({ ...recordFields, ...boxes })
}

const formSchemas = Object.fromEntries(
  resultInstruments.map(instrument => [instrument, formSchema(instrument)]),
) as Record<ResultInstrument, ReturnType<typeof formSchema>>

/** The instrument named in the address: one of the three, or nothing is here. */
function instrumentParam(params: unknown): ResultInstrument {
  const value = (params as Record<string, unknown>).instrument
  if (typeof value !== 'string' || !isResultInstrument(value)) throw new NotFoundError()
  return value
}

/** The results of the licensed instruments on an episode: Graded Care Profile 2, RCADS and SCORE-15 (issue 9). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const instrumentResults = services.instrumentResults
  const base = (episodeId: string, instrument: ResultInstrument) => `/episodes/${episodeId}/instruments/${instrument}`

  app.get(
    '/episodes/:episodeId/instruments/:instrument',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const episodeId = idParam(request.params, 'episodeId')
      const instrument = instrumentParam(request.params)
      const found = await instrumentResults.view(request.requestContext(), episodeId, instrument)
      const recorded = (request.query as Record<string, unknown>).recorded === '1'
      return reply.view('episodes/instrumentResults.njk', { ...found, recorded })
    },
  )

  async function render(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    instrument: ResultInstrument,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await instrumentResults.form(ctx, episodeId, instrument)
    return reply.status(status).view('episodes/instrumentResultNew.njk', { ...form, values, errors })
  }

  app.get(
    '/episodes/:episodeId/instruments/:instrument/new',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const instrument = instrumentParam(request.params)
      const { today, suggestedStage } = await instrumentResults.form(ctx, episodeId, instrument)
      return render(reply, ctx, episodeId, instrument, 200, {
        stage: suggestedStage,
        ...dateBoxes('completedOn', today),
      })
    },
  )

  app.post(
    '/episodes/:episodeId/instruments/:instrument',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const instrument = instrumentParam(request.params)
      // Refuses (logged) anyone who may not work the case before the form is read; a 404 where the model lacks it.
      const { boxes } = await instrumentResults.form(ctx, episodeId, instrument)
      const values = typedFormValues(request.body)
      const fieldOrder = [
        'stage',
        'completedOn',
        'completedWith',
        'subjectPersonId',
        ...boxes.map(box => box.field),
        'summary',
      ]
      return submitForm(
        reply,
        fieldOrder,
        (status, errors) => render(reply, ctx, episodeId, instrument, status, values, errors),
        async () => {
          const form = parseFormWithDates(formSchemas[instrument], request.body, [
            { name: 'completedOn', label: 'The date the tool was completed', required: false },
          ])
          await instrumentResults.record(ctx, episodeId, instrument, {
            stage: form.stage ?? null,
            completedOn: form.dates.completedOn,
            completedWith: form.completedWith,
            subjectPersonId: form.subjectPersonId || null,
            summary: form.summary,
            values: Object.fromEntries(
              boxes.map(box => [box.field, (form as Record<string, unknown>)[box.field] ?? '']),
            ),
          })
          return `${base(episodeId, instrument)}?recorded=1`
        },
      )
    },
  )
}

export default routes
