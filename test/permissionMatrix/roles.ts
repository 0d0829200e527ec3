import type { Role } from '../../src/data/schema.js'

/** 'public' — anyone, signed in or not; 'signedIn' — every role; otherwise the roles allowed. */
export type Allowed = 'public' | 'signedIn' | Role[]

/** Those who see a family's records (and so its case). */
export const worksFamilies: Role[] = [
  'practitioner',
  'team_manager',
  'head_of_service',
  'front_door',
  'panel_chair',
  'partner',
]

/**
 * Those who work the matrix's case (the demo family's episode): the staff of its team and locality. The
 * partner is part of the family but not its lead professional, so may read the case and not work it.
 */
export const worksCase: Role[] = ['practitioner', 'team_manager', 'head_of_service']

/** Those who oversee the case: its team manager and head of service. */
export const overseesCase: Role[] = ['team_manager', 'head_of_service']
