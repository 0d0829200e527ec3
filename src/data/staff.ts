import type { Executor } from './database.js'
import type { AppUserTable, AreaKind, Role } from './schema.js'
import type { Insertable } from 'kysely'

// Authorities, areas, teams and users: the people who use Tandem and how they are organised.

export function findAuthority(ex: Executor, authorityId: string) {
  return ex.selectFrom('authority').selectAll().where('authority_id', '=', authorityId).executeTakeFirst()
}

export function listAuthorities(ex: Executor) {
  return ex.selectFrom('authority').selectAll().orderBy('name').execute()
}

export async function insertAuthority(ex: Executor, row: { authorityId: string; slug: string; name: string }) {
  await ex.insertInto('authority').values({ authority_id: row.authorityId, slug: row.slug, name: row.name }).execute()
}

export function listAreas(ex: Executor, authorityId: string) {
  return ex.selectFrom('area').selectAll().where('authority_id', '=', authorityId).orderBy('name').execute()
}

export function findArea(ex: Executor, authorityId: string, areaId: string) {
  return ex
    .selectFrom('area')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('area_id', '=', areaId)
    .executeTakeFirst()
}

export async function insertArea(ex: Executor, authorityId: string, row: { name: string; kind: AreaKind }) {
  return ex
    .insertInto('area')
    .values({ authority_id: authorityId, name: row.name, kind: row.kind })
    .returning('area_id')
    .executeTakeFirstOrThrow()
}

const teamColumns = [
  'team.authority_id',
  'team.team_id',
  'team.name',
  'team.area_id',
  'team.active',
  'team.deactivated_at',
  'team.version',
  'team.created_at',
  'team.updated_at',
] as const

export function listTeams(ex: Executor, authorityId: string) {
  return ex
    .selectFrom('team')
    .leftJoin('area', join =>
      join.onRef('area.authority_id', '=', 'team.authority_id').onRef('area.area_id', '=', 'team.area_id'),
    )
    .select([...teamColumns, 'area.name as area_name'])
    .select(eb =>
      eb
        .selectFrom('app_user')
        .whereRef('app_user.authority_id', '=', 'team.authority_id')
        .whereRef('app_user.team_id', '=', 'team.team_id')
        .where('app_user.active', '=', true)
        .select(eb.fn.countAll<number>().as('n'))
        .as('active_members'),
    )
    .where('team.authority_id', '=', authorityId)
    .orderBy('team.active', 'desc')
    .orderBy('team.name')
    .execute()
}

export function findTeam(ex: Executor, authorityId: string, teamId: string) {
  return ex
    .selectFrom('team')
    .leftJoin('area', join =>
      join.onRef('area.authority_id', '=', 'team.authority_id').onRef('area.area_id', '=', 'team.area_id'),
    )
    .select([...teamColumns, 'area.name as area_name'])
    .where('team.authority_id', '=', authorityId)
    .where('team.team_id', '=', teamId)
    .executeTakeFirst()
}

/** How many active users a team has: a team with any cannot be deactivated. */
export async function countActiveMembers(ex: Executor, authorityId: string, teamId: string): Promise<number> {
  const { n } = await ex
    .selectFrom('app_user')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('authority_id', '=', authorityId)
    .where('team_id', '=', teamId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow()
  return Number(n)
}

export function findAreaByName(ex: Executor, authorityId: string, name: string) {
  return ex
    .selectFrom('area')
    .select('area_id')
    .where('authority_id', '=', authorityId)
    .where(eb => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst()
}

export function findTeamByName(ex: Executor, authorityId: string, name: string) {
  return ex
    .selectFrom('team')
    .select('team_id')
    .where('authority_id', '=', authorityId)
    .where(eb => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst()
}

export async function insertTeam(
  ex: Executor,
  authorityId: string,
  row: { name: string; areaId: string | null; now: Date },
) {
  return ex
    .insertInto('team')
    .values({
      authority_id: authorityId,
      name: row.name,
      area_id: row.areaId,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('team_id')
    .executeTakeFirstOrThrow()
}

/** Changes a team if it is still at the version the editor loaded; returns false if it was not. */
export async function updateTeam(
  ex: Executor,
  authorityId: string,
  teamId: string,
  expectedVersion: number,
  changes: { name?: string; areaId?: string | null; active?: boolean; now: Date },
): Promise<boolean> {
  const result = await ex
    .updateTable('team')
    .set(eb => ({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.areaId !== undefined ? { area_id: changes.areaId } : {}),
      ...(changes.active !== undefined
        ? { active: changes.active, deactivated_at: changes.active ? null : changes.now }
        : {}),
      updated_at: changes.now,
      version: eb('version', '+', 1),
    }))
    .where('authority_id', '=', authorityId)
    .where('team_id', '=', teamId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

const userColumns = [
  'app_user.authority_id',
  'app_user.user_id',
  'app_user.email',
  'app_user.display_name',
  'app_user.role',
  'app_user.team_id',
  'app_user.area_id',
  'app_user.agency',
  'app_user.job_title',
  'app_user.active',
  'app_user.deactivated_at',
  'app_user.created_at',
  'app_user.updated_at',
  'app_user.version',
] as const

function usersWithNames(ex: Executor) {
  return ex
    .selectFrom('app_user')
    .leftJoin('team', join =>
      join.onRef('team.authority_id', '=', 'app_user.authority_id').onRef('team.team_id', '=', 'app_user.team_id'),
    )
    .leftJoin('area', join =>
      join.onRef('area.authority_id', '=', 'app_user.authority_id').onRef('area.area_id', '=', 'app_user.area_id'),
    )
    .select([...userColumns, 'team.name as team_name', 'area.name as area_name'])
}

export function listUsers(
  ex: Executor,
  authorityId: string,
  filter: { role?: Role; active?: boolean; teamId?: string } = {},
) {
  let query = usersWithNames(ex).where('app_user.authority_id', '=', authorityId)
  if (filter.role) query = query.where('app_user.role', '=', filter.role)
  if (filter.active !== undefined) query = query.where('app_user.active', '=', filter.active)
  if (filter.teamId) query = query.where('app_user.team_id', '=', filter.teamId)
  return query.orderBy('app_user.active', 'desc').orderBy('app_user.display_name').execute()
}

export function findUser(ex: Executor, authorityId: string, userId: string) {
  return usersWithNames(ex)
    .where('app_user.authority_id', '=', authorityId)
    .where('app_user.user_id', '=', userId)
    .executeTakeFirst()
}

/** The user and password hash behind a sign-in email, wherever their authority. */
export function findSignInByEmail(ex: Executor, email: string) {
  return ex
    .selectFrom('sign_in_directory as d')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'd.authority_id').onRef('u.user_id', '=', 'd.user_id'),
    )
    .select(['u.authority_id', 'u.user_id', 'u.password_hash', 'u.active'])
    .where('d.email', '=', email)
    .executeTakeFirst()
}

export function emailInUse(ex: Executor, email: string) {
  return ex.selectFrom('sign_in_directory').select('user_id').where('email', '=', email).executeTakeFirst()
}

/** A user and their sign-in directory entry: two rows, one change. */
export async function insertUser(ex: Executor, row: Insertable<AppUserTable>) {
  const { user_id } = await ex.insertInto('app_user').values(row).returning('user_id').executeTakeFirstOrThrow()
  await ex
    .insertInto('sign_in_directory')
    .values({ email: row.email, authority_id: row.authority_id, user_id })
    .execute()
  return user_id
}

export async function updateUser(
  ex: Executor,
  authorityId: string,
  userId: string,
  expectedVersion: number,
  changes: {
    email?: string
    displayName?: string
    role?: Role
    teamId?: string | null
    areaId?: string | null
    agency?: string | null
    jobTitle?: string | null
    active?: boolean
    passwordHash?: string
    now: Date
  },
): Promise<boolean> {
  const result = await ex
    .updateTable('app_user')
    .set(eb => ({
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.teamId !== undefined ? { team_id: changes.teamId } : {}),
      ...(changes.areaId !== undefined ? { area_id: changes.areaId } : {}),
      ...(changes.agency !== undefined ? { agency: changes.agency } : {}),
      ...(changes.jobTitle !== undefined ? { job_title: changes.jobTitle } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.active !== undefined
        ? { active: changes.active, deactivated_at: changes.active ? null : changes.now }
        : {}),
      updated_at: changes.now,
      version: eb('version', '+', 1),
    }))
    .where('authority_id', '=', authorityId)
    .where('user_id', '=', userId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Moves a user's sign-in to a new email address: the directory follows the user's row. */
export async function updateSignInEmail(ex: Executor, authorityId: string, userId: string, email: string) {
  await ex
    .updateTable('sign_in_directory')
    .set({ email })
    .where('authority_id', '=', authorityId)
    .where('user_id', '=', userId)
    .execute()
}

/** Whether a database error is a unique-key violation: two people took the same name or email at once. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}

export function findPasswordHash(ex: Executor, authorityId: string, userId: string) {
  return ex
    .selectFrom('app_user')
    .select(['password_hash', 'version', 'email'])
    .where('authority_id', '=', authorityId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}
