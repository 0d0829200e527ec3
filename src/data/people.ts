import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Executor } from './database.js'
import type {
  DB,
  DisabilityAnswer,
  FamilyMemberRole,
  GenderCode,
  PersonNameKind,
  RelationshipType,
  SenProvisionCode,
  SocialCareStatus,
} from './schema.js'

// The person record in full: details, names, addresses, relationships, the duplicate check and search.

export type PersonScope = (eb: ExpressionBuilder<DB, 'person'>) => Expression<SqlBool>

/** Everything a person's form sets. */
export interface PersonDetails {
  givenName: string
  familyName: string
  dateOfBirth: string | null
  expectedDate: string | null
  gender: GenderCode
  ethnicity: string | null
  firstLanguage: string | null
  interpreterNeeded: boolean
  disability: DisabilityAnswer
  senProvision: SenProvisionCode | null
  upn: string | null
  nhsNumber: string | null
  youngCarer: boolean
  privatelyFostered: boolean
  noRecourseToPublicFunds: boolean
  socialCareStatus: SocialCareStatus
}

function detailColumns(details: PersonDetails) {
  return {
    given_name: details.givenName,
    family_name: details.familyName,
    date_of_birth: details.dateOfBirth,
    expected_date: details.expectedDate,
    gender: details.gender,
    ethnicity: details.ethnicity,
    first_language: details.firstLanguage,
    interpreter_needed: details.interpreterNeeded,
    disability: details.disability,
    sen_provision: details.senProvision,
    upn: details.upn,
    nhs_number: details.nhsNumber,
    young_carer: details.youngCarer,
    privately_fostered: details.privatelyFostered,
    no_recourse_to_public_funds: details.noRecourseToPublicFunds,
    social_care_status: details.socialCareStatus,
  }
}

export async function insertPersonDetails(
  ex: Executor,
  row: { authorityId: string; details: PersonDetails; searchName: string; by: string; at: Date },
) {
  const { person_id } = await ex
    .insertInto('person')
    .values({
      authority_id: row.authorityId,
      ...detailColumns(row.details),
      search_name: row.searchName,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .returning('person_id')
    .executeTakeFirstOrThrow()
  return person_id
}

/** Saves the details if the record is still at `version`; false when someone else saved first. */
export async function updatePersonDetails(
  ex: Executor,
  row: { authorityId: string; personId: string; version: number; details: PersonDetails; by: string; at: Date },
) {
  const result = await ex
    .updateTable('person')
    .set(eb => ({
      ...detailColumns(row.details),
      updated_at: row.at,
      updated_by: row.by,
      version: eb('version', '+', 1),
    }))
    .where('authority_id', '=', row.authorityId)
    .where('person_id', '=', row.personId)
    .where('version', '=', row.version)
    .where('merged_into', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** The person's details and the names they are known by, for the person page and the edit form. */
export function findPersonRecord(ex: Executor, authorityId: string, personId: string) {
  return ex
    .selectFrom('person')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

export function otherNamesOf(ex: Executor, authorityId: string, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return ex
    .selectFrom('person_name')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('person_id', 'in', personIds)
    .orderBy('recorded_at')
    .execute()
}

export async function insertPersonName(
  ex: Executor,
  row: {
    authorityId: string
    personId: string
    kind: PersonNameKind
    givenName: string
    familyName: string
    by: string
    at: Date
  },
) {
  await ex
    .insertInto('person_name')
    .values({
      authority_id: row.authorityId,
      person_id: row.personId,
      kind: row.kind,
      given_name: row.givenName,
      family_name: row.familyName,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .execute()
}

export async function setSearchName(ex: Executor, authorityId: string, personId: string, searchName: string) {
  await ex
    .updateTable('person')
    .set({ search_name: searchName })
    .where('authority_id', '=', authorityId)
    .where('person_id', '=', personId)
    .execute()
}

export function addressesOf(ex: Executor, authorityId: string, personId: string) {
  return ex
    .selectFrom('person_address')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('person_id', '=', personId)
    .orderBy(eb => eb.case().when('moved_out', 'is', null).then(0).else(1).end())
    .orderBy('moved_in', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute()
}

export interface AddressDetails {
  line1: string
  line2: string | null
  town: string | null
  postcode: string
}

/** A new current address: the one before it is closed the day the person moved in (or today). */
export async function insertCurrentAddress(
  ex: Executor,
  row: { authorityId: string; personId: string; address: AddressDetails; movedIn: string | null; by: string; at: Date },
) {
  await ex
    .updateTable('person_address')
    .set({ moved_out: row.movedIn ?? row.at.toISOString().slice(0, 10) })
    .where('authority_id', '=', row.authorityId)
    .where('person_id', '=', row.personId)
    .where('moved_out', 'is', null)
    .where(eb =>
      eb.or([eb('moved_in', 'is', null), eb('moved_in', '<=', row.movedIn ?? row.at.toISOString().slice(0, 10))]),
    )
    .execute()
  await ex
    .insertInto('person_address')
    .values({
      authority_id: row.authorityId,
      person_id: row.personId,
      ...row.address,
      moved_in: row.movedIn,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .execute()
}

/** Every family a person has belonged to, past and present, with what the family rules need. */
export function familiesOfPerson(ex: Executor, authorityId: string, personId: string) {
  return ex
    .selectFrom('family_member as m')
    .innerJoin('family as f', join =>
      join.onRef('f.authority_id', '=', 'm.authority_id').onRef('f.family_id', '=', 'm.family_id'),
    )
    .select(['f.family_id', 'f.name', 'f.team_id', 'f.area_id', 'm.role', 'm.joined_on', 'm.left_on'])
    .where('m.authority_id', '=', authorityId)
    .where('m.person_id', '=', personId)
    .orderBy('m.left_on', order => order.desc().nullsFirst())
    .execute()
}

export async function insertMember(
  ex: Executor,
  row: {
    authorityId: string
    familyId: string
    personId: string
    role: FamilyMemberRole
    joinedOn: string | null
    livesInHousehold: boolean
  },
) {
  await ex
    .insertInto('family_member')
    .values({
      authority_id: row.authorityId,
      family_id: row.familyId,
      person_id: row.personId,
      role: row.role,
      joined_on: row.joinedOn,
      lives_in_household: row.livesInHousehold,
    })
    .execute()
}

/** Marks a current member as having left; false when they are not a current member. */
export async function endMembership(
  ex: Executor,
  row: { authorityId: string; familyId: string; personId: string; leftOn: string },
) {
  const result = await ex
    .updateTable('family_member')
    .set({ left_on: row.leftOn })
    .where('authority_id', '=', row.authorityId)
    .where('family_id', '=', row.familyId)
    .where('person_id', '=', row.personId)
    .where('left_on', 'is', null)
    .where(eb => eb.or([eb('joined_on', 'is', null), eb('joined_on', '<=', row.leftOn)]))
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** The family's members past and present, with the details their rows and the genogram show. */
export function membersOf(ex: Executor, authorityId: string, familyId: string) {
  return ex
    .selectFrom('family_member as m')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'm.authority_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select([
      'p.person_id',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.expected_date',
      'p.gender',
      'p.nhs_number',
      'p.upn',
      'p.young_carer',
      'p.privately_fostered',
      'p.no_recourse_to_public_funds',
      'p.social_care_status',
      'p.interpreter_needed',
      'p.first_language',
      'm.role',
      'm.joined_on',
      'm.left_on',
      'm.lives_in_household',
    ])
    .where('m.authority_id', '=', authorityId)
    .where('m.family_id', '=', familyId)
    .orderBy(eb => eb.case().when('m.left_on', 'is', null).then(0).else(1).end())
    .orderBy(eb => eb.case().when('m.role', 'in', ['parent', 'carer', 'other adult']).then(0).else(1).end())
    .orderBy(sql`coalesce(p.date_of_birth, p.expected_date)`)
    .orderBy('p.given_name')
    .execute()
}

/** Relationships where either side is one of the people. */
export function relationshipsAmong(ex: Executor, authorityId: string, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return ex
    .selectFrom('relationship')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where(eb => eb.or([eb('person_id', 'in', personIds), eb('related_person_id', 'in', personIds)]))
    .orderBy('created_at')
    .execute()
}

export interface RelationshipDetails {
  personId: string
  relatedPersonId: string
  type: RelationshipType
  livesWith: boolean
  parentalResponsibility: boolean
  note: string | null
}

/** Inserts the relationship, or changes the type of the one already recorded for the pair. */
export async function upsertRelationship(
  ex: Executor,
  row: { authorityId: string; relationship: RelationshipDetails; by: string; at: Date },
) {
  const r = row.relationship
  const { relationship_id } = await ex
    .insertInto('relationship')
    .values({
      authority_id: row.authorityId,
      person_id: r.personId,
      related_person_id: r.relatedPersonId,
      type: r.type,
      lives_with: r.livesWith,
      parental_responsibility: r.parentalResponsibility,
      note: r.note,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .onConflict(conflict =>
      conflict.columns(['authority_id', 'person_id', 'related_person_id']).doUpdateSet(eb => ({
        type: eb.ref('excluded.type'),
        lives_with: eb.ref('excluded.lives_with'),
        parental_responsibility: eb.ref('excluded.parental_responsibility'),
        note: eb.ref('excluded.note'),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
        version: sql<number>`relationship.version + 1`,
      })),
    )
    .returning('relationship_id')
    .executeTakeFirstOrThrow()
  return relationship_id
}

/** The query the duplicate check runs: anyone sharing a date of birth, postcode, identifier or a name that sounds alike. */
export function possibleDuplicates(
  ex: Executor,
  authorityId: string,
  probe: {
    givenName: string
    familyName: string
    searchName: string
    dateOfBirth: string | null
    postcode: string | null
    nhsNumber: string | null
    upn: string | null
  },
  limit = 200,
) {
  return sql<{
    person_id: string
    given_name: string
    family_name: string
    date_of_birth: string | null
    expected_date: string | null
    nhs_number: string | null
    upn: string | null
    search_name: string
    postcode: string | null
    name_similarity: number
    given_sounds_alike: boolean
    family_sounds_alike: boolean
    swapped_sounds_alike: boolean
    postcodes: string[]
  }>`
    with candidate as (
      select person_id from person where authority_id = ${authorityId} and date_of_birth = ${probe.dateOfBirth}
      union
      select person_id from person
        where authority_id = ${authorityId}
          and dmetaphone(family_name) in (dmetaphone(${probe.familyName}), dmetaphone(${probe.givenName}))
      union
      select person_id from person where search_name % ${probe.searchName} and authority_id = ${authorityId}
      union
      select person_id from person_address where authority_id = ${authorityId} and postcode = ${probe.postcode}
      union
      select person_id from person where authority_id = ${authorityId} and nhs_number = ${probe.nhsNumber}
      union
      select person_id from person where authority_id = ${authorityId} and upn = ${probe.upn}
    )
    select p.person_id, p.given_name, p.family_name, p.date_of_birth, p.expected_date, p.nhs_number, p.upn,
      p.search_name,
      (select a.postcode from person_address a
        where a.authority_id = p.authority_id and a.person_id = p.person_id and a.moved_out is null
        order by a.moved_in desc nulls last limit 1) as postcode,
      array(select distinct a.postcode from person_address a
        where a.authority_id = p.authority_id and a.person_id = p.person_id) as postcodes,
      similarity(p.search_name, ${probe.searchName}) as name_similarity,
      dmetaphone(p.given_name) = dmetaphone(${probe.givenName}) as given_sounds_alike,
      dmetaphone(p.family_name) = dmetaphone(${probe.familyName}) as family_sounds_alike,
      (dmetaphone(p.given_name) = dmetaphone(${probe.familyName})
        and dmetaphone(p.family_name) = dmetaphone(${probe.givenName})) as swapped_sounds_alike
    from candidate c
    join person p on p.authority_id = ${authorityId} and p.person_id = c.person_id
    where p.merged_into is null
    limit ${limit}
  `
    .execute(ex)
    .then(result => result.rows)
}

export interface PeopleSearch {
  name?: string | undefined
  dateOfBirth?: string | undefined
  nhsNumber?: string | undefined
  upn?: string | undefined
  postcode?: string | undefined
}

/** People the scope allows who match every criterion given; names fuzzily, best match first. */
export function searchPeople(
  ex: Executor,
  authorityId: string,
  scope: PersonScope,
  search: PeopleSearch,
  page: { limit: number; offset: number },
) {
  let query = ex
    .selectFrom('person')
    .select([
      'person.person_id',
      'person.given_name',
      'person.family_name',
      'person.date_of_birth',
      'person.expected_date',
      'person.nhs_number',
      'person.upn',
    ])
    .select(eb =>
      eb
        .selectFrom('person_address as a')
        .select('a.postcode')
        .whereRef('a.authority_id', '=', 'person.authority_id')
        .whereRef('a.person_id', '=', 'person.person_id')
        .where('a.moved_out', 'is', null)
        .orderBy('a.moved_in', order => order.desc().nullsLast())
        .limit(1)
        .as('postcode'),
    )
    .select(sql<number>`count(*) over ()`.as('total'))
    .where('person.authority_id', '=', authorityId)
    .where(scope)
  if (search.name) {
    const name = search.name
    query = query
      // The two ways a name matches, each answered by its own index (trigram; sound of the surname) and
      // joined: as one OR, PostgreSQL's planner prices the functions cheap and scans every person instead.
      .where('person.person_id', 'in', eb =>
        eb
          .selectFrom('person as n')
          .select('n.person_id')
          .where('n.authority_id', '=', authorityId)
          .where(sql<boolean>`n.search_name % ${name}`)
          .union(
            eb
              .selectFrom('person as s')
              .select('s.person_id')
              .where('s.authority_id', '=', authorityId)
              .where(sql`dmetaphone(s.family_name)`, '=', sql`dmetaphone(${name.split(' ').at(-1) ?? name})`),
          ),
      )
      .orderBy(sql`similarity(person.search_name, ${name})`, 'desc')
  }
  if (search.dateOfBirth) query = query.where('person.date_of_birth', '=', search.dateOfBirth)
  if (search.nhsNumber) query = query.where('person.nhs_number', '=', search.nhsNumber)
  if (search.upn) query = query.where('person.upn', '=', search.upn)
  if (search.postcode) {
    const postcode = search.postcode
    query = query.where(eb =>
      eb.exists(
        eb
          .selectFrom('person_address as a')
          .select(sql`1`.as('one'))
          .whereRef('a.authority_id', '=', 'person.authority_id')
          .whereRef('a.person_id', '=', 'person.person_id')
          .where('a.postcode', '=', postcode),
      ),
    )
  }
  return query
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .orderBy('person.person_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

/** Re-points a merged person's memberships, relationships, addresses, names and chronology at the kept person. */
export async function repointPerson(ex: Executor, authorityId: string, fromId: string, toId: string) {
  for (const table of ['family_member', 'person_address', 'person_name'] as const) {
    await ex
      .updateTable(table)
      .set({ person_id: toId })
      .where('authority_id', '=', authorityId)
      .where('person_id', '=', fromId)
      .execute()
  }
  // A relationship the kept person already has with the same person wins; the merged one's is dropped from view.
  await sql`
    update relationship r set person_id = ${toId}
    where r.authority_id = ${authorityId} and r.person_id = ${fromId} and r.related_person_id <> ${toId}
      and not exists (select 1 from relationship k where k.authority_id = r.authority_id
        and k.person_id = ${toId} and k.related_person_id = r.related_person_id)
  `.execute(ex)
  await sql`
    update relationship r set related_person_id = ${toId}
    where r.authority_id = ${authorityId} and r.related_person_id = ${fromId} and r.person_id <> ${toId}
      and not exists (select 1 from relationship k where k.authority_id = r.authority_id
        and k.related_person_id = ${toId} and k.person_id = r.person_id)
  `.execute(ex)
  await sql`
    insert into chronology_entry_person (authority_id, chronology_entry_id, person_id)
    select authority_id, chronology_entry_id, ${toId} from chronology_entry_person
    where authority_id = ${authorityId} and person_id = ${fromId}
    on conflict do nothing
  `.execute(ex)
}

export async function markMerged(
  ex: Executor,
  row: { authorityId: string; mergedId: string; keptId: string; by: string; at: Date },
) {
  await ex
    .updateTable('person')
    .set(eb => ({ merged_into: row.keptId, updated_at: row.at, updated_by: row.by, version: eb('version', '+', 1) }))
    .where('authority_id', '=', row.authorityId)
    .where('person_id', '=', row.mergedId)
    .execute()
}

export async function insertPersonMerge(
  ex: Executor,
  row: { authorityId: string; keptId: string; mergedId: string; reason: string; record: unknown; by: string; at: Date },
) {
  await ex
    .insertInto('person_merge')
    .values({
      authority_id: row.authorityId,
      kept_person_id: row.keptId,
      merged_person_id: row.mergedId,
      reason: row.reason,
      merged_record: JSON.stringify(row.record),
      merged_at: row.at,
      merged_by: row.by,
    })
    .execute()
}

export function mergesInto(ex: Executor, authorityId: string, personId: string) {
  return ex
    .selectFrom('person_merge as pm')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'pm.authority_id').onRef('u.user_id', '=', 'pm.merged_by'),
    )
    .select([
      'pm.merged_person_id',
      'pm.reason',
      'pm.merged_record',
      'pm.merged_at',
      'u.display_name as merged_by_name',
    ])
    .where('pm.authority_id', '=', authorityId)
    .where('pm.kept_person_id', '=', personId)
    .orderBy('pm.merged_at')
    .execute()
}
