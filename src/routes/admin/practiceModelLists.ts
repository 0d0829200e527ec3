import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../lib/errors.js'
import { manyOf, versionField } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import {
  listItemExtras,
  practiceModelLists,
  type ListItem,
  type PracticeModel,
  type PracticeModelList,
} from '../../practice-models/index.js'
import type { Services } from '../../services/index.js'

// The practice model's lists (front door outcomes, panel decisions, services, …): one page per list, all drawn by
// the same handlers and template from the registry of lists in practice-models. Each list has its own address
// rather than a `:list` parameter, so every page is a line of the permission matrix that needs no made-up value.

/** A label or description of an existing item, as typed: the model's schema gives the real limits and messages. */
const itemField = /^(label|description)-(\d{1,4})$/

/** The fields a new item of a list is made from, besides its code, label and description. */
const extraFields: Record<NonNullable<PracticeModelList['extra']> | 'none', string[]> = {
  none: [],
  route: ['new-route', 'new-service'],
  action: ['new-action', 'new-service'],
  about: ['new-about'],
  stepUp: ['new-stepUp'],
  when: ['new-when', 'new-concerns', 'new-services', 'new-programmes', 'new-age', 'new-beforeWork'],
}
const checkboxFields = new Set(['new-concerns', 'new-services', 'new-programmes'])

const typed = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`).optional()

/** One strict schema per list: the version, the new item's fields, and only the extra fields its items carry. */
function newItemSchema(list: PracticeModelList) {
  const fields: Record<string, z.ZodType> = {
    version: versionField,
    'new-code': typed(200),
    'new-label': typed(2000),
    'new-description': typed(5000),
  }
  for (const name of extraFields[list.extra ?? 'none'])
    fields[name] = checkboxFields.has(name) ? manyOf(100) : name === 'new-beforeWork' ? typed(2000) : typed(60)
  return z.strictObject(fields) as unknown as z.ZodType<
    { version: number } & Record<string, string | string[] | undefined>
  >
}

/** The form's fields in page order, for the error summary. */
function fieldOrder(list: PracticeModelList, count: number) {
  return [
    'form',
    ...Array.from({ length: count }, (_, index) => [`label-${index}`, `description-${index}`]).flat(),
    'new-code',
    'new-label',
    'new-description',
    ...extraFields[list.extra ?? 'none'],
  ]
}

/** Where an error of the model's schema about the new item shows on the form. */
function newItemField(list: PracticeModelList, field: string | undefined): string | undefined {
  if (field === undefined) return list.extra === 'route' || list.extra === 'action' ? 'new-service' : undefined
  const name = `new-${field}`
  return ['new-code', 'new-label', 'new-description', ...extraFields[list.extra ?? 'none']].includes(name)
    ? name
    : undefined
}

/** "Panel decisions, item 3: …" for an error anywhere in one of the model's lists; the path otherwise. */
function inWords(error: FieldError): string {
  const list = practiceModelLists.find(
    candidate => error.field === candidate.path.join('.') || error.field.startsWith(`${candidate.path.join('.')}.`),
  )
  if (!list)
    return error.field === 'form' || error.field === 'model' ? error.message : `${error.field}: ${error.message}`
  const index = Number(error.field.slice(list.path.join('.').length + 1).split('.')[0])
  if (error.field === list.path.join('.') || !Number.isInteger(index)) return error.message
  return `${list.label}, item ${index + 1}: ${error.message}`
}

/**
 * The model's errors where the form shows them: an existing item's label or description, a field of the new item,
 * or the top of the form for anything else (another part of the model the change would break, records using an
 * item), each naming the list and item.
 */
function toFormErrors(list: PracticeModelList, count: number, errors: FieldError[]): FieldError[] {
  const prefix = `${list.path.join('.')}.`
  return errors.map(error => {
    // The form's own checks name its fields already.
    if (/^(new-|label-|description-)/.test(error.field)) return error
    if (error.field === 'version' || error.field === 'form') return { field: 'form', message: error.message }
    if (!error.field.startsWith(prefix)) return { field: 'form', message: inWords(error) }
    const [position, field, ...deeper] = error.field.slice(prefix.length).split('.')
    const index = Number(position)
    const message = inWords(error)
    if (index < count && (field === 'label' || field === 'description') && deeper.length === 0)
      return { field: `${field}-${index}`, message }
    if (index === count) {
      const formField = newItemField(list, field)
      // The schema's message for an unknown choice lists its codes; the form's says what to choose.
      const extra = list.extra ? listItemExtras[list.extra] : undefined
      if (formField && formField === `new-${list.extra}` && extra)
        return { field: formField, message: `${list.label}, item ${index + 1}: ${extra.message}` }
      if (formField) return { field: formField, message }
    }
    return { field: 'form', message }
  })
}

/** The new item as the form describes it, or none if the form leaves it empty; what it lacks, naming the field. */
function newItem(list: PracticeModelList, count: number, form: Record<string, string | string[] | undefined>) {
  const value = (name: string) => {
    const field = form[name]
    return typeof field === 'string' ? field : undefined
  }
  const values = (name: string) => {
    const field = form[name]
    return Array.isArray(field) ? field.filter(item => item !== '') : []
  }
  const given = Object.entries(form).some(
    ([name, field]) => name.startsWith('new-') && (Array.isArray(field) ? field.length > 0 : Boolean(field)),
  )
  if (!given) return { item: undefined, errors: [] }
  const where = `${list.label}, item ${count + 1}: `
  const errors: FieldError[] = []
  const code = value('new-code')
  const label = value('new-label')
  if (!code) errors.push({ field: 'new-code', message: `${where}Enter a code` })
  if (!label) errors.push({ field: 'new-label', message: `${where}Enter a label` })
  const description = value('new-description')
  const item: ListItem = { code: code ?? '', label: label ?? '', ...(description ? { description } : {}) }
  const extra = list.extra ? listItemExtras[list.extra] : undefined
  const choice = list.extra ? value(`new-${list.extra}`) : undefined
  if (list.extra && extra && !choice && !extra.optional)
    errors.push({ field: `new-${list.extra}`, message: `${where}${extra.message}` })
  const service = value('new-service')
  switch (list.extra) {
    case 'route':
    case 'action':
      Object.assign(item, { [list.extra]: choice, ...(service ? { service } : {}) })
      break
    case 'about':
      if (choice) item.about = choice
      break
    case 'stepUp':
      item.stepUp = choice === 'yes' ? true : choice === 'no' ? false : choice
      break
    case 'when': {
      item.when = choice
      // The fields of the other uses are on the page (shown by choosing, or all at once without JavaScript): only
      // those of the use chosen are the tool's.
      if (choice === 'where_concern') item.concerns = values('new-concerns')
      if (choice === 'before_service') {
        const services = values('new-services')
        const programmes = values('new-programmes')
        const beforeWork = value('new-beforeWork')
        Object.assign(item, {
          ...(services.length ? { services } : {}),
          ...(programmes.length ? { programmes } : {}),
          ...(beforeWork ? { beforeWork } : {}),
        })
      }
      if (choice === 'age_from') {
        const age = value('new-age')
        if (age && !/^\d{1,2}$/.test(age))
          errors.push({ field: 'new-age', message: `${where}Enter the age as a whole number, like 10` })
        else item.age = age ? Number(age) : undefined
      }
      break
    }
  }
  return { item, errors }
}

/** What an existing item carries beyond its label and description, in words, for its part of the form. */
function detailsOf(list: PracticeModelList, item: ListItem, model: PracticeModel): string[] {
  const extra = list.extra ? listItemExtras[list.extra] : undefined
  const choice = (value: unknown) => extra?.choices.find(candidate => candidate.value === value)?.text ?? String(value)
  const labels = (items: readonly { code: string; label: string }[], codes: unknown) =>
    (Array.isArray(codes) ? codes : [])
      .map(code => items.find(candidate => candidate.code === code)?.label ?? String(code))
      .join(', ')
  const details: string[] = []
  switch (list.extra) {
    case 'route':
      details.push(`Where the request goes: ${choice(item.route)}`)
      break
    case 'action':
      details.push(`What it does: ${choice(item.action)}`)
      break
    case 'about':
      details.push(`Written about: ${choice(item.about ?? 'family')}`)
      break
    case 'stepUp':
      details.push(`Steps the family up to children’s social care: ${item.stepUp ? 'yes' : 'no'}`)
      break
    case 'when':
      details.push(`When it is used: ${choice(item.when)}`)
      if (item.when === 'where_concern') details.push(`Concerns: ${labels(model.concernCategories, item.concerns)}`)
      if (item.when === 'age_from') details.push(`From age ${String(item.age)}`)
      if (item.services) details.push(`Before the services: ${labels(model.services, item.services)}`)
      if (item.programmes)
        details.push(`Before the programmes: ${labels(model.evidenceBasedProgrammes, item.programmes)}`)
      if (typeof item.beforeWork === 'string') details.push(`Before: ${item.beforeWork}`)
      break
  }
  if (typeof item.service === 'string') details.push(`Service: ${labels(model.services, [item.service])}`)
  if (item.source) details.push(`Source: ${item.source}`)
  return details
}

/** What a page is re-rendered with after a failed save. */
interface Failure {
  status: number
  values?: Record<string, unknown>
  errors: FieldError[]
  conflict?: boolean
}

const conflictError: FieldError = {
  field: 'form',
  message:
    'Someone else changed the practice model while you were working on it, so your change was not saved. Check the saved values, then save again.',
}

/** The GOV.UK error summary and messages; a problem of the whole form is listed without a link to a field. */
function pageErrors(errors: FieldError[], order: string[]) {
  const govuk = toGovukErrors(errors, order)
  return { ...govuk, list: govuk.list.map(item => (item.href === '#form' ? { text: item.text } : item)) }
}

/** What the user typed, to show again: checkboxes always as lists. */
function typedValues(request: FastifyRequest) {
  const values: Record<string, unknown> = { ...(request.body as Record<string, unknown>) }
  delete values._csrf
  for (const name of checkboxFields) {
    const value = values[name]
    values[name] = value === undefined ? [] : Array.isArray(value) ? value : [value]
  }
  return values
}

/** The lists of the practice model: each item's label and description to change, a new item to add, unused ones to remove. */
const practiceModelListRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const config = { access: 'practiceModel:manage' } as const

  for (const list of practiceModelLists) {
    const address = `/admin/practice-model/${list.slug}`
    const schema = newItemSchema(list)

    async function listPage(request: FastifyRequest, reply: FastifyReply, failure?: Failure) {
      const page = await services.practiceModels.listForAdministration(request.requestContext(), list.key)
      const saved = Object.fromEntries(
        page.items.flatMap(({ item }, index) => [
          [`label-${index}`, item.label],
          [`description-${index}`, item.description ?? ''],
        ]),
      )
      const { model } = page
      return reply.status(failure?.status ?? 200).view('admin/practiceModelList.njk', {
        list,
        version: page.version,
        items: page.items.map(({ item, inUse }, index) => ({
          index,
          code: item.code,
          label: item.label,
          details: detailsOf(list, item, model),
          inUse,
        })),
        extra: list.extra ? { name: `new-${list.extra}`, ...listItemExtras[list.extra] } : undefined,
        choices: {
          services: model.services.map(item => ({ value: item.code, text: item.label })),
          concerns: model.concernCategories.map(item => ({ value: item.code, text: item.label })),
          programmes: model.evidenceBasedProgrammes.map(item => ({ value: item.code, text: item.label })),
        },
        values: failure?.values ?? { ...saved, 'new-concerns': [], 'new-services': [], 'new-programmes': [] },
        updated: (request.query as Record<string, unknown>).updated === '1',
        conflict: failure?.conflict,
        errors: failure ? pageErrors(failure.errors, fieldOrder(list, page.items.length)) : undefined,
      })
    }

    app.get(address, { config }, (request, reply) => listPage(request, reply))

    app.post(address, { config }, async (request, reply) => {
      const ctx = request.requestContext()
      const { items } = await services.practiceModels.listForAdministration(ctx, list.key)
      try {
        const { _csrf: _ignored, ...body } = (request.body ?? {}) as Record<string, unknown>
        const edits: Record<string, unknown> = {}
        const rest: Record<string, unknown> = {}
        for (const [name, value] of Object.entries(body)) (itemField.test(name) ? edits : rest)[name] = value
        const parsed = schema.safeParse(rest)
        const problems: FieldError[] = parsed.success
          ? []
          : parsed.error.issues.map(issue => ({
              field: issue.path.length ? String(issue.path[0]) : 'form',
              message: issue.message,
            }))
        for (const [name, value] of Object.entries(edits))
          if (typeof value !== 'string' || value.length > 5000)
            problems.push({ field: name, message: 'Enter the text again: it could not be read' })
        if (!parsed.success || problems.length > 0) throw new ValidationError(problems)
        const { version, ...form } = parsed.data
        // The form asks for what each item needs (a label; the new one's code and choice), naming the item, all at
        // once; the model's schema checks everything else when the service saves.
        const blank = items.flatMap((_, index) => {
          const label = edits[`label-${index}`]
          return typeof label === 'string' && label.trim() === ''
            ? [{ field: `label-${index}`, message: `${list.label}, item ${index + 1}: Enter a label` }]
            : []
        })
        const { item: add, errors } = newItem(list, items.length, form)
        if (blank.length > 0 || errors.length > 0) throw new ValidationError([...blank, ...errors])
        // Positions are those of the list the page showed; if it has changed since, the version says so.
        const changes = items.map(({ item }, index) => ({
          code: item.code,
          label: typeof edits[`label-${index}`] === 'string' ? (edits[`label-${index}`] as string).trim() : item.label,
          description:
            typeof edits[`description-${index}`] === 'string'
              ? (edits[`description-${index}`] as string).trim() || undefined
              : item.description,
        }))
        await services.practiceModels.updateList(ctx, version, list.key, { items: changes, ...(add ? { add } : {}) })
        return reply.redirect(`${address}?updated=1`, 303)
      } catch (error) {
        const values = typedValues(request)
        if (error instanceof ValidationError)
          return listPage(request, reply, {
            status: 400,
            values,
            errors: toFormErrors(list, items.length, error.errors),
          })
        if (error instanceof ConflictError)
          return listPage(request, reply, { status: 409, values, errors: [conflictError], conflict: true })
        throw error
      }
    })

    /** The confirmation page: what the item is, and either a button to remove it or what still uses it. */
    async function removePage(request: FastifyRequest, reply: FastifyReply, code: unknown, failure?: Failure) {
      const page = await services.practiceModels.listForAdministration(request.requestContext(), list.key)
      const entry = page.items.find(({ item }) => item.code === code)
      if (!entry) throw new NotFoundError()
      return reply.status(failure?.status ?? 200).view('admin/practiceModelListRemove.njk', {
        list,
        version: page.version,
        item: entry.item,
        details: detailsOf(list, entry.item, page.model),
        inUse: entry.inUse,
        conflict: failure?.conflict,
        errors: failure
          ? pageErrors(
              failure.errors.map(error => ({ field: 'form', message: inWords(error) })),
              [],
            )
          : undefined,
      })
    }

    app.get(`${address}/remove`, { config }, (request, reply) =>
      removePage(request, reply, (request.query as Record<string, unknown>).code),
    )

    app.post(`${address}/remove`, { config }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const version = versionField.safeParse(body.version)
      try {
        if (typeof body.code !== 'string') throw new NotFoundError()
        if (!version.success)
          throw new ValidationError([{ field: 'form', message: 'The form is missing its version: reload the page' }])
        await services.practiceModels.removeListItem(request.requestContext(), version.data, list.key, body.code)
        return reply.redirect(`${address}?updated=1`, 303)
      } catch (error) {
        if (error instanceof ValidationError)
          return removePage(request, reply, body.code, { status: 400, errors: error.errors })
        if (error instanceof ConflictError)
          return removePage(request, reply, body.code, { status: 409, errors: [conflictError], conflict: true })
        throw error
      }
    })
  }
}

export default practiceModelListRoutes
