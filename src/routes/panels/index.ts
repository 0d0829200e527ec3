import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js'
import { idParam, parseForm, readDate, typedFormValues } from '../../lib/forms.js'
import type { GovukErrors } from '../../lib/govukErrors.js'
import type { PanelDecisionAction, PracticeModel } from '../../practice-models/index.js'
import type { RequestContext, Services } from '../../services/index.js'
import { labelsOf } from '../../services/requests.js'
import { submitForm } from '../families/submit.js'
import {
  attendeeFields,
  attendeeRows,
  decisionFields,
  decisionInputFrom,
  decisionSchema,
  firstDateField,
  lastRowUsed,
  minutesSchema,
  parseAttendees,
  scheduleFields,
  scheduleSchema,
} from './schemas.js'

type Values = Record<string, string | string[]>
type FormContext = { values: Values; errors?: GovukErrors; conflict?: boolean }
type Meeting = Awaited<ReturnType<Services['panels']['get']>>
type AgendaItem = Meeting['agenda'][number]

const meetingIdOf = (request: FastifyRequest) => idParam(request.params, 'meetingId')
const requestIdOf = (request: FastifyRequest) => idParam(request.params, 'requestId')
const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, unknown>
const optionalId = (value: unknown) =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
    ? value.toLowerCase()
    : null

/** How often the model's panel meets, and how a run of its meetings is spaced, in words. */
const cadenceWords: Record<PracticeModel['panel']['cadence'], { often: string; spacing: string | null }> = {
  weekly: { often: 'once a week', spacing: 'one a week' },
  fortnightly: { often: 'once a fortnight', spacing: 'one a fortnight' },
  monthly: { often: 'every four weeks', spacing: 'one every four weeks' },
  as_needed: { often: 'when it is needed', spacing: null },
}

/** For each decision field that only some decisions need, the labels of the decisions that need it. */
function neededFor(model: PracticeModel) {
  const labels = (action: PanelDecisionAction) =>
    model.panel.decisions.filter(decision => decision.action === action).map(decision => decision.label)
  return {
    teamId: labels('allocate'),
    leadProfessionalUserId: labels('lead_professional'),
    signpostTo: labels('signpost'),
    socialCareTeam: labels('social_care'),
  }
}

/** What every page about one meeting is given. */
function meetingContext(found: Meeting) {
  // The layout's `today` is the clock's Date; the service's is the ISO day, kept out of its way.
  const { today, ...meeting } = found
  const { status, meets_on: meetsOn } = found.meeting
  return {
    ...meeting,
    labels: labelsOf(found.model),
    // The service refuses a decision before the day of the meeting or at a cancelled one: the page offers
    // the decision form only where it would be taken.
    notMetYet: meetsOn > today,
    decidable: found.abilities.manage && status !== 'cancelled' && meetsOn <= today,
  }
}

function agendaItem(found: Meeting, requestId: string): AgendaItem {
  const item = found.agenda.find(row => row.request_id === requestId)
  if (!item) throw new NotFoundError()
  return item
}

/**
 * The panel (Derby's Vulnerable Children's Meeting, Durham's allocation meeting, Leeds' guidance and support
 * meeting): the meetings, scheduling a run of them, one meeting's agenda and decisions, its attendees and
 * minutes, and a printable agenda and minutes.
 */
const panelRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // The panel service authorises each meeting by its area: these routes only ask that someone is signed in.
  // Forms ask it first (services.panels.authorize), so a user who may not run the meeting is refused
  // before anything they sent is read.
  const signedIn = { access: 'signedIn' } as const

  app.get('/panels', { config: { access: 'panels:list' } }, async (request, reply) => {
    const areaId = optionalId(query(request).areaId)
    const { today, meetings, ...found } = await services.panels.list(request.requestContext(), { areaId })
    const scheduled = Number(query(request).scheduled)
    return reply.view('panels/list.njk', {
      ...found,
      // Those to come first, soonest first; then the past four weeks', latest first.
      upcoming: meetings.filter(meeting => meeting.meets_on >= today),
      past: meetings.filter(meeting => meeting.meets_on < today).reverse(),
      filters: { areaId },
      cadence: cadenceWords[found.model.panel.cadence],
      scheduled: Number.isInteger(scheduled) && scheduled > 0 && scheduled <= 100 ? scheduled : undefined,
    })
  })

  async function renderSchedule(reply: FastifyReply, ctx: RequestContext, status: number, context: FormContext) {
    const { areas, model } = await services.panels.list(ctx, { areaId: null })
    return reply.status(status).view('panels/schedule.njk', {
      model,
      areas: areas.filter(area => area.active),
      cadence: cadenceWords[model.panel.cadence],
      ...context,
    })
  }

  app.get('/panels/new', { config: { access: 'panels:schedule' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const { areas } = await services.panels.list(ctx, { areaId: null })
    const active = areas.filter(area => area.active)
    // A chair of one area schedules that area's meetings.
    return renderSchedule(reply, ctx, 200, { values: active.length === 1 ? { areaId: active[0]!.area_id } : {} })
  })

  app.post('/panels', { config: { access: 'panels:schedule' } }, async (request, reply) => {
    const ctx = request.requestContext()
    const values = typedFormValues(request.body)
    return submitForm(
      reply,
      scheduleFields,
      (status, errors) => renderSchedule(reply, ctx, status, { values, errors }),
      async () => {
        const form = parseForm(scheduleSchema, request.body)
        const firstDate = readDate(values, firstDateField)
        try {
          const ids = await services.panels.schedule(ctx, {
            areaId: form.areaId,
            firstDate: firstDate.value,
            startsAt: form.startsAt,
            venue: form.venue ?? null,
            count: form.count,
          })
          return `/panels?areaId=${form.areaId}&scheduled=${ids.length}`
        } catch (error) {
          // A date that is not a real date reaches the service as no date: say what is wrong with it instead.
          if (error instanceof ValidationError && firstDate.error)
            throw new ValidationError([firstDate.error, ...error.errors])
          throw error
        }
      },
    )
  })

  app.get('/panels/:meetingId', { config: signedIn }, async (request, reply) => {
    const found = await services.panels.get(request.requestContext(), meetingIdOf(request))
    const banner = ['decided', 'attendees', 'minuted'].find(flag => query(request)[flag] === '1')
    return reply.view('panels/meeting.njk', { ...meetingContext(found), banner })
  })

  app.get('/panels/:meetingId/print', { config: signedIn }, async (request, reply) => {
    const found = await services.panels.get(request.requestContext(), meetingIdOf(request))
    return reply.view('panels/print.njk', meetingContext(found))
  })

  /** The meeting, for one who runs it: anyone else is refused (and the refusal logged) first. */
  async function meetingToRun(ctx: RequestContext, meetingId: string) {
    await services.panels.authorize(ctx, meetingId)
    return services.panels.get(ctx, meetingId)
  }

  /**
   * Runs a meeting form: a problem re-renders it (400) with what was typed; a stale version (409) shows what
   * is saved now, and the form keeps what was typed at the new version.
   */
  function runForm(
    reply: FastifyReply,
    ctx: RequestContext,
    found: Meeting,
    body: unknown,
    form: {
      fields: readonly string[]
      render: (found: Meeting, status: number, context: FormContext) => unknown
      version?: (found: Meeting) => number
      save: () => Promise<string>
    },
  ) {
    const values = typedFormValues(body)
    return submitForm(
      reply,
      form.fields,
      async (status, errors, conflict) => {
        if (!conflict) return form.render(found, status, { values, errors })
        const now = await services.panels.get(ctx, found.meeting.meeting_id)
        const version = form.version ? form.version(now) : now.meeting.version
        return form.render(now, status, { values: { ...values, version: String(version) }, errors, conflict })
      },
      form.save,
    )
  }

  // Attendees: who came and who sent apologies, the evidence that the meeting happened.
  const renderAttendees = (reply: FastifyReply) => (found: Meeting, status: number, context: FormContext) =>
    reply.status(status).view('panels/attendees.njk', {
      ...meetingContext(found),
      rows: attendeeRows(Math.max(found.attendees.length, lastRowUsed(context.values))),
      ...context,
    })

  app.get('/panels/:meetingId/attendees', { config: signedIn }, async (request, reply) => {
    const found = await meetingToRun(request.requestContext(), meetingIdOf(request))
    const values: Values = { version: String(found.meeting.version) }
    found.attendees.forEach((attendee, index) => {
      values[`attendees-${index}-name`] = attendee.name
      values[`attendees-${index}-agency`] = attendee.agency
      values[`attendees-${index}-attendance`] = attendee.attendance
    })
    return renderAttendees(reply)(found, 200, { values })
  })

  app.post('/panels/:meetingId/attendees', { config: signedIn }, async (request, reply) => {
    const ctx = request.requestContext()
    const meetingId = meetingIdOf(request)
    const found = await meetingToRun(ctx, meetingId)
    return runForm(reply, ctx, found, request.body, {
      fields: attendeeFields,
      render: renderAttendees(reply),
      async save() {
        const { version, attendees } = parseAttendees(request.body)
        await services.panels.saveAttendees(ctx, meetingId, version, attendees)
        return `/panels/${meetingId}?attendees=1`
      },
    })
  })

  // Minutes: recording them marks the meeting held.
  const renderMinutes = (reply: FastifyReply) => (found: Meeting, status: number, context: FormContext) =>
    reply.status(status).view('panels/minutes.njk', { ...meetingContext(found), ...context })

  app.get('/panels/:meetingId/minutes', { config: signedIn }, async (request, reply) => {
    const found = await meetingToRun(request.requestContext(), meetingIdOf(request))
    return renderMinutes(reply)(found, 200, {
      values: { version: String(found.meeting.version), minutes: found.meeting.minutes ?? '' },
    })
  })

  app.post('/panels/:meetingId/minutes', { config: signedIn }, async (request, reply) => {
    const ctx = request.requestContext()
    const meetingId = meetingIdOf(request)
    const found = await meetingToRun(ctx, meetingId)
    return runForm(reply, ctx, found, request.body, {
      fields: ['minutes'],
      render: renderMinutes(reply),
      async save() {
        const form = parseForm(minutesSchema, request.body)
        await services.panels.recordMinutes(ctx, meetingId, form.version, form.minutes ?? '')
        return `/panels/${meetingId}?minuted=1`
      },
    })
  })

  // The decision on one family on the agenda: its version is the request's.
  const renderDecision =
    (reply: FastifyReply, requestId: string) => (found: Meeting, status: number, context: FormContext) =>
      reply.status(status).view('panels/decision.njk', {
        ...meetingContext(found),
        item: agendaItem(found, requestId),
        neededFor: neededFor(found.model),
        ...context,
      })

  app.get('/panels/:meetingId/requests/:requestId/decision', { config: signedIn }, async (request, reply) => {
    const meetingId = meetingIdOf(request)
    const requestId = requestIdOf(request)
    const found = await meetingToRun(request.requestContext(), meetingId)
    const item = agendaItem(found, requestId)
    // Decided already: the meeting's page shows the decision.
    if (item.panel_decision_id) return reply.redirect(`/panels/${meetingId}#request-${requestId}`, 303)
    return renderDecision(reply, requestId)(found, 200, { values: { version: String(item.request_version) } })
  })

  app.post('/panels/:meetingId/requests/:requestId/decision', { config: signedIn }, async (request, reply) => {
    const ctx = request.requestContext()
    const meetingId = meetingIdOf(request)
    const requestId = requestIdOf(request)
    const found = await meetingToRun(ctx, meetingId)
    // One decision per family at a meeting: someone recorded it while this form was open.
    if (agendaItem(found, requestId).panel_decision_id) throw new ConflictError()
    return runForm(reply, ctx, found, request.body, {
      fields: decisionFields,
      render: renderDecision(reply, requestId),
      version: now => agendaItem(now, requestId).request_version,
      async save() {
        const form = parseForm(decisionSchema, request.body)
        await services.panels.decide(ctx, meetingId, requestId, form.version, decisionInputFrom(form))
        return `/panels/${meetingId}?decided=1`
      },
    })
  })
}

export default panelRoutes
