import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ethnicities, genders, senProvisions, socialCareStatuses } from '../../lib/dfeCodes.js'
import { pageNumber, parseForm, parseFormWithDates, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import { relationshipWords } from '../../lib/relationships.js'
import { familyMemberRoles, relationshipTypes } from '../../services/records.js'
import chronologyRoutes from './chronology.js'
import consentRoutes from './consent.js'
import peopleRoutes from './people.js'
import {
  addressFrom,
  editFamilySchema,
  existingMemberSchema,
  familyFields,
  familySchema,
  leaveSchema,
  newMemberFields,
  newMemberSchema,
  personDates,
  personInputFrom,
  relationshipFields,
  relationshipSchema,
} from './schemas.js'
import { familyIdOf, personIdOf } from './params.js'
import { restrictionRoutes } from './restriction.js'
import { submitForm } from './submit.js'

const PAGE_SIZE = 50

type Values = Record<string, string | string[]>

/** The choices every person form offers, from the DfE code lists. */
export const personFormOptions = {
  genders,
  ethnicities,
  senProvisions,
  socialCareStatuses,
  roles: familyMemberRoles,
  relationshipTypes: relationshipTypes.map(type => ({ value: type, text: relationshipWords[type] })),
}

/** Families and their members: each view and change is authorised by the policy and written to the access log. */
const familyRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const signedIn = { access: 'signedIn' } as const
  // Forms that change a family: the policy answers before anything is read or parsed (a refusal is logged).
  const mayUpdate = {
    config: signedIn,
    preHandler: async (request: FastifyRequest) =>
      services.records.authorizeFamily(request.requestContext(), familyIdOf(request), 'family:update'),
  }
  const mayRestrict = {
    config: signedIn,
    preHandler: async (request: FastifyRequest) =>
      services.records.authorizeFamily(request.requestContext(), familyIdOf(request), 'family:restrict'),
  }

  app.get('/families', { config: { access: 'families:list' } }, async (request, reply) => {
    const page = pageNumber((request.query as Record<string, unknown>).page)
    const families = await services.records.listFamilies(request.requestContext(), { page, pageSize: PAGE_SIZE })
    const pages = Math.max(1, Math.ceil(families.total / PAGE_SIZE))
    return reply.view('families/list.njk', { families, page, pages })
  })

  const renderFamilyForm = (
    reply: FastifyReply,
    status: number,
    context: { values: Values; errors?: GovukErrors; family?: unknown; conflict?: boolean },
  ) => reply.status(status).view('families/familyForm.njk', context)

  app.get('/families/new', { config: { access: 'families:create' } }, async (_request, reply) =>
    renderFamilyForm(reply, 200, { values: {} }),
  )

  app.post('/families', { config: { access: 'families:create' } }, async (request, reply) => {
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      familyFields,
      (status, errors) => renderFamilyForm(reply, status, { values, errors }),
      async () => {
        const form = parseForm(familySchema, request.body)
        const familyId = await services.records.createFamily(request.requestContext(), {
          name: form.name,
          address: addressFrom(form),
        })
        return `/families/${familyId}?created=1`
      },
    )
  })

  app.get('/families/:familyId', { config: signedIn }, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    const record = await services.records.getFamily(ctx, familyId)
    const consent = await services.consent.ofFamily(ctx, familyId)
    const earlyHelp = await services.requests.ofFamily(ctx, familyId)
    const query = request.query as Record<string, unknown>
    const banner = ['created', 'updated', 'added', 'left', 'related', 'restricted', 'lifted'].find(
      flag => query[flag] === '1',
    )
    return reply.view('families/family.njk', { ...record, consent, earlyHelp, banner })
  })

  app.get('/families/:familyId/edit', mayUpdate, async (request, reply) => {
    const { family } = await services.records.getFamily(request.requestContext(), familyIdOf(request))
    return renderFamilyForm(reply, 200, {
      family,
      values: {
        name: family.name,
        line1: family.address_line1 ?? '',
        line2: family.address_line2 ?? '',
        town: family.town ?? '',
        postcode: family.postcode ?? '',
        version: String(family.version),
      },
    })
  })

  app.post('/families/:familyId', mayUpdate, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      familyFields,
      async (status, errors, conflict) => {
        const { family } = await services.records.getFamily(ctx, familyId)
        const kept = conflict ? { ...values, version: String(family.version) } : values
        return renderFamilyForm(reply, status, { family, values: kept, errors, conflict })
      },
      async () => {
        const form = parseForm(editFamilySchema, request.body)
        await services.records.updateFamily(ctx, familyId, form.version, {
          name: form.name,
          address: addressFrom(form),
        })
        return `/families/${familyId}?updated=1`
      },
    )
  })

  async function renderPersonForm(
    reply: FastifyReply,
    ctx: RequestContext,
    familyId: string,
    status: number,
    context: { values: Values; errors?: GovukErrors },
  ) {
    const { family } = await services.records.getFamily(ctx, familyId)
    return reply.status(status).view('families/newMember.njk', { family, options: personFormOptions, ...context })
  }

  app.get('/families/:familyId/people/new', mayUpdate, async (request, reply) =>
    renderPersonForm(reply, request.requestContext(), familyIdOf(request), 200, {
      values: { born: 'born', livesInHousehold: 'yes', disability: 'not known', socialCareStatus: 'none' },
    }),
  )

  // The duplicate check comes first: possible matches are shown with what was typed kept in the page, to
  // pick one or to go on and create a new record.
  app.post('/families/:familyId/people', mayUpdate, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      newMemberFields,
      (status, errors) => renderPersonForm(reply, ctx, familyId, status, { values, errors }),
      async () => {
        const form = parseFormWithDates(newMemberSchema, request.body, [
          ...personDates,
          { name: 'joinedOn', label: 'Date they joined the family', required: false },
        ])
        const result = await services.records.createPersonInFamily(
          ctx,
          familyId,
          {
            person: personInputFrom(form, form.dates),
            membership: {
              role: form.role,
              livesInHousehold: form.livesInHousehold === 'yes',
              joinedOn: form.dates.joinedOn,
            },
            address: addressFrom(form),
          },
          { duplicatesSeen: form.duplicatesSeen === 'yes' },
        )
        if ('duplicates' in result) {
          return {
            show: async () => {
              const { family } = await services.records.getFamily(ctx, familyId)
              return reply.view('families/duplicates.njk', { family, duplicates: result.duplicates, values })
            },
          }
        }
        return `/families/${familyId}?added=1`
      },
    )
  })

  app.post('/families/:familyId/members', mayUpdate, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    return submitForm(
      reply,
      ['personId', 'role', 'livesInHousehold', 'joinedOn'],
      (status, errors) =>
        renderPersonForm(reply, ctx, familyId, status, { values: typedFormValues(request.body), errors }),
      async () => {
        const form = parseFormWithDates(existingMemberSchema, request.body, [
          { name: 'joinedOn', label: 'Date they joined the family', required: false },
        ])
        await services.records.addExistingPersonToFamily(ctx, familyId, form.personId, {
          role: form.role,
          livesInHousehold: form.livesInHousehold === 'yes',
          joinedOn: form.dates.joinedOn,
        })
        return `/families/${familyId}?added=1`
      },
    )
  })

  async function renderLeave(
    reply: FastifyReply,
    request: FastifyRequest,
    status: number,
    values: Values,
    errors?: GovukErrors,
  ) {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    const personId = personIdOf(request)
    const { family, members, abilities } = await services.records.getFamily(ctx, familyId)
    const member = members.find(row => row.person_id === personId && row.left_on === null)
    if (!member || !abilities.update) return reply.callNotFound()
    return reply.status(status).view('families/leave.njk', { family, member, values, errors })
  }

  app.get('/families/:familyId/members/:personId/leave', mayUpdate, async (request, reply) =>
    renderLeave(reply, request, 200, {}),
  )

  app.post('/families/:familyId/members/:personId/leave', mayUpdate, async (request, reply) => {
    const familyId = familyIdOf(request)
    const personId = personIdOf(request)
    return submitForm(
      reply,
      ['leftOn'],
      (status, errors) => renderLeave(reply, request, status, typedFormValues(request.body), errors),
      async () => {
        const form = parseFormWithDates(leaveSchema, request.body, [
          { name: 'leftOn', label: 'Date they left', required: true },
        ])
        await services.records.endMembership(request.requestContext(), familyId, personId, form.dates.leftOn!)
        return `/families/${familyId}?left=1`
      },
    )
  })

  async function renderRelationshipForm(
    reply: FastifyReply,
    ctx: RequestContext,
    familyId: string,
    status: number,
    values: Values,
    errors?: GovukErrors,
  ) {
    const { family, members } = await services.records.getFamily(ctx, familyId)
    return reply.status(status).view('families/relationshipForm.njk', {
      family,
      members: members.filter(member => member.left_on === null),
      options: personFormOptions,
      values,
      errors,
    })
  }

  app.get('/families/:familyId/relationships/new', mayUpdate, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const values: Values = { livesWith: 'yes' }
    if (typeof query.personId === 'string') values.personId = query.personId
    return renderRelationshipForm(reply, request.requestContext(), familyIdOf(request), 200, values)
  })

  app.post('/families/:familyId/relationships', mayUpdate, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    return submitForm(
      reply,
      relationshipFields,
      (status, errors) => renderRelationshipForm(reply, ctx, familyId, status, typedFormValues(request.body), errors),
      async () => {
        const form = parseForm(relationshipSchema, request.body)
        await services.records.recordRelationship(ctx, familyId, {
          personId: form.personId,
          relatedPersonId: form.relatedPersonId,
          type: form.type,
          livesWith: form.livesWith === 'yes',
          parentalResponsibility: form.parentalResponsibility === 'yes',
          note: form.note ?? null,
        })
        return `/families/${familyId}?related=1#relationships`
      },
    )
  })

  restrictionRoutes(app, services, {
    type: 'family',
    path: '/families/:familyId',
    idOf: familyIdOf,
    hrefOf: id => `/families/${id}`,
    guard: mayRestrict,
    load: async (ctx, id) => {
      const { family, restriction } = await services.records.getFamily(ctx, id)
      return { name: `${family.name} family`, restriction }
    },
  })

  await app.register(peopleRoutes, { services })
  await app.register(chronologyRoutes, { services })
  await app.register(consentRoutes, { services })
}

export default familyRoutes
