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
import { labelsOf } from '../../services/requests.js'
import assessmentRoutes from './assessments.js'
import tafMeetingRoutes from './tafMeetings.js'
import spiderGraphRoutes from './spiderGraphs.js'
import cseScreeningRoutes from './cseScreenings.js'
import feedbackRoutes from './feedback.js'
import planRoutes from './plans.js'
import workSessionRoutes from './workSessions.js'
import programmeRoutes from './programmes.js'
import oversightRoutes from './oversight.js'
import instrumentResultRoutes from './instrumentResults.js'
import { directionTags } from '../../services/spiderGraphs.js'
import { cseRiskLabels } from '../../services/cseScreenings.js'

/** A change of the family's level of need within the episode (the staircase). */
const levelSchema = z.strictObject({
  version: versionField,
  levelOfNeed: z.string().trim().max(64).optional(),
  ...dateParts('changedOn'),
  reason: z.string().trim().max(5000, 'The reason must be 5,000 characters or fewer').default(''),
})

/** Allocating the episode: the worker, the lead professional (the worker unless another is named), when and why. */
const allocationSchema = z.strictObject({
  version: versionField,
  workerUserId: z.string().trim().max(64).optional(),
  leadProfessionalUserId: z.string().trim().max(64).optional(),
  ...dateParts('allocatedOn'),
  reason: z.string().trim().max(5000, 'The reason must be 5,000 characters or fewer').default(''),
})

/** The early help agreement: who in the family signed it, when and how. */
const agreementSchema = z.strictObject({
  personIds: manyOf(30),
  signedHow: z.string().trim().max(20).optional(),
  ...dateParts('agreedOn'),
  notes: z.string().trim().max(5000, 'The notes must be 5,000 characters or fewer').default(''),
})

/**
 * Early help episodes as the front door and panel open them: the open episodes a user's families have
 * (those waiting for a worker first for a manager), and one episode. The pathway issue builds the case page.
 */
const episodeRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  for (const routes of [
    assessmentRoutes,
    tafMeetingRoutes,
    spiderGraphRoutes,
    cseScreeningRoutes,
    feedbackRoutes,
    planRoutes,
    workSessionRoutes,
    programmeRoutes,
    oversightRoutes,
    instrumentResultRoutes,
  ])
    await app.register(routes, { services })

  app.get('/episodes', { config: { access: 'episodes:list' } }, async (request, reply) => {
    const unallocated = (request.query as Record<string, unknown>).unallocated === 'yes'
    const ctx = request.requestContext()
    const [episodes, { model }] = await Promise.all([
      services.episodes.list(ctx, { unallocated }),
      services.practiceModels.get(ctx.actor.authorityId),
    ])
    return reply.view('episodes/list.njk', { episodes, unallocated, model, labels: labelsOf(model) })
  })

  app.get('/episodes/:episodeId', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const found = await services.cases.view(ctx, idParam(request.params, 'episodeId'))
    const query = request.query as Record<string, unknown>
    const banner = ['levelChanged', 'allocated', 'agreed'].find(flag => query[flag] === '1')
    return reply.view('episodes/episode.njk', {
      ...found,
      labels: labelsOf(found.model),
      banner,
      directionTags,
      cseRiskLabels,
    })
  })

  async function renderLevelForm(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const found = await services.episodes.get(ctx, episodeId)
    const { model } = await services.practiceModels.get(ctx.actor.authorityId)
    return reply.status(status).view('episodes/level.njk', { ...found, model, labels: labelsOf(model), values, errors })
  }

  app.get('/episodes/:episodeId/level', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.episodes.authorizeChange(ctx, episodeId)
    const { episode, today } = await services.episodes.get(ctx, episodeId)
    return renderLevelForm(reply, ctx, episodeId, 200, {
      version: String(episode.version),
      ...dateBoxes('changedOn', today),
    })
  })

  app.post('/episodes/:episodeId/level', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.episodes.authorizeChange(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      ['levelOfNeed', 'changedOn', 'reason'],
      async (status, errors, conflict) => {
        const { episode } = await services.episodes.get(ctx, episodeId)
        return renderLevelForm(
          reply,
          ctx,
          episodeId,
          status,
          conflict ? { ...values, version: String(episode.version) } : values,
          errors,
        )
      },
      async () => {
        const form = parseFormWithDates(levelSchema, request.body, [
          { name: 'changedOn', label: 'The date of the change', required: true },
        ])
        await services.episodes.changeLevel(ctx, episodeId, form.version, {
          levelOfNeed: form.levelOfNeed ?? null,
          changedOn: form.dates.changedOn,
          reason: form.reason,
        })
        return `/episodes/${episodeId}?levelChanged=1`
      },
    )
  })

  async function renderAllocation(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await services.episodes.allocationForm(ctx, episodeId)
    const { model } = await services.practiceModels.get(ctx.actor.authorityId)
    return reply.status(status).view('episodes/allocate.njk', { ...form, model, values, errors })
  }

  app.get('/episodes/:episodeId/allocate', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { episode, today } = await services.episodes.allocationForm(ctx, episodeId)
    return renderAllocation(reply, ctx, episodeId, 200, {
      version: String(episode.version),
      ...dateBoxes('allocatedOn', today),
    })
  })

  app.post('/episodes/:episodeId/allocate', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.episodes.allocationForm(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      ['workerUserId', 'leadProfessionalUserId', 'allocatedOn', 'reason'],
      async (status, errors, conflict) => {
        const { episode } = await services.episodes.get(ctx, episodeId)
        return renderAllocation(
          reply,
          ctx,
          episodeId,
          status,
          conflict ? { ...values, version: String(episode.version) } : values,
          errors,
        )
      },
      async () => {
        const form = parseFormWithDates(allocationSchema, request.body, [
          { name: 'allocatedOn', label: 'The date of the allocation', required: true },
        ])
        await services.episodes.allocate(ctx, episodeId, form.version, {
          workerUserId: form.workerUserId || null,
          leadProfessionalUserId: form.leadProfessionalUserId || null,
          allocatedOn: form.dates.allocatedOn,
          reason: form.reason,
        })
        return `/episodes/${episodeId}?allocated=1`
      },
    )
  })

  async function renderAgreement(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await services.episodes.agreementForm(ctx, episodeId)
    const { model } = await services.practiceModels.get(ctx.actor.authorityId)
    return reply.status(status).view('episodes/agreement.njk', { ...form, model, values, errors })
  }

  app.get('/episodes/:episodeId/agreement', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today } = await services.episodes.agreementForm(ctx, episodeId)
    return renderAgreement(reply, ctx, episodeId, 200, { signedHow: 'on paper', ...dateBoxes('agreedOn', today) })
  })

  app.post('/episodes/:episodeId/agreement', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await services.episodes.authorizeWork(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      ['personIds', 'signedHow', 'agreedOn', 'notes'],
      (status, errors) => renderAgreement(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(agreementSchema, request.body, [
          { name: 'agreedOn', label: 'The date the agreement was signed', required: true },
        ])
        await services.episodes.recordAgreement(ctx, episodeId, {
          agreedOn: form.dates.agreedOn,
          personIds: form.personIds,
          signedHow: form.signedHow ?? null,
          notes: form.notes,
        })
        return `/episodes/${episodeId}?agreed=1`
      },
    )
  })
}

export default episodeRoutes
