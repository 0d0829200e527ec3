import type { Executor } from '../data/database.js'
import type { AreaKind, Role } from '../data/schema.js'
import {
  emailInUse,
  findArea,
  findTeam,
  findTeamByName,
  findUser,
  insertArea,
  insertTeam,
  insertUser,
  listAreas,
  listTeams,
  listUsers,
  updateTeam,
  updateUser,
} from '../data/staff.js'
import { deleteSessionsOfUser } from '../data/security.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { authorize } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import { normaliseEmail } from './auth.js'
import type { RequestContext, ServiceDeps } from './context.js'
import { hashPassword, passwordProblem } from './passwords.js'

export interface UserDetails {
  displayName: string
  role: Role
  teamId?: string | undefined
  areaId?: string | undefined
  agency?: string | undefined
  jobTitle?: string | undefined
}

export interface NewUser extends UserDetails {
  email: string
  password: string
}

/** Roles whose work is a team's caseload need a team; partners need their agency (DESIGN §1). */
function roleProblems(details: UserDetails): FieldError[] {
  const problems: FieldError[] = []
  if ((details.role === 'practitioner' || details.role === 'team_manager') && !details.teamId) {
    problems.push({ field: 'teamId', message: 'Select the team this practitioner or team manager works in' })
  }
  if (details.role === 'partner' && !details.agency) {
    problems.push({ field: 'agency', message: 'Enter the agency a partner practitioner works for' })
  }
  return problems
}

/** Users, teams and areas: the administrator's pages. Users are deactivated, never deleted. */
export function createStaffService(
  { database, clock }: ServiceDeps,
  accessLog: ReturnType<typeof createAccessLogService>,
) {
  const { db } = database

  async function organisationProblems(ex: Executor, authorityId: string, details: UserDetails) {
    const problems = roleProblems(details)
    if (details.teamId) {
      const team = await findTeam(ex, authorityId, details.teamId)
      if (!team || !team.active) problems.push({ field: 'teamId', message: 'Select a team that is active' })
    }
    if (details.areaId && !(await findArea(ex, authorityId, details.areaId))) {
      problems.push({ field: 'areaId', message: 'Select an area from the list' })
    }
    return problems
  }

  async function userOrThrow(ex: Executor, authorityId: string, userId: string) {
    const user = await findUser(ex, authorityId, userId)
    if (!user) throw new NotFoundError()
    return user
  }

  const detailsColumns = (details: UserDetails) => ({
    displayName: details.displayName,
    role: details.role,
    teamId: details.teamId ?? null,
    areaId: details.areaId ?? null,
    agency: details.agency ?? null,
    jobTitle: details.jobTitle ?? null,
  })

  return {
    async listUsers(ctx: RequestContext, filter: { role?: Role; active?: boolean } = {}) {
      authorize(ctx.actor, 'users:manage')
      return listUsers(db, ctx.actor.authorityId, filter)
    },

    async getUser(ctx: RequestContext, userId: string) {
      authorize(ctx.actor, 'users:manage')
      const user = await userOrThrow(db, ctx.actor.authorityId, userId)
      await accessLog.record(ctx, 'view', 'user', [userId])
      return user
    },

    /** The teams and areas a user can be placed in. */
    async organisation(ctx: RequestContext) {
      authorize(ctx.actor, 'users:manage')
      const [teams, areas] = await Promise.all([
        listTeams(db, ctx.actor.authorityId),
        listAreas(db, ctx.actor.authorityId),
      ])
      return { teams, areas }
    },

    async createUser(ctx: RequestContext, input: NewUser): Promise<string> {
      authorize(ctx.actor, 'users:manage')
      const email = normaliseEmail(input.email)
      const authorityId = ctx.actor.authorityId
      const problems = await organisationProblems(db, authorityId, input)
      if (await emailInUse(db, email)) {
        problems.unshift({ field: 'email', message: 'A user with this email address already exists' })
      }
      const passwordIssue = passwordProblem(input.password, { email })
      if (passwordIssue) problems.push({ field: 'password', message: passwordIssue })
      if (problems.length) throw new ValidationError(problems)
      const passwordHash = await hashPassword(input.password)
      const now = clock.now()
      return db.transaction().execute(async trx => {
        const details = detailsColumns(input)
        const userId = await insertUser(trx, {
          authority_id: authorityId,
          email,
          display_name: details.displayName,
          role: details.role,
          team_id: details.teamId,
          area_id: details.areaId,
          agency: details.agency,
          job_title: details.jobTitle,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        await accessLog.record(ctx, 'create', 'user', [userId], trx)
        return userId
      })
    },

    async updateUser(ctx: RequestContext, userId: string, version: number, input: UserDetails) {
      authorize(ctx.actor, 'users:manage')
      const authorityId = ctx.actor.authorityId
      await userOrThrow(db, authorityId, userId)
      const problems = await organisationProblems(db, authorityId, input)
      if (userId === ctx.actor.userId && input.role !== ctx.actor.role) {
        problems.push({ field: 'role', message: 'You cannot change your own role: ask another administrator' })
      }
      if (problems.length) throw new ValidationError(problems)
      await db.transaction().execute(async trx => {
        const changed = await updateUser(trx, authorityId, userId, version, {
          ...detailsColumns(input),
          now: clock.now(),
        })
        if (!changed) throw new ConflictError()
        await accessLog.record(ctx, 'update', 'user', [userId], trx)
      })
    },

    /** Deactivating ends the user's sessions at once; their history keeps their name. */
    async setUserActive(ctx: RequestContext, userId: string, version: number, active: boolean) {
      authorize(ctx.actor, 'users:manage')
      const authorityId = ctx.actor.authorityId
      await userOrThrow(db, authorityId, userId)
      if (!active && userId === ctx.actor.userId) {
        throw new ValidationError([{ field: 'form', message: 'You cannot deactivate your own account' }])
      }
      await db.transaction().execute(async trx => {
        const changed = await updateUser(trx, authorityId, userId, version, { active, now: clock.now() })
        if (!changed) throw new ConflictError()
        if (!active) await deleteSessionsOfUser(trx, authorityId, userId)
        await accessLog.record(ctx, active ? 'reactivate' : 'deactivate', 'user', [userId], trx)
      })
    },

    async listTeams(ctx: RequestContext) {
      authorize(ctx.actor, 'teams:manage')
      return listTeams(db, ctx.actor.authorityId)
    },

    async listAreas(ctx: RequestContext) {
      authorize(ctx.actor, 'teams:manage')
      return listAreas(db, ctx.actor.authorityId)
    },

    async getTeam(ctx: RequestContext, teamId: string) {
      authorize(ctx.actor, 'teams:manage')
      const team = await findTeam(db, ctx.actor.authorityId, teamId)
      if (!team) throw new NotFoundError()
      const members = await listUsers(db, ctx.actor.authorityId, {})
      return { team, members: members.filter(user => user.team_id === teamId) }
    },

    async createTeam(ctx: RequestContext, input: { name: string; areaId?: string | undefined }) {
      authorize(ctx.actor, 'teams:manage')
      const authorityId = ctx.actor.authorityId
      const problems: FieldError[] = []
      if (await findTeamByName(db, authorityId, input.name)) {
        problems.push({ field: 'name', message: 'A team with this name already exists' })
      }
      if (input.areaId && !(await findArea(db, authorityId, input.areaId))) {
        problems.push({ field: 'areaId', message: 'Select an area from the list' })
      }
      if (problems.length) throw new ValidationError(problems)
      return db.transaction().execute(async trx => {
        const { team_id } = await insertTeam(trx, authorityId, {
          name: input.name,
          areaId: input.areaId ?? null,
          now: clock.now(),
        })
        await accessLog.record(ctx, 'create', 'team', [team_id], trx)
        return team_id
      })
    },

    async updateTeam(
      ctx: RequestContext,
      teamId: string,
      version: number,
      input: { name: string; areaId?: string | undefined },
    ) {
      authorize(ctx.actor, 'teams:manage')
      const authorityId = ctx.actor.authorityId
      if (!(await findTeam(db, authorityId, teamId))) throw new NotFoundError()
      const problems: FieldError[] = []
      const sameName = await findTeamByName(db, authorityId, input.name)
      if (sameName && sameName.team_id !== teamId)
        problems.push({ field: 'name', message: 'A team with this name already exists' })
      if (input.areaId && !(await findArea(db, authorityId, input.areaId))) {
        problems.push({ field: 'areaId', message: 'Select an area from the list' })
      }
      if (problems.length) throw new ValidationError(problems)
      await db.transaction().execute(async trx => {
        const changed = await updateTeam(trx, authorityId, teamId, version, {
          name: input.name,
          areaId: input.areaId ?? null,
          now: clock.now(),
        })
        if (!changed) throw new ConflictError()
        await accessLog.record(ctx, 'update', 'team', [teamId], trx)
      })
    },

    /** A team with active members cannot be deactivated: their caseloads would have no team. */
    async setTeamActive(ctx: RequestContext, teamId: string, version: number, active: boolean) {
      authorize(ctx.actor, 'teams:manage')
      const authorityId = ctx.actor.authorityId
      const team = await findTeam(db, authorityId, teamId)
      if (!team) throw new NotFoundError()
      if (
        !active &&
        team &&
        (await listUsers(db, authorityId, { active: true })).some(user => user.team_id === teamId)
      ) {
        throw new ValidationError([
          { field: 'form', message: 'Move or deactivate the team’s active users before you deactivate the team' },
        ])
      }
      await db.transaction().execute(async trx => {
        const changed = await updateTeam(trx, authorityId, teamId, version, { active, now: clock.now() })
        if (!changed) throw new ConflictError()
        await accessLog.record(ctx, active ? 'reactivate' : 'deactivate', 'team', [teamId], trx)
      })
    },

    async createArea(ctx: RequestContext, input: { name: string; kind: AreaKind }) {
      authorize(ctx.actor, 'teams:manage')
      const authorityId = ctx.actor.authorityId
      const existing = await listAreas(db, authorityId)
      if (existing.some(area => area.name.toLowerCase() === input.name.toLowerCase())) {
        throw new ValidationError([{ field: 'name', message: 'An area with this name already exists' }])
      }
      return db.transaction().execute(async trx => {
        const { area_id } = await insertArea(trx, authorityId, input)
        await accessLog.record(ctx, 'create', 'area', [area_id], trx)
        return area_id
      })
    },
  }
}
