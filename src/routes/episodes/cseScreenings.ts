import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import { dateBoxes, dateParts, idParam, manyOf, parseFormWithDates, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import {
  cseIndicators,
  cseRiskLabels,
  cseRiskLevels,
  cseRiskTags,
  safeguardingActionKinds,
  safeguardingActionLabels,
} from '../../services/cseScreenings.js'
import { submitForm } from '../families/submit.js'

const screeningSchema = z.strictObject({
  personId: z.string().trim().max(64).optional(),
  ...dateParts('screenedOn'),
  completedWith: z.string().trim().max(500, 'Who took part must be 500 characters or fewer').default(''),
  indicators: manyOf(cseIndicators.length),
  riskLevel: z.string().trim().max(20).optional(),
  actions: z.string().trim().max(10000, 'The actions must be 10,000 characters or fewer').default(''),
  summary: z.string().trim().max(10000, 'The summary must be 10,000 characters or fewer').default(''),
})
const screeningFields = ['personId', 'screenedOn', 'completedWith', 'indicators', 'riskLevel', 'actions', 'summary']

const actionSchema = z.strictObject({
  kind: z.string().trim().max(40).optional(),
  ...dateParts('takenOn'),
  detail: z.string().trim().max(10000, 'What was done must be 10,000 characters or fewer').default(''),
})
const actionFields = ['kind', 'takenOn', 'detail']

/** Words the CSE pages share: the indicators, the risk levels and their tags, the kinds of safeguarding action. */
const words = {
  cseIndicators,
  cseRiskLabels,
  cseRiskLevels,
  cseRiskTags,
  safeguardingActionKinds,
  safeguardingActionLabels,
}

/** CSE screening of an episode's children, and the safeguarding actions a medium or high risk needs (issue 9). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const cse = services.cseScreenings
  const base = (episodeId: string) => `/episodes/${episodeId}/cse-screening`

  app.get('/episodes/:episodeId/cse-screening', { config: { access: 'signedIn' } }, async (request, reply) => {
    const found = await cse.view(request.requestContext(), idParam(request.params, 'episodeId'))
    const query = request.query as Record<string, unknown>
    const banner = query.recorded === '1' ? 'recorded' : query.action === '1' ? 'action' : null
    return reply.view('episodes/cseScreenings.njk', { ...found, ...words, banner })
  })

  async function renderScreening(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await cse.form(ctx, episodeId)
    return reply.status(status).view('episodes/cseScreeningNew.njk', { ...form, ...words, values, errors })
  }

  app.get('/episodes/:episodeId/cse-screening/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today } = await cse.form(ctx, episodeId)
    return renderScreening(reply, ctx, episodeId, 200, dateBoxes('screenedOn', today))
  })

  app.post('/episodes/:episodeId/cse-screening', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    // Refuses (logged) anyone who may not work the case before the form is read.
    await cse.form(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      screeningFields,
      (status, errors) => renderScreening(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(screeningSchema, request.body, [
          { name: 'screenedOn', label: 'The date of the screening', required: false },
        ])
        await cse.record(ctx, episodeId, {
          personId: form.personId ?? null,
          screenedOn: form.dates.screenedOn,
          completedWith: form.completedWith,
          indicators: form.indicators,
          riskLevel: form.riskLevel ?? null,
          actions: form.actions,
          summary: form.summary,
        })
        return `${base(episodeId)}?recorded=1`
      },
    )
  })

  async function renderAction(
    reply: FastifyReply,
    ctx: RequestContext,
    ids: { episodeId: string; toolRecordId: string },
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const found = await cse.screening(ctx, ids.episodeId, ids.toolRecordId)
    return reply.status(status).view('episodes/safeguardingAction.njk', { ...found, ...words, values, errors })
  }

  const actionIds = (params: unknown) => ({
    episodeId: idParam(params, 'episodeId'),
    toolRecordId: idParam(params, 'toolRecordId'),
  })

  app.get(
    '/episodes/:episodeId/cse-screening/:toolRecordId/safeguarding-action',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const ids = actionIds(request.params)
      const { today } = await cse.screening(ctx, ids.episodeId, ids.toolRecordId)
      return renderAction(reply, ctx, ids, 200, dateBoxes('takenOn', today))
    },
  )

  app.post(
    '/episodes/:episodeId/cse-screening/:toolRecordId/safeguarding-action',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const ids = actionIds(request.params)
      await cse.screening(ctx, ids.episodeId, ids.toolRecordId)
      const values = typedFormValues(request.body)
      return submitForm(
        reply,
        actionFields,
        (status, errors) => renderAction(reply, ctx, ids, status, values, errors),
        async () => {
          const form = parseFormWithDates(actionSchema, request.body, [
            { name: 'takenOn', label: 'The date the action was taken', required: false },
          ])
          await cse.recordSafeguardingAction(ctx, ids.episodeId, ids.toolRecordId, {
            takenOn: form.dates.takenOn,
            kind: form.kind ?? null,
            detail: form.detail,
          })
          return `${base(ids.episodeId)}?action=1`
        },
      )
    },
  )
}

export default routes
