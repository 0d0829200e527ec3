import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import { dateBoxes, dateParts, idParam, parseForm, parseFormWithDates, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import {
  answerLabels,
  feedbackAnswers,
  feedbackQuestions,
  feedbackStages,
  howLabels,
  LINK_DAYS,
  stageLabels,
} from '../../services/feedback.js'
import { submitForm } from '../families/submit.js'

const feedbackSchema = z.strictObject({
  personId: z.string().trim().max(64).optional(),
  stage: z.string().trim().max(20).optional(),
  answeredHow: z.string().trim().max(30).optional(),
  ...dateParts('answeredOn'),
  respected: z.string().trim().max(10).optional(),
  listened: z.string().trim().max(10).optional(),
  helped: z.string().trim().max(10).optional(),
  whatWasGood: z.string().trim().max(5000, 'What was good must be 5,000 characters or fewer').default(''),
  couldBeBetter: z.string().trim().max(5000, 'What could be better must be 5,000 characters or fewer').default(''),
})
const feedbackFields = [
  'personId',
  'stage',
  'answeredHow',
  'answeredOn',
  'respected',
  'listened',
  'helped',
  'whatWasGood',
  'couldBeBetter',
]

const linkSchema = z.strictObject({
  personId: z.string().trim().max(64).optional(),
  stage: z.string().trim().max(20).optional(),
  validDays: z.string().trim().max(5).optional(),
})
const linkFields = ['personId', 'stage', 'validDays']

const words = { answerLabels, feedbackAnswers, feedbackQuestions, feedbackStages, howLabels, stageLabels, LINK_DAYS }

/** 'How Was It for You?' on the case: the answers, recording them with the family, and one-time links (issue 9). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const feedback = services.feedback
  const base = (episodeId: string) => `/episodes/${episodeId}/feedback`

  app.get('/episodes/:episodeId/feedback', { config: { access: 'signedIn' } }, async (request, reply) => {
    const found = await feedback.view(request.requestContext(), idParam(request.params, 'episodeId'))
    const recorded = (request.query as Record<string, unknown>).recorded === '1'
    return reply.view('episodes/feedback.njk', { ...found, ...words, recorded })
  })

  async function renderForm(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await feedback.form(ctx, episodeId)
    return reply.status(status).view('episodes/feedbackNew.njk', { ...form, ...words, values, errors })
  }

  app.get('/episodes/:episodeId/feedback/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today } = await feedback.form(ctx, episodeId)
    return renderForm(reply, ctx, episodeId, 200, { stage: 'closing', ...dateBoxes('answeredOn', today) })
  })

  app.post('/episodes/:episodeId/feedback', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await feedback.form(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      feedbackFields,
      (status, errors) => renderForm(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(feedbackSchema, request.body, [
          { name: 'answeredOn', label: 'The date it was answered', required: false },
        ])
        await feedback.record(ctx, episodeId, {
          personId: form.personId ?? null,
          stage: form.stage ?? null,
          answeredHow: form.answeredHow ?? null,
          answeredOn: form.dates.answeredOn,
          respected: form.respected ?? null,
          listened: form.listened ?? null,
          helped: form.helped ?? null,
          whatWasGood: form.whatWasGood,
          couldBeBetter: form.couldBeBetter,
        })
        return `${base(episodeId)}?recorded=1`
      },
    )
  })

  async function renderLinkForm(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await feedback.form(ctx, episodeId)
    return reply.status(status).view('episodes/feedbackLinkNew.njk', { ...form, ...words, values, errors })
  }

  app.get('/episodes/:episodeId/feedback-links/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    return renderLinkForm(reply, ctx, episodeId, 200, { stage: 'closing', validDays: String(LINK_DAYS.default) })
  })

  // The link is shown on the answer to the POST, once: only its hash is kept, so it cannot be shown again.
  app.post('/episodes/:episodeId/feedback-links', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { episode } = await feedback.form(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      linkFields,
      (status, errors) => renderLinkForm(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseForm(linkSchema, request.body)
        const link = await feedback.createLink(ctx, episodeId, {
          personId: form.personId ?? null,
          stage: form.stage ?? null,
          validDays: form.validDays ?? null,
        })
        const url = `${request.protocol}://${request.host}${link.path}`
        return { show: () => reply.status(201).view('episodes/feedbackLink.njk', { episode, ...link, url }) }
      },
    )
  })
}

export default routes
