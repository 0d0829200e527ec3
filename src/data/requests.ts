import { sql } from 'kysely'
import type { Executor } from './database.js'
import type {
  FamilyMemberRole,
  FrontDoorRoute,
  RequestConsentAnswer,
  RequesterKind,
  RequestKind,
  RequestStatus,
  Urgency,
} from './schema.js'

// Requests for support, referrals and conversations; the front door's decisions; referrals to social care.

export interface RequestSubjectRow {
  personId: string | null
  givenName: string
  familyName: string
  dateOfBirth: string | null
  expectedDate: string | null
  memberRole: FamilyMemberRole
  address: string | null
  postcode: string | null
}

export interface NewRequestRow {
  kind: RequestKind
  wayInTool: string | null
  familyId: string | null
  areaId: string | null
  receivedOn: string
  requesterKind: RequesterKind
  requesterUserId: string | null
  requesterName: string
  requesterAgency: string
  requesterContact: string | null
  urgency: Urgency
  concerns: string[]
  worries: string
  familyKnows: string
  consent: RequestConsentAnswer
  consentGivenBy: string | null
  safeguardingConcern: boolean
  tried: string | null
  withWhom: string | null
  agreed: string | null
  conversationOutcome: 'resolved' | 'front_door' | null
  socialCareReference: string | null
  handoverSummary: string | null
  status: RequestStatus
}

export async function insertRequest(
  ex: Executor,
  row: { authorityId: string; request: NewRequestRow; subjects: RequestSubjectRow[]; by: string; at: Date },
) {
  const { request: r } = row
  const { request_id } = await ex
    .insertInto('support_request')
    .values({
      authority_id: row.authorityId,
      kind: r.kind,
      way_in_tool: r.wayInTool,
      family_id: r.familyId,
      area_id: r.areaId,
      received_on: r.receivedOn,
      requester_kind: r.requesterKind,
      requester_user_id: r.requesterUserId,
      requester_name: r.requesterName,
      requester_agency: r.requesterAgency,
      requester_contact: r.requesterContact,
      urgency: r.urgency,
      concerns: r.concerns,
      worries: r.worries,
      family_knows: r.familyKnows,
      consent: r.consent,
      consent_given_by: r.consentGivenBy,
      safeguarding_concern: r.safeguardingConcern,
      tried: r.tried,
      with_whom: r.withWhom,
      agreed: r.agreed,
      conversation_outcome: r.conversationOutcome,
      social_care_reference: r.socialCareReference,
      handover_summary: r.handoverSummary,
      status: r.status,
      submitted_at: row.at,
      submitted_by: row.by,
      updated_at: row.at,
    })
    .returning('request_id')
    .executeTakeFirstOrThrow()
  await ex
    .insertInto('request_subject')
    .values(
      row.subjects.map((subject, position) => ({
        authority_id: row.authorityId,
        request_id,
        position,
        person_id: subject.personId,
        given_name: subject.givenName,
        family_name: subject.familyName,
        date_of_birth: subject.dateOfBirth,
        expected_date: subject.expectedDate,
        member_role: subject.memberRole,
        address: subject.address,
        postcode: subject.postcode,
      })),
    )
    .execute()
  return request_id
}

export function findRequest(ex: Executor, authorityId: string, requestId: string) {
  return ex
    .selectFrom('support_request as r')
    .leftJoin('area as a', join =>
      join.onRef('a.authority_id', '=', 'r.authority_id').onRef('a.area_id', '=', 'r.area_id'),
    )
    .leftJoin('family as f', join =>
      join.onRef('f.authority_id', '=', 'r.authority_id').onRef('f.family_id', '=', 'r.family_id'),
    )
    .selectAll('r')
    .select([
      'a.name as area_name',
      'f.name as family_name',
      'f.team_id as family_team_id',
      'f.area_id as family_area_id',
    ])
    .where('r.authority_id', '=', authorityId)
    .where('r.request_id', '=', requestId)
    .executeTakeFirst()
}

export function subjectsOf(ex: Executor, authorityId: string, requestId: string) {
  return ex
    .selectFrom('request_subject')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('request_id', '=', requestId)
    .orderBy('position')
    .execute()
}

export function frontDoorDecisionsOf(ex: Executor, authorityId: string, requestId: string) {
  return ex
    .selectFrom('front_door_decision as d')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'd.authority_id').onRef('u.user_id', '=', 'd.decided_by'),
    )
    .selectAll('d')
    .select('u.display_name as decided_by_name')
    .where('d.authority_id', '=', authorityId)
    .where('d.request_id', '=', requestId)
    .orderBy('d.decided_at')
    .execute()
}

/** Changes a request's status (and family, area) if it is still at `version`; false if someone else changed it. */
export async function updateRequest(
  ex: Executor,
  row: {
    authorityId: string
    requestId: string
    version: number
    status?: RequestStatus
    familyId?: string
    areaId?: string | null
    at: Date
  },
) {
  const result = await ex
    .updateTable('support_request')
    .set({
      ...(row.status ? { status: row.status } : {}),
      ...(row.familyId ? { family_id: row.familyId } : {}),
      ...(row.areaId !== undefined ? { area_id: row.areaId } : {}),
      updated_at: row.at,
      version: sql<number>`version + 1`,
    })
    .where('authority_id', '=', row.authorityId)
    .where('request_id', '=', row.requestId)
    .where('version', '=', row.version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function linkSubject(
  ex: Executor,
  row: { authorityId: string; requestId: string; position: number; personId: string },
) {
  await ex
    .updateTable('request_subject')
    .set({ person_id: row.personId })
    .where('authority_id', '=', row.authorityId)
    .where('request_id', '=', row.requestId)
    .where('position', '=', row.position)
    .execute()
}

export async function insertFrontDoorDecision(
  ex: Executor,
  row: {
    authorityId: string
    requestId: string
    outcome: string
    route: FrontDoorRoute
    reason: string
    signpostTo: string | null
    decidedOn: string
    workingDaysToDecision: number
    by: string
    at: Date
  },
) {
  const { decision_id } = await ex
    .insertInto('front_door_decision')
    .values({
      authority_id: row.authorityId,
      request_id: row.requestId,
      outcome: row.outcome,
      route: row.route,
      reason: row.reason,
      signpost_to: row.signpostTo,
      decided_on: row.decidedOn,
      working_days_to_decision: row.workingDaysToDecision,
      decided_at: row.at,
      decided_by: row.by,
    })
    .returning('decision_id')
    .executeTakeFirstOrThrow()
  return decision_id
}

export async function insertSocialCareReferral(
  ex: Executor,
  row: {
    authorityId: string
    familyId: string
    requestId: string | null
    referredOn: string
    reason: string
    socialCareTeam: string | null
    by: string
    at: Date
  },
) {
  await ex
    .insertInto('social_care_referral')
    .values({
      authority_id: row.authorityId,
      family_id: row.familyId,
      request_id: row.requestId,
      referred_on: row.referredOn,
      reason: row.reason,
      social_care_team: row.socialCareTeam,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .execute()
}

export function socialCareReferralsOf(ex: Executor, authorityId: string, familyId: string) {
  return ex
    .selectFrom('social_care_referral')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('family_id', '=', familyId)
    .orderBy('referred_on', 'desc')
    .execute()
}

/** Requests still waiting for the front door, oldest first, optionally in one area or of one urgency. */
export function openRequests(
  ex: Executor,
  authorityId: string,
  filters: { areaId?: string | null; urgency?: Urgency | null },
) {
  let query = ex
    .selectFrom('support_request as r')
    .leftJoin('area as a', join =>
      join.onRef('a.authority_id', '=', 'r.authority_id').onRef('a.area_id', '=', 'r.area_id'),
    )
    .select([
      'r.request_id',
      'r.kind',
      'r.received_on',
      'r.urgency',
      'r.status',
      'r.requester_name',
      'r.requester_agency',
      'r.concerns',
      'r.safeguarding_concern',
      'r.consent',
      'r.area_id',
      'a.name as area_name',
      sql<string>`(select string_agg(s.given_name || ' ' || s.family_name, ', ' order by s.position)
        from request_subject s where s.authority_id = r.authority_id and s.request_id = r.request_id)`.as('subjects'),
    ])
    .where('r.authority_id', '=', authorityId)
    .where('r.status', 'in', ['awaiting_decision', 'awaiting_information'])
  if (filters.areaId) query = query.where('r.area_id', '=', filters.areaId)
  if (filters.urgency) query = query.where('r.urgency', '=', filters.urgency)
  return query.orderBy('r.received_on').orderBy('r.submitted_at').execute()
}

/** The requests a user made or entered, newest first, with the decision that stands on each. */
export function requestsBy(ex: Executor, authorityId: string, userId: string) {
  return ex
    .selectFrom('support_request as r')
    .select([
      'r.request_id',
      'r.kind',
      'r.received_on',
      'r.status',
      'r.urgency',
      sql<string>`(select string_agg(s.given_name || ' ' || s.family_name, ', ' order by s.position)
        from request_subject s where s.authority_id = r.authority_id and s.request_id = r.request_id)`.as('subjects'),
    ])
    .where('r.authority_id', '=', authorityId)
    .where(eb => eb.or([eb('r.requester_user_id', '=', userId), eb('r.submitted_by', '=', userId)]))
    .orderBy('r.received_on', 'desc')
    .orderBy('r.submitted_at', 'desc')
    .execute()
}

export function requestsOfFamily(ex: Executor, authorityId: string, familyId: string) {
  return ex
    .selectFrom('support_request')
    .select(['request_id', 'kind', 'received_on', 'status', 'requester_name', 'requester_agency', 'concerns'])
    .where('authority_id', '=', authorityId)
    .where('family_id', '=', familyId)
    .orderBy('received_on', 'desc')
    .execute()
}

/** The front door's figures for a period: received, decided by outcome, working days to decision, episodes opened. */
export async function frontDoorCounts(ex: Executor, authorityId: string, from: string, to: string) {
  const received = await ex
    .selectFrom('support_request')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('authority_id', '=', authorityId)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .where(eb => eb.or([eb('kind', '<>', 'conversation'), eb('conversation_outcome', '=', 'front_door')]))
    .executeTakeFirstOrThrow()
  // The decision that stands on each request received in the period (the latest one), counted by outcome.
  const standing = ex
    .selectFrom('front_door_decision as d')
    .innerJoin('support_request as r', join =>
      join.onRef('r.authority_id', '=', 'd.authority_id').onRef('r.request_id', '=', 'd.request_id'),
    )
    .distinctOn('d.request_id')
    .select(['d.outcome', 'd.route', 'd.working_days_to_decision'])
    .where('d.authority_id', '=', authorityId)
    .where('r.received_on', '>=', from)
    .where('r.received_on', '<=', to)
    .orderBy('d.request_id')
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.decision_id', 'desc')
  const decisions = await ex
    .with('standing', () => standing)
    .selectFrom('standing')
    .select(eb => [
      'outcome',
      'route',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('working_days_to_decision').as('days'),
    ])
    .groupBy(['outcome', 'route'])
    .execute()
  const { median } = await ex
    .with('standing', () => standing)
    .selectFrom('standing')
    .select(sql<number | null>`percentile_disc(0.5) within group (order by working_days_to_decision)`.as('median'))
    .executeTakeFirstOrThrow()
  const episodes = await ex
    .selectFrom('episode as e')
    .innerJoin('support_request as r', join =>
      join.onRef('r.authority_id', '=', 'e.authority_id').onRef('r.request_id', '=', 'e.request_id'),
    )
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('e.authority_id', '=', authorityId)
    .where('r.received_on', '>=', from)
    .where('r.received_on', '<=', to)
    .executeTakeFirstOrThrow()
  // The panel's decisions on the requests received in the period, by decision.
  const panelDecisions = await ex
    .selectFrom('panel_decision as p')
    .innerJoin('support_request as r', join =>
      join.onRef('r.authority_id', '=', 'p.authority_id').onRef('r.request_id', '=', 'p.request_id'),
    )
    .select(eb => ['p.decision', eb.fn.countAll<number>().as('n')])
    .where('p.authority_id', '=', authorityId)
    .where('r.received_on', '>=', from)
    .where('r.received_on', '<=', to)
    .groupBy('p.decision')
    .execute()
  return {
    panelDecisions: panelDecisions.map(row => ({ decision: row.decision, n: Number(row.n) })),
    received: Number(received.n),
    decisions: decisions.map(row => ({ ...row, n: Number(row.n), days: Number(row.days) })),
    medianWorkingDaysToDecision: median === null ? null : Number(median),
    episodes: Number(episodes.n),
  }
}
