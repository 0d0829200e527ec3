import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Executor } from './database.js'
import type { DB, FamilyMemberRole } from './schema.js'

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

export function familyMembers(ex: Executor, authorityId: string, familyId: string) {
  return ex
    .selectFrom('family_member as m')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'm.authority_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['p.person_id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'm.role', 'm.joined_on', 'm.left_on'])
    .where('m.authority_id', '=', authorityId)
    .where('m.family_id', '=', familyId)
    .orderBy(eb => eb.case().when('m.role', 'in', ['parent', 'carer']).then(0).else(1).end())
    .orderBy('p.date_of_birth')
    .execute()
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

export function findPerson(ex: Executor, authorityId: string, personId: string) {
  return ex
    .selectFrom('person')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

/** The families a person belongs to now, with what the family rules need. */
export function currentFamiliesOf(ex: Executor, authorityId: string, personId: string) {
  return ex
    .selectFrom('family_member as m')
    .innerJoin('family as f', join =>
      join.onRef('f.authority_id', '=', 'm.authority_id').onRef('f.family_id', '=', 'm.family_id'),
    )
    .select(['f.family_id', 'f.name', 'f.team_id', 'f.area_id', 'm.role'])
    .where('m.authority_id', '=', authorityId)
    .where('m.person_id', '=', personId)
    .where('m.left_on', 'is', null)
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

export async function insertPerson(
  ex: Executor,
  row: { authorityId: string; givenName: string; familyName: string; dateOfBirth: string | null; by: string; at: Date },
) {
  const { person_id } = await ex
    .insertInto('person')
    .values({
      authority_id: row.authorityId,
      given_name: row.givenName,
      family_name: row.familyName,
      date_of_birth: row.dateOfBirth,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .returning('person_id')
    .executeTakeFirstOrThrow()
  return person_id
}

export async function insertFamily(
  ex: Executor,
  row: { authorityId: string; name: string; areaId: string | null; teamId: string | null; by: string; at: Date },
) {
  const { family_id } = await ex
    .insertInto('family')
    .values({
      authority_id: row.authorityId,
      name: row.name,
      area_id: row.areaId,
      team_id: row.teamId,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .returning('family_id')
    .executeTakeFirstOrThrow()
  return family_id
}

export async function insertFamilyMember(
  ex: Executor,
  row: { authorityId: string; familyId: string; personId: string; role: FamilyMemberRole; joinedOn: string | null },
) {
  await ex
    .insertInto('family_member')
    .values({
      authority_id: row.authorityId,
      family_id: row.familyId,
      person_id: row.personId,
      role: row.role,
      joined_on: row.joinedOn,
    })
    .execute()
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
