import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, ValidationError, type FieldError } from '../../lib/errors.js'
import { parseForm, recordId } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import type { RequestContext, Services } from '../../services/index.js'
import {
  areaFields,
  editTeamSchema,
  newAreaSchema,
  newTeamSchema,
  statusSchema,
  teamFields,
  typedValues,
} from './schemas.js'

type TeamPage = Awaited<ReturnType<Services['staff']['getTeam']>>

const CONFLICT_MESSAGE =
  'Someone else changed this team while you were working on it, so your change was not saved. ' +
  'Its saved details are shown below: check them, then save your change again.'
const STATUS_CONFLICT_MESSAGE =
  'Someone else changed this team while you were working on it, so nothing was changed. Check the details below and try again.'

/** Teams and areas: list, add, view, change, deactivate and reactivate teams; add areas. */
const teamRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const config = { access: 'teams:manage' } as const
  const teamIdOf = (request: FastifyRequest) => recordId((request.params as Record<string, unknown>).teamId)

  function renderTeam(
    reply: FastifyReply,
    { team, members }: TeamPage,
    extra: { status?: number; errors?: FieldError[]; banner?: string } = {},
  ) {
    return reply.status(extra.status ?? 200).view('admin/team.njk', {
      team,
      members,
      abilities: services.staff.teamAbilities(team),
      banner: extra.banner,
      errors: extra.errors ? toGovukErrors(extra.errors, ['form', 'members']) : undefined,
    })
  }

  async function renderTeamForm(
    reply: FastifyReply,
    ctx: RequestContext,
    context: {
      status?: number
      team?: TeamPage['team']
      values: Record<string, string>
      errors?: FieldError[]
      conflict?: boolean
    },
  ) {
    const areas = await services.staff.listAreas(ctx)
    return reply.status(context.status ?? 200).view('admin/teamForm.njk', {
      areas,
      team: context.team,
      values: context.values,
      conflict: context.conflict,
      errors: context.errors ? toGovukErrors(context.errors, ['saved', ...teamFields]) : undefined,
    })
  }

  app.get('/admin/teams', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const [teams, areas] = await Promise.all([services.staff.listTeams(ctx), services.staff.listAreas(ctx)])
    const areaCreated = (request.query as Record<string, unknown>).areaCreated
    return reply.view('admin/teamList.njk', {
      teams,
      areas,
      createdArea: areas.find(area => area.area_id === areaCreated),
    })
  })

  app.get('/admin/teams/new', { config }, async (request, reply) =>
    renderTeamForm(reply, request.requestContext(), { values: {} }),
  )

  app.post('/admin/teams', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    try {
      const form = parseForm(newTeamSchema, request.body)
      const teamId = await services.staff.createTeam(ctx, form)
      return reply.redirect(`/admin/teams/${teamId}?created=1`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return renderTeamForm(reply, ctx, { status: 400, values: typedValues(request.body), errors: error.errors })
    }
  })

  app.get('/admin/teams/:teamId', { config }, async (request, reply) => {
    const page = await services.staff.getTeam(request.requestContext(), teamIdOf(request))
    const query = request.query as Record<string, unknown>
    const banner = ['created', 'updated', 'deactivated', 'reactivated'].find(flag => query[flag] === '1')
    return renderTeam(reply, page, banner ? { banner } : {})
  })

  app.get('/admin/teams/:teamId/edit', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const { team } = await services.staff.getTeam(ctx, teamIdOf(request))
    return renderTeamForm(reply, ctx, {
      team,
      values: { name: team.name, areaId: team.area_id ?? '', version: String(team.version) },
    })
  })

  app.post('/admin/teams/:teamId', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const teamId = teamIdOf(request)
    const typed = typedValues(request.body)
    try {
      const { version, ...changes } = parseForm(editTeamSchema, request.body)
      await services.staff.updateTeam(ctx, teamId, version, changes)
      return reply.redirect(`/admin/teams/${teamId}?updated=1`, 303)
    } catch (error) {
      if (error instanceof ValidationError) {
        const { team } = await services.staff.getTeam(ctx, teamId)
        return renderTeamForm(reply, ctx, { status: 400, team, values: typed, errors: error.errors })
      }
      if (error instanceof ConflictError) {
        const { team } = await services.staff.getTeam(ctx, teamId)
        return renderTeamForm(reply, ctx, {
          status: 409,
          team,
          values: { ...typed, version: String(team.version) },
          errors: [{ field: 'saved', message: CONFLICT_MESSAGE }],
          conflict: true,
        })
      }
      throw error
    }
  })

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/admin/teams/:teamId/${action}`, { config }, async (request, reply) => {
      const ctx = request.requestContext()
      const teamId = teamIdOf(request)
      try {
        const { version } = parseForm(statusSchema, request.body)
        await services.staff.setTeamActive(ctx, teamId, version, active)
        return reply.redirect(`/admin/teams/${teamId}?${action}d=1`, 303)
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
        const page = await services.staff.getTeam(ctx, teamId)
        const errors =
          error instanceof ValidationError
            ? error.errors.map(problem => ({ ...problem, field: problem.field === 'members' ? 'members' : 'form' }))
            : [{ field: 'form', message: STATUS_CONFLICT_MESSAGE }]
        return renderTeam(reply, page, { status: error.statusCode, errors })
      }
    })
  }

  app.get('/admin/areas/new', { config }, async (_request, reply) => reply.view('admin/areaForm.njk', { values: {} }))

  app.post('/admin/areas', { config }, async (request, reply) => {
    try {
      const form = parseForm(newAreaSchema, request.body)
      const areaId = await services.staff.createArea(request.requestContext(), form)
      return reply.redirect(`/admin/teams?areaCreated=${areaId}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return reply.status(400).view('admin/areaForm.njk', {
        values: typedValues(request.body),
        errors: toGovukErrors(error.errors, areaFields),
      })
    }
  })
}

export default teamRoutes
