import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, ValidationError, type FieldError } from '../../lib/errors.js'
import { parseForm, recordId } from '../../lib/forms.js'
import { toGovukErrors } from '../../lib/govukErrors.js'
import { roleLabels } from '../../policies/index.js'
import type { RequestContext, Services } from '../../services/index.js'
import type { UserDraft } from '../../services/staff.js'
import {
  editUserFields,
  editUserSchema,
  newUserFields,
  newUserSchema,
  statusSchema,
  typedValues,
  userFilterSchema,
} from './schemas.js'

type User = Awaited<ReturnType<Services['staff']['getUser']>>

const CONFLICT_MESSAGE =
  'Someone else changed this user while you were working on it, so your change was not saved. ' +
  'Their saved details are shown below: check them, then save your change again.'
const STATUS_CONFLICT_MESSAGE =
  'Someone else changed this user while you were working on it, so nothing was changed. Check the details below and try again.'

/** The form's values from a saved user. */
const savedValues = (user: User) => ({
  displayName: user.display_name,
  email: user.email,
  role: user.role,
  teamId: user.team_id ?? '',
  areaId: user.area_id ?? '',
  agency: user.agency ?? '',
  jobTitle: user.job_title ?? '',
  version: String(user.version),
})

const roleOptions = Object.entries(roleLabels).map(([value, text]) => ({ value, text }))

/** The user form as typed, for the service's rules to check alongside the form's own. */
function draftOf(body: unknown): UserDraft {
  const fields = (body ?? {}) as Record<string, unknown>
  const draft: UserDraft = {}
  for (const field of newUserFields) {
    const value = fields[field]
    if (typeof value !== 'string') continue
    const given = field === 'password' ? value : value.trim()
    if (given) draft[field] = given
  }
  return draft
}

/** Users: list, add, view, change, deactivate and reactivate. Users are never deleted. */
const userRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const config = { access: 'users:manage' } as const
  const userIdOf = (request: FastifyRequest) => recordId((request.params as Record<string, unknown>).userId)

  /** Parses a user form; if its shape is wrong, the service's rules are checked too, so every problem shows at once. */
  async function parseUserForm<T>(parse: () => T, ctx: RequestContext, body: unknown, userId?: string): Promise<T> {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const more = await services.staff.userFormProblems(ctx, draftOf(body), userId)
      throw new ValidationError([...error.errors, ...more])
    }
  }

  function renderUser(
    reply: FastifyReply,
    ctx: RequestContext,
    user: User,
    extra: { status?: number; errors?: FieldError[]; banner?: string } = {},
  ) {
    return reply.status(extra.status ?? 200).view('admin/user.njk', {
      user,
      abilities: services.staff.userAbilities(ctx, user),
      banner: extra.banner,
      errors: extra.errors ? toGovukErrors(extra.errors, ['form']) : undefined,
    })
  }

  async function renderEditForm(
    reply: FastifyReply,
    ctx: RequestContext,
    user: User,
    context: { status?: number; values: Record<string, string>; errors?: FieldError[]; conflict?: boolean },
  ) {
    const organisation = await services.staff.organisation(ctx)
    return reply.status(context.status ?? 200).view('admin/userForm.njk', {
      ...organisation,
      roleOptions,
      user,
      abilities: services.staff.userAbilities(ctx, user),
      values: context.values,
      conflict: context.conflict,
      errors: context.errors ? toGovukErrors(context.errors, ['saved', ...editUserFields]) : undefined,
    })
  }

  app.get('/admin/users', { config }, async (request, reply) => {
    const filter = userFilterSchema.parse(request.query ?? {})
    const users = await services.staff.listUsers(request.requestContext(), {
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.status ? { active: filter.status === 'active' } : {}),
    })
    return reply.view('admin/userList.njk', { users, filter, roleOptions })
  })

  app.get('/admin/users/new', { config }, async (request, reply) => {
    const organisation = await services.staff.organisation(request.requestContext())
    return reply.view('admin/userForm.njk', { ...organisation, roleOptions, values: {} })
  })

  app.post('/admin/users', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    try {
      const form = await parseUserForm(() => parseForm(newUserSchema, request.body), ctx, request.body)
      const userId = await services.staff.createUser(ctx, form)
      return reply.redirect(`/admin/users/${userId}?created=1`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const organisation = await services.staff.organisation(ctx)
      return reply.status(400).view('admin/userForm.njk', {
        ...organisation,
        roleOptions,
        values: typedValues(request.body),
        errors: toGovukErrors(error.errors, newUserFields),
      })
    }
  })

  app.get('/admin/users/:userId', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const user = await services.staff.getUser(ctx, userIdOf(request))
    const query = request.query as Record<string, unknown>
    const banner = ['created', 'updated', 'deactivated', 'reactivated'].find(flag => query[flag] === '1')
    return renderUser(reply, ctx, user, banner ? { banner } : {})
  })

  app.get('/admin/users/:userId/edit', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const user = await services.staff.getUser(ctx, userIdOf(request))
    return renderEditForm(reply, ctx, user, { values: savedValues(user) })
  })

  app.post('/admin/users/:userId', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const userId = userIdOf(request)
    const typed = typedValues(request.body)
    try {
      const { version, ...changes } = await parseUserForm(
        () => parseForm(editUserSchema, request.body),
        ctx,
        request.body,
        userId,
      )
      await services.staff.updateUser(ctx, userId, version, changes)
      return reply.redirect(`/admin/users/${userId}?updated=1`, 303)
    } catch (error) {
      if (error instanceof ValidationError) {
        const user = await services.staff.getUser(ctx, userId)
        return renderEditForm(reply, ctx, user, { status: 400, values: typed, errors: error.errors })
      }
      if (error instanceof ConflictError) {
        // Show what is saved now and keep what this administrator typed; saving again is a deliberate choice.
        const user = await services.staff.getUser(ctx, userId)
        return renderEditForm(reply, ctx, user, {
          status: 409,
          values: { ...typed, version: String(user.version) },
          errors: [{ field: 'saved', message: CONFLICT_MESSAGE }],
          conflict: true,
        })
      }
      throw error
    }
  })

  app.get('/admin/users/:userId/deactivate', { config }, async (request, reply) => {
    const ctx = request.requestContext()
    const user = await services.staff.getUser(ctx, userIdOf(request))
    if (!services.staff.userAbilities(ctx, user).deactivate) return reply.redirect(`/admin/users/${user.user_id}`, 303)
    return reply.view('admin/userDeactivate.njk', { user })
  })

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/admin/users/:userId/${action}`, { config }, async (request, reply) => {
      const ctx = request.requestContext()
      const userId = userIdOf(request)
      try {
        const { version } = parseForm(statusSchema, request.body)
        await services.staff.setUserActive(ctx, userId, version, active)
        return reply.redirect(`/admin/users/${userId}?${action}d=1`, 303)
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
        const user = await services.staff.getUser(ctx, userId)
        const errors =
          error instanceof ValidationError
            ? error.errors.map(problem => ({ ...problem, field: 'form' }))
            : [{ field: 'form', message: STATUS_CONFLICT_MESSAGE }]
        return renderUser(reply, ctx, user, { status: error.statusCode, errors })
      }
    })
  }
}

export default userRoutes
