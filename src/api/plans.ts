import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ValidationError } from '../lib/errors.js'
import type { Services } from '../services/index.js'
import {
  planActionStatuses,
  planOutcomeStatuses,
  tafKinds,
  type ActionInput,
  type OutcomeInput,
  type PlanService,
  type WhoInput,
} from '../services/plans.js'
import { conflictResponse, errorResponses, ok } from './schemas.js'

// The plan's JSON shapes, in camelCase.

const uuid = z.uuid()
const recordId = z.uuid().transform(id => id.toLowerCase())
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const timestamp = z.iso.datetime({ offset: true }).describe('A moment, in ISO 8601 (UTC)')
const text = (max: number) => z.string().trim().max(max)

const episodeParams = z.object({ episodeId: uuid })
const outcomeParams = episodeParams.extend({ outcomeKey: uuid })
const actionParams = episodeParams.extend({ actionKey: uuid })
const versionParams = episodeParams.extend({ planVersionId: uuid })

const versionSummarySchema = z
  .object({
    planVersionId: uuid,
    number: z.number().int().describe('1 for the first version; a new version starts at each review meeting'),
    startedOn: isoDate,
    tafMeeting: z
      .object({ tafMeetingId: uuid, kind: z.enum(tafKinds), heldOn: isoDate.nullable() })
      .nullable()
      .describe('The Team Around the Family meeting that started this version; null for a plan the worker created'),
    latest: z.boolean().describe('Whether this is the plan in force; earlier versions cannot be changed'),
  })
  .meta({ id: 'PlanVersionSummary' })

const actionSchema = z.object({
  actionKey: uuid.describe('The same action in every version'),
  outcomeKey: uuid,
  action: z.string().describe('What will be done'),
  who: z.object({
    personId: uuid.nullable().describe('A member of the family'),
    userId: uuid.nullable().describe('A user: the worker or the lead professional'),
    name: z.string(),
    agency: z.string().nullable(),
  }),
  byWhen: isoDate,
  status: z.enum(planActionStatuses),
  overdue: z.boolean().describe('In the plan in force: its date has passed and it is not started or in progress'),
})

const planVersionSchema = versionSummarySchema
  .extend({
    version: z
      .number()
      .int()
      .describe('Send it with a change to the plan in force: a change to an older version is refused (409)'),
    updatedAt: timestamp,
    outcomes: z.array(
      z.object({
        outcomeKey: uuid.describe('The same outcome in every version'),
        outcome: z.string().describe('What will be different for the family'),
        measure: z.string().nullable().describe('How we will know'),
        targetDate: isoDate.nullable(),
        outcomeArea: z.object({ code: z.string(), label: z.string() }).nullable(),
        needs: z
          .array(z.object({ needId: uuid, description: z.string() }))
          .describe('The needs the assessment identified that the outcome answers'),
        status: z.enum(planOutcomeStatuses),
        actions: z.array(actionSchema),
      }),
    ),
  })
  .meta({ id: 'PlanVersion' })

const planSchema = z
  .object({
    current: planVersionSchema.nullable().describe('The plan in force; null when there is no plan yet'),
    versions: z.array(versionSummarySchema).describe('Every version, the newest first'),
  })
  .meta({ id: 'Plan' })

const itemChangeSchema = z.object({
  key: uuid.describe('The outcomeKey or actionKey'),
  change: z.enum(['added', 'removed', 'changed']),
  title: z.string(),
  outcome: z.string().optional().describe('For an action: the outcome it works towards'),
  changes: z
    .array(z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string(), text: z.string() }))
    .describe('For a change: each field that changed, in words'),
  fields: z
    .array(z.object({ label: z.string(), value: z.string() }))
    .describe('For an addition or removal: the fields as they stood'),
})

const planChangesSchema = z
  .object({
    from: versionSummarySchema.nullable().describe('The version before; null for version 1'),
    to: versionSummarySchema,
    outcomes: z.array(itemChangeSchema),
    actions: z.array(itemChangeSchema),
    unchangedOutcomes: z.number().int(),
    unchangedActions: z.number().int(),
  })
  .meta({ id: 'PlanChanges' })

const outcomeBody = z
  .strictObject({
    version: z.number().int().min(1).describe('The plan’s version, from the plan as last read'),
    outcome: text(2000).describe('What will be different for the family'),
    measure: text(2000).describe('How we will know it has happened'),
    targetDate: isoDate.describe('By when; today or later when set or changed'),
    outcomeArea: text(64).nullable().default(null).describe('An outcome area code of the authority’s practice model'),
    needIds: z.array(recordId).max(50).default([]).describe('Needs identified in the episode’s assessments'),
    status: z.enum(planOutcomeStatuses).optional().describe('Open when left out on a new outcome'),
  })
  .meta({ id: 'PlanOutcome' })

const actionBody = z
  .strictObject({
    version: z.number().int().min(1).describe('The plan’s version, from the plan as last read'),
    outcomeKey: recordId.describe('The outcome it works towards'),
    action: text(2000).describe('What will be done'),
    who: z
      .strictObject({
        personId: recordId.optional().describe('A current member of the family'),
        userId: recordId.optional().describe('The episode’s worker or lead professional'),
        name: text(200).optional().describe('Anyone else: their name (or the agency’s)'),
        agency: text(200).nullish(),
      })
      .describe('One of personId, userId or name'),
    byWhen: isoDate.describe('Today or later when set or changed'),
    status: z.enum(planActionStatuses).optional().describe('Not started when left out on a new action'),
  })
  .meta({ id: 'PlanAction' })

const savedSchema = <K extends string>(key: K) =>
  z.object({ [key]: uuid, version: z.number().int().describe('The plan’s version now') } as Record<
    K | 'version',
    z.ZodType
  >)

type Loaded = Awaited<ReturnType<PlanService['view']>>['plan'] & object
type Summary = Awaited<ReturnType<PlanService['view']>>['versions'][number]

const summaryJson = (version: Summary) => ({
  planVersionId: version.planVersionId,
  number: version.number,
  startedOn: version.startedOn,
  tafMeeting: version.tafMeeting,
  latest: version.latest,
})

const versionJson = (plan: Loaded) => ({
  ...summaryJson(plan),
  version: plan.version,
  updatedAt: plan.updatedAt.toISOString(),
  outcomes: plan.outcomes.map(outcome => ({
    outcomeKey: outcome.outcomeKey,
    outcome: outcome.outcome,
    measure: outcome.measure,
    targetDate: outcome.targetDate,
    outcomeArea: outcome.outcomeArea
      ? { code: outcome.outcomeArea, label: outcome.outcomeAreaLabel ?? outcome.outcomeArea }
      : null,
    needs: outcome.needs,
    status: outcome.status,
    actions: outcome.actions.map(action => ({
      actionKey: action.actionKey,
      outcomeKey: action.outcomeKey,
      action: action.action,
      who: action.who,
      byWhen: action.byWhen,
      status: action.status,
      overdue: action.overdue,
    })),
  })),
})

const whoOf = (who: z.infer<typeof actionBody>['who']): WhoInput =>
  who.personId
    ? { kind: 'person', personId: who.personId }
    : who.userId
      ? { kind: 'user', userId: who.userId }
      : who.name !== undefined
        ? { kind: 'other', name: who.name, agency: who.agency ?? null }
        : null

/** The service's field names as paths in the JSON body (whoName → who.name). */
async function fieldsInBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new ValidationError(
      error.errors.map(problem => ({
        ...problem,
        field: problem.field === 'whoName' ? 'who.name' : problem.field,
      })),
    )
  }
}

/**
 * The plan on /api/v1: the version in force with its versions, changes to its outcomes and actions (each with
 * the plan's version: a stale one is refused), earlier versions as they stood and what changed between them.
 * The same services and policy as the pages; writes are authorised before their body is validated.
 */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const at = (path: string) => `${app.prefix}${path}`
  const episodeOf = (request: { params: unknown }) =>
    String((request.params as Record<string, unknown>).episodeId ?? '').toLowerCase()
  const preValidation = async (request: FastifyRequest) =>
    services.plans.authorizeWork(request.requestContext(), episodeOf(request))
  const writeResponses = (description: string, schema: z.ZodType, status: 200 | 201) => ({
    [status]: ok(description, schema),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: conflictResponse,
  })
  const readResponses = (description: string, schema: z.ZodType) => ({
    200: ok(description, schema),
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  })

  app.get(
    '/episodes/:episodeId/plan',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The plan in force, with its SMART outcomes and actions, and the list of its versions',
        tags: ['Plans'],
        params: episodeParams,
        response: readResponses('The plan', planSchema),
      },
    },
    async request => {
      const { plan, versions } = await services.plans.view(
        request.requestContext(),
        request.params.episodeId.toLowerCase(),
      )
      return { current: plan ? versionJson(plan) : null, versions: versions.map(summaryJson) }
    },
  )

  app.post(
    '/episodes/:episodeId/plan',
    {
      config: { access: 'signedIn' },
      preValidation,
      schema: {
        summary: 'Create the plan: version 1, from today',
        description: 'The episode must be open and allocated, and have no plan yet (409 if it has one).',
        tags: ['Plans'],
        params: episodeParams,
        response: writeResponses(
          'The plan was created; Location is its first version',
          z.object({ planVersionId: uuid, number: z.number().int() }),
          201,
        ),
      },
    },
    async (request, reply) => {
      const episodeId = request.params.episodeId.toLowerCase()
      const created = await services.plans.create(request.requestContext(), episodeId)
      return reply
        .code(201)
        .header('Location', at(`/episodes/${episodeId}/plan/versions/${created.planVersionId}`))
        .send(created)
    },
  )

  const outcomeInput = (body: z.infer<typeof outcomeBody>): OutcomeInput => ({
    version: body.version,
    outcome: body.outcome,
    measure: body.measure,
    targetDate: body.targetDate,
    outcomeArea: body.outcomeArea || null,
    needIds: body.needIds,
    status: body.status ?? null,
  })

  app.post(
    '/episodes/:episodeId/plan/outcomes',
    {
      config: { access: 'signedIn' },
      preValidation,
      schema: {
        summary: 'Add a SMART outcome to the plan in force',
        tags: ['Plans'],
        params: episodeParams,
        body: outcomeBody,
        response: writeResponses('The outcome was added', savedSchema('outcomeKey'), 201),
      },
    },
    async (request, reply) => {
      const saved = await fieldsInBody(
        services.plans.addOutcome(
          request.requestContext(),
          request.params.episodeId.toLowerCase(),
          outcomeInput(request.body),
        ),
      )
      return reply.code(201).send(saved)
    },
  )

  app.put(
    '/episodes/:episodeId/plan/outcomes/:outcomeKey',
    {
      config: { access: 'signedIn' },
      preValidation,
      schema: {
        summary: 'Change an outcome of the plan in force',
        description: 'Every field is sent. Earlier versions cannot be changed.',
        tags: ['Plans'],
        params: outcomeParams,
        body: outcomeBody,
        response: writeResponses('The outcome was changed', savedSchema('outcomeKey'), 200),
      },
    },
    async request =>
      fieldsInBody(
        services.plans.changeOutcome(
          request.requestContext(),
          request.params.episodeId.toLowerCase(),
          request.params.outcomeKey.toLowerCase(),
          outcomeInput(request.body),
        ),
      ),
  )

  const actionInput = (body: z.infer<typeof actionBody>): ActionInput => ({
    version: body.version,
    outcomeKey: body.outcomeKey,
    action: body.action,
    who: whoOf(body.who),
    byWhen: body.byWhen,
    status: body.status ?? null,
  })

  app.post(
    '/episodes/:episodeId/plan/actions',
    {
      config: { access: 'signedIn' },
      preValidation,
      schema: {
        summary: 'Add an action towards an outcome of the plan in force: what, who, by when',
        tags: ['Plans'],
        params: episodeParams,
        body: actionBody,
        response: writeResponses('The action was added', savedSchema('actionKey'), 201),
      },
    },
    async (request, reply) => {
      const saved = await fieldsInBody(
        services.plans.addAction(
          request.requestContext(),
          request.params.episodeId.toLowerCase(),
          actionInput(request.body),
        ),
      )
      return reply.code(201).send(saved)
    },
  )

  app.put(
    '/episodes/:episodeId/plan/actions/:actionKey',
    {
      config: { access: 'signedIn' },
      preValidation,
      schema: {
        summary: 'Change an action of the plan in force, or how it stands',
        description: 'Every field is sent. Earlier versions cannot be changed.',
        tags: ['Plans'],
        params: actionParams,
        body: actionBody,
        response: writeResponses('The action was changed', savedSchema('actionKey'), 200),
      },
    },
    async request =>
      fieldsInBody(
        services.plans.changeAction(
          request.requestContext(),
          request.params.episodeId.toLowerCase(),
          request.params.actionKey.toLowerCase(),
          actionInput(request.body),
        ),
      ),
  )

  app.get(
    '/episodes/:episodeId/plan/versions/:planVersionId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One version of the plan as it stood',
        tags: ['Plans'],
        params: versionParams,
        response: readResponses('The version', planVersionSchema),
      },
    },
    async request => {
      const { plan } = await services.plans.version(
        request.requestContext(),
        request.params.episodeId.toLowerCase(),
        request.params.planVersionId.toLowerCase(),
      )
      return versionJson(plan)
    },
  )

  app.get(
    '/episodes/:episodeId/plan/versions/:planVersionId/changes',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'What changed in a version of the plan from the one before',
        description: 'Outcomes and actions added, removed, and changed field by field, in words.',
        tags: ['Plans'],
        params: versionParams,
        response: readResponses('The changes', planChangesSchema),
      },
    },
    async request => {
      const { plan, previous, changes } = await services.plans.changes(
        request.requestContext(),
        request.params.episodeId.toLowerCase(),
        request.params.planVersionId.toLowerCase(),
      )
      return {
        from: previous ? summaryJson(previous) : null,
        to: summaryJson(plan),
        outcomes: changes?.outcomes ?? [],
        actions: changes?.actions ?? [],
        unchangedOutcomes: changes?.unchangedOutcomes ?? 0,
        unchangedActions: changes?.unchangedActions ?? 0,
      }
    },
  )
}

export default routes
