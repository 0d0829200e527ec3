import type { FastifyRequest } from 'fastify'
import { idParam } from '../lib/forms.js'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { RelationshipType } from '../data/schema.js'
import { ethnicities, genders, labelOf } from '../lib/dfeCodes.js'
import { ValidationError } from '../lib/errors.js'
import type { Services } from '../services/index.js'
import {
  chronologySchema,
  conflictResponse,
  createdSchema,
  errorResponses,
  familyChronologyQuery,
  familyPageSchema,
  familySchema,
  idParams,
  newChronologyEntryBody,
  newFamilyBody,
  newPersonBody,
  newRelationshipBody,
  ok,
  pageQuery,
  peopleSearchQuery,
  personDetailFields,
  personPageSchema,
  personSchema,
  personUpdateBody,
  possibleDuplicatesResponse,
  relationshipListSchema,
} from './schemas.js'

const ref = <K extends string>(key: K, id: string | null, name: string | null) =>
  id && name ? ({ [key]: id, name } as Record<K, string> & { name: string }) : null

/** The problem type of a 409 that lists possible duplicates (RFC 9457: a URI reference, resolved against the request). */
export const POSSIBLE_DUPLICATES = '/api/v1/problems/possible-duplicates'

interface RelationshipRow {
  relationship_id: string
  person_id: string
  related_person_id: string
  type: RelationshipType
  lives_with: boolean
  parental_responsibility: boolean
  note: string | null
}

const relationshipOf = (row: RelationshipRow) => ({
  relationshipId: row.relationship_id,
  personId: row.person_id,
  relatedPersonId: row.related_person_id,
  type: row.type,
  livesWith: row.lives_with,
  parentalResponsibility: row.parental_responsibility,
  note: row.note,
})

type ChronologyRow = Awaited<ReturnType<Services['chronology']['ofFamily']>>['entries'][number]

const chronologyEntryOf = (entry: ChronologyRow) => ({
  chronologyEntryId: entry.chronology_entry_id,
  familyId: entry.family_id,
  occurredOn: entry.occurred_on,
  category: entry.category,
  summary: entry.summary,
  detail: entry.detail,
  source: entry.source,
  kind: entry.kind,
  event: entry.event,
  recordedAt: entry.recorded_at.toISOString(),
  recordedBy: entry.recorded_by_name,
  people: entry.people.map(person => ({
    personId: person.person_id,
    givenName: person.given_name,
    familyName: person.family_name,
  })),
})

/**
 * The services name a problem by the form field it is about ("postcode"); a JSON body may hold that
 * field deeper ("address.postcode"), so the problem is renamed to where the client sent it.
 */
async function fieldsInBody<T>(work: Promise<T>, paths: Record<string, string>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new ValidationError(
      error.errors.map(problem => ({ ...problem, field: paths[problem.field] ?? problem.field })),
    )
  }
}

const newPersonPaths: Record<string, string> = {
  ...Object.fromEntries(personDetailFields.map(field => [field, `person.${field}`])),
  role: 'membership.role',
  joinedOn: 'membership.joinedOn',
  postcode: 'address.postcode',
}

/**
 * Families and people, through the same services as the pages: lists take the policy's scope, each
 * record is authorised after loading and every read is written to the access log.
 */
const recordRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  // Writes are authorised before their body is validated, so a refused caller learns nothing from a 400.
  const mayUpdateFamily = async (request: FastifyRequest) =>
    services.records.authorizeFamily(request.requestContext(), idParam(request.params, 'familyId'), 'family:update')
  const mayUpdatePerson = async (request: FastifyRequest) =>
    services.records.authorizePerson(request.requestContext(), idParam(request.params, 'personId'), 'person:update')

  const at = (path: string) => `${app.prefix}${path}`

  app.get(
    '/families',
    {
      config: { access: 'families:list' },
      schema: {
        summary: 'The families the token’s owner may see, a page at a time, by name',
        tags: ['Families'],
        querystring: pageQuery,
        response: {
          200: ok('A page of families', familyPageSchema),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async request => {
      const { page, pageSize } = request.query
      const { rows, total } = await services.records.listFamilies(request.requestContext(), { page, pageSize })
      return {
        items: rows.map(row => ({
          familyId: row.family_id,
          name: row.name,
          memberCount: Number(row.member_count ?? 0),
          team: ref('teamId', row.team_id, row.team_name),
          area: ref('areaId', row.area_id, row.area_name),
          updatedAt: row.updated_at.toISOString(),
        })),
        page,
        pageSize,
        total,
        totalPages: Math.ceil(total / pageSize),
      }
    },
  )

  app.post(
    '/families',
    {
      config: { access: 'families:create' },
      schema: {
        summary: 'Start a family record',
        description:
          'A practitioner’s or team manager’s family belongs to their team; anyone else’s to their area, for a ' +
          'manager to allocate. The family’s chronology starts with the record.',
        tags: ['Families'],
        body: newFamilyBody,
        response: {
          201: ok('The family was created; Location is its address', createdSchema('familyId')),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request, reply) => {
      const familyId = await fieldsInBody(services.records.createFamily(request.requestContext(), request.body), {
        postcode: 'address.postcode',
      })
      return reply
        .code(201)
        .header('Location', at(`/families/${familyId}`))
        .send({ familyId })
    },
  )

  app.get(
    '/families/:familyId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One family, its members past and present and how they are related',
        description: 'Refused (403) when the policy does not let the token’s owner see the family; logged either way.',
        tags: ['Families'],
        params: idParams.family,
        response: { 200: ok('The family; the read is logged', familySchema), ...errorResponses },
      },
    },
    async request => {
      const familyId = request.params.familyId.toLowerCase()
      const { family, members, relationships } = await services.records.getFamily(request.requestContext(), familyId)
      return {
        familyId: family.family_id,
        name: family.name,
        address:
          family.address_line1 && family.postcode
            ? { line1: family.address_line1, line2: family.address_line2, town: family.town, postcode: family.postcode }
            : null,
        team: ref('teamId', family.team_id, family.team_name),
        area: ref('areaId', family.area_id, family.area_name),
        createdAt: family.created_at.toISOString(),
        updatedAt: family.updated_at.toISOString(),
        version: family.version,
        members: members.map(member => ({
          personId: member.person_id,
          givenName: member.given_name,
          familyName: member.family_name,
          dateOfBirth: member.date_of_birth,
          expectedDate: member.expected_date,
          role: member.role,
          livesInHousehold: member.lives_in_household,
          joinedOn: member.joined_on,
          leftOn: member.left_on,
        })),
        relationships: relationships.map(relationshipOf),
      }
    },
  )

  app.post(
    '/families/:familyId/people',
    {
      config: { access: 'signedIn' },
      preValidation: mayUpdateFamily,
      schema: {
        summary: 'Add a new person to a family, after checking they are not already known',
        description:
          'The duplicate check runs first: when someone already known may be this person, nothing is saved and ' +
          'the answer is a 409 problem of type /api/v1/problems/possible-duplicates listing them (those in records ' +
          'the token’s owner may not see are only counted). Once they have been checked, send the same request ' +
          'with `"duplicatesSeen": true` to add the new record. Refused (403) unless the token’s owner works the family.',
        tags: ['People'],
        params: idParams.family,
        body: newPersonBody,
        response: {
          201: ok('The person was added; Location is their address', createdSchema('personId')),
          ...errorResponses,
          409: possibleDuplicatesResponse,
        },
      },
    },
    async (request, reply) => {
      const familyId = request.params.familyId.toLowerCase()
      const { duplicatesSeen, ...input } = request.body
      const result = await fieldsInBody(
        services.records.createPersonInFamily(request.requestContext(), familyId, input, { duplicatesSeen }),
        newPersonPaths,
      )
      if (result.duplicates) {
        const visible = result.duplicates.filter(duplicate => duplicate.visible)
        return reply
          .code(409)
          .type('application/problem+json')
          .send({
            type: POSSIBLE_DUPLICATES,
            title: 'This person may already be known',
            status: 409,
            detail:
              'Nothing was saved. Check the possible duplicates; if none of them is this person, send the request ' +
              'again with "duplicatesSeen": true.',
            duplicates: visible.map(duplicate => ({
              personId: duplicate.personId!,
              name: duplicate.name!,
              dateOfBirth: duplicate.dateOfBirth ?? null,
              expectedDate: duplicate.expectedDate ?? null,
              postcode: duplicate.postcode ?? null,
              reasons: duplicate.reasons,
            })),
            hiddenCount: result.duplicates.length - visible.length,
          })
      }
      return reply
        .code(201)
        .header('Location', at(`/people/${result.personId}`))
        .send({ personId: result.personId })
    },
  )

  app.get(
    '/families/:familyId/relationships',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'How the members of a family are related to each other',
        description: 'Refused (403) when the policy does not let the token’s owner see the family; logged either way.',
        tags: ['Families'],
        params: idParams.family,
        response: { 200: ok('The relationships; the read is logged', relationshipListSchema), ...errorResponses },
      },
    },
    async request => {
      const familyId = request.params.familyId.toLowerCase()
      const { relationships } = await services.records.getFamily(request.requestContext(), familyId)
      return { items: relationships.map(relationshipOf) }
    },
  )

  app.post(
    '/families/:familyId/relationships',
    {
      config: { access: 'signedIn' },
      preValidation: mayUpdateFamily,
      schema: {
        summary: 'Record how two members of a family are related',
        description:
          'One relationship is kept for each pair: recording a pair again, either way round, replaces what was ' +
          'recorded. Refused (403) unless the token’s owner works the family.',
        tags: ['Families'],
        params: idParams.family,
        body: newRelationshipBody,
        response: {
          201: ok('The relationship was recorded', createdSchema('relationshipId')),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const familyId = request.params.familyId.toLowerCase()
      const relationshipId = await services.records.recordRelationship(request.requestContext(), familyId, request.body)
      return reply.code(201).send({ relationshipId })
    },
  )

  app.get(
    '/families/:familyId/chronology',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'A family’s chronology: significant events, newest first',
        description: 'Refused (403) when the policy does not let the token’s owner see the family; logged either way.',
        tags: ['Chronology'],
        params: idParams.family,
        querystring: familyChronologyQuery,
        response: { 200: ok('The entries; the read is logged', chronologySchema), ...errorResponses },
      },
    },
    async request => {
      const familyId = request.params.familyId.toLowerCase()
      const { personId, category } = request.query
      const { entries } = await services.chronology.ofFamily(request.requestContext(), familyId, {
        personId: personId?.toLowerCase(),
        category,
      })
      return { items: entries.map(chronologyEntryOf) }
    },
  )

  app.post(
    '/families/:familyId/chronology',
    {
      config: { access: 'signedIn' },
      preValidation: mayUpdateFamily,
      schema: {
        summary: 'Add a significant event to a family’s chronology',
        description: 'Refused (403) unless the token’s owner works the family.',
        tags: ['Chronology'],
        params: idParams.family,
        body: newChronologyEntryBody,
        response: {
          201: ok('The entry was added', createdSchema('chronologyEntryId')),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const familyId = request.params.familyId.toLowerCase()
      const chronologyEntryId = await services.chronology.addEntry(request.requestContext(), familyId, request.body)
      return reply.code(201).send({ chronologyEntryId })
    },
  )

  app.get(
    '/people',
    {
      config: { access: 'records:search' },
      schema: {
        summary: 'Find people by name, date of birth, NHS number, UPN or postcode',
        description:
          'Only people in families the token’s owner may see are found; a person must match every criterion sent, ' +
          'and at least one is needed. Names match roughly (misspellings, names that sound alike, other names), the ' +
          'closest first. The search is logged.',
        tags: ['People'],
        querystring: peopleSearchQuery,
        response: {
          200: ok('A page of people', personPageSchema),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async request => {
      const { page, pageSize, ...criteria } = request.query
      const { rows, total } = await services.records.search(request.requestContext(), criteria, { page, pageSize })
      return {
        items: rows.map(row => ({
          personId: row.person_id,
          givenName: row.given_name,
          familyName: row.family_name,
          dateOfBirth: row.date_of_birth,
          expectedDate: row.expected_date,
          nhsNumber: row.nhs_number,
          upn: row.upn,
          postcode: row.postcode,
        })),
        page,
        pageSize,
        total,
        totalPages: Math.ceil(total / pageSize),
      }
    },
  )

  app.get(
    '/people/:personId',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One person: their details, names, addresses, families and relationships',
        description: 'Refused (403) when the policy does not let the token’s owner see the person; logged either way.',
        tags: ['People'],
        params: idParams.person,
        response: { 200: ok('The person; the read is logged', personSchema), ...errorResponses },
      },
    },
    async request => readPerson(request.requestContext(), request.params.personId.toLowerCase()),
  )

  app.put(
    '/people/:personId',
    {
      config: { access: 'signedIn' },
      preValidation: mayUpdatePerson,
      schema: {
        summary: 'Change a person’s details',
        description:
          'Send every detail, with the `version` of the person as last read: a change to an older version is ' +
          'refused (409), so no one’s change is lost. Refused (403) unless the token’s owner works one of the ' +
          'person’s families.',
        tags: ['People'],
        params: idParams.person,
        body: personUpdateBody,
        response: {
          200: ok('The person as changed; the change is logged', personSchema),
          ...errorResponses,
          409: conflictResponse,
        },
      },
    },
    async request => {
      const personId = request.params.personId.toLowerCase()
      const { version, ...details } = request.body
      const ctx = request.requestContext()
      await services.records.updatePerson(ctx, personId, version, details)
      return readPerson(ctx, personId)
    },
  )

  app.get(
    '/people/:personId/chronology',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'A person’s chronology across the families they have been part of, newest first',
        description:
          'Entries written in a family the token’s owner may not see are left out. Refused (403) when the policy ' +
          'does not let them see the person; logged either way.',
        tags: ['Chronology'],
        params: idParams.person,
        response: { 200: ok('The entries; the read is logged', chronologySchema), ...errorResponses },
      },
    },
    async request => {
      const personId = request.params.personId.toLowerCase()
      const { entries } = await services.chronology.ofPerson(request.requestContext(), personId)
      return { items: entries.map(chronologyEntryOf) }
    },
  )

  async function readPerson(ctx: Parameters<Services['records']['getPerson']>[0], personId: string) {
    const { person, otherNames, addresses, families, relationships } = await services.records.getPerson(ctx, personId)
    return {
      personId: person.person_id,
      givenName: person.given_name,
      familyName: person.family_name,
      dateOfBirth: person.date_of_birth,
      expectedDate: person.expected_date,
      gender: { code: person.gender, label: labelOf(genders, person.gender) ?? person.gender },
      ethnicity: person.ethnicity
        ? { code: person.ethnicity, label: labelOf(ethnicities, person.ethnicity) ?? person.ethnicity }
        : null,
      firstLanguage: person.first_language,
      interpreterNeeded: person.interpreter_needed,
      disability: person.disability,
      senProvision: person.sen_provision,
      upn: person.upn,
      nhsNumber: person.nhs_number,
      flags: {
        youngCarer: person.young_carer,
        privatelyFostered: person.privately_fostered,
        noRecourseToPublicFunds: person.no_recourse_to_public_funds,
      },
      socialCareStatus: person.social_care_status,
      otherNames: otherNames.map(name => ({
        kind: name.kind,
        givenName: name.given_name,
        familyName: name.family_name,
      })),
      addresses: addresses.map(address => ({
        line1: address.line1,
        line2: address.line2,
        town: address.town,
        postcode: address.postcode,
        movedIn: address.moved_in,
        movedOut: address.moved_out,
      })),
      families: families.map(family => ({
        familyId: family.family_id,
        name: family.name,
        role: family.role,
        joinedOn: family.joined_on,
        leftOn: family.left_on,
      })),
      relationships: relationships.map(row => ({
        ...relationshipOf(row),
        other: { personId: row.other.person_id, givenName: row.other.given_name, familyName: row.other.family_name },
      })),
      createdAt: person.created_at.toISOString(),
      updatedAt: person.updated_at.toISOString(),
      version: person.version,
    }
  }
}

export default recordRoutes
