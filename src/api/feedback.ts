import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { feedbackAnswers, feedbackRespondents, feedbackStages } from '../services/feedback.js'
import type { Services } from '../services/index.js'
import { createdSchema, errorResponses, ok } from './schemas.js'
import { mayWorkOnEpisode } from './episodeAccess.js'

const uuid = z.uuid()
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const text = (max: number) => z.string().trim().max(max)
const episodeParams = z.strictObject({ episodeId: uuid.describe('The episode’s id') })
const answer = z.enum(feedbackAnswers)

const feedbackSchema = z
  .object({
    feedbackId: uuid,
    respondent: z.enum(feedbackRespondents),
    name: z.string().nullable(),
    stage: z.enum(feedbackStages),
    answeredOn: isoDate,
    answeredHow: z.enum(['with_worker', 'written_by_worker', 'own_device', 'refused']),
    respected: answer.nullable().describe('Treated with respect (003 §2); null when the family did not answer'),
    listened: answer.nullable().describe('Listened to'),
    helped: answer.nullable().describe('Helped with the issues identified'),
    whatWasGood: z.string().nullable(),
    couldBeBetter: z.string().nullable(),
  })
  .meta({ id: 'HowWasItForYou' })

const feedbackListSchema = z.object({ items: z.array(feedbackSchema) }).meta({ id: 'HowWasItForYouList' })

const newFeedbackBody = z
  .strictObject({
    personId: uuid.describe('A current parent or carer of the family, or a child the episode is about'),
    stage: z.enum(feedbackStages),
    answeredOn: isoDate,
    answeredHow: z.enum(['with_worker', 'written_by_worker', 'refused']),
    respected: answer.nullish(),
    listened: answer.nullish(),
    helped: answer.nullish(),
    whatWasGood: text(5000).nullish(),
    couldBeBetter: text(5000).nullish(),
  })
  .meta({ id: 'NewHowWasItForYou' })

const newLinkBody = z
  .strictObject({
    personId: uuid.describe('Who the link is for'),
    stage: z.enum(feedbackStages),
    validDays: z.number().int().describe('How many days the link works for, 1 to 28'),
  })
  .meta({ id: 'NewFeedbackLink' })

const linkSchema = z
  .object({
    path: z.string().describe('The link, shown once: only its hash is kept'),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'FeedbackLink' })

/** /api/v1: 'How Was It for You?' on an episode, and one-time links for the family (issue 9), under the policy. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const feedback = services.feedback
  const mayWork = mayWorkOnEpisode(services)

  app.get(
    '/episodes/:episodeId/feedback',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The family’s answers to ‘How Was It for You?’, newest first',
        tags: ['How Was It for You?'],
        params: episodeParams,
        response: {
          200: ok('The answers', feedbackListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const { answers } = await feedback.view(request.requestContext(), request.params.episodeId.toLowerCase())
      return {
        items: answers.map(one => ({
          feedbackId: one.feedback_id,
          respondent: one.respondent,
          name: one.given_name ? `${one.given_name} ${one.family_name ?? ''}`.trim() : null,
          stage: one.stage,
          answeredOn: one.answered_on,
          answeredHow: one.answered_how,
          respected: one.respected,
          listened: one.listened,
          helped: one.helped,
          whatWasGood: one.what_was_good,
          couldBeBetter: one.could_be_better,
        })),
      }
    },
  )

  app.post(
    '/episodes/:episodeId/feedback',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record the family’s answers as the worker took them, or that they did not want to answer',
        tags: ['How Was It for You?'],
        params: episodeParams,
        body: newFeedbackBody,
        response: {
          201: ok('The answers were saved', createdSchema('feedbackId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const body = request.body
      const feedbackId = await feedback.record(request.requestContext(), request.params.episodeId.toLowerCase(), {
        personId: body.personId.toLowerCase(),
        stage: body.stage,
        answeredOn: body.answeredOn,
        answeredHow: body.answeredHow,
        respected: body.respected ?? null,
        listened: body.listened ?? null,
        helped: body.helped ?? null,
        whatWasGood: body.whatWasGood ?? '',
        couldBeBetter: body.couldBeBetter ?? '',
      })
      return reply.status(201).send({ feedbackId })
    },
  )

  app.post(
    '/episodes/:episodeId/feedback-links',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Make a one-time link for a family member to answer on their own device',
        description: 'The link is in the answer, once: only its hash is kept. It works once, until it expires.',
        tags: ['How Was It for You?'],
        params: episodeParams,
        body: newLinkBody,
        response: {
          201: ok('The link', linkSchema),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const link = await feedback.createLink(request.requestContext(), request.params.episodeId.toLowerCase(), {
        personId: request.body.personId.toLowerCase(),
        stage: request.body.stage,
        validDays: String(request.body.validDays),
      })
      return reply.status(201).send({ path: link.path, expiresAt: link.expiresAt.toISOString() })
    },
  )
}

export default routes
