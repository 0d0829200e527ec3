import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Executor } from './database.js'
import type { DB } from './schema.js'

// People and families: the personal records. Reads take the policy's scope; pages authorise after loading.

type FamilyScope = (eb: ExpressionBuilder<DB, 'family'>) => Expression<SqlBool>

export function findFamily(ex: Executor, authorityId: string, familyId: string) {
  return ex
    .selectFrom('family')
    .leftJoin('team', join =>
      join.onRef('team.authority_id', '=', 'family.authority_id').onRef('team.team_id', '=', 'family.team_id'),
    )
    .leftJoin('area', join =>
      join.onRef('area.authority_id', '=', 'family.authority_id').onRef('area.area_id', '=', 'family.area_id'),
    )
    .selectAll('family')
    .select(['team.name as team_name', 'area.name as area_name'])
    .where('family.authority_id', '=', authorityId)
    .where('family.family_id', '=', familyId)
    .executeTakeFirst()
}

/** The partner practitioners recorded on each family, for the family rules. */
export async function professionalsOf(ex: Executor, authorityId: string, familyIds: string[]) {
  if (familyIds.length === 0) return new Map<string, string[]>()
  const rows = await ex
    .selectFrom('family_professional')
    .select(['family_id', 'user_id'])
    .where('authority_id', '=', authorityId)
    .where('family_id', 'in', familyIds)
    .execute()
  const byFamily = new Map<string, string[]>()
  for (const row of rows) byFamily.set(row.family_id, [...(byFamily.get(row.family_id) ?? []), row.user_id])
  return byFamily
}

/** Families the scope allows, with their size, newest first. */
export function listFamilies(
  ex: Executor,
  authorityId: string,
  scope: FamilyScope,
  page: { limit: number; offset: number },
) {
  return ex
    .selectFrom('family')
    .leftJoin('team', join =>
      join.onRef('team.authority_id', '=', 'family.authority_id').onRef('team.team_id', '=', 'family.team_id'),
    )
    .leftJoin('area', join =>
      join.onRef('area.authority_id', '=', 'family.authority_id').onRef('area.area_id', '=', 'family.area_id'),
    )
    .select(['family.family_id', 'family.name', 'family.updated_at', 'family.team_id', 'family.area_id'])
    .select(['team.name as team_name', 'area.name as area_name'])
    .select(eb =>
      eb
        .selectFrom('family_member as m')
        .whereRef('m.authority_id', '=', 'family.authority_id')
        .whereRef('m.family_id', '=', 'family.family_id')
        .where('m.left_on', 'is', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('member_count'),
    )
    .where('family.authority_id', '=', authorityId)
    .where(scope)
    .orderBy('family.name')
    .orderBy('family.family_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function countFamilies(ex: Executor, authorityId: string, scope: FamilyScope) {
  const row = await ex
    .selectFrom('family')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('family.authority_id', '=', authorityId)
    .where(scope)
    .executeTakeFirstOrThrow()
  return row.n
}

/** Families per area with no names: what an analyst may see. */
export function familiesPerArea(ex: Executor, authorityId: string) {
  return ex
    .selectFrom('family')
    .leftJoin('area', join =>
      join.onRef('area.authority_id', '=', 'family.authority_id').onRef('area.area_id', '=', 'family.area_id'),
    )
    .select(['area.name as area_name'])
    .select(eb => eb.fn.countAll<number>().as('families'))
    .where('family.authority_id', '=', authorityId)
    .groupBy('area.name')
    .orderBy('area.name')
    .execute()
}

/** People whose names match, for the access log search: a head of service looks up anyone in the authority. */
export function findPeopleByName(ex: Executor, authorityId: string, name: string, limit = 50) {
  const words = name.trim().toLowerCase().split(/\s+/).filter(Boolean)
  return ex
    .selectFrom('person')
    .select(['person_id', 'given_name', 'family_name', 'date_of_birth'])
    .where('authority_id', '=', authorityId)
    .where(eb =>
      eb.and(
        words.map(word =>
          eb.or([
            eb(eb.fn('lower', ['given_name']), 'like', `%${word}%`),
            eb(eb.fn('lower', ['family_name']), 'like', `%${word}%`),
          ]),
        ),
      ),
    )
    .orderBy('family_name')
    .orderBy('given_name')
    .limit(limit)
    .execute()
}

export function familyIdsOfPeople(ex: Executor, authorityId: string, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return ex
    .selectFrom('family_member')
    .select('family_id')
    .distinct()
    .where('authority_id', '=', authorityId)
    .where('person_id', 'in', personIds)
    .execute()
}

export interface FamilyAddress {
  line1: string
  line2: string | null
  town: string | null
  postcode: string
}

const addressColumns = (address: FamilyAddress | null | undefined) => ({
  address_line1: address?.line1 ?? null,
  address_line2: address?.line2 ?? null,
  town: address?.town ?? null,
  postcode: address?.postcode ?? null,
})

export async function insertFamily(
  ex: Executor,
  row: {
    authorityId: string
    name: string
    areaId: string | null
    teamId: string | null
    address?: FamilyAddress | null
    by: string
    at: Date
  },
) {
  const { family_id } = await ex
    .insertInto('family')
    .values({
      authority_id: row.authorityId,
      name: row.name,
      area_id: row.areaId,
      team_id: row.teamId,
      ...addressColumns(row.address),
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .returning('family_id')
    .executeTakeFirstOrThrow()
  return family_id
}

/** Saves a family's name and address if it is still at `version`; false when someone else saved first. */
export async function updateFamilyDetails(
  ex: Executor,
  row: {
    authorityId: string
    familyId: string
    version: number
    name: string
    address: FamilyAddress | null
    by: string
    at: Date
  },
) {
  const result = await ex
    .updateTable('family')
    .set(eb => ({
      name: row.name,
      ...addressColumns(row.address),
      updated_at: row.at,
      updated_by: row.by,
      version: eb('version', '+', 1),
    }))
    .where('authority_id', '=', row.authorityId)
    .where('family_id', '=', row.familyId)
    .where('version', '=', row.version)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function insertFamilyProfessional(
  ex: Executor,
  row: { authorityId: string; familyId: string; userId: string; involvement: string },
) {
  await ex
    .insertInto('family_professional')
    .values({
      authority_id: row.authorityId,
      family_id: row.familyId,
      user_id: row.userId,
      involvement: row.involvement,
    })
    .execute()
}
