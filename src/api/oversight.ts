import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { oversightKinds } from '../services/oversight.js'
import { idParam } from '../lib/forms.js'
import type { Services } from '../services/index.js'
import { errorResponses, ok } from './schemas.js'

const uuid = z.uuid()
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const timestamp = z.iso.datetime({ offset: true }).describe('A moment, in ISO 8601 (UTC)')

const episodeParams = z.strictObject({ episodeId: uuid.describe('The episode’s id') })

const oversightEntrySchema = z
  .object({
    oversightEntryId: uuid,
    heldOn: isoDate,
    kind: z.enum(oversightKinds),
    reflection: z.string(),
    decisions: z.string(),
    actions: z.string().nullable(),
    byWhen: isoDate.nullable().describe('When the actions are to be done by; null when there are none'),
    recordedAt: timestamp,
    recordedBy: z.string().describe('The name of the manager who recorded it'),
  })
  .meta({ id: 'OversightEntry' })

const oversightSchema = z
  .object({
    lastOn: isoDate.nullable().describe('The day of the latest entry; null when none has been recorded'),
    allocatedOn: isoDate.nullable().describe('When the case was first allocated; null while it waits for a worker'),
    items: z.array(oversightEntrySchema).describe('Newest first'),
  })
  .meta({ id: 'Oversight' })

const newOversightBody = z
  .strictObject({
    heldOn: isoDate.describe('Today or earlier, and not before the episode opened'),
    kind: z.enum(oversightKinds),
    reflection: z.string().trim().min(1, 'Enter your reflection on the case').max(10000),
    decisions: z.string().trim().min(1, 'Enter the decisions made').max(10000),
    actions: z.string().trim().max(10000).default(''),
    byWhen: isoDate.nullable().default(null).describe('Needed with actions: on or after heldOn'),
  })
  .meta({ id: 'NewOversightEntry' })

/** /api/v1: management oversight (issue 8), under the same policy as the pages. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const at = (path: string) => `${app.prefix}${path}`

  app.get(
    '/episodes/:episodeId/oversight',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Management oversight of an episode: supervision, case discussions and reviews',
        description: 'For everyone who sees the case, so the worker reads the manager’s decisions.',
        tags: ['Episodes'],
        params: episodeParams,
        response: {
          200: ok('The oversight entries', oversightSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const found = await services.oversight.list(request.requestContext(), request.params.episodeId.toLowerCase())
      return {
        lastOn: found.lastOn,
        allocatedOn: found.allocatedOn,
        items: found.entries.map(entry => ({
          oversightEntryId: entry.oversight_entry_id,
          heldOn: entry.held_on,
          kind: entry.kind,
          reflection: entry.reflection,
          decisions: entry.decisions,
          actions: entry.actions,
          byWhen: entry.by_when,
          recordedAt: new Date(entry.recorded_at).toISOString(),
          recordedBy: entry.recorded_by_name,
        })),
      }
    },
  )

  app.post(
    '/episodes/:episodeId/oversight',
    {
      config: { access: 'signedIn' },
      preValidation: async request =>
        services.oversight.authorizeOversee(request.requestContext(), idParam(request.params, 'episodeId')),
      schema: {
        summary: 'Record management oversight of an episode',
        description:
          'For a team manager or head of service who sees the family. Entries are not changed: a later entry ' +
          'corrects an earlier one.',
        tags: ['Episodes'],
        params: episodeParams,
        body: newOversightBody,
        response: {
          201: ok('The oversight was recorded', z.object({ oversightEntryId: uuid })),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const episodeId = request.params.episodeId.toLowerCase()
      const oversightEntryId = await services.oversight.record(request.requestContext(), episodeId, {
        heldOn: request.body.heldOn,
        kind: request.body.kind,
        reflection: request.body.reflection,
        decisions: request.body.decisions,
        actions: request.body.actions,
        byWhen: request.body.byWhen,
      })
      return reply
        .code(201)
        .header('Location', at(`/episodes/${episodeId}/oversight`))
        .send({ oversightEntryId })
    },
  )
}

export default routes
