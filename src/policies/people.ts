import type { Actor } from './actor.js'
import { canReadFamily, canUpdateFamily, type FamilyResource } from './families.js'

/** What the person rules need: the families the person currently belongs to. */
export interface PersonResource {
  authorityId: string
  personId: string
  families: readonly FamilyResource[]
}

/** A person is seen through a family: anyone who may see one of their families may see them. */
export function canReadPerson(actor: Actor, person: PersonResource): boolean {
  return actor.authorityId === person.authorityId && person.families.some(family => canReadFamily(actor, family))
}

export function canUpdatePerson(actor: Actor, person: PersonResource): boolean {
  return actor.authorityId === person.authorityId && person.families.some(family => canUpdateFamily(actor, family))
}
