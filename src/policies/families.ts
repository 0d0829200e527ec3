import { expressionBuilder, sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely'
import type { DB } from '../data/schema.js'
import type { Actor } from './actor.js'

/** What the family rules need to know of a family. */
export interface FamilyResource {
  authorityId: string
  familyId: string
  teamId: string | null
  areaId: string | null
  professionalUserIds: readonly string[]
  /** The users a restricted family is open to; null when it is not restricted. */
  restrictedTo: readonly string[] | null
}

/** A restricted record is open only to the users it names, whatever their role (issue: restricted records). */
export function restrictionAllows(actor: Actor, restrictedTo: readonly string[] | null): boolean {
  return restrictedTo === null || restrictedTo.includes(actor.userId)
}

/**
 * DESIGN §1: practitioners and team managers see their team's families; a head of service and a panel
 * chair their locality (or all, with no locality); the front door all families, since requests come
 * to it; a partner practitioner only the families they are part of. Auditors, analysts and
 * administrators see no family records by default.
 */
export function canReadFamily(actor: Actor, family: FamilyResource): boolean {
  if (actor.authorityId !== family.authorityId || !restrictionAllows(actor, family.restrictedTo)) return false
  switch (actor.role) {
    case 'practitioner':
    case 'team_manager':
      return actor.teamId !== null && family.teamId === actor.teamId
    case 'head_of_service':
    case 'panel_chair':
      return actor.areaId === null || family.areaId === actor.areaId
    case 'front_door':
      return true
    case 'partner':
      return family.professionalUserIds.includes(actor.userId)
    case 'qa_auditor':
    case 'performance_analyst':
    case 'admin':
      return false
  }
}

/** Changing a family's record: those who work it, not those who only look. */
export function canUpdateFamily(actor: Actor, family: FamilyResource): boolean {
  const works = ['practitioner', 'team_manager', 'head_of_service'].includes(actor.role)
  return works && canReadFamily(actor, family)
}

/** Allocating a family's early help episode to a worker: a manager who can see the family (DESIGN §1). */
export function canAllocateFamily(actor: Actor, family: FamilyResource): boolean {
  return ['team_manager', 'head_of_service'].includes(actor.role) && canReadFamily(actor, family)
}

type FamilyBuilder = ExpressionBuilder<DB, 'family'>

/** The same rule as canReadFamily, as a WHERE clause on `family`: lists use it, so they never show more. */
export function visibleFamilies(actor: Actor): (eb: FamilyBuilder) => Expression<SqlBool> {
  return eb => eb.and([byRole(actor, eb), notRestrictedFrom(actor, 'family', eb.ref('family.family_id'))])
}

/** No restriction in force on the record, or one that names the actor. */
export function notRestrictedFrom(
  actor: Actor,
  recordType: 'person' | 'family',
  recordId: Expression<string>,
): Expression<SqlBool> {
  const eb = expressionBuilder<DB, never>()
  return eb.not(
    eb.exists(
      eb
        .selectFrom('restriction as r')
        .select(sql`1`.as('one'))
        .where('r.authority_id', '=', actor.authorityId)
        .where('r.record_type', '=', recordType)
        .where('r.record_id', '=', recordId)
        .where('r.lifted_at', 'is', null)
        .where(inner =>
          inner.not(
            inner.exists(
              inner
                .selectFrom('restriction_user as ru')
                .select(sql`1`.as('one'))
                .whereRef('ru.authority_id', '=', 'r.authority_id')
                .whereRef('ru.restriction_id', '=', 'r.restriction_id')
                .where('ru.user_id', '=', actor.userId),
            ),
          ),
        ),
    ),
  )
}

function byRole(actor: Actor, eb: FamilyBuilder): Expression<SqlBool> {
  const inAuthority = eb('family.authority_id', '=', actor.authorityId)
  switch (actor.role) {
    case 'practitioner':
    case 'team_manager':
      return actor.teamId === null ? eb.lit(false) : eb.and([inAuthority, eb('family.team_id', '=', actor.teamId)])
    case 'head_of_service':
    case 'panel_chair':
      return actor.areaId === null ? inAuthority : eb.and([inAuthority, eb('family.area_id', '=', actor.areaId)])
    case 'front_door':
      return inAuthority
    case 'partner':
      return eb.and([
        inAuthority,
        eb.exists(
          eb
            .selectFrom('family_professional as fp')
            .select(sql`1`.as('one'))
            .whereRef('fp.authority_id', '=', 'family.authority_id')
            .whereRef('fp.family_id', '=', 'family.family_id')
            .where('fp.user_id', '=', actor.userId),
        ),
      ])
    case 'qa_auditor':
    case 'performance_analyst':
    case 'admin':
      return eb.lit(false)
  }
}
