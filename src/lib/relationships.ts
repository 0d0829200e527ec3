import type { RelationshipType } from '../data/schema.js'

/** How a relationship reads in words, from the first person's side ("is the mother of"). */
export const relationshipWords: Record<RelationshipType, string> = {
  mother: 'mother',
  father: 'father',
  'step-parent': 'step-parent',
  sibling: 'sibling',
  'half-sibling': 'half-sibling',
  partner: 'partner',
  'ex-partner': 'ex-partner',
  grandparent: 'grandparent',
  carer: 'carer',
  other: 'other relation',
}
