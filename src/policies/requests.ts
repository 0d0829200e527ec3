import type { Actor } from './actor.js'
import { canReadFamily, restrictionAllows, type FamilyResource } from './families.js'

/** What the request rules need to know of a request for support, referral or conversation. */
export interface RequestResource {
  authorityId: string
  /** Who entered it, and the user who asked (a partner, or a member of staff) when they have an account. */
  submittedBy: string
  requesterUserId: string | null
  /** The area it was routed to, and the family it was linked to, once the front door has done so. */
  areaId: string | null
  family: FamilyResource | null
}

/** A panel meeting, for the panel rules: meetings belong to an area. */
export interface MeetingResource {
  authorityId: string
  areaId: string
}

const inArea = (actor: Actor, areaId: string | null) => actor.areaId === null || actor.areaId === areaId

/**
 * Who asked sees their request and its outcome, and nothing more of the family (issue: a partner
 * practitioner submits and later sees the outcome). The front door sees every request; a head of
 * service and a panel chair those of their area; practitioners and managers those of families they see.
 * A request about a restricted family is open only to the users the restriction names, and to who asked.
 */
export function canReadRequest(actor: Actor, request: RequestResource): boolean {
  if (actor.authorityId !== request.authorityId) return false
  if (isRequester(actor, request)) return true
  if (request.family && !restrictionAllows(actor, request.family.restrictedTo)) return false
  switch (actor.role) {
    case 'front_door':
      return true
    case 'head_of_service':
    case 'panel_chair':
      return inArea(actor, request.areaId ?? request.family?.areaId ?? null)
    case 'practitioner':
    case 'team_manager':
      return request.family !== null && canReadFamily(actor, request.family)
    default:
      return false
  }
}

/** Who asked: the requester, or the member of staff who entered it for them. */
export function isRequester(actor: Actor, request: RequestResource): boolean {
  return actor.userId === request.submittedBy || actor.userId === request.requesterUserId
}

/** The front door decides on requests and links them to the family's records; a head of service may too. */
export function canDecideRequest(actor: Actor, request: RequestResource): boolean {
  if (actor.authorityId !== request.authorityId || !['front_door', 'head_of_service'].includes(actor.role)) return false
  if (request.family && !restrictionAllows(actor, request.family.restrictedTo)) return false
  return actor.role === 'front_door' || inArea(actor, request.areaId ?? request.family?.areaId ?? null)
}

/** The panel chair (and a head of service) of the meeting's area run it: attendees, decisions, minutes. */
export function canManageMeeting(actor: Actor, meeting: MeetingResource): boolean {
  return (
    actor.authorityId === meeting.authorityId &&
    ['panel_chair', 'head_of_service'].includes(actor.role) &&
    inArea(actor, meeting.areaId)
  )
}

/** Those who run a meeting see it, and the front door, which routes families to it. */
export function canReadMeeting(actor: Actor, meeting: MeetingResource): boolean {
  if (actor.authorityId !== meeting.authorityId) return false
  return canManageMeeting(actor, meeting) || actor.role === 'front_door'
}
