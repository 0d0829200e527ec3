import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ValidationError } from '../lib/errors.js'
import { idParam } from '../lib/forms.js'
import type { Services } from '../services/index.js'
import {
  MAX_VISIT_INTERVAL_DAYS,
  visitIntervals,
  workSessionKindLabels,
  workSessionKinds,
  type WorkSessionForm,
} from '../services/workSessions.js'
import { conflictResponse, createdSchema, errorResponses, ok } from './schemas.js'

const uuid = z.uuid()
const recordId = z.uuid().transform(id => id.toLowerCase())
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const timestamp = z.iso.datetime({ offset: true }).describe('A moment, in ISO 8601 (UTC)')

const episodeParams = z.strictObject({ episodeId: uuid.describe('The episode’s id') })
const sessionParams = episodeParams.extend({ workSessionId: uuid.describe('The session’s id') })

const workSessionSchema = z
  .object({
    workSessionId: uuid,
    episodeId: uuid,
    heldOn: isoDate,
    kind: z.enum(workSessionKinds),
    kindLabel: z.string().describe('The type as the pages name it'),
    purpose: z.string().describe('PARA: what the session was for, from the goals in the plan'),
    action: z.string().describe('PARA: what was done'),
    reflection: z.string().describe('PARA: what the family, each child and the worker reflected'),
    analysis: z.string().describe('PARA: what it means for the plan'),
    worker: z.object({ userId: uuid, name: z.string() }).describe('Who held the session and recorded it'),
    seen: z
      .array(z.object({ personId: uuid, givenName: z.string(), familyName: z.string(), seenAlone: z.boolean() }))
      .describe('Who was seen; `seenAlone` for a child seen on their own'),
    outcomes: z
      .array(z.object({ outcomeKey: uuid, outcome: z.string() }))
      .describe('The plan outcomes the session worked towards (an outcome’s key is the same across plan versions)'),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: z.number().int().describe('Send it back with a change: a change to an older version is refused'),
  })
  .meta({ id: 'WorkSession' })

const frequencyStatusSchema = z
  .object({
    everyDays: z.number().int(),
    agreedOn: isoDate,
    lastSessionOn: isoDate.nullable().describe('The latest session of the episode, whenever it was held'),
    nextDueOn: isoDate.describe('One interval after the last session, or after the agreement if that is later'),
    overdue: z.boolean().describe('Today is after nextDueOn'),
    daysOverdue: z.number().int(),
    expected: z.number().int().describe('Whole intervals since the agreement'),
    held: z.number().int().describe('Sessions held on or after the day it was agreed'),
  })
  .meta({ id: 'VisitFrequencyStatus' })

const workSessionListSchema = z
  .object({
    items: z.array(workSessionSchema).describe('Newest first'),
    visitFrequency: frequencyStatusSchema.nullable().describe('Null when no visit frequency has been agreed'),
  })
  .meta({ id: 'WorkSessionList' })

const workSessionBody = z
  .strictObject({
    heldOn: isoDate.describe('Today or earlier, and not before the episode opened'),
    kind: z
      .enum(workSessionKinds)
      .describe(workSessionKinds.map(kind => `${kind}: ${workSessionKindLabels[kind]}`).join('; ')),
    personIds: z.array(recordId).max(50).default([]).describe('The members of the family who were seen'),
    seenAloneIds: z
      .array(recordId)
      .max(50)
      .default([])
      .describe('The children seen alone (they count as seen even if not in personIds)'),
    outcomeKeys: z
      .array(recordId)
      .max(50)
      .default([])
      .describe('Outcomes of the plan in force the session worked towards'),
    purpose: z.string().max(10_000),
    action: z.string().max(10_000),
    reflection: z.string().max(10_000),
    analysis: z.string().max(10_000),
  })
  .meta({ id: 'NewWorkSession' })

const workSessionUpdateBody = workSessionBody
  .extend({
    version: z.number().int().min(1).describe('The version the change was made to, from the session as last read'),
  })
  .meta({ id: 'WorkSessionUpdate' })

const visitFrequencySchema = z
  .object({
    current: z
      .object({
        visitFrequencyId: uuid,
        everyDays: z.number().int(),
        agreedOn: isoDate,
        notes: z.string().nullable(),
        recordedAt: timestamp,
        recordedBy: z.string(),
      })
      .nullable()
      .describe('The agreement that stands (the latest agreed); null when none has been agreed'),
    earlier: z
      .array(
        z.object({
          visitFrequencyId: uuid,
          everyDays: z.number().int(),
          agreedOn: isoDate,
          notes: z.string().nullable(),
          recordedAt: timestamp,
          recordedBy: z.string(),
        }),
      )
      .describe('Earlier agreements, newest first'),
    status: frequencyStatusSchema.nullable().describe('The sessions against the agreement that stands'),
  })
  .meta({ id: 'VisitFrequency' })

const visitFrequencyBody = z
  .strictObject({
    everyDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_VISIT_INTERVAL_DAYS)
      .describe(
        `Days between sessions: usually ${visitIntervals.join(', ')}; any from 1 to ${MAX_VISIT_INTERVAL_DAYS}`,
      ),
    agreedOn: isoDate.describe('Today or earlier, and not before the episode opened'),
    notes: z.string().trim().max(5000).default('').describe('Who agreed it, and anything else to note'),
  })
  .meta({ id: 'NewVisitFrequency' })

/** The service's field names for the visit frequency form (interval, otherDays) as the body's (everyDays). */
async function frequencyFieldsInBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new ValidationError(
      error.errors.map(problem => ({
        ...problem,
        field: problem.field.replace(/^(interval|otherDays)$/, 'everyDays'),
      })),
    )
  }
}

/** /api/v1: sessions (PARA) and visit frequency (issue 8), under the same policy as the pages. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const workSessions = services.workSessions
  const at = (path: string) => `${app.prefix}${path}`
  // Authorised before the body is validated: someone who may not work the case gets a 403, not a 400.
  const mayWork = async (request: {
    params: unknown
    requestContext: () => Parameters<typeof workSessions.authorizeWork>[0]
  }) => workSessions.authorizeWork(request.requestContext(), idParam(request.params, 'episodeId'))

  type Session = Awaited<ReturnType<typeof workSessions.get>>['session']
  const sessionJson = (session: Session) => ({
    workSessionId: session.work_session_id,
    episodeId: session.episode_id,
    heldOn: session.held_on,
    kind: session.kind,
    kindLabel: workSessionKindLabels[session.kind],
    purpose: session.purpose,
    action: session.action,
    reflection: session.reflection,
    analysis: session.analysis,
    worker: { userId: session.worker_user_id, name: session.worker_name },
    seen: session.seen,
    outcomes: session.outcomes,
    createdAt: session.created_at.toISOString(),
    updatedAt: session.updated_at.toISOString(),
    version: session.version,
  })
  const sessionInput = (body: z.infer<typeof workSessionBody>): WorkSessionForm => ({
    heldOn: body.heldOn,
    kind: body.kind,
    personIds: body.personIds,
    seenAloneIds: body.seenAloneIds,
    outcomeKeys: body.outcomeKeys,
    purpose: body.purpose,
    action: body.action,
    reflection: body.reflection,
    analysis: body.analysis,
  })

  app.get(
    '/episodes/:episodeId/sessions',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The sessions with the family, newest first, and where they stand against the visit frequency',
        tags: ['Sessions'],
        params: episodeParams,
        response: {
          200: ok('The sessions', workSessionListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const found = await workSessions.list(request.requestContext(), request.params.episodeId.toLowerCase())
      return { items: found.sessions.map(sessionJson), visitFrequency: found.frequency }
    },
  )

  app.post(
    '/episodes/:episodeId/sessions',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record a session with the family: PARA, who was seen, the plan outcomes it worked towards',
        description:
          'Purpose, Action, Reflection and Analysis are each required. The token’s owner is the worker who held it. ' +
          'The episode must be open and allocated.',
        tags: ['Sessions'],
        params: episodeParams,
        body: workSessionBody,
        response: {
          201: ok('The session was recorded; Location is its address', createdSchema('workSessionId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const episodeId = request.params.episodeId.toLowerCase()
      const workSessionId = await workSessions.record(request.requestContext(), episodeId, sessionInput(request.body))
      return reply
        .code(201)
        .header('Location', at(`/episodes/${episodeId}/sessions/${workSessionId}`))
        .send({ workSessionId })
    },
  )

  app.get(
    '/episodes/:episodeId/sessions/:workSessionId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One session with the family',
        tags: ['Sessions'],
        params: sessionParams,
        response: {
          200: ok('The session', workSessionSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const { session } = await workSessions.get(
        request.requestContext(),
        request.params.episodeId.toLowerCase(),
        request.params.workSessionId.toLowerCase(),
      )
      return sessionJson(session)
    },
  )

  app.put(
    '/episodes/:episodeId/sessions/:workSessionId',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Change a session',
        description: 'Every field is sent, with the `version` last read: a change to an older version is refused.',
        tags: ['Sessions'],
        params: sessionParams,
        body: workSessionUpdateBody,
        response: {
          200: ok('The session as changed', workSessionSchema),
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
      const workSessionId = request.params.workSessionId.toLowerCase()
      await workSessions.update(ctx, episodeId, workSessionId, request.body.version, sessionInput(request.body))
      return sessionJson((await workSessions.get(ctx, episodeId, workSessionId)).session)
    },
  )

  app.get(
    '/episodes/:episodeId/visit-frequency',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The visit frequency agreed for the case, earlier agreements, and the sessions against it',
        tags: ['Sessions'],
        params: episodeParams,
        response: {
          200: ok('The visit frequency', visitFrequencySchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const found = await workSessions.frequency(request.requestContext(), request.params.episodeId.toLowerCase())
      const json = (row: (typeof found.agreements)[number]) => ({
        visitFrequencyId: row.visit_frequency_id,
        everyDays: row.every_days,
        agreedOn: row.agreed_on,
        notes: row.notes,
        recordedAt: row.recorded_at.toISOString(),
        recordedBy: row.recorded_by_name,
      })
      return {
        current: found.agreement ? json(found.agreement) : null,
        earlier: found.agreements.slice(1).map(json),
        status: found.frequency,
      }
    },
  )

  app.post(
    '/episodes/:episodeId/visit-frequency',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record how often the family will be seen, as agreed by the team manager and the worker',
        description: 'The latest agreement stands; earlier ones are kept. The episode must be open and allocated.',
        tags: ['Sessions'],
        params: episodeParams,
        body: visitFrequencyBody,
        response: {
          201: ok('The visit frequency was recorded', createdSchema('visitFrequencyId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const episodeId = request.params.episodeId.toLowerCase()
      const { everyDays, agreedOn, notes } = request.body
      const visitFrequencyId = await frequencyFieldsInBody(
        workSessions.agreeFrequency(request.requestContext(), episodeId, {
          interval: 'other',
          otherDays: String(everyDays),
          agreedOn,
          notes,
        }),
      )
      return reply
        .code(201)
        .header('Location', at(`/episodes/${episodeId}/visit-frequency`))
        .send({ visitFrequencyId })
    },
  )
}

export default routes
