import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { ValidationError } from '../../lib/errors.js'
import { parseFormWithDates, typedFormValues } from '../../lib/forms.js'
import { toGovukErrors, type GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import {
  chronologyFilterSchema,
  entryDate,
  entryFields,
  entrySchema,
  filterQuery,
  type ChronologyFilter,
} from './chronologySchemas.js'
import { familyIdOf, personIdOf } from './params.js'

type Values = Record<string, string | string[]>

/**
 * The family and its members for a form that changes the family's record. The policy's answer comes from
 * the family's abilities; a refusal is logged as the services log theirs, and shows the 403 page before
 * anything of the family is shown.
 */
export async function familyToChange(services: Services, ctx: RequestContext, familyId: string) {
  await services.records.authorizeFamily(ctx, familyId, 'family:update')
  return services.records.getFamily(ctx, familyId)
}

/** The filter as the service takes it: only what was chosen. */
const serviceFilter = (filter: ChronologyFilter) => ({
  ...(filter.personId ? { personId: filter.personId } : {}),
  ...(filter.category ? { category: filter.category } : {}),
})

/**
 * The chronology of a family and of a person: significant events in date order, written by the system's
 * own events and added to by hand. 003 action plan 3.10: "Chronologies to be in place for every Early Help
 * case. These are used to systematically inform judgements about seriousness of ongoing concerns and the
 * relevant history of previous involvements."
 */
const chronologyRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // The services authorise each record: the route only asks that someone is signed in.
  const config = { access: 'signedIn' } as const

  app.get('/families/:familyId/chronology', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    const filter = chronologyFilterSchema.parse(request.query ?? {})
    const { family, entries, canAdd } = await services.chronology.ofFamily(ctx, familyId, serviceFilter(filter))
    const { members } = await services.records.getFamily(ctx, familyId)
    const added = (request.query as Record<string, unknown>).added === '1'
    return reply.view('families/chronology.njk', {
      family,
      members,
      entries: filter.order === 'oldest' ? [...entries].reverse() : entries,
      canAdd,
      filter,
      filtered: Boolean(filter.personId || filter.category),
      filterPerson: members.find(member => member.person_id === filter.personId),
      printHref: `/families/${familyId}/chronology/print${filterQuery({ ...filter, order: undefined })}`,
      categories: services.chronology.categories,
      banner: added ? 'added' : undefined,
    })
  })

  app.get('/families/:familyId/chronology/print', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    const filter = chronologyFilterSchema.parse(request.query ?? {})
    const { family, entries } = await services.chronology.ofFamily(ctx, familyId, serviceFilter(filter))
    const { members } = await services.records.getFamily(ctx, familyId)
    return reply.view('families/chronologyPrint.njk', {
      family,
      // On paper the history reads from the beginning.
      entries: [...entries].reverse(),
      filter,
      filterPerson: members.find(member => member.person_id === filter.personId),
      backHref: `/families/${familyId}/chronology${filterQuery(filter)}`,
      printedOn: new Date(),
    })
  })

  async function renderEntryForm(
    reply: FastifyReply,
    ctx: RequestContext,
    familyId: string,
    context: { status?: number; values: Values; errors?: GovukErrors },
  ) {
    const { family, members } = await familyToChange(services, ctx, familyId)
    return reply.status(context.status ?? 200).view('families/chronologyEntryForm.njk', {
      family,
      members: members.filter(member => member.left_on === null),
      categories: services.chronology.categories,
      values: context.values,
      errors: context.errors,
    })
  }

  app.get('/families/:familyId/chronology/new', { config }, async (request, reply) =>
    renderEntryForm(reply, request.requestContext(), familyIdOf(request), { values: {} }),
  )

  app.post('/families/:familyId/chronology', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const familyId = familyIdOf(request)
    try {
      const form = parseFormWithDates(entrySchema, request.body, [entryDate])
      await services.chronology.addEntry(ctx, familyId, {
        occurredOn: form.dates.occurredOn!,
        category: form.category,
        summary: form.summary,
        detail: form.detail ?? null,
        source: form.source ?? null,
        personIds: form.personIds,
      })
      return reply.redirect(`/families/${familyId}/chronology?added=1`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return renderEntryForm(reply, ctx, familyId, {
        status: 400,
        values: typedFormValues(request.body),
        errors: toGovukErrors(error.errors, entryFields),
      })
    }
  })

  app.get('/people/:personId/chronology', { config }, async (request, reply) => {
    const personId = personIdOf(request)
    const filter = chronologyFilterSchema.parse(request.query ?? {})
    const { person, entries } = await services.chronology.ofPerson(
      request.requestContext(),
      personId,
      filter.category ? { category: filter.category } : {},
    )
    return reply.view('families/chronologyPerson.njk', {
      person,
      entries: filter.order === 'oldest' ? [...entries].reverse() : entries,
      filter,
      categories: services.chronology.categories,
    })
  })
}

export default chronologyRoutes
