import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { DB } from '../data/schema.js'
import type { Actor } from './actor.js'
import {
  canReadFamily,
  canUpdateFamily,
  notRestrictedFrom,
  restrictionAllows,
  visibleFamilies,
  type FamilyResource,
} from './families.js'

/** What the person rules need: the families the person currently belongs to, and any restriction. */
export interface PersonResource {
  authorityId: string
  personId: string
  families: readonly FamilyResource[]
  /** The users a restricted person is open to; null when not restricted. */
  restrictedTo: readonly string[] | null
}

/** A person is seen through a family: anyone who may see one of their families may see them, unless restricted. */
export function canReadPerson(actor: Actor, person: PersonResource): boolean {
  return (
    actor.authorityId === person.authorityId &&
    restrictionAllows(actor, person.restrictedTo) &&
    person.families.some(family => canReadFamily(actor, family))
  )
}

export function canUpdatePerson(actor: Actor, person: PersonResource): boolean {
  return canReadPerson(actor, person) && person.families.some(family => canUpdateFamily(actor, family))
}

const managers = ['team_manager', 'head_of_service']

/** A manager who can see a record may restrict it or lift its restriction. */
export function canRestrictPerson(actor: Actor, person: PersonResource): boolean {
  return managers.includes(actor.role) && canReadPerson(actor, person)
}

export function canRestrictFamily(actor: Actor, family: FamilyResource): boolean {
  return managers.includes(actor.role) && canReadFamily(actor, family)
}

/** The same rule as canReadPerson, as a WHERE clause on `person`: search uses it, so it never finds more. */
export function visiblePeople(actor: Actor): (eb: ExpressionBuilder<DB, 'person'>) => Expression<SqlBool> {
  const familyScope = visibleFamilies(actor)
  return eb =>
    eb.and([
      eb('person.merged_into', 'is', null),
      notRestrictedFrom(actor, 'person', eb.ref('person.person_id')),
      eb.exists(
        eb
          .selectFrom('family_member as m')
          .innerJoin('family', join =>
            join.onRef('family.authority_id', '=', 'm.authority_id').onRef('family.family_id', '=', 'm.family_id'),
          )
          .select(sql`1`.as('one'))
          .whereRef('m.authority_id', '=', 'person.authority_id')
          .whereRef('m.person_id', '=', 'person.person_id')
          // Their families now; someone who has left every family, through the ones they were part of.
          .where(inner =>
            inner.or([
              inner('m.left_on', 'is', null),
              inner.not(
                inner.exists(
                  inner
                    .selectFrom('family_member as c')
                    .select(sql`1`.as('one'))
                    .whereRef('c.authority_id', '=', 'm.authority_id')
                    .whereRef('c.person_id', '=', 'm.person_id')
                    .where('c.left_on', 'is', null),
                ),
              ),
            ]),
          )
          .where(inner => familyScope(inner as unknown as ExpressionBuilder<DB, 'family'>)),
      ),
    ])
}
