import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ValidationError } from '../lib/errors.js'
import type { RequestInput } from '../services/requests.js'
import type { Services } from '../services/index.js'
import {
  decidedSchema,
  decisionBody,
  newRequestBody,
  queueQuery,
  queueSchema,
  requestIdParams,
  requestListSchema,
  requestSchema,
} from './requestSchemas.js'
import { conflictResponse, createdSchema, errorResponses, ok } from './schemas.js'

/** The service's field names (subjects-0-givenName) as paths in the JSON body (subjects.0.givenName). */
async function fieldsInBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new ValidationError(
      error.errors.map(problem => ({
        ...problem,
        field: problem.field.replace(/^subjects-(\d+)-/, 'subjects.$1.').replace(/^memberRole$/, 'role'),
      })),
    )
  }
}

/**
 * Requests for support on /api/v1: a school's or a health system's own software can ask for early help and
 * follow the outcome; the front door can work its queue. The same services and policy as the pages.
 */
const requestApiRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const at = (path: string) => `${app.prefix}${path}`

  app.post(
    '/requests',
    {
      config: { access: 'requests:create' },
      schema: {
        summary: 'Ask for early help for a family: a request for support, referral or conversation',
        description:
          'Who asks is the token’s owner. The front door links the people to the council’s records and decides; ' +
          'the requester then sees the outcome, and nothing more of the family.',
        tags: ['Requests'],
        body: newRequestBody,
        response: {
          201: ok('The request was received; Location is its address', createdSchema('requestId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request, reply) => {
      const ctx = request.requestContext()
      const body = request.body
      const { model } = await services.practiceModels.get(ctx.actor.authorityId)
      const input: RequestInput = {
        kind: body.kind ?? (model.wayIn.kind === 'conversation' ? 'conversation' : 'request'),
        wayInTool: body.wayInTool ?? null,
        familyId: null,
        areaId: body.areaId ?? null,
        subjects: body.subjects.map(subject => ({
          personId: null,
          givenName: subject.givenName,
          familyName: subject.familyName,
          dateOfBirth: subject.dateOfBirth ?? null,
          expectedDate: subject.expectedDate ?? null,
          memberRole: subject.role,
          address: null,
          postcode: subject.postcode ?? null,
        })),
        receivedOn: body.receivedOn,
        requesterKind: 'staff',
        requesterName: null,
        requesterAgency: body.requesterAgency ?? null,
        requesterContact: null,
        urgency: body.urgency,
        concerns: body.concerns,
        worries: body.worries,
        familyKnows: body.familyKnows,
        consent: body.consent,
        consentGivenBy: body.consentGivenBy ?? null,
        safeguardingConcern: body.safeguardingConcern,
        tried: body.tried ?? null,
        withWhom: body.withWhom ?? null,
        agreed: body.agreed ?? null,
        conversationOutcome: body.conversationOutcome ?? (body.kind === 'conversation' ? null : 'front_door'),
        socialCareReference: body.socialCareReference ?? null,
        handoverSummary: body.handoverSummary ?? null,
      }
      if (input.kind !== 'conversation') input.conversationOutcome = null
      const requestId = await fieldsInBody(services.requests.submit(ctx, input))
      return reply
        .code(201)
        .header('Location', at(`/requests/${requestId}`))
        .send({ requestId })
    },
  )

  app.get(
    '/requests',
    {
      config: { access: 'requests:create' },
      schema: {
        summary: 'The requests the token’s owner made, newest first, with where each stands',
        tags: ['Requests'],
        response: { 200: ok('The requests', requestListSchema), 401: errorResponses[401], 403: errorResponses[403] },
      },
    },
    async request => {
      const { requests } = await services.requests.mine(request.requestContext())
      return {
        requests: requests.map(row => ({
          requestId: row.request_id,
          kind: row.kind,
          receivedOn: row.received_on,
          urgency: row.urgency,
          status: row.status,
          statusLabel: row.statusLabel,
          subjects: row.subjects ?? '',
        })),
      }
    },
  )

  app.get(
    '/requests/:requestId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One request: where it stands and its outcome',
        description:
          'The requester sees what they sent and the outcome; the linked records and every decision only to those ' +
          'who work the request (the front door, and those who see the family).',
        tags: ['Requests'],
        params: requestIdParams,
        response: {
          200: ok('The request', requestSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const found = await services.requests.get(request.requestContext(), request.params.requestId.toLowerCase())
      const working = found.abilities.seeWorking
      return {
        requestId: found.request.request_id,
        kind: found.request.kind,
        receivedOn: found.request.received_on,
        status: found.request.status,
        statusLabel: found.statusLabel,
        outcome: found.outcome,
        version: found.request.version,
        subjects: found.subjects.map(subject => ({
          givenName: subject.given_name,
          familyName: subject.family_name,
          role: subject.member_role,
          dateOfBirth: subject.date_of_birth,
          personId: working ? subject.person_id : null,
        })),
        familyId: working ? found.request.family_id : null,
        decisions: working
          ? [
              ...found.decisions.map(decision => ({
                by: found.model.frontDoor.name,
                outcome: decision.outcome,
                label: found.labels.outcomes[decision.outcome] ?? decision.outcome,
                on: decision.decided_on,
                reason: decision.reason,
              })),
              ...found.panelDecisions.map(decision => ({
                by: found.model.panel.name,
                outcome: decision.decision,
                label: found.labels.decisions[decision.decision] ?? decision.decision,
                on: decision.meets_on,
                reason: decision.rationale,
              })),
            ]
          : [],
      }
    },
  )

  app.post(
    '/requests/:requestId/decision',
    {
      config: { access: 'signedIn' },
      // Authorised before the body is validated: someone who may not decide gets a 403, not a 400.
      preValidation: async request =>
        services.requests.authorize(
          request.requestContext(),
          String((request.params as Record<string, unknown>).requestId ?? '').toLowerCase(),
          'request:decide',
        ),
      schema: {
        summary: 'The front door’s decision on a request',
        description:
          'One of the practice model’s front door outcomes, with the reason. Routing to the panel or allocating ' +
          'needs the family’s consent; a referral to social care without consent needs a safeguarding concern.',
        tags: ['Requests'],
        params: requestIdParams,
        body: decisionBody,
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
      const { version, ...body } = request.body
      return services.requests.decide(request.requestContext(), request.params.requestId.toLowerCase(), version, {
        outcome: body.outcome,
        reason: body.reason,
        signpostTo: body.signpostTo ?? null,
        areaId: body.areaId ?? null,
        teamId: body.teamId ?? null,
        levelOfNeed: body.levelOfNeed ?? null,
        socialCareTeam: body.socialCareTeam ?? null,
      })
    },
  )

  app.get(
    '/front-door',
    {
      config: { access: 'frontDoor:queue' },
      schema: {
        summary: 'The front door’s queue: requests waiting for a decision, oldest first',
        tags: ['Requests'],
        querystring: queueQuery,
        response: { 200: ok('The queue', queueSchema), 401: errorResponses[401], 403: errorResponses[403] },
      },
    },
    async request => {
      const queue = await services.requests.queue(request.requestContext(), {
        areaId: request.query.areaId?.toLowerCase() ?? null,
        urgency: request.query.urgency ?? null,
      })
      return {
        overdueAfterWorkingDays: queue.limit,
        requests: queue.requests.map(row => ({
          requestId: row.request_id,
          receivedOn: row.received_on,
          workingDaysOld: row.age,
          overdue: row.overdue,
          urgency: row.urgency,
          areaId: row.area_id,
          subjects: row.subjects ?? '',
          concerns: row.concerns,
          safeguardingConcern: row.safeguarding_concern,
          consent: row.consent,
        })),
      }
    },
  )
}

export default requestApiRoutes
