import type { FastifyRequest } from 'fastify'
import { idParam } from '../../lib/forms.js'

/** The family and person a page's address names. */
export const familyIdOf = (request: FastifyRequest) => idParam(request.params, 'familyId')
export const personIdOf = (request: FastifyRequest) => idParam(request.params, 'personId')
