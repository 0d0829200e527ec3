import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { dateBoxes, parseForm, parseFormWithDates, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { Services } from '../../services/index.js'
import { personFormOptions } from './index.js'
import {
  addressFormFields,
  addressFrom,
  addressSchema,
  editPersonSchema,
  mergeFields,
  mergeSchema,
  nameFields,
  nameSchema,
  personDates,
  personFields,
  personInputFrom,
} from './schemas.js'
import { personIdOf } from './params.js'
import { restrictionRoutes } from './restriction.js'
import { submitForm } from './submit.js'

type Values = Record<string, string | string[]>
type PersonRecord = Awaited<ReturnType<Services['records']['getPerson']>>['person']

/** The form's values for a saved person: the edit form starts from these. */
function savedValues(person: PersonRecord): Values {
  return {
    givenName: person.given_name,
    familyName: person.family_name,
    born: person.expected_date ? 'unborn' : 'born',
    ...dateBoxes('dateOfBirth', person.date_of_birth),
    ...dateBoxes('expectedDate', person.expected_date),
    gender: person.gender,
    ethnicity: person.ethnicity ?? '',
    firstLanguage: person.first_language ?? '',
    interpreterNeeded: person.interpreter_needed ? 'yes' : '',
    disability: person.disability,
    senProvision: person.sen_provision ?? '',
    upn: person.upn ?? '',
    nhsNumber: person.nhs_number ?? '',
    flags: [
      ...(person.young_carer ? ['youngCarer'] : []),
      ...(person.privately_fostered ? ['privatelyFostered'] : []),
      ...(person.no_recourse_to_public_funds ? ['noRecourseToPublicFunds'] : []),
    ],
    socialCareStatus: person.social_care_status,
    version: String(person.version),
  }
}

/** A person's record: details, names, addresses, relationships; changes keep what was typed on any problem. */
const peopleRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const config = { access: 'signedIn' } as const
  const may = (action: 'person:update' | 'person:restrict' | 'person:merge') => ({
    config,
    preHandler: async (request: FastifyRequest) =>
      services.records.authorizePerson(request.requestContext(), personIdOf(request), action),
  })

  app.get('/people/:personId', { config }, async (request, reply) => {
    const record = await services.records.getPerson(request.requestContext(), personIdOf(request))
    if (record.person.merged_into) return reply.redirect(`/people/${record.person.merged_into}?merged=1`, 303)
    const query = request.query as Record<string, unknown>
    const banner = ['updated', 'moved', 'named', 'merged', 'restricted', 'lifted'].find(flag => query[flag] === '1')
    return reply.view('families/person.njk', { ...record, options: personFormOptions, banner })
  })

  async function renderEdit(
    reply: FastifyReply,
    request: FastifyRequest,
    status: number,
    context: { values?: Values; errors?: GovukErrors; conflict?: boolean },
  ) {
    const { person } = await services.records.getPerson(request.requestContext(), personIdOf(request))
    return reply.status(status).view('families/personForm.njk', {
      person,
      options: personFormOptions,
      values: context.values ?? savedValues(person),
      errors: context.errors,
      conflict: context.conflict,
      saved: context.conflict ? savedValues(person) : undefined,
    })
  }

  app.get('/people/:personId/edit', may('person:update'), async (request, reply) => renderEdit(reply, request, 200, {}))

  app.post('/people/:personId', may('person:update'), async (request, reply) => {
    const personId = personIdOf(request)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      personFields,
      async (status, errors, conflict) => {
        if (!conflict) return renderEdit(reply, request, status, { values, errors })
        // Keep what this user typed, at the version now saved, so saving again is a deliberate choice.
        const { person } = await services.records.getPerson(request.requestContext(), personId)
        return renderEdit(reply, request, status, {
          values: { ...values, version: String(person.version) },
          errors,
          conflict,
        })
      },
      async () => {
        const form = parseFormWithDates(editPersonSchema, request.body, personDates)
        await services.records.updatePerson(
          request.requestContext(),
          personId,
          form.version,
          personInputFrom(form, form.dates),
        )
        return `/people/${personId}?updated=1`
      },
    )
  })

  async function renderSmallForm(
    reply: FastifyReply,
    request: FastifyRequest,
    template: string,
    status: number,
    values: Values,
    errors?: GovukErrors,
  ) {
    const { person, abilities } = await services.records.getPerson(request.requestContext(), personIdOf(request))
    if (!abilities.update) return reply.callNotFound()
    return reply.status(status).view(template, { person, values, errors })
  }

  app.get('/people/:personId/addresses/new', may('person:update'), async (request, reply) =>
    renderSmallForm(reply, request, 'families/addressForm.njk', 200, {}),
  )

  app.post('/people/:personId/addresses', may('person:update'), async (request, reply) => {
    const personId = personIdOf(request)
    return submitForm(
      reply,
      addressFormFields,
      (status, errors) =>
        renderSmallForm(reply, request, 'families/addressForm.njk', status, typedFormValues(request.body), errors),
      async () => {
        const form = parseFormWithDates(addressSchema, request.body, [
          { name: 'movedIn', label: 'Date they moved in', required: false },
        ])
        await services.records.addAddress(request.requestContext(), personId, addressFrom(form)!, form.dates.movedIn)
        return `/people/${personId}?moved=1`
      },
    )
  })

  app.get('/people/:personId/names/new', may('person:update'), async (request, reply) =>
    renderSmallForm(reply, request, 'families/nameForm.njk', 200, {}),
  )

  app.post('/people/:personId/names', may('person:update'), async (request, reply) => {
    const personId = personIdOf(request)
    return submitForm(
      reply,
      nameFields,
      (status, errors) =>
        renderSmallForm(reply, request, 'families/nameForm.njk', status, typedFormValues(request.body), errors),
      async () => {
        await services.records.addName(request.requestContext(), personId, parseForm(nameSchema, request.body))
        return `/people/${personId}?named=1`
      },
    )
  })

  async function renderMerge(
    reply: FastifyReply,
    request: FastifyRequest,
    status: number,
    values: Values,
    errors?: GovukErrors,
  ) {
    const ctx = request.requestContext()
    const { person, abilities } = await services.records.getPerson(ctx, personIdOf(request))
    if (!abilities.merge) return reply.callNotFound()
    const query = request.query as Record<string, unknown>
    const name =
      typeof query.name === 'string' && query.name.trim()
        ? query.name.trim()
        : `${person.given_name} ${person.family_name}`
    const candidates = (await services.records.search(ctx, { name }, { page: 1, pageSize: 20 })).rows.filter(
      row => row.person_id !== person.person_id,
    )
    return reply.status(status).view('families/merge.njk', { person, candidates, query: name, values, errors })
  }

  app.get('/people/:personId/merge', may('person:merge'), async (request, reply) =>
    renderMerge(reply, request, 200, {}),
  )

  app.post('/people/:personId/merge', may('person:merge'), async (request, reply) => {
    const personId = personIdOf(request)
    return submitForm(
      reply,
      mergeFields,
      (status, errors) => renderMerge(reply, request, status, typedFormValues(request.body), errors),
      async () => {
        const form = parseForm(mergeSchema, request.body)
        await services.records.merge(request.requestContext(), personId, form.mergedId, form.reason)
        return `/people/${personId}?merged=1`
      },
    )
  })

  restrictionRoutes(app, services, {
    type: 'person',
    path: '/people/:personId',
    idOf: personIdOf,
    hrefOf: id => `/people/${id}`,
    guard: may('person:restrict'),
    load: async (ctx, id) => {
      const { person, restriction } = await services.records.getPerson(ctx, id)
      return { name: `${person.given_name} ${person.family_name}`, restriction }
    },
  })
}

export default peopleRoutes
