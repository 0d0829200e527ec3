import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Services } from '../services/index.js'
import {
  decidedSchema,
  linkBody,
  meetingDecisionParams,
  meetingParams,
  meetingSchema,
  panelDecisionBody,
  requestIdParams,
} from './requestSchemas.js'
import { conflictResponse, errorResponses, ok } from './schemas.js'
import { z } from 'zod'

/**
 * The front door's linking and the panel on /api/v1: the same services and policy as the pages, so a
 * council's own tools can work the queue and record a meeting's decisions.
 */
const panelApiRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const param = (request: { params: unknown }, name: string) =>
    String((request.params as Record<string, unknown>)[name] ?? '').toLowerCase()

  app.post(
    '/requests/:requestId/link',
    {
      config: { access: 'signedIn' },
      preValidation: async request =>
        services.requests.authorize(request.requestContext(), param(request, 'requestId'), 'request:decide'),
      schema: {
        summary: 'Link a request’s people to the council’s records, and the request to a family',
        description: 'Each person as a record found by the duplicate check, or a new one; the family likewise.',
        tags: ['Requests'],
        params: requestIdParams,
        body: linkBody,
        response: {
          200: ok('Linked', z.object({ familyId: z.uuid() })),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
          409: conflictResponse,
        },
      },
    },
    async request => {
      const requestId = request.params.requestId.toLowerCase()
      const ctx = request.requestContext()
      await services.requests.link(ctx, requestId, request.body.version, {
        people: Object.fromEntries(request.body.people.map((choice, position) => [position, choice])),
        familyId: request.body.familyId,
      })
      const found = await services.requests.get(ctx, requestId)
      return { familyId: found.request.family_id! }
    },
  )

  app.get(
    '/panels/:meetingId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'A panel meeting: its agenda, attendees, decisions and minutes',
        tags: ['Panels'],
        params: meetingParams,
        response: {
          200: ok('The meeting', meetingSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const { meeting, agenda, attendees } = await services.panels.get(
        request.requestContext(),
        request.params.meetingId.toLowerCase(),
      )
      return {
        meetingId: meeting.meeting_id,
        areaId: meeting.area_id,
        area: meeting.area_name,
        meetsOn: meeting.meets_on,
        startsAt: meeting.starts_at,
        venue: meeting.venue,
        status: meeting.status,
        version: meeting.version,
        attendees: attendees.map(attendee => ({
          name: attendee.name,
          agency: attendee.agency,
          attendance: attendee.attendance,
        })),
        agenda: agenda.map(item => ({
          requestId: item.request_id,
          requestVersion: item.request_version,
          familyId: item.family_id,
          subjects: item.subjects ?? '',
          concerns: item.concerns,
          decision: item.panel_decision_id
            ? {
                decision: item.decision!,
                action: item.action!,
                levelOfNeed: item.level_of_need!,
                rationale: item.rationale!,
                episodeId: item.episode_id,
              }
            : null,
        })),
        minutes: meeting.minutes,
      }
    },
  )

  app.post(
    '/panels/:meetingId/requests/:requestId/decision',
    {
      config: { access: 'signedIn' },
      preValidation: async request => services.panels.authorize(request.requestContext(), param(request, 'meetingId')),
      schema: {
        summary: 'The panel’s decision on one family: level of need, outcome, rationale',
        description: 'A decision that allocates, or names a lead professional, opens the early help episode.',
        tags: ['Panels'],
        params: meetingDecisionParams,
        body: panelDecisionBody,
        response: {
          200: ok('The decision was recorded: where the request stands now', decidedSchema),
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
      const requestId = request.params.requestId.toLowerCase()
      const { requestVersion, ...body } = request.body
      await services.panels.decide(ctx, request.params.meetingId.toLowerCase(), requestId, requestVersion, {
        decision: body.decision,
        levelOfNeed: body.levelOfNeed,
        rationale: body.rationale,
        teamId: body.teamId ?? null,
        leadProfessionalUserId: body.leadProfessionalUserId ?? null,
        signpostTo: body.signpostTo ?? null,
        socialCareTeam: body.socialCareTeam ?? null,
      })
      const found = await services.requests.get(ctx, requestId)
      return { status: found.request.status, statusLabel: found.statusLabel }
    },
  )
}

export default panelApiRoutes
