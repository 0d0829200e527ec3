import swagger from '@fastify/swagger'
import type { FastifyError, FastifyPluginAsync } from 'fastify'
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import { DomainError } from '../lib/errors.js'
import { sendProblem } from '../plugins/errors.js'
import type { Services } from '../services/index.js'
import { bearerAuthentication } from './authentication.js'
import meRoutes from './me.js'
import recordRoutes from './records.js'
import requestApiRoutes from './requests.js'
import panelApiRoutes from './panels.js'
import assessmentApiRoutes from './assessments.js'
import tafMeetingApiRoutes from './tafMeetings.js'
import spiderGraphApiRoutes from './spiderGraphs.js'
import cseScreeningApiRoutes from './cseScreenings.js'
import feedbackApiRoutes from './feedback.js'
import planApiRoutes from './plans.js'
import workSessionApiRoutes from './workSessions.js'
import programmeApiRoutes from './programmes.js'
import oversightApiRoutes from './oversight.js'
import instrumentResultApiRoutes from './instrumentResults.js'

/** The document with only the component schemas it refers to (zod yields an input and an output of each). */
const transformObject: typeof jsonSchemaTransformObject = document => {
  const openapi = jsonSchemaTransformObject(document) as { components?: { schemas?: Record<string, unknown> } }
  const schemas = openapi.components?.schemas
  if (schemas) {
    const referenced = (name: string) => JSON.stringify(openapi).includes(`"#/components/schemas/${name}"`)
    let unused = Object.keys(schemas).filter(name => !referenced(name))
    while (unused.length) {
      for (const name of unused) delete schemas[name]
      unused = Object.keys(schemas).filter(name => !referenced(name))
    }
  }
  return openapi as ReturnType<typeof jsonSchemaTransformObject>
}

/**
 * /api/v1: the same services as the pages, JSON in and out, described by OpenAPI. Everything here is
 * encapsulated: the zod compilers, the OpenAPI document (API routes only) and bearer-token access.
 */
const apiRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  // Request validation failures become a 400 listing each problem, and domain errors take API words;
  // anything else goes on to the application's error handler (problem+json, 5xx logged).
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map(issue => ({
        field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || String(error.validationContext ?? ''),
        message: issue.message,
        ...(error.validationContext ? { in: error.validationContext } : {}),
      }))
      return sendProblem(reply, 400, 'Your request has problems', error.message, { errors })
    }
    if (error instanceof DomainError && error.statusCode === 401) {
      return sendProblem(reply, 401, 'Authentication required', error.message)
    }
    if (error instanceof DomainError && error.statusCode === 404) {
      return sendProblem(reply, 404, 'Not found', 'There is nothing at this address')
    }
    throw error
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: '1.0.0',
        description:
          'Read families and people in early help, with the permissions of the person whose personal API token ' +
          'is sent. Every read of a personal record is written to the access log. Errors are RFC 9457 problems.',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal API token (tdm_…), created under Your account, API tokens',
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject,
  })

  app.addHook('onRequest', bearerAuthentication(services))

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger())

  await app.register(meRoutes, { services })
  await app.register(recordRoutes, { services })
  await app.register(requestApiRoutes, { services })
  await app.register(panelApiRoutes, { services })
  for (const routes of [
    assessmentApiRoutes,
    tafMeetingApiRoutes,
    spiderGraphApiRoutes,
    cseScreeningApiRoutes,
    feedbackApiRoutes,
    planApiRoutes,
    workSessionApiRoutes,
    programmeApiRoutes,
    oversightApiRoutes,
    instrumentResultApiRoutes,
  ])
    await app.register(routes, { services })
}

export default apiRoutes
