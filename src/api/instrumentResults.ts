import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { NotFoundError, ValidationError } from '../lib/errors.js'
import type { Services } from '../services/index.js'
import {
  instrumentBoxes,
  isResultInstrument,
  resultInstruments,
  type InstrumentResultInput,
  type ResultInstrument,
} from '../services/instrumentResults.js'
import { gcp2Areas, GCP2_OVERALL_FIELD, rcadsScales, SCORE15, score15Field } from '../services/instruments.js'
import { toolStages } from '../services/tafMeetings.js'
import { createdSchema, errorResponses, ok } from './schemas.js'
import { mayWorkOnEpisode } from './episodeAccess.js'

const uuid = z.uuid()
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const text = (max: number) => z.string().trim().max(max)
const instrumentParams = z.strictObject({
  episodeId: uuid.describe('The episode’s id'),
  instrument: z
    .string()
    .max(40)
    .describe(`One of ${resultInstruments.join(', ')}; anything else is not found`),
})

const resultSchema = z
  .object({
    item: z
      .string()
      .describe('The area, scale or question: GCP2 area codes and overall; RCADS scale codes; SCORE-15 item1 … item15'),
    label: z.string(),
    value: z.number().int(),
    band: z
      .enum(['normal', 'borderline', 'clinical'])
      .nullable()
      .describe('RCADS only: below 65 normal, 65 to 69 borderline, 70 or over clinical (UCLA); null otherwise'),
  })
  .meta({ id: 'InstrumentResultItem' })

const score15Schema = z
  .object({
    total: z.number().describe('The mean of all fifteen item scores, 1 to 5; higher means more difficulty'),
    subscales: z.object({
      strengths: z.number().describe('Strengths and adaptability: items 1, 3, 6, 10, 15'),
      overwhelmed: z.number().describe('Overwhelmed by difficulties: items 5, 7, 9, 11, 14'),
      communication: z.number().describe('Disrupted communication: items 2, 4, 8, 12, 13'),
    }),
  })
  .nullable()
  .describe('SCORE-15 only, as its published scoring defines (Stratton et al. 2014); null otherwise')

const recordSchema = z
  .object({
    toolRecordId: uuid,
    stage: z.enum(toolStages),
    completedOn: isoDate,
    completedWith: z.string().nullable(),
    subject: z
      .object({ personId: uuid, name: z.string() })
      .nullable()
      .describe('GCP2 and RCADS: the child it is about; SCORE-15: the family member who answered'),
    summary: z.string().nullable(),
    recordedBy: z.string(),
    results: z.array(resultSchema).describe('In the order of the form'),
    score15: score15Schema,
  })
  .meta({ id: 'InstrumentRecord' })

const recordListSchema = z
  .object({
    instrument: z.enum(resultInstruments),
    tool: z.string().describe('The progression tool’s code in the practice model'),
    label: z.string(),
    items: z.array(recordSchema).describe('Oldest first'),
  })
  .meta({ id: 'InstrumentRecordList' })

const newRecordBody = z
  .strictObject({
    stage: z.enum(toolStages).describe('baseline: before the first TAF; review: before a TAF review; closing'),
    completedOn: isoDate,
    completedWith: text(500).describe('Who in the family took part'),
    subjectPersonId: uuid.describe(
      'GCP2 and RCADS: a child the episode is about; SCORE-15: the current family member who answered',
    ),
    summary: text(10000).nullish(),
    answers: z
      .array(z.number().int())
      .max(SCORE15.items)
      .optional()
      .describe('SCORE-15 only: the fifteen answers in question order, each 1 to 5; answers[0] is question 1'),
    scores: z
      .strictObject(Object.fromEntries(rcadsScales.map(scale => [scale.code, z.number().int().optional()])))
      .optional()
      .describe('RCADS only: the T-score of every scale, each 20 to 120, as the RCADS scoring programme gives it'),
    grades: z
      .strictObject(
        Object.fromEntries(
          [...gcp2Areas.map(area => area.code), GCP2_OVERALL_FIELD].map(code => [code, z.number().int().optional()]),
        ),
      )
      .optional()
      .describe('GCP2 only: each area’s grade and the overall grade as judged, each 1 (best) to 5'),
  })
  .meta({ id: 'NewInstrumentRecord' })

/** Which part of the body holds each instrument's results. */
const resultsKey: Record<ResultInstrument, 'answers' | 'scores' | 'grades'> = {
  'graded-care-profile-2': 'grades',
  rcads: 'scores',
  'score-15': 'answers',
}

/** The service's form field names as paths in the JSON body: item4 → answers.3, panic → scores.panic. */
function pathInBody(instrument: ResultInstrument, field: string) {
  if (instrument === 'score-15') {
    const item = /^item(\d+)$/.exec(field)
    return item ? `answers.${Number(item[1]) - 1}` : field
  }
  return instrumentBoxes(instrument).some(box => box.field === field) ? `${resultsKey[instrument]}.${field}` : field
}

async function fieldsInBody<T>(instrument: ResultInstrument, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new ValidationError(
      error.errors.map(({ anchor: _anchor, ...problem }) => ({
        ...problem,
        field: pathInBody(instrument, problem.field),
      })),
    )
  }
}

/** /api/v1: the results of Graded Care Profile 2, RCADS and SCORE-15 on an episode (issue 9), as the pages. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const instrumentResults = services.instrumentResults
  const mayWork = mayWorkOnEpisode(services)
  const instrumentOf = (value: string) => {
    if (!isResultInstrument(value)) throw new NotFoundError()
    return value
  }

  app.get(
    '/episodes/:episodeId/instruments/:instrument',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The results of an instrument completed with the family: GCP2, RCADS or SCORE-15',
        tags: ['Progression of change tools'],
        params: instrumentParams,
        response: {
          200: ok('The records, with RCADS bands and SCORE-15 scores', recordListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const instrument = instrumentOf(request.params.instrument)
      const found = await instrumentResults.view(
        request.requestContext(),
        request.params.episodeId.toLowerCase(),
        instrument,
      )
      return {
        instrument,
        tool: found.tool.code,
        label: found.tool.label,
        items: found.records.map(record => ({
          toolRecordId: record.toolRecordId,
          stage: record.stage,
          completedOn: record.completedOn,
          completedWith: record.completedWith,
          subject:
            record.subjectPersonId && record.subjectName
              ? { personId: record.subjectPersonId, name: record.subjectName }
              : null,
          summary: record.summary,
          recordedBy: record.recordedByName,
          results: record.results.map(result => ({
            item: result.item,
            label: result.label,
            value: result.value,
            band: result.band,
          })),
          score15: record.score15
            ? {
                total: record.score15.total,
                subscales: {
                  strengths: record.score15.subscales.find(one => one.code === 'strengths')!.score,
                  overwhelmed: record.score15.subscales.find(one => one.code === 'overwhelmed')!.score,
                  communication: record.score15.subscales.find(one => one.code === 'communication')!.score,
                },
              }
            : null,
        })),
      }
    },
  )

  app.post(
    '/episodes/:episodeId/instruments/:instrument',
    {
      config: { access: 'signedIn' },
      preValidation: mayWork,
      schema: {
        summary: 'Record the results of an instrument completed with the family: GCP2, RCADS or SCORE-15',
        description:
          'The stage, the date, who took part and whom it is about, and the results in the part of the body for the ' +
          'instrument: `grades` (graded-care-profile-2), `scores` (rcads) or `answers` (score-15). Every problem is ' +
          'reported together, each with its path (`answers.3` is question 4). Not changed later.',
        tags: ['Progression of change tools'],
        params: instrumentParams,
        body: newRecordBody,
        response: {
          201: ok('The results were saved', createdSchema('toolRecordId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const instrument = instrumentOf(request.params.instrument)
      const body = request.body
      const wrongParts = (['answers', 'scores', 'grades'] as const).filter(
        key => key !== resultsKey[instrument] && body[key] !== undefined,
      )
      if (wrongParts.length > 0)
        throw new ValidationError(
          wrongParts.map(key => ({
            field: key,
            message: `The ${instrument} results go in ${resultsKey[instrument]}, not ${key}`,
          })),
        )
      const values: InstrumentResultInput['values'] =
        instrument === 'score-15'
          ? Object.fromEntries((body.answers ?? []).map((answer, index) => [score15Field(index + 1), answer]))
          : { ...((instrument === 'rcads' ? body.scores : body.grades) ?? {}) }
      const toolRecordId = await fieldsInBody(
        instrument,
        instrumentResults.record(request.requestContext(), request.params.episodeId.toLowerCase(), instrument, {
          stage: body.stage,
          completedOn: body.completedOn,
          completedWith: body.completedWith,
          subjectPersonId: body.subjectPersonId.toLowerCase(),
          summary: body.summary ?? '',
          values,
        }),
      )
      return reply.status(201).send({ toolRecordId })
    },
  )
}

export default routes
