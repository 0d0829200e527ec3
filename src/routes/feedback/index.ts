import rateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import { ValidationError } from '../../lib/errors.js'
import { parseForm, typedFormValues } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import type { Services } from '../../services/index.js'
import { answerLabels, feedbackAnswers, feedbackQuestions } from '../../services/feedback.js'

const answerSchema = z.strictObject({
  respected: z.string().trim().max(10).optional(),
  listened: z.string().trim().max(10).optional(),
  helped: z.string().trim().max(10).optional(),
  whatWasGood: z.string().trim().max(5000, 'Please keep this to 5,000 characters or fewer').default(''),
  couldBeBetter: z.string().trim().max(5000, 'Please keep this to 5,000 characters or fewer').default(''),
})
const answerFields = ['respected', 'listened', 'helped', 'whatWasGood', 'couldBeBetter']

/** A link's secret: what `randomBytes(24).toString('base64url')` makes, and nothing else reaches the database. */
const tokenOf = (params: unknown) => {
  const token = String((params as Record<string, unknown>).token ?? '')
  return /^[A-Za-z0-9_-]{32}$/.test(token) ? token : null
}

/**
 * 'How Was It for You?' for a family on their own device, through a one-time link (issue 9): no sign-in, nothing
 * shown of the family but the first name of whom the link is for, usable once, and rate limited by address so the
 * links cannot be guessed at.
 */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const feedback = services.feedback
  await app.register(rateLimit, { global: false })
  const limit = { rateLimit: { max: 30, timeWindow: '1 minute' } }
  const words = { feedbackQuestions, feedbackAnswers, answerLabels }

  const gone = (reply: FastifyReply, state: 'used' | 'expired' | 'unknown') =>
    reply.status(state === 'unknown' ? 404 : 410).view('feedback/gone.njk', { state })

  app.get('/feedback/:token', { config: { access: 'public', ...limit } }, async (request, reply) => {
    const token = tokenOf(request.params)
    if (!token) return gone(reply, 'unknown')
    const link = await feedback.openLink(token)
    if (link.state !== 'open') return gone(reply, link.state)
    return reply.view('feedback/answer.njk', { ...link, ...words, values: {} })
  })

  app.post('/feedback/:token', { config: { access: 'public', ...limit } }, async (request, reply) => {
    const token = tokenOf(request.params)
    if (!token) return gone(reply, 'unknown')
    const values = typedFormValues(request.body)
    try {
      const form = parseForm(answerSchema, request.body)
      const answered = await feedback.answerLink(token, {
        respected: form.respected ?? null,
        listened: form.listened ?? null,
        helped: form.helped ?? null,
        whatWasGood: form.whatWasGood,
        couldBeBetter: form.couldBeBetter,
      })
      if (answered.state !== 'answered') return gone(reply, answered.state)
      return reply.view('feedback/thanks.njk', answered)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const link = await feedback.openLink(token)
      if (link.state !== 'open') return gone(reply, link.state)
      return reply
        .status(400)
        .view('feedback/answer.njk', { ...link, ...words, values, errors: toGovukErrors(error.errors, answerFields) })
    }
  })
}

export default routes
