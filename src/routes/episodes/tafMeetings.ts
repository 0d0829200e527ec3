import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import {
  dateBoxes,
  dateParts,
  idParam,
  manyOf,
  parseFormWithDates,
  typedFormValues,
  versionField,
} from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import { attendanceChoices, attendanceLabels, OTHER_ROWS } from '../../services/tafMeetings.js'
import { submitForm } from '../families/submit.js'

/** The most invitees a meeting's held form takes an attendance for (family, professionals and others). */
const MAX_POSITIONS = 80
const rows = Array.from({ length: OTHER_ROWS }, (_, index) => index)

/** Name and agency rows for "someone else", as `<prefix>-<n>-name` and `<prefix>-<n>-agency`. */
function otherRows(prefix: string) {
  const text = (what: string) => z.string().trim().max(100, `${what} must be 100 characters or fewer`).default('')
  return Object.fromEntries(
    rows.flatMap(index => [
      [`${prefix}-${index}-name`, text(`The name of person ${index + 1}`)],
      [`${prefix}-${index}-agency`, text(`The agency of person ${index + 1}`)],
    ]),
  ) as Record<string, z.ZodDefault<z.ZodString>>
}
const otherFieldNames = (prefix: string) =>
  rows.flatMap(index => [`${prefix}-${index}-name`, `${prefix}-${index}-agency`])
const othersOf = (form: Record<string, unknown>, prefix: string) =>
  rows.map(index => ({
    name: String(form[`${prefix}-${index}-name`] ?? ''),
    agency: String(form[`${prefix}-${index}-agency`] ?? ''),
  }))

/** Planning a meeting: its kind, date and venue, and who is invited. */
const planSchema = z.strictObject({
  kind: z.string().trim().max(20).optional(),
  ...dateParts('plannedOn'),
  venue: z.string().trim().max(200, 'The venue must be 200 characters or fewer').default(''),
  personIds: manyOf(40),
  userIds: manyOf(40),
  ...otherRows('others'),
})
const planFields = ['kind', 'plannedOn', 'venue', 'personIds', 'userIds', ...otherFieldNames('others')]

/** Recording a meeting as held: the date, each invitee's attendance, anyone else who came, minutes and progress. */
const heldSchema = z.strictObject({
  version: versionField,
  ...dateParts('heldOn'),
  ...Object.fromEntries(
    Array.from({ length: MAX_POSITIONS }, (_, index) => [
      `attendance-${index + 1}`,
      z.string().trim().max(20).optional(),
    ]),
  ),
  ...otherRows('others'),
  minutes: z.string().trim().max(20000, 'The minutes must be 20,000 characters or fewer').default(''),
  progress: z.string().trim().max(10000, 'The progress must be 10,000 characters or fewer').default(''),
})
const heldFields = [
  'agreement',
  'baselineTool',
  'safeguarding',
  'heldOn',
  'attendance',
  ...Array.from({ length: MAX_POSITIONS }, (_, index) => `attendance-${index + 1}`),
  ...otherFieldNames('others'),
  'minutes',
  'progress',
]

/** Cancelling a meeting, or a manager letting the initial one go ahead: a version and a reason. */
const reasonSchema = z.strictObject({
  version: versionField,
  reason: z.string().trim().max(5000, 'The reason must be 5,000 characters or fewer').default(''),
})

/** A progression of change tool completed with the family. */
const toolSchema = z.strictObject({
  tool: z.string().trim().max(64).optional(),
  stage: z.string().trim().max(20).optional(),
  ...dateParts('completedOn'),
  completedWith: z.string().trim().max(500, 'Who took part must be 500 characters or fewer').default(''),
  summary: z.string().trim().max(10000, 'The summary must be 10,000 characters or fewer').default(''),
})
const toolFields = ['tool', 'stage', 'completedOn', 'completedWith', 'summary']

// Dates are read here as optional: an empty one reaches the service, which says it is needed beside every other
// problem of the form, so the error summary lists them all at once.

/** Pages of the case: Team Around the Family meetings and progression tool records (issue 8). */
const routes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const taf = services.tafMeetings
  const base = (episodeId: string) => `/episodes/${episodeId}/taf-meetings`
  const ids = (params: unknown) => ({
    episodeId: idParam(params, 'episodeId'),
    tafMeetingId: idParam(params, 'tafMeetingId'),
  })
  const banners = ['planned', 'held', 'cancelled', 'overridden', 'recorded']
  const bannerOf = (query: unknown) => banners.find(flag => (query as Record<string, unknown>)[flag] === '1')

  app.get('/episodes/:episodeId/taf-meetings', { config: { access: 'signedIn' } }, async (request, reply) => {
    const found = await taf.list(request.requestContext(), idParam(request.params, 'episodeId'))
    return reply.view('episodes/tafMeetings.njk', { ...found, banner: bannerOf(request.query) })
  })

  async function renderPlan(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await taf.planForm(ctx, episodeId)
    return reply.status(status).view('episodes/tafPlan.njk', { ...form, otherRows: rows, values, errors })
  }

  app.get('/episodes/:episodeId/taf-meetings/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const form = await taf.planForm(ctx, episodeId)
    const invited = form.professionals
      .filter(professional => professional.isWorker || professional.isLeadProfessional)
      .map(professional => professional.userId)
    return renderPlan(reply, ctx, episodeId, 200, { kind: form.suggestedKind, userIds: invited })
  })

  app.post('/episodes/:episodeId/taf-meetings', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await taf.authorizeWork(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      planFields,
      (status, errors) => renderPlan(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(planSchema, request.body, [
          { name: 'plannedOn', label: 'The date of the meeting', required: false },
        ])
        const tafMeetingId = await taf.plan(ctx, episodeId, {
          kind: form.kind ?? null,
          plannedOn: form.dates.plannedOn,
          venue: form.venue,
          personIds: form.personIds,
          userIds: form.userIds,
          others: othersOf(form, 'others'),
        })
        return `${base(episodeId)}/${tafMeetingId}?planned=1`
      },
    )
  })

  app.get(
    '/episodes/:episodeId/taf-meetings/:tafMeetingId',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const { episodeId, tafMeetingId } = ids(request.params)
      const found = await taf.get(request.requestContext(), episodeId, tafMeetingId)
      return reply.view('episodes/tafMeeting.njk', { ...found, attendanceLabels, banner: bannerOf(request.query) })
    },
  )

  async function renderHeld(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    tafMeetingId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
    conflict = false,
  ) {
    const found = await taf.heldForm(ctx, episodeId, tafMeetingId)
    return reply.status(status).view('episodes/tafHeld.njk', {
      ...found,
      attendanceChoices,
      attendanceLabels,
      otherRows: rows,
      values: conflict ? { ...values, version: String(found.meeting.version) } : values,
      errors,
      conflict,
    })
  }

  app.get(
    '/episodes/:episodeId/taf-meetings/:tafMeetingId/held',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const { episodeId, tafMeetingId } = ids(request.params)
      const { meeting, today } = await taf.heldForm(ctx, episodeId, tafMeetingId)
      if (meeting.status !== 'planned') return reply.redirect(`${base(episodeId)}/${tafMeetingId}`, 303)
      return renderHeld(reply, ctx, episodeId, tafMeetingId, 200, {
        version: String(meeting.version),
        ...dateBoxes('heldOn', meeting.planned_on <= today ? meeting.planned_on : today),
      })
    },
  )

  app.post(
    '/episodes/:episodeId/taf-meetings/:tafMeetingId/held',
    { config: { access: 'signedIn' } },
    async (request, reply) => {
      const ctx = request.requestContext()
      const { episodeId, tafMeetingId } = ids(request.params)
      await taf.authorizeWork(ctx, episodeId)
      const values = typedFormValues(request.body)
      return submitForm(
        reply,
        heldFields,
        (status, errors, conflict) => renderHeld(reply, ctx, episodeId, tafMeetingId, status, values, errors, conflict),
        async () => {
          const form = parseFormWithDates(heldSchema, request.body, [
            { name: 'heldOn', label: 'The date the meeting was held', required: false },
          ])
          const fields = form as Record<string, unknown>
          const attendance: Record<number, string | undefined> = {}
          for (let position = 1; position <= MAX_POSITIONS; position += 1)
            attendance[position] = fields[`attendance-${position}`] as string | undefined
          await taf.recordHeld(ctx, episodeId, tafMeetingId, form.version, {
            heldOn: form.dates.heldOn,
            attendance,
            others: othersOf(fields, 'others'),
            minutes: form.minutes,
            progress: form.progress,
          })
          return `${base(episodeId)}/${tafMeetingId}?held=1`
        },
      )
    },
  )

  /** The cancel and override pages: one reason and the version, each asked by its own service method. */
  for (const action of ['cancel', 'override'] as const) {
    const template = action === 'cancel' ? 'episodes/tafCancel.njk' : 'episodes/tafOverride.njk'
    const authorize = (ctx: RequestContext, episodeId: string) =>
      action === 'cancel' ? taf.authorizeWork(ctx, episodeId) : taf.authorizeOversee(ctx, episodeId)

    const render = async (
      reply: FastifyReply,
      ctx: RequestContext,
      episodeId: string,
      tafMeetingId: string,
      status: number,
      values: Record<string, string | string[]>,
      errors?: GovukErrors,
      conflict = false,
    ) => {
      const found = await taf.get(ctx, episodeId, tafMeetingId)
      return reply.status(status).view(template, {
        ...found,
        values: conflict ? { ...values, version: String(found.meeting.version) } : values,
        errors,
      })
    }

    app.get(
      `/episodes/:episodeId/taf-meetings/:tafMeetingId/${action}`,
      { config: { access: 'signedIn' } },
      async (request, reply) => {
        const ctx = request.requestContext()
        const { episodeId, tafMeetingId } = ids(request.params)
        await authorize(ctx, episodeId)
        const { meeting } = await taf.get(ctx, episodeId, tafMeetingId)
        return render(reply, ctx, episodeId, tafMeetingId, 200, { version: String(meeting.version) })
      },
    )

    app.post(
      `/episodes/:episodeId/taf-meetings/:tafMeetingId/${action}`,
      { config: { access: 'signedIn' } },
      async (request, reply) => {
        const ctx = request.requestContext()
        const { episodeId, tafMeetingId } = ids(request.params)
        await authorize(ctx, episodeId)
        const values = typedFormValues(request.body)
        return submitForm(
          reply,
          ['reason'],
          (status, errors, conflict) => render(reply, ctx, episodeId, tafMeetingId, status, values, errors, conflict),
          async () => {
            const form = parseFormWithDates(reasonSchema, request.body, [])
            if (action === 'cancel') await taf.cancel(ctx, episodeId, tafMeetingId, form.version, form.reason)
            else await taf.override(ctx, episodeId, tafMeetingId, form.version, form.reason)
            return `${base(episodeId)}/${tafMeetingId}?${action === 'cancel' ? 'cancelled' : 'overridden'}=1`
          },
        )
      },
    )
  }

  app.get('/episodes/:episodeId/tools', { config: { access: 'signedIn' } }, async (request, reply) => {
    const found = await taf.tools(request.requestContext(), idParam(request.params, 'episodeId'))
    return reply.view('episodes/tools.njk', { ...found, banner: bannerOf(request.query) })
  })

  async function renderTool(
    reply: FastifyReply,
    ctx: RequestContext,
    episodeId: string,
    status: number,
    values: Record<string, string | string[]>,
    errors?: GovukErrors,
  ) {
    const form = await taf.toolForm(ctx, episodeId)
    return reply.status(status).view('episodes/toolNew.njk', { ...form, values, errors })
  }

  app.get('/episodes/:episodeId/tools/new', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    const { today } = await taf.toolForm(ctx, episodeId)
    const stage = (request.query as Record<string, unknown>).stage
    return renderTool(reply, ctx, episodeId, 200, {
      stage: typeof stage === 'string' ? stage : '',
      ...dateBoxes('completedOn', today),
    })
  })

  app.post('/episodes/:episodeId/tools', { config: { access: 'signedIn' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const episodeId = idParam(request.params, 'episodeId')
    await taf.authorizeWork(ctx, episodeId)
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      toolFields,
      (status, errors) => renderTool(reply, ctx, episodeId, status, values, errors),
      async () => {
        const form = parseFormWithDates(toolSchema, request.body, [
          { name: 'completedOn', label: 'The date the tool was completed', required: false },
        ])
        await taf.recordTool(ctx, episodeId, {
          tool: form.tool ?? null,
          stage: form.stage ?? null,
          completedOn: form.dates.completedOn,
          completedWith: form.completedWith,
          summary: form.summary,
        })
        return `/episodes/${episodeId}/tools?recorded=1`
      },
    )
  })
}

export default routes
