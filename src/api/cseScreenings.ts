import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { cseIndicators, cseRiskLevels, safeguardingActionKinds } from '../services/cseScreenings.js'
import type { Services } from '../services/index.js'
import { createdSchema, errorResponses, ok } from './schemas.js'
import { mayWorkOnEpisode } from './episodeAccess.js'

const uuid = z.uuid()
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const text = (max: number) => z.string().trim().max(max)
const episodeParams = z.strictObject({ episodeId: uuid.describe('The episode’s id') })
const screeningParams = episodeParams.extend({ toolRecordId: uuid.describe('The screening’s id') })
const indicatorCodes = cseIndicators.map(indicator => indicator.code) as [string, ...string[]]

const safeguardingActionSchema = z
  .object({
    safeguardingActionId: uuid,
    takenOn: isoDate,
    kind: z.enum(safeguardingActionKinds),
    detail: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: 'SafeguardingAction' })

const screeningSchema = z
  .object({
    toolRecordId: uuid,
    personId: uuid.describe('The child screened'),
    child: z.string(),
    screenedOn: isoDate,
    riskLevel: z.enum(cseRiskLevels),
    indicators: z.array(z.enum(indicatorCodes)),
    actions: z.string().nullable(),
    completedWith: z.string().nullable(),
    recordedBy: z.string(),
    safeguardingActions: z.array(safeguardingActionSchema),
    awaitingSafeguardingAction: z.boolean().describe('A medium or high risk with no safeguarding action recorded yet'),
  })
  .meta({ id: 'CseScreening' })

const screeningListSchema = z.object({ items: z.array(screeningSchema) }).meta({ id: 'CseScreeningList' })

const newScreeningBody = z
  .strictObject({
    personId: uuid.describe('A child in scope of the episode'),
    screenedOn: isoDate,
    completedWith: text(500).describe('Who took part'),
    indicators: z.array(z.enum(indicatorCodes)).max(cseIndicators.length).default([]),
    riskLevel: z.enum(cseRiskLevels),
    actions: text(10000).nullish().describe('Needed for a medium or high risk'),
    summary: text(10000).nullish(),
  })
  .meta({ id: 'NewCseScreening' })

const newActionBody = z
  .strictObject({
    takenOn: isoDate,
    kind: z.enum(safeguardingActionKinds),
    detail: text(10000).describe('What was done, and by whom'),
  })
  .meta({ id: 'NewSafeguardingAction' })

/** /api/v1: CSE screenings and the safeguarding actions a medium or high risk needs (issue 9), under the same policy. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const cse = services.cseScreenings
  const mayWork = mayWorkOnEpisode(services)

  app.get(
    '/episodes/:episodeId/cse-screenings',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The CSE screenings of the episode’s children, newest first, with their safeguarding actions',
        tags: ['Progression of change tools'],
        params: episodeParams,
        response: {
          200: ok('The screenings', screeningListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const { screenings, awaiting } = await cse.view(request.requestContext(), request.params.episodeId.toLowerCase())
      return {
        items: screenings.map(screening => ({
          toolRecordId: screening.toolRecordId,
          personId: screening.personId,
          child: screening.childName,
          screenedOn: screening.screenedOn,
          riskLevel: screening.riskLevel,
          indicators: screening.indicators,
          actions: screening.actions,
          completedWith: screening.completedWith,
          recordedBy: screening.recordedByName,
          safeguardingActions: screening.safeguardingActions.map(action => ({
            safeguardingActionId: action.safeguardingActionId,
            takenOn: action.takenOn,
            kind: action.kind,
            detail: action.detail,
            recordedBy: action.recordedByName,
          })),
          awaitingSafeguardingAction: awaiting.includes(screening),
        })),
      }
    },
  )

  app.post(
    '/episodes/:episodeId/cse-screenings',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record a CSE screening of a child',
        description:
          'Children aged 10 and over are screened in the first weeks of the case (000). A medium or high risk needs ' +
          'its actions, and a safeguarding action recorded before a Team Around the Family meeting is recorded as held.',
        tags: ['Progression of change tools'],
        params: episodeParams,
        body: newScreeningBody,
        response: {
          201: ok('The screening was saved', createdSchema('toolRecordId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const body = request.body
      const toolRecordId = await cse.record(request.requestContext(), request.params.episodeId.toLowerCase(), {
        personId: body.personId.toLowerCase(),
        screenedOn: body.screenedOn,
        completedWith: body.completedWith,
        indicators: body.indicators,
        riskLevel: body.riskLevel,
        actions: body.actions ?? '',
        summary: body.summary ?? '',
      })
      return reply.status(201).send({ toolRecordId })
    },
  )

  app.post(
    '/episodes/:episodeId/cse-screenings/:toolRecordId/safeguarding-actions',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record the safeguarding action taken on a screening’s medium or high risk',
        tags: ['Progression of change tools'],
        params: screeningParams,
        body: newActionBody,
        response: {
          201: ok('The action was saved', createdSchema('safeguardingActionId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const safeguardingActionId = await cse.recordSafeguardingAction(
        request.requestContext(),
        request.params.episodeId.toLowerCase(),
        request.params.toolRecordId.toLowerCase(),
        request.body,
      )
      return reply.status(201).send({ safeguardingActionId })
    },
  )
}

export default routes
