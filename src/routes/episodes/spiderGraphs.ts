import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import { dateBoxes, dateParts, idParam, parseFormWithDates, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import {
  directionLabels,
  directionTags,
  scoreField,
  scorerKinds,
  type SpiderGraphInput,
} from '../../services/spiderGraphs.js'
import { submitForm } from '../families/submit.js'

/** The spider graph's form: the record's own fields, and a score box per domain and scorer (`score-<domain>-<who>`). */
const spiderGraphSchema = z
  .object({
    stage: z.string().trim().max(20).optional(),
    ...dateParts('completedOn'),
    completedWith: z.string().trim().max(500, 'Who took part must be 500 characters or fewer').default(''),
    parentPersonId: z.string().trim().max(64).optional(),
    childPersonId: z.string().trim().max(64).optional(),
    familyViews: z.string().trim().max(10000, 'The family’s views must be 10,000 characters or fewer').default(''),
    summary: z.string().trim().max(10000, 'The summary must be 10,000 characters or fewer').default(''),
  })
  .catchall(z.string().trim().max(10, 'Enter a score as a whole number from 1 to 10'))

/** The spider graph of an episode: recorded with the family and drawn with its direction of travel (issue 9). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const spiderGraphs = services.spiderGraphs
  const base = (episodeId: string) => `/episodes/${episodeId}/spider-graph`

  app.get('/episodes/:episodeId/spider-graph', { config: { access: 'signedIn' } }, async (request, reply) => {
    const found = await spiderGraphs.view(request.requestContext(), idParam(request.params, 'episodeId'))
    const recorded = (request.query as Record<string, unknown>).recorded === '1'
    return reply.view('episodes/spiderGraph.njk', { ...found, directionLabels, directionTags, recorded })
  })

  async function render(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await spiderGraphs.form(ctx, episodeId)
    return reply.status(status).view('episodes/spiderGraphNew.njk', { ...form, values, errors, scoreField })
  }

  app.get('/episodes/:episodeId/spider-graph/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today, suggestedStage } = await spiderGraphs.form(ctx, episodeId)
    return render(reply, ctx, episodeId, 200, { stage: suggestedStage, ...dateBoxes('completedOn', today) })
  })

  app.post('/episodes/:episodeId/spider-graph', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    // Refuses (logged) anyone who may not work the case before the form is read; gives the domains, in order.
    const { domains } = await spiderGraphs.form(ctx, episodeId)
    const values = typedFormValues(request.body)
    const fieldOrder = [
      'stage',
      'completedOn',
      'completedWith',
      'parentPersonId',
      'childPersonId',
      ...domains.flatMap(domain => scorerKinds.map(scorer => scoreField(domain.code, scorer))),
      'familyViews',
      'summary',
    ]
    return submitForm(
      reply,
      fieldOrder,
      (status, errors) => render(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(spiderGraphSchema, request.body, [
          { name: 'completedOn', label: 'The date the spider graph was completed', required: false },
        ])
        const typed = form as Record<string, unknown>
        const scores: SpiderGraphInput['scores'] = Object.fromEntries(
          domains.map(domain => [
            domain.code,
            Object.fromEntries(
              scorerKinds.map(scorer => [scorer, String(typed[scoreField(domain.code, scorer)] ?? '')]),
            ),
          ]),
        )
        await spiderGraphs.record(ctx, episodeId, {
          stage: form.stage ?? null,
          completedOn: form.dates.completedOn,
          completedWith: form.completedWith,
          parentPersonId: form.parentPersonId || null,
          childPersonId: form.childPersonId || null,
          familyViews: form.familyViews,
          summary: form.summary,
          scores,
        })
        return `${base(episodeId)}?recorded=1`
      },
    )
  })
}

export default routes
