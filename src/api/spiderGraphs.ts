import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ValidationError } from '../lib/errors.js'
import type { Services } from '../services/index.js'
import { scorerKinds } from '../services/spiderGraphs.js'
import { toolStages } from '../services/tafMeetings.js'
import { createdSchema, errorResponses, ok } from './schemas.js'
import { mayWorkOnEpisode } from './episodeAccess.js'

const uuid = z.uuid()
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const text = (max: number) => z.string().trim().max(max)
const episodeParams = z.strictObject({ episodeId: uuid.describe('The episode’s id') })
const direction = z.enum(['improving', 'no_change', 'worse'])

const scoreSchema = z
  .object({
    domain: z.string().describe('The domain’s code in the practice model'),
    label: z.string().describe('The domain as it was named when scored'),
    worker: z.number().int(),
    parent: z.number().int().nullable(),
    child: z.number().int().nullable(),
  })
  .meta({ id: 'SpiderGraphScore' })

const spiderGraphSchema = z
  .object({
    toolRecordId: uuid,
    stage: z.enum(toolStages),
    completedOn: isoDate,
    completedWith: z.string().nullable(),
    parent: z.string().nullable().describe('The parent or carer who gave their own scores'),
    child: z.string().nullable().describe('The child who gave their own scores'),
    familyViews: z.string().nullable(),
    summary: z.string().nullable(),
    recordedBy: z.string(),
    scores: z.array(scoreSchema),
  })
  .meta({ id: 'SpiderGraph' })

const spiderGraphListSchema = z
  .object({
    items: z.array(spiderGraphSchema).describe('Oldest first'),
    directionOfTravel: z
      .object({
        overall: direction,
        change: z.number().int().describe('The sum of the changes in the worker’s scores, latest less baseline'),
        baselineOn: isoDate,
        latestOn: isoDate,
        domains: z.array(
          z.object({
            domain: z.string(),
            label: z.string(),
            baseline: z.number().int().nullable(),
            latest: z.number().int(),
            direction: direction.nullable().describe('null for a domain with no baseline score'),
          }),
        ),
      })
      .nullable()
      .describe('The latest against the baseline; null until there are both'),
  })
  .meta({ id: 'SpiderGraphList' })

const score = z.number().int().min(1, 'A score is from 1 to 10').max(10, 'A score is from 1 to 10')
const newSpiderGraphBody = z
  .strictObject({
    stage: z.enum(toolStages).describe('baseline: before the first TAF; review: before a TAF review; closing'),
    completedOn: isoDate,
    completedWith: text(500).describe('Who in the family took part'),
    parentPersonId: uuid.nullish().describe('The parent or carer who gave their own scores, if one did'),
    childPersonId: uuid.nullish().describe('The child who gave their own scores, if one did'),
    familyViews: text(10000).nullish().describe('What the family want the meeting to hear'),
    summary: text(10000).nullish(),
    scores: z
      .record(
        z.string().max(64),
        z.strictObject({ worker: score.nullish(), parent: score.nullish(), child: score.nullish() }),
      )
      .describe('Per domain code of the practice model: the worker’s score (every domain) and any parent’s or child’s'),
  })
  .meta({ id: 'NewSpiderGraph' })

/** The service's form field names (score-health-worker) as paths in the JSON body (scores.health.worker). */
async function fieldsInBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new ValidationError(
      error.errors.map(({ anchor: _anchor, ...problem }) => ({
        ...problem,
        field: problem.field.replace(new RegExp(`^score-(.+)-(${scorerKinds.join('|')})$`), 'scores.$1.$2'),
      })),
    )
  }
}

/** /api/v1: the spider graph of an episode and its direction of travel (issue 9), under the same policy as the pages. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const spiderGraphs = services.spiderGraphs
  const mayWork = mayWorkOnEpisode(services)

  app.get(
    '/episodes/:episodeId/spider-graphs',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The spider graphs scored with the family, and the direction of travel',
        tags: ['Progression of change tools'],
        params: episodeParams,
        response: {
          200: ok('The spider graphs', spiderGraphListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const found = await spiderGraphs.view(request.requestContext(), request.params.episodeId.toLowerCase())
      return {
        items: [...found.graphs].reverse().map(graph => ({
          toolRecordId: graph.toolRecordId,
          stage: graph.stage,
          completedOn: graph.completedOn,
          completedWith: graph.completedWith,
          parent: graph.parentName,
          child: graph.childName,
          familyViews: graph.familyViews,
          summary: graph.summary,
          recordedBy: graph.recordedByName,
          scores: graph.scores.map(one => ({
            domain: one.domainCode,
            label: one.domainLabel,
            worker: one.worker,
            parent: one.parent,
            child: one.child,
          })),
        })),
        directionOfTravel:
          found.direction?.overall && found.baseline && found.latest
            ? {
                overall: found.direction.overall,
                change: found.direction.change,
                baselineOn: found.baseline.completedOn,
                latestOn: found.latest.completedOn,
                domains: found.direction.domains.map(domain => ({
                  domain: domain.domainCode,
                  label: domain.domainLabel,
                  baseline: domain.baseline,
                  latest: domain.latest,
                  direction: domain.direction,
                })),
              }
            : null,
      }
    },
  )

  app.post(
    '/episodes/:episodeId/spider-graphs',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record a spider graph scored with the family',
        description:
          'Every domain of the practice model scored 1–10 by the worker; a parent’s and a child’s own scores where ' +
          'they gave them. A baseline before the first Team Around the Family meeting (001 §4). Not changed later.',
        tags: ['Progression of change tools'],
        params: episodeParams,
        body: newSpiderGraphBody,
        response: {
          201: ok('The spider graph was saved', createdSchema('toolRecordId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const body = request.body
      const asText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value))
      const toolRecordId = await fieldsInBody(
        spiderGraphs.record(request.requestContext(), request.params.episodeId.toLowerCase(), {
          stage: body.stage,
          completedOn: body.completedOn,
          completedWith: body.completedWith,
          parentPersonId: body.parentPersonId?.toLowerCase() ?? null,
          childPersonId: body.childPersonId?.toLowerCase() ?? null,
          familyViews: body.familyViews ?? '',
          summary: body.summary ?? '',
          scores: Object.fromEntries(
            Object.entries(body.scores).map(([code, scores]) => [
              code,
              { worker: asText(scores.worker), parent: asText(scores.parent), child: asText(scores.child) },
            ]),
          ),
        }),
      )
      return reply.status(201).send({ toolRecordId })
    },
  )
}

export default routes
