import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import {
  dateBoxes,
  dateParts,
  idParam,
  manyOf,
  parseFormWithDates,
  typedFormValues,
  versionField,
} from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import { submitForm } from '../families/submit.js'

/** Starting a programme: which, who takes part, when, who delivers it. */
const startSchema = z.strictObject({
  programme: z.string().trim().max(64).optional(),
  personIds: manyOf(30),
  ...dateParts('startedOn'),
  deliveredBy: z.string().trim().max(200, 'Who delivers the programme must be 200 characters or fewer').default(''),
  notes: z.string().trim().max(5000, 'The notes must be 5,000 characters or fewer').default(''),
})

/** Recording how a programme ended. */
const endSchema = z.strictObject({
  version: versionField,
  ...dateParts('endedOn'),
  completion: z.string().trim().max(20).optional(),
  notes: z.string().trim().max(5000, 'The notes must be 5,000 characters or fewer').default(''),
})

/** Pages of the case: evidence-based programmes (issue 8). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/episodes/:episodeId/programmes', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const found = await services.programmes.list(ctx, idParam(request.params, 'episodeId'))
    const query = request.query as Record<string, unknown>
    const banner = ['started', 'ended'].find(flag => query[flag] === '1')
    return reply.view('episodes/programmes.njk', { ...found, banner })
  })

  async function renderStart(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await services.programmes.startForm(ctx, episodeId)
    return reply.status(status).view('episodes/programmeStart.njk', { ...form, values, errors })
  }

  app.get('/episodes/:episodeId/programmes/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today } = await services.programmes.startForm(ctx, episodeId)
    return renderStart(reply, ctx, episodeId, 200, dateBoxes('startedOn', today))
  })

  app.post('/episodes/:episodeId/programmes', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.programmes.authorizeWork(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      ['programme', 'personIds', 'startedOn', 'deliveredBy', 'notes'],
      (status, errors) => renderStart(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(startSchema, request.body, [
          { name: 'startedOn', label: 'The date the programme started', required: false },
        ])
        await services.programmes.start(ctx, episodeId, {
          programme: form.programme || null,
          personIds: form.personIds,
          startedOn: form.dates.startedOn,
          deliveredBy: form.deliveredBy,
          notes: form.notes,
        })
        return `/episodes/${episodeId}/programmes?started=1`
      },
    )
  })

  async function renderEnd(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    programmeDeliveryId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
    conflict = false,
  ) {
    const form = await services.programmes.endForm(ctx, episodeId, programmeDeliveryId)
    return reply.status(status).view('episodes/programmeEnd.njk', { ...form, values, errors, conflict })
  }

  app.get(
    '/episodes/:episodeId/programmes/:programmeDeliveryId/end',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const programmeDeliveryId = idParam(request.params, 'programmeDeliveryId')
      const { delivery, today } = await services.programmes.endForm(ctx, episodeId, programmeDeliveryId)
      return renderEnd(reply, ctx, episodeId, programmeDeliveryId, 200, {
        version: String(delivery.version),
        ...dateBoxes('endedOn', today),
      })
    },
  )

  app.post(
    '/episodes/:episodeId/programmes/:programmeDeliveryId/end',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = idParam(request.params, 'episodeId')
      const programmeDeliveryId = idParam(request.params, 'programmeDeliveryId')
      await services.programmes.authorizeWork(ctx, episodeId)
      const values = typedFormValues(request.body)
      return submitForm(
        reply,
        ['endedOn', 'completion', 'notes'],
        async (status, errors, conflict) => {
          if (!conflict) return renderEnd(reply, ctx, episodeId, programmeDeliveryId, status, values, errors)
          const { delivery } = await services.programmes.endForm(ctx, episodeId, programmeDeliveryId)
          return renderEnd(
            reply,
            ctx,
            episodeId,
            programmeDeliveryId,
            status,
            { ...values, version: String(delivery.version) },
            errors,
            true,
          )
        },
        async () => {
          const form = parseFormWithDates(endSchema, request.body, [
            { name: 'endedOn', label: 'The date the programme ended', required: false },
          ])
          await services.programmes.end(ctx, episodeId, programmeDeliveryId, form.version, {
            endedOn: form.dates.endedOn,
            completion: form.completion ?? null,
            notes: form.notes,
          })
          return `/episodes/${episodeId}/programmes?ended=1`
        },
      )
    },
  )
}

export default routes
