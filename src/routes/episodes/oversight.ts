import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import { dateBoxes, dateParts, idParam, parseFormWithDates, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import { submitForm } from '../families/submit.js'

/** A manager's oversight of the case: when, what kind, reflection, decisions, and actions by when. */
const oversightSchema = z.strictObject({
  ...dateParts('heldOn'),
  kind: z.string().trim().max(40).optional(),
  reflection: z.string().trim().max(10000, 'The reflection must be 10,000 characters or fewer').default(''),
  decisions: z.string().trim().max(10000, 'The decisions must be 10,000 characters or fewer').default(''),
  actions: z.string().trim().max(10000, 'The actions must be 10,000 characters or fewer').default(''),
  ...dateParts('byWhen'),
})

/** Pages of the case: management oversight (issue 8). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/episodes/:episodeId/oversight', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const found = await services.oversight.list(ctx, idParam(request.params, 'episodeId'))
    const recorded = (request.query as Record<string, unknown>).recorded === '1'
    return reply.view('episodes/oversight.njk', { ...found, recorded })
  })

  async function renderForm(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await services.oversight.recordForm(ctx, episodeId)
    return reply.status(status).view('episodes/oversightNew.njk', { ...form, values, errors })
  }

  app.get('/episodes/:episodeId/oversight/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today } = await services.oversight.recordForm(ctx, episodeId)
    return renderForm(reply, ctx, episodeId, 200, dateBoxes('heldOn', today))
  })

  app.post('/episodes/:episodeId/oversight', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.oversight.authorizeOversee(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      ['heldOn', 'kind', 'reflection', 'decisions', 'actions', 'byWhen'],
      (status, errors) => renderForm(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(oversightSchema, request.body, [
          { name: 'heldOn', label: 'The date of the oversight', required: false },
          { name: 'byWhen', label: 'The date the actions are due by', required: false },
        ])
        await services.oversight.record(ctx, episodeId, {
          heldOn: form.dates.heldOn,
          kind: form.kind || null,
          reflection: form.reflection,
          decisions: form.decisions,
          actions: form.actions,
          byWhen: form.dates.byWhen,
        })
        return `/episodes/${episodeId}/oversight?recorded=1`
      },
    )
  })
}

export default routes
