import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParam } from '../lib/forms.js'
import type { Services } from '../services/index.js'
import { conflictResponse, errorResponses, ok } from './schemas.js'

const uuid = z.uuid()
const recordId = z.uuid().transform(id => id.toLowerCase())
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')

const episodeParams = z.strictObject({ episodeId: uuid.describe('The episode’s id') })
const deliveryParams = z.strictObject({
  episodeId: uuid.describe('The episode’s id'),
  programmeDeliveryId: uuid.describe('The programme’s id on this episode'),
})

export const programmeDeliverySchema = z
  .object({
    programmeDeliveryId: uuid,
    programme: z.string().describe('The code of one of the authority’s evidence-based programmes'),
    label: z.string().describe('The programme as the authority names it'),
    participants: z
      .array(z.object({ personId: uuid, givenName: z.string(), familyName: z.string() }))
      .describe('The members of the family who take part'),
    startedOn: isoDate,
    endedOn: isoDate.nullable().describe('Null while it is under way'),
    completion: z.enum(['completed', 'not_completed']).nullable().describe('Null while it is under way'),
    deliveredBy: z.string().nullable().describe('The agency or facilitator'),
    notes: z.string().nullable(),
    version: z.number().int().describe('Send it back when recording the end: a change to an older version is refused'),
  })
  .meta({ id: 'ProgrammeDelivery' })

const programmeListSchema = z
  .object({
    items: z.array(programmeDeliverySchema).describe('The latest started first'),
    available: z
      .array(z.object({ code: z.string(), label: z.string() }))
      .describe('The evidence-based programmes the authority can record; empty when none are set up'),
  })
  .meta({ id: 'ProgrammeDeliveryList' })

const newProgrammeBody = z
  .strictObject({
    programme: z.string().trim().min(1).max(64).describe('The code of one of the authority’s programmes'),
    personIds: z.array(recordId).min(1).max(30).describe('Current members of the family who take part'),
    startedOn: isoDate.describe('Today or earlier, and not before the episode opened'),
    deliveredBy: z.string().trim().min(1, 'Enter who delivers the programme').max(200),
    notes: z.string().trim().max(5000).default(''),
  })
  .meta({ id: 'NewProgrammeDelivery' })

const programmeEndBody = z
  .strictObject({
    version: z.number().int().min(1).describe('The programme’s version as last read'),
    endedOn: isoDate.describe('Today or earlier, and not before it started'),
    completion: z.enum(['completed', 'not_completed']),
    notes: z.string().trim().max(5000).default(''),
  })
  .meta({ id: 'ProgrammeEnd' })

type Delivery = Awaited<ReturnType<Services['programmes']['list']>>['programmes'][number]

const toJson = (delivery: Delivery) => ({
  programmeDeliveryId: delivery.programme_delivery_id,
  programme: delivery.programme,
  label: delivery.label,
  participants: delivery.participants.map(person => ({
    personId: person.person_id,
    givenName: person.given_name,
    familyName: person.family_name,
  })),
  startedOn: delivery.started_on,
  endedOn: delivery.ended_on,
  completion: delivery.completion,
  deliveredBy: delivery.delivered_by,
  notes: delivery.notes,
  version: delivery.version,
})

/** /api/v1: evidence-based programmes (issue 8), under the same policy as the pages. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const at = (path: string) => `${app.prefix}${path}`

  app.get(
    '/episodes/:episodeId/programmes',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The evidence-based programmes delivered on an episode',
        tags: ['Episodes'],
        params: episodeParams,
        response: {
          200: ok('The programmes', programmeListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const found = await services.programmes.list(request.requestContext(), request.params.episodeId.toLowerCase())
      return {
        items: found.programmes.map(toJson),
        available: found.available.map(({ code, label }) => ({ code, label })),
      }
    },
  )

  app.post(
    '/episodes/:episodeId/programmes',
    {
      config: { access: 'signedIn' },
      preValidation: async request =>
        services.programmes.authorizeWork(request.requestContext(), idParam(request.params, 'episodeId')),
      schema: {
        summary: 'Start an evidence-based programme with members of the family',
        description: 'For those who work the case, its lead professional included; the episode must be open.',
        tags: ['Episodes'],
        params: episodeParams,
        body: newProgrammeBody,
        response: {
          201: ok('The programme was recorded', z.object({ programmeDeliveryId: uuid })),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const episodeId = request.params.episodeId.toLowerCase()
      const programmeDeliveryId = await services.programmes.start(request.requestContext(), episodeId, {
        programme: request.body.programme,
        personIds: request.body.personIds,
        startedOn: request.body.startedOn,
        deliveredBy: request.body.deliveredBy,
        notes: request.body.notes,
      })
      return reply
        .code(201)
        .header('Location', at(`/episodes/${episodeId}/programmes`))
        .send({ programmeDeliveryId })
    },
  )

  app.post(
    '/episodes/:episodeId/programmes/:programmeDeliveryId/end',
    {
      config: { access: 'signedIn' },
      preValidation: async request =>
        services.programmes.authorizeWork(request.requestContext(), idParam(request.params, 'episodeId')),
      schema: {
        summary: 'Record how a programme ended: when, and whether the family completed it',
        tags: ['Episodes'],
        params: deliveryParams,
        body: programmeEndBody,
        response: {
          200: ok('The programme as it now stands', programmeDeliverySchema),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
          409: conflictResponse,
        },
      },
    },
    async request => {
      const ctx = request.requestContext()
      const episodeId = request.params.episodeId.toLowerCase()
      const programmeDeliveryId = request.params.programmeDeliveryId.toLowerCase()
      await services.programmes.end(ctx, episodeId, programmeDeliveryId, request.body.version, {
        endedOn: request.body.endedOn,
        completion: request.body.completion,
        notes: request.body.notes,
      })
      const { delivery } = await services.programmes.get(ctx, episodeId, programmeDeliveryId)
      return toJson(delivery)
    },
  )
}

export default routes
