import { roles, type Role } from '../data/schema.js'
import { ForbiddenError } from '../lib/errors.js'
import type { Actor } from './actor.js'
import { canAllocateFamily, canReadFamily, canUpdateFamily, visibleFamilies, type FamilyResource } from './families.js'
import { canOverseeEpisode, canReadEpisode, canWorkEpisode, type EpisodeResource } from './episodes.js'
import {
  canReadPerson,
  canRestrictFamily,
  canRestrictPerson,
  canUpdatePerson,
  visiblePeople,
  type PersonResource,
} from './people.js'
import {
  canDecideRequest,
  canManageMeeting,
  canReadMeeting,
  canReadRequest,
  type MeetingResource,
  type RequestResource,
} from './requests.js'

export type { Actor } from './actor.js'
export { roleLabels } from './actor.js'
export type { EpisodeResource } from './episodes.js'
export type { FamilyResource } from './families.js'
export type { PersonResource } from './people.js'
export type { MeetingResource, RequestResource } from './requests.js'

/** Actions that concern the service, not one record. */
const capabilityRules = {
  /** Create, change and deactivate users. */
  'users:manage': ['admin'],
  /** Create, change and deactivate teams and areas. */
  'teams:manage': ['admin'],
  /** View and change the authority's practice model: its words, levels, outcomes and rule values. */
  'practiceModel:manage': ['admin'],
  /** Search the access log by person or by user. */
  'accessLog:search': ['head_of_service', 'admin'],
  /** Open the list of families the policy lets the user see. */
  'families:list': ['practitioner', 'team_manager', 'head_of_service', 'front_door', 'panel_chair', 'partner'],
  /** Start a new family record and add people to the families one works (the duplicate check first). */
  'families:create': ['practitioner', 'team_manager', 'head_of_service', 'front_door'],
  /** Search people and families by name, date of birth, identifier or postcode (results follow the family rules). */
  'records:search': ['practitioner', 'team_manager', 'head_of_service', 'front_door', 'panel_chair', 'partner'],
  /** Merge two records of one person (both must be visible to the manager). */
  'people:merge': ['team_manager', 'head_of_service'],
  /** Ask for early help for a family: a request for support, referral or conversation (a partner's own only). */
  'requests:create': ['practitioner', 'team_manager', 'head_of_service', 'front_door', 'partner'],
  /** Record a request for someone else: a family's self-referral, or a step down from social care. */
  'requests:createForOthers': ['front_door', 'head_of_service'],
  /** The front door's queue of requests waiting for a decision. */
  'frontDoor:queue': ['front_door', 'head_of_service'],
  /** The front door's figures: requests received, decisions by outcome, days to decision, episodes opened. */
  'frontDoor:figures': ['front_door', 'head_of_service', 'team_manager', 'performance_analyst'],
  /** See the panel meetings (of one's area, for a chair or head of service with one). */
  'panels:list': ['panel_chair', 'head_of_service', 'front_door'],
  /** Schedule panel meetings. */
  'panels:schedule': ['panel_chair', 'head_of_service'],
  /** The open episodes of the families one sees, and those waiting for a worker. */
  'episodes:list': ['practitioner', 'team_manager', 'head_of_service'],
  /** Counts without names. */
  'aggregates:read': ['performance_analyst', 'head_of_service', 'team_manager'],
  /** Create and revoke one's own API tokens. */
  'apiTokens:manage': roles,
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof capabilityRules

const recordRules = {
  'family:read': canReadFamily,
  'family:update': canUpdateFamily,
  'person:read': canReadPerson,
  'person:update': canUpdatePerson,
  'person:restrict': canRestrictPerson,
  'family:restrict': canRestrictFamily,
  'family:allocate': canAllocateFamily,
  'request:read': canReadRequest,
  'request:decide': canDecideRequest,
  'meeting:read': canReadMeeting,
  'meeting:manage': canManageMeeting,
  'episode:read': canReadEpisode,
  'episode:work': canWorkEpisode,
  'episode:oversee': canOverseeEpisode,
} satisfies Record<string, (actor: Actor, resource: never) => boolean>

export type RecordAction = keyof typeof recordRules
export type Action = Capability | RecordAction
type ResourceOf<A extends RecordAction> = Parameters<(typeof recordRules)[A]>[1]
type ResourceArgs<A extends Action> = A extends RecordAction ? [resource: ResourceOf<A>] : []

function isRecordAction(action: Action): action is RecordAction {
  return action in recordRules
}

/** Whether the actor may take the action (on the resource, for record actions). */
export function can<A extends Action>(actor: Actor, action: A, ...[resource]: ResourceArgs<A>): boolean {
  if (isRecordAction(action)) {
    const rule = recordRules[action] as (actor: Actor, resource: unknown) => boolean
    return rule(actor, resource)
  }
  return (capabilityRules[action as Capability] as readonly Role[]).includes(actor.role)
}

/** As `can`, but throws ForbiddenError (a GOV.UK 403 page, logged) when refused. */
export function authorize<A extends Action>(actor: Actor, action: A, ...resource: ResourceArgs<A>): void {
  if (!can(actor, action, ...resource)) throw new ForbiddenError()
}

/** The capabilities a user holds, handed to templates so buttons and links follow the same rules. */
export function capabilities(actor: Actor): Record<Capability, boolean> {
  return Object.fromEntries(
    (Object.keys(capabilityRules) as Capability[]).map(capability => [capability, can(actor, capability)]),
  ) as Record<Capability, boolean>
}

/** What the actor may do with one family, for its page. */
export function familyAbilities(actor: Actor, family: FamilyResource) {
  return {
    read: can(actor, 'family:read', family),
    update: can(actor, 'family:update', family),
    restrict: can(actor, 'family:restrict', family),
  }
}

/** What the actor may do with one person, for their page. */
export function personAbilities(actor: Actor, person: PersonResource) {
  return {
    read: can(actor, 'person:read', person),
    update: can(actor, 'person:update', person),
    restrict: can(actor, 'person:restrict', person),
    merge: can(actor, 'people:merge') && can(actor, 'person:read', person),
  }
}

/** What the actor may do with one request, for its page. */
export function requestAbilities(actor: Actor, request: RequestResource) {
  return {
    read: can(actor, 'request:read', request),
    decide: can(actor, 'request:decide', request),
    /** See the family's records and the front door's working (not only the outcome): not the partner who asked. */
    seeWorking:
      can(actor, 'request:decide', request) || (actor.role !== 'partner' && can(actor, 'request:read', request)),
  }
}

export function meetingAbilities(actor: Actor, meeting: MeetingResource) {
  return { read: can(actor, 'meeting:read', meeting), manage: can(actor, 'meeting:manage', meeting) }
}

/** What the actor may do with one episode, for the case page and its forms. */
export function episodeAbilities(actor: Actor, episode: EpisodeResource) {
  return {
    read: can(actor, 'episode:read', episode),
    work: can(actor, 'episode:work', episode),
    oversee: can(actor, 'episode:oversee', episode),
    allocate: can(actor, 'family:allocate', episode.family),
  }
}

/** Query scopes: the same rules as `can`, as WHERE clauses for lists. */
export const scopes = { visibleFamilies, visiblePeople }
