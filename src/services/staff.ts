import type { Executor } from '../data/database.js'
import type { AreaKind, Role } from '../data/schema.js'
import {
  countActiveMembers,
  emailInUse,
  findArea,
  findAreaByName,
  findTeam,
  findTeamByName,
  findUser,
  insertArea,
  insertTeam,
  insertUser,
  isUniqueViolation,
  listAreas,
  listTeams,
  listUsers,
  updateSignInEmail,
  updateTeam,
  updateUser,
} from '../data/staff.js'
import { deleteSessionsOfUser } from '../data/security.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { authorize, type Actor } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import { normaliseEmail } from './auth.js'
import type { RequestContext, ServiceDeps } from './context.js'
import { hashPassword, passwordProblem } from './passwords.js'

/** The roles a user can hold and the kinds an area can be, for forms to offer. */
export { areaKinds, roles } from '../data/schema.js'

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

/** A change to a user: their details, and their sign-in email if it is to change. */
export interface UserChanges extends UserDetails {
  email?: string | undefined
}

/** A user form as typed, before its shape is checked: any field may be missing or wrong. */
export type UserDraft = { [Field in keyof NewUser]?: string | undefined }

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL_TAKEN = 'A user with this email address already exists'
const TEAM_NAME_TAKEN = 'A team with this name already exists'
const AREA_NAME_TAKEN = 'An area with this name already exists'

/** What an administrator may do with a user: the page's buttons and the service's checks share it. */
export function userAbilities(actor: Actor, user: { user_id: string; active: boolean }) {
  const self = user.user_id === actor.userId
  // An administrator cannot lock themselves out, so there is always one who can undo a change.
  return { changeRole: !self, deactivate: user.active && !self, reactivate: !user.active }
}

/** What an administrator may do with a team. */
export function teamAbilities(team: { active: boolean; active_members: number }) {
  // A team with active members cannot be deactivated: their caseloads would have no team.
  return { deactivate: team.active && team.active_members === 0, reactivate: !team.active }
}

/** Runs a write; a unique key taken meanwhile by someone else becomes the field error a check would give. */
async function unlessTaken<T>(work: () => Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError([{ field, message }])
    throw error
  }
}

/** Roles whose work is a team's caseload need a team; partners need their agency (DESIGN §1). */
function roleProblems(details: UserDraft): FieldError[] {
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

  /**
   * The team and area must be this authority's. An active user's team must be active; a deactivated user
   * may stay in the (since deactivated) team they were in.
   */
  async function organisationProblems(
    ex: Executor,
    authorityId: string,
    details: UserDraft,
    current?: { team_id: string | null; active: boolean },
  ) {
    const problems = roleProblems(details)
    if (details.teamId) {
      const team = uuidPattern.test(details.teamId) ? await findTeam(ex, authorityId, details.teamId) : undefined
      const keepsInactiveTeam = current && !current.active && current.team_id === team?.team_id
      if (!team) problems.push({ field: 'teamId', message: 'Select a team from the list' })
      else if (!team.active && !keepsInactiveTeam) {
        problems.push({ field: 'teamId', message: 'Select a team that is active' })
      }
    }
    if (details.areaId) {
      const area = uuidPattern.test(details.areaId) ? await findArea(ex, authorityId, details.areaId) : undefined
      if (!area) problems.push({ field: 'areaId', message: 'Select an area from the list' })
    }
    return problems
  }

  /** Every rule a user's details must meet; a field the draft leaves out is not checked. */
  async function userProblems(
    ex: Executor,
    actor: Actor,
    draft: UserDraft,
    current?: { user_id: string; email: string; role: Role; team_id: string | null; active: boolean },
  ): Promise<FieldError[]> {
    const problems = await organisationProblems(ex, actor.authorityId, draft, current)
    const email = draft.email === undefined ? current?.email : normaliseEmail(draft.email)
    if (email && email !== current?.email) {
      // One email signs in to one authority, so an address in use anywhere is taken.
      const holder = await emailInUse(ex, email)
      if (holder && holder.user_id !== current?.user_id) problems.unshift({ field: 'email', message: EMAIL_TAKEN })
    }
    if (draft.password !== undefined) {
      const passwordIssue = passwordProblem(draft.password, email ? { email } : {})
      if (passwordIssue) problems.push({ field: 'password', message: passwordIssue })
    }
    if (
      current &&
      draft.role !== undefined &&
      draft.role !== current.role &&
      !userAbilities(actor, current).changeRole
    ) {
      problems.push({ field: 'role', message: 'You cannot change your own role: ask another administrator' })
    }
    return problems
  }

  async function areaProblems(ex: Executor, authorityId: string, areaId: string | undefined): Promise<FieldError[]> {
    if (!areaId) return []
    const area = uuidPattern.test(areaId) ? await findArea(ex, authorityId, areaId) : undefined
    return area ? [] : [{ field: 'areaId', message: 'Select an area from the list' }]
  }

  async function teamOrThrow(ex: Executor, authorityId: string, teamId: string) {
    const team = uuidPattern.test(teamId) ? await findTeam(ex, authorityId, teamId) : undefined
    if (!team) throw new NotFoundError()
    return { ...team, active_members: await countActiveMembers(ex, authorityId, teamId) }
  }

  async function userOrThrow(ex: Executor, authorityId: string, userId: string) {
    const user = uuidPattern.test(userId) ? await findUser(ex, authorityId, userId) : undefined
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
    /** What the acting administrator may do with this user. */
    userAbilities(ctx: RequestContext, user: { user_id: string; active: boolean }) {
      return userAbilities(ctx.actor, user)
    },

    teamAbilities,

    /**
     * The problems the rules find with a user form whose shape is wrong too, so a page can show every
     * problem at once. With a user id, the form changes that user.
     */
    async userFormProblems(ctx: RequestContext, draft: UserDraft, userId?: string): Promise<FieldError[]> {
      authorize(ctx.actor, 'users:manage')
      const current = userId ? await userOrThrow(db, ctx.actor.authorityId, userId) : undefined
      return userProblems(db, ctx.actor, draft, current)
    },

    async listUsers(ctx: RequestContext, filter: { role?: Role; active?: boolean } = {}) {
      authorize(ctx.actor, 'users:manage')
      return listUsers(db, ctx.actor.authorityId, filter)
    },

    /** Active colleagues in the authority with their role and team, for choosing who may see a restricted record. */
    async colleagues(ctx: RequestContext) {
      authorize(ctx.actor, 'families:list')
      const users = await listUsers(db, ctx.actor.authorityId, { active: true })
      return users
        .filter(user => user.user_id !== ctx.actor.userId)
        .map(user => ({ userId: user.user_id, name: user.display_name, role: user.role, teamName: user.team_name }))
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
      const problems = await userProblems(db, ctx.actor, input)
      if (problems.length) throw new ValidationError(problems)
      const passwordHash = await hashPassword(input.password)
      const now = clock.now()
      return unlessTaken(
        () =>
          db.transaction().execute(async trx => {
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
          }),
        'email',
        EMAIL_TAKEN,
      )
    },

    /** Changes a user's details (and sign-in email) if no one else has changed them since `version`. */
    async updateUser(ctx: RequestContext, userId: string, version: number, input: UserChanges) {
      authorize(ctx.actor, 'users:manage')
      const authorityId = ctx.actor.authorityId
      const current = await userOrThrow(db, authorityId, userId)
      const problems = await userProblems(db, ctx.actor, input, current)
      if (problems.length) throw new ValidationError(problems)
      const email = input.email === undefined ? current.email : normaliseEmail(input.email)
      await unlessTaken(
        () =>
          db.transaction().execute(async trx => {
            const changed = await updateUser(trx, authorityId, userId, version, {
              ...detailsColumns(input),
              ...(email !== current.email ? { email } : {}),
              now: clock.now(),
            })
            if (!changed) throw new ConflictError()
            if (email !== current.email) await updateSignInEmail(trx, authorityId, userId, email)
            await accessLog.record(ctx, 'update', 'user', [userId], trx)
          }),
        'email',
        EMAIL_TAKEN,
      )
    },

    /**
     * Deactivating ends the user's sessions at once (and their API tokens stop working); their history keeps
     * their name. A user comes back only into an active team.
     */
    async setUserActive(ctx: RequestContext, userId: string, version: number, active: boolean) {
      authorize(ctx.actor, 'users:manage')
      const authorityId = ctx.actor.authorityId
      const user = await userOrThrow(db, authorityId, userId)
      const abilities = userAbilities(ctx.actor, user)
      if (!active && userId === ctx.actor.userId) {
        throw new ValidationError([{ field: 'form', message: 'You cannot deactivate your own account' }])
      }
      if (active && abilities.reactivate && user.team_id) {
        const team = await findTeam(db, authorityId, user.team_id)
        if (team && !team.active) {
          throw new ValidationError([
            {
              field: 'form',
              message: `${team.name} is deactivated: reactivate the team or move the user to another team first`,
            },
          ])
        }
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

    /** A team, its active-member count and everyone who is or was in it. */
    async getTeam(ctx: RequestContext, teamId: string) {
      authorize(ctx.actor, 'teams:manage')
      const team = await teamOrThrow(db, ctx.actor.authorityId, teamId)
      const members = await listUsers(db, ctx.actor.authorityId, { teamId })
      return { team, members }
    },

    async createTeam(ctx: RequestContext, input: { name: string; areaId?: string | undefined }) {
      authorize(ctx.actor, 'teams:manage')
      const authorityId = ctx.actor.authorityId
      const problems: FieldError[] = []
      if (await findTeamByName(db, authorityId, input.name)) problems.push({ field: 'name', message: TEAM_NAME_TAKEN })
      problems.push(...(await areaProblems(db, authorityId, input.areaId)))
      if (problems.length) throw new ValidationError(problems)
      return unlessTaken(
        () =>
          db.transaction().execute(async trx => {
            const { team_id } = await insertTeam(trx, authorityId, {
              name: input.name,
              areaId: input.areaId ?? null,
              now: clock.now(),
            })
            await accessLog.record(ctx, 'create', 'team', [team_id], trx)
            return team_id
          }),
        'name',
        TEAM_NAME_TAKEN,
      )
    },

    /** Renames a team or moves it to another area, if no one else has changed it since `version`. */
    async updateTeam(
      ctx: RequestContext,
      teamId: string,
      version: number,
      input: { name: string; areaId?: string | undefined },
    ) {
      authorize(ctx.actor, 'teams:manage')
      const authorityId = ctx.actor.authorityId
      await teamOrThrow(db, authorityId, teamId)
      const problems: FieldError[] = []
      const sameName = await findTeamByName(db, authorityId, input.name)
      if (sameName && sameName.team_id !== teamId) problems.push({ field: 'name', message: TEAM_NAME_TAKEN })
      problems.push(...(await areaProblems(db, authorityId, input.areaId)))
      if (problems.length) throw new ValidationError(problems)
      await unlessTaken(
        () =>
          db.transaction().execute(async trx => {
            const changed = await updateTeam(trx, authorityId, teamId, version, {
              name: input.name,
              areaId: input.areaId ?? null,
              now: clock.now(),
            })
            if (!changed) throw new ConflictError()
            await accessLog.record(ctx, 'update', 'team', [teamId], trx)
          }),
        'name',
        TEAM_NAME_TAKEN,
      )
    },

    /** Deactivates or reactivates a team; one with active members stays active (see teamAbilities). */
    async setTeamActive(ctx: RequestContext, teamId: string, version: number, active: boolean) {
      authorize(ctx.actor, 'teams:manage')
      const authorityId = ctx.actor.authorityId
      const team = await teamOrThrow(db, authorityId, teamId)
      if (!active && team.active && !teamAbilities(team).deactivate) {
        throw new ValidationError([
          { field: 'members', message: 'Move or deactivate the team’s active users before you deactivate the team' },
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
      if (await findAreaByName(db, authorityId, input.name)) {
        throw new ValidationError([{ field: 'name', message: AREA_NAME_TAKEN }])
      }
      return unlessTaken(
        () =>
          db.transaction().execute(async trx => {
            const { area_id } = await insertArea(trx, authorityId, input)
            await accessLog.record(ctx, 'create', 'area', [area_id], trx)
            return area_id
          }),
        'name',
        AREA_NAME_TAKEN,
      )
    },
  }
}
