import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ValidationError } from '../lib/errors.js'
import type { RequestContext, Services } from '../services/index.js'
import { attendanceChoices, tafKinds, toolStages } from '../services/tafMeetings.js'
import { conflictResponse, createdSchema, errorResponses, ok } from './schemas.js'

// The JSON shapes of Team Around the Family meetings and progression tool records, in camelCase.

const uuid = z.uuid()
const recordId = z.uuid().transform(id => id.toLowerCase())
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const timestamp = z.iso.datetime({ offset: true }).describe('A moment, in ISO 8601 (UTC)')
const text = (max: number) => z.string().trim().max(max)

const episodeParams = z.strictObject({ episodeId: uuid.describe('The episode’s id') })
const meetingParams = episodeParams.extend({ tafMeetingId: uuid.describe('The meeting’s id') })

const someoneElse = z.strictObject({
  name: text(100).min(1, 'Enter the name'),
  agency: text(100).nullish().describe('Their agency, if any'),
})

const meetingSummary = z.object({
  tafMeetingId: uuid,
  kind: z.enum(tafKinds),
  status: z.enum(['planned', 'held', 'cancelled']),
  plannedOn: isoDate,
  heldOn: isoDate.nullable(),
  venue: z.string().nullable(),
  overridden: z.boolean().describe('A manager let the initial meeting go ahead without the agreement or baseline tool'),
  version: z.number().int().describe('Send it back with a change: a change to an older version is refused'),
})

const meetingListSchema = z
  .object({
    items: z.array(meetingSummary).describe('In date order'),
    allocatedOn: isoDate.nullable().describe('When the episode was first allocated: the initial meeting’s clock'),
    initialDueOn: isoDate.nullable().describe('When the initial meeting is due, while it has not been held'),
    nextReviewDueOn: isoDate.nullable().describe('When the next review is due, after the last meeting held'),
    agreementSignedOn: isoDate.nullable(),
    baselineToolOn: isoDate.nullable().describe('When the first baseline progression of change tool was completed'),
  })
  .meta({ id: 'TafMeetingList' })

const meetingSchema = meetingSummary
  .extend({
    attendees: z.array(
      z.object({
        position: z.number().int().describe('Send it back with the attendance when the meeting is recorded as held'),
        personId: uuid.nullable().describe('A member of the family'),
        userId: uuid.nullable().describe('A user of Tandem'),
        name: z.string(),
        agency: z.string().nullable(),
        attendance: z.enum(['invited', ...attendanceChoices]),
      }),
    ),
    minutes: z.string().nullable(),
    progress: z.string().nullable().describe('The progress discussed against the plan, at a review'),
    cancelledReason: z.string().nullable(),
    override: z
      .object({ reason: z.string(), by: z.string().nullable(), at: timestamp.nullable() })
      .nullable()
      .describe('A manager’s reason for letting the initial meeting go ahead without what should come first'),
    missing: z
      .array(z.object({ field: z.enum(['agreement', 'baselineTool']), message: z.string() }))
      .describe('What the initial meeting still needs before it can be recorded as held, as things stand today'),
  })
  .meta({ id: 'TafMeeting' })

const newMeetingBody = z
  .strictObject({
    kind: z.enum(tafKinds).describe('The first meeting is the initial one; reviews and closing follow once it is held'),
    plannedOn: isoDate.describe('On or after the allocation; may be in the future'),
    venue: text(200).nullish(),
    personIds: z.array(recordId).max(40).default([]).describe('Current members of the family invited'),
    userIds: z
      .array(recordId)
      .max(40)
      .default([])
      .describe('The worker, the lead professional or a professional recorded on the family'),
    others: z.array(someoneElse).max(10).default([]).describe('Anyone else invited, by name and agency'),
  })
  .meta({ id: 'NewTafMeeting' })

const heldBody = z
  .strictObject({
    version: z.number().int().min(1),
    heldOn: isoDate.describe('Not in the future, not before the allocation'),
    attendance: z
      .array(z.strictObject({ position: z.number().int().min(1), attendance: z.enum(attendanceChoices) }))
      .max(100)
      .describe('Every invitee’s attendance, by their position'),
    others: z.array(someoneElse).max(10).default([]).describe('Anyone else who attended'),
    minutes: text(20000),
    progress: text(10000).default('').describe('Required for a review: the progress discussed against the plan'),
  })
  .meta({ id: 'TafMeetingHeld' })

const reasonBody = z.strictObject({ version: z.number().int().min(1), reason: text(5000) })

const toolRecordSchema = z.object({
  toolRecordId: uuid,
  tool: z.string().describe('A progression tool code of the practice model'),
  toolLabel: z.string(),
  stage: z.enum(toolStages),
  completedOn: isoDate,
  completedWith: z.string().nullable().describe('Who in the family took part'),
  summary: z.string().nullable(),
  recordedAt: timestamp,
  recordedBy: z.string(),
})
const toolListSchema = z
  .object({ items: z.array(toolRecordSchema).describe('Newest first') })
  .meta({ id: 'ProgressionToolRecordList' })

const newToolBody = z
  .strictObject({
    tool: text(64).describe('A progression tool code of the authority’s practice model'),
    stage: z.enum(toolStages).describe('baseline: before the first TAF; review: before a TAF review'),
    completedOn: isoDate,
    completedWith: text(500).describe('Who in the family took part'),
    summary: text(10000).nullish(),
  })
  .meta({ id: 'NewProgressionToolRecord' })

/** The service's form field names (others-0-name, attendance-3) as paths in the JSON body. */
async function fieldsInBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new ValidationError(
      error.errors.map(({ anchor: _anchor, ...problem }) => ({
        ...problem,
        field: problem.field.replace(/^others-(\d+)-/, 'others.$1.').replace(/^attendance-\d+$/, 'attendance'),
      })),
    )
  }
}

/** /api/v1: Team Around the Family meetings and progression tool records (issue 8), under the same policy as the pages. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const taf = services.tafMeetings
  const param = (request: { params: unknown }, name: string) =>
    String((request.params as Record<string, unknown>)[name] ?? '').toLowerCase()
  const mayWork = async (request: { params: unknown; requestContext(): RequestContext }) =>
    taf.authorizeWork(request.requestContext(), param(request, 'episodeId'))
  const mayOversee = async (request: { params: unknown; requestContext(): RequestContext }) =>
    taf.authorizeOversee(request.requestContext(), param(request, 'episodeId'))

  async function meetingOf(ctx: RequestContext, episodeId: string, tafMeetingId: string) {
    const { meeting, attendees, missing } = await taf.get(ctx, episodeId, tafMeetingId)
    return {
      tafMeetingId: meeting.taf_meeting_id,
      kind: meeting.kind,
      status: meeting.status,
      plannedOn: meeting.planned_on,
      heldOn: meeting.held_on,
      venue: meeting.venue,
      overridden: meeting.override_reason !== null,
      version: meeting.version,
      attendees: attendees.map(attendee => ({
        position: attendee.position,
        personId: attendee.person_id,
        userId: attendee.user_id,
        name: attendee.name,
        agency: attendee.agency,
        attendance: attendee.attendance,
      })),
      minutes: meeting.minutes,
      progress: meeting.progress,
      cancelledReason: meeting.cancelled_reason,
      override: meeting.override_reason
        ? {
            reason: meeting.override_reason,
            by: meeting.override_by_name,
            at: meeting.override_at ? meeting.override_at.toISOString() : null,
          }
        : null,
      missing: missing.map(problem => ({
        field: problem.field as 'agreement' | 'baselineTool',
        message: problem.message,
      })),
    }
  }

  app.get(
    '/episodes/:episodeId/taf-meetings',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The episode’s Team Around the Family meetings, and when the next one is due',
        tags: ['Team Around the Family'],
        params: episodeParams,
        response: {
          200: ok('The meetings', meetingListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const found = await taf.list(request.requestContext(), request.params.episodeId.toLowerCase())
      return {
        items: found.meetings.map(meeting => ({
          tafMeetingId: meeting.taf_meeting_id,
          kind: meeting.kind,
          status: meeting.status,
          plannedOn: meeting.planned_on,
          heldOn: meeting.held_on,
          venue: meeting.venue,
          overridden: meeting.override_reason !== null,
          version: meeting.version,
        })),
        allocatedOn: found.allocatedOn,
        initialDueOn: found.initialDueOn,
        nextReviewDueOn: found.nextReviewDueOn,
        agreementSignedOn: found.agreedOn,
        baselineToolOn: found.baselineToolOn,
      }
    },
  )

  app.post(
    '/episodes/:episodeId/taf-meetings',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Plan a Team Around the Family meeting: kind, date, venue and who is invited',
        tags: ['Team Around the Family'],
        params: episodeParams,
        body: newMeetingBody,
        response: {
          201: ok('The meeting was planned; Location is its address', createdSchema('tafMeetingId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const episodeId = request.params.episodeId.toLowerCase()
      const body = request.body
      const tafMeetingId = await fieldsInBody(
        taf.plan(request.requestContext(), episodeId, {
          kind: body.kind,
          plannedOn: body.plannedOn,
          venue: body.venue ?? '',
          personIds: body.personIds,
          userIds: body.userIds,
          others: body.others.map(other => ({ name: other.name, agency: other.agency ?? '' })),
        }),
      )
      return reply
        .status(201)
        .header('location', `${app.prefix}/episodes/${episodeId}/taf-meetings/${tafMeetingId}`)
        .send({ tafMeetingId })
    },
  )

  app.get(
    '/episodes/:episodeId/taf-meetings/:tafMeetingId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'A Team Around the Family meeting: who was invited and came, the minutes, and what it still needs',
        tags: ['Team Around the Family'],
        params: meetingParams,
        response: {
          200: ok('The meeting', meetingSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request =>
      meetingOf(
        request.requestContext(),
        request.params.episodeId.toLowerCase(),
        request.params.tafMeetingId.toLowerCase(),
      ),
  )

  app.post(
    '/episodes/:episodeId/taf-meetings/:tafMeetingId/held',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record a Team Around the Family meeting as held: the date, who came, the minutes',
        description:
          'At least one person attended, and the minutes, are the evidence that it happened. The initial meeting ' +
          'needs the early help agreement and a baseline progression of change tool first (001 §4): without them ' +
          'the 400 names what is missing (fields `agreement` and `baselineTool`), unless a manager has let it go ' +
          'ahead. A review needs the progress discussed against the plan, and starts the plan’s next version.',
        tags: ['Team Around the Family'],
        params: meetingParams,
        body: heldBody,
        response: {
          200: ok('The meeting, as held', meetingSchema),
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
      const tafMeetingId = request.params.tafMeetingId.toLowerCase()
      const body = request.body
      await fieldsInBody(
        taf.recordHeld(ctx, episodeId, tafMeetingId, body.version, {
          heldOn: body.heldOn,
          attendance: Object.fromEntries(body.attendance.map(row => [row.position, row.attendance])),
          others: body.others.map(other => ({ name: other.name, agency: other.agency ?? '' })),
          minutes: body.minutes,
          progress: body.progress,
        }),
      )
      return meetingOf(ctx, episodeId, tafMeetingId)
    },
  )

  app.post(
    '/episodes/:episodeId/taf-meetings/:tafMeetingId/cancel',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Cancel a planned Team Around the Family meeting, with the reason',
        tags: ['Team Around the Family'],
        params: meetingParams,
        body: reasonBody,
        response: {
          200: ok('The meeting, cancelled', meetingSchema),
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
      const tafMeetingId = request.params.tafMeetingId.toLowerCase()
      await taf.cancel(ctx, episodeId, tafMeetingId, request.body.version, request.body.reason)
      return meetingOf(ctx, episodeId, tafMeetingId)
    },
  )

  app.post(
    '/episodes/:episodeId/taf-meetings/:tafMeetingId/override',
    {
      config: { access: 'signedIn' },
      preValidation: mayOversee,
      schema: {
        summary: 'A manager lets the initial meeting go ahead without the agreement or the baseline tool',
        description:
          'The reason is kept on the meeting and in the family’s chronology. Team managers and heads of service.',
        tags: ['Team Around the Family'],
        params: meetingParams,
        body: reasonBody,
        response: {
          200: ok('The meeting, which can now be recorded as held', meetingSchema),
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
      const tafMeetingId = request.params.tafMeetingId.toLowerCase()
      await taf.override(ctx, episodeId, tafMeetingId, request.body.version, request.body.reason)
      return meetingOf(ctx, episodeId, tafMeetingId)
    },
  )

  app.get(
    '/episodes/:episodeId/tools',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The progression of change tools completed with the family in the episode',
        tags: ['Progression of change tools'],
        params: episodeParams,
        response: {
          200: ok('The records', toolListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const { records } = await taf.tools(request.requestContext(), request.params.episodeId.toLowerCase())
      return {
        items: records.map(record => ({
          toolRecordId: record.tool_record_id,
          tool: record.tool,
          toolLabel: record.toolLabel,
          stage: record.stage,
          completedOn: record.completed_on,
          completedWith: record.completed_with,
          summary: record.summary,
          recordedAt: record.recorded_at.toISOString(),
          recordedBy: record.recorded_by_name,
        })),
      }
    },
  )

  app.post(
    '/episodes/:episodeId/tools',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record a progression of change tool completed with the family',
        description: 'A baseline before the first Team Around the Family meeting (001 §4). A record is not changed.',
        tags: ['Progression of change tools'],
        params: episodeParams,
        body: newToolBody,
        response: {
          201: ok('The record was saved', createdSchema('toolRecordId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const body = request.body
      const toolRecordId = await taf.recordTool(request.requestContext(), request.params.episodeId.toLowerCase(), {
        tool: body.tool,
        stage: body.stage,
        completedOn: body.completedOn,
        completedWith: body.completedWith,
        summary: body.summary ?? '',
      })
      return reply.status(201).send({ toolRecordId })
    },
  )
}

export default routes
