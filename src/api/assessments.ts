import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParam } from '../lib/forms.js'
import { assessmentStatuses } from '../services/assessments.js'
import type { RequestContext, Services } from '../services/index.js'
import { conflictResponse, errorResponses, ok } from './schemas.js'

const uuid = z.uuid()
/** An id in a request body, lower-cased as the database keeps it. */
const recordId = z.uuid().transform(id => id.toLowerCase())
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const timestamp = z.iso.datetime({ offset: true }).describe('A moment, in ISO 8601 (UTC)')

const episodeParams = z.strictObject({ episodeId: uuid.describe('The episode’s id') })
const assessmentParams = episodeParams.extend({ assessmentId: uuid.describe('The assessment’s id') })

const sectionAbout = z
  .enum(['family', 'each_child', 'each_parent'])
  .describe('Whom the section is written about: the family, each child in scope, or each parent and carer')

const entryShape = {
  personId: uuid.nullable().describe('The child or parent the text is about; null for the family'),
  name: z.string().nullable(),
  relation: z.string().nullable().describe('child, father, mother, parent, carer, male carer'),
  father: z.boolean().describe('A father (or male carer): his missing view is named as his'),
  body: z.string().nullable(),
  notRecordedReason: z.string().nullable().describe('Each parent and carer: why their view could not be recorded'),
}
const needShape = {
  needId: uuid,
  description: z.string(),
  outcomeArea: z.string().describe('A code of the practice model’s outcome areas; empty while not chosen'),
  outcomeAreaLabel: z.string(),
}

const sectionSchema = z.object({
  code: z.string().describe('The practice model’s section code'),
  label: z.string(),
  about: sectionAbout,
  entries: z.array(
    z.object({
      ...entryShape,
      field: z.string().describe('The name a 400 gives a problem with this text'),
      reasonField: z.string().nullable().describe('The name a 400 gives a problem with the reason'),
    }),
  ),
})

const snapshotSchema = z
  .object({
    type: z.object({ code: z.string(), label: z.string() }),
    startedOn: isoDate,
    completingAgency: z.string(),
    sections: z.array(
      z.object({ code: z.string(), label: z.string(), about: sectionAbout, entries: z.array(z.object(entryShape)) }),
    ),
    needs: z.array(z.object(needShape)),
  })
  .describe('The assessment as it stood when submitted, with people’s names and the outcome areas’ words')

const versionSchema = z.object({
  number: z.number().int().describe('1 for the first submission, 2 for the next …'),
  submittedAt: timestamp,
  submittedBy: z.string(),
  decision: z.enum(['approved', 'returned']).nullable().describe('Null while waiting for the manager'),
  comments: z.string().nullable().describe('The manager’s comments; always given when returned'),
  decidedAt: timestamp.nullable(),
  decidedBy: z.string().nullable(),
  content: snapshotSchema,
})

const summaryShape = {
  assessmentId: uuid,
  type: z.object({ code: z.string(), label: z.string() }).describe('One of the practice model’s assessment types'),
  status: z.enum(assessmentStatuses).describe('draft → submitted → approved, or returned and submitted again'),
  startedOn: isoDate,
  completingAgency: z.string(),
  completedBy: z.string().describe('The name of the user who started it'),
  submittedOn: isoDate.nullable().describe('The day it was last submitted'),
  approvedOn: isoDate.nullable(),
  version: z.number().int().describe('Send it back with a change: a change to an older version is refused'),
}

const assessmentSummarySchema = z.object(summaryShape).meta({ id: 'AssessmentSummary' })
const assessmentListSchema = z
  .object({ items: z.array(assessmentSummarySchema).describe('The latest started first') })
  .meta({ id: 'AssessmentList' })

const assessmentSchema = z
  .object({
    ...summaryShape,
    sections: z
      .array(sectionSchema)
      .describe(
        'The model’s sections, each with an entry for the family, each child in scope or each parent and carer',
      ),
    needs: z.array(z.object(needShape)).describe('The needs identified, in order'),
    versions: z.array(versionSchema).describe('Each submission as it stood and the decision on it, the first first'),
  })
  .meta({ id: 'Assessment' })

const newAssessmentBody = z
  .strictObject({
    assessmentType: z.string().trim().max(64).describe('A code of the practice model’s assessment types'),
    startedOn: isoDate.describe('Today or earlier, and not before the episode opened'),
    completingAgency: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Who completes it; by default the user’s agency or team, or “Early help”'),
  })
  .meta({ id: 'NewAssessment' })

const assessmentUpdateBody = z
  .strictObject({
    version: z.number().int().min(1).describe('The version the change was made to, from the assessment as last read'),
    entries: z
      .array(
        z.strictObject({
          section: z.string().max(64).describe('A section code'),
          personId: recordId
            .nullable()
            .default(null)
            .describe('For a section about each child or each parent: whom; null for the family'),
          body: z.string().max(20_000).nullable().default(null),
          notRecordedReason: z
            .string()
            .max(20_000)
            .nullable()
            .default(null)
            .describe('Each parent and carer only: why their view could not be recorded'),
        }),
      )
      .max(500)
      .default([])
      .describe('The texts to change; a text not sent stays as it is, an empty one is removed'),
    needs: z
      .array(
        z.strictObject({
          needId: recordId.nullable().default(null).describe('A saved need’s id, to keep it (a plan may answer it)'),
          description: z.string().max(500).describe('An empty description adds nothing, or removes the saved need'),
          outcomeArea: z.string().max(64).nullable().default(null),
        }),
      )
      .max(60)
      .optional()
      .describe(
        'When sent, every need in order: a saved need left out is removed. Not sent: the needs stay as they are',
      ),
  })
  .meta({ id: 'AssessmentUpdate' })

const submitBody = z.strictObject({
  version: z.number().int().min(1).describe('The version submitted, from the assessment as last read'),
})

const decisionBody = z
  .strictObject({
    version: z.number().int().min(1),
    decision: z.enum(['approve', 'return']),
    comments: z
      .string()
      .trim()
      .max(10_000)
      .default('')
      .describe('What must change before it can be approved: needed to return it'),
  })
  .meta({ id: 'AssessmentDecision' })

const fieldNames =
  'A 400 names each problem by field: `entry-<section>` (a family section), `entry-<section>-<personId>` (a child’s ' +
  'section, or a parent’s view), `reason-<section>-<personId>`, `need-<n>-description` and `need-<n>-outcomeArea` ' +
  '(n counts the needs sent, from 1).'

/** /api/v1: the whole-family assessment (issue 8), under the same policy as the pages. */
const routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const assessments = services.assessments
  const at = (path: string) => `${app.prefix}${path}`

  async function assessmentBody(ctx: RequestContext, episodeId: string, assessmentId: string) {
    const found = await assessments.get(ctx, episodeId, assessmentId)
    const { assessment, content } = found
    return {
      assessmentId: assessment.assessment_id,
      type: { code: assessment.assessment_type, label: found.typeLabel },
      status: assessment.status,
      startedOn: assessment.started_on,
      completingAgency: assessment.completing_agency,
      completedBy: assessment.worker_name,
      submittedOn: assessment.submitted_on,
      approvedOn: assessment.approved_on,
      version: assessment.version,
      sections: content.sections,
      needs: content.needs.map(need => ({ ...need, needId: need.needId! })),
      versions: found.versions.map(version => ({
        number: version.number,
        submittedAt: new Date(version.submittedAt).toISOString(),
        submittedBy: version.submittedBy,
        decision: version.decision,
        comments: version.comments,
        decidedAt: version.decidedAt ? new Date(version.decidedAt).toISOString() : null,
        decidedBy: version.decidedBy,
        content: version.snapshot,
      })),
    }
  }

  const ids = (request: { params: unknown }) => ({
    episodeId: idParam(request.params, 'episodeId'),
    assessmentId: idParam(request.params, 'assessmentId'),
  })

  app.get(
    '/episodes/:episodeId/assessments',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The assessments of an episode',
        description: 'For everyone who sees the case.',
        tags: ['Episodes'],
        params: episodeParams,
        response: {
          200: ok('The assessments', assessmentListSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const found = await assessments.list(request.requestContext(), request.params.episodeId.toLowerCase())
      return {
        items: found.assessments.map(row => ({
          assessmentId: row.assessment_id,
          type: { code: row.assessment_type, label: row.typeLabel },
          status: row.status,
          startedOn: row.started_on,
          completingAgency: row.completing_agency,
          completedBy: row.worker_name,
          submittedOn: row.submitted_on,
          approvedOn: row.approved_on,
          version: row.version,
        })),
      }
    },
  )

  app.post(
    '/episodes/:episodeId/assessments',
    {
      config: { access: 'signedIn' },
      preValidation: async request =>
        assessments.authorizeWork(request.requestContext(), idParam(request.params, 'episodeId')),
      schema: {
        summary: 'Start an assessment of an episode',
        description:
          'For those who work the case, once it is allocated. One assessment is worked at a time; after one is ' +
          'approved, a re-assessment starts with its content.',
        tags: ['Episodes'],
        params: episodeParams,
        body: newAssessmentBody,
        response: {
          201: ok('The assessment was started, as a draft', z.object({ assessmentId: uuid })),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const ctx = request.requestContext()
      const episodeId = request.params.episodeId.toLowerCase()
      const completingAgency =
        request.body.completingAgency ?? (await assessments.startForm(ctx, episodeId)).completingAgency
      const assessmentId = await assessments.start(ctx, episodeId, {
        assessmentType: request.body.assessmentType,
        startedOn: request.body.startedOn,
        completingAgency,
      })
      return reply
        .code(201)
        .header('Location', at(`/episodes/${episodeId}/assessments/${assessmentId}`))
        .send({ assessmentId })
    },
  )

  app.get(
    '/episodes/:episodeId/assessments/:assessmentId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'An assessment: its sections, identified needs and versions',
        description: 'For everyone who sees the case. Each version is the assessment as it was submitted.',
        tags: ['Episodes'],
        params: assessmentParams,
        response: {
          200: ok('The assessment', assessmentSchema),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async request => {
      const { episodeId, assessmentId } = ids(request)
      return assessmentBody(request.requestContext(), episodeId, assessmentId)
    },
  )

  app.put(
    '/episodes/:episodeId/assessments/:assessmentId',
    {
      config: { access: 'signedIn' },
      preValidation: async request =>
        assessments.authorizeWork(request.requestContext(), idParam(request.params, 'episodeId')),
      schema: {
        summary: 'Save a draft (or returned) assessment',
        description:
          'Incomplete content is saved as it is; submitting checks it. The texts sent replace those saved; the ' +
          `needs sent are all the needs. ${fieldNames}`,
        tags: ['Episodes'],
        params: assessmentParams,
        body: assessmentUpdateBody,
        response: {
          200: ok('Saved: the assessment as it stands', assessmentSchema),
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
      const { episodeId, assessmentId } = ids(request)
      await assessments.save(ctx, episodeId, assessmentId, request.body.version, {
        entries: request.body.entries,
        needs: request.body.needs,
      })
      return assessmentBody(ctx, episodeId, assessmentId)
    },
  )

  app.post(
    '/episodes/:episodeId/assessments/:assessmentId/submit',
    {
      config: { access: 'signedIn' },
      preValidation: async request =>
        assessments.authorizeWork(request.requestContext(), idParam(request.params, 'episodeId')),
      schema: {
        summary: 'Submit an assessment to the manager for approval',
        description:
          'Every family section written, each child’s sections for every child in scope, each parent’s and ' +
          'carer’s view — fathers included — or why it could not be recorded, and at least one need with its ' +
          `outcome area. The content is kept as a new version. ${fieldNames}`,
        tags: ['Episodes'],
        params: assessmentParams,
        body: submitBody,
        response: {
          200: ok('Submitted: the assessment as it stands', assessmentSchema),
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
      const { episodeId, assessmentId } = ids(request)
      await assessments.submit(ctx, episodeId, assessmentId, request.body.version)
      return assessmentBody(ctx, episodeId, assessmentId)
    },
  )

  app.post(
    '/episodes/:episodeId/assessments/:assessmentId/decision',
    {
      config: { access: 'signedIn' },
      preValidation: async request =>
        assessments.authorizeOversee(request.requestContext(), idParam(request.params, 'episodeId')),
      schema: {
        summary: 'Approve a submitted assessment, or return it with comments',
        description: 'For a team manager or head of service who sees the family.',
        tags: ['Episodes'],
        params: assessmentParams,
        body: decisionBody,
        response: {
          200: ok('Decided: the assessment as it stands', assessmentSchema),
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
      const { episodeId, assessmentId } = ids(request)
      await assessments.decide(ctx, episodeId, assessmentId, request.body.version, {
        decision: request.body.decision,
        comments: request.body.comments,
      })
      return assessmentBody(ctx, episodeId, assessmentId)
    },
  )
}

export default routes
