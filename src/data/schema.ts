import type { ColumnType, Generated } from 'kysely'
import type { FrontDoorRoute, PanelDecisionAction } from '../practice-models/schema.js'

export type { FrontDoorRoute, PanelDecisionAction }

/** A timestamp column: read as Date, written as Date. */
type Timestamp = ColumnType<Date, Date, Date>
/** A date column: read and written as an ISO date string (YYYY-MM-DD). */
type IsoDate = string
type DefaultedTimestamp = ColumnType<Date, Date | undefined, Date>

export const roles = [
  'practitioner',
  'team_manager',
  'head_of_service',
  'front_door',
  'panel_chair',
  'partner',
  'qa_auditor',
  'performance_analyst',
  'admin',
] as const
export type Role = (typeof roles)[number]

export const areaKinds = ['locality', 'cluster', 'area'] as const
export type AreaKind = (typeof areaKinds)[number]

export const familyMemberRoles = ['parent', 'carer', 'child', 'unborn child', 'other adult'] as const
export type FamilyMemberRole = (typeof familyMemberRoles)[number]

export const accessActions = [
  'view',
  'create',
  'update',
  'deactivate',
  'reactivate',
  'search',
  'export',
  'refused',
  'merge',
] as const
export type AccessAction = (typeof accessActions)[number]

/** `person_id` is the `type` of `related_person_id`; sibling, half-sibling, partner and ex-partner read both ways. */
export const relationshipTypes = [
  'mother',
  'father',
  'step-parent',
  'sibling',
  'half-sibling',
  'partner',
  'ex-partner',
  'grandparent',
  'carer',
  'other',
] as const
export type RelationshipType = (typeof relationshipTypes)[number]

export const genderCodes = ['0', '1', '2', '9'] as const
export type GenderCode = (typeof genderCodes)[number]
export const disabilityAnswers = ['yes', 'no', 'not known'] as const
export type DisabilityAnswer = (typeof disabilityAnswers)[number]
export const senProvisionCodes = ['N', 'K', 'E'] as const
export type SenProvisionCode = (typeof senProvisionCodes)[number]
export const socialCareStatuses = [
  'none',
  'child in need',
  'child protection plan',
  'looked after',
  'care leaver',
] as const
export type SocialCareStatus = (typeof socialCareStatuses)[number]
export const personNameKinds = ['known as', 'previous'] as const
export type PersonNameKind = (typeof personNameKinds)[number]
export const consentMethods = ['written', 'verbal'] as const
export type ConsentMethod = (typeof consentMethods)[number]

export const requestKinds = ['request', 'conversation', 'step_down'] as const
export type RequestKind = (typeof requestKinds)[number]
export const requesterKinds = ['partner', 'staff', 'family'] as const
export type RequesterKind = (typeof requesterKinds)[number]
export const urgencies = ['routine', 'urgent'] as const
export type Urgency = (typeof urgencies)[number]
export const requestConsentAnswers = ['given', 'refused', 'not_asked'] as const
export type RequestConsentAnswer = (typeof requestConsentAnswers)[number]
export const requestStatuses = [
  'awaiting_decision',
  'awaiting_information',
  'at_panel',
  'closed',
  'episode_opened',
] as const
export type RequestStatus = (typeof requestStatuses)[number]
export const panelMeetingStatuses = ['scheduled', 'held', 'cancelled'] as const
export type PanelMeetingStatus = (typeof panelMeetingStatuses)[number]
export const attendances = ['attended', 'apologies'] as const
export type Attendance = (typeof attendances)[number]

export type SignInOutcome = 'signed_in' | 'bad_credentials' | 'throttled'

export interface AuthorityTable {
  authority_id: string
  slug: string
  name: string
  created_at: DefaultedTimestamp
}

export interface AreaTable {
  authority_id: string
  area_id: Generated<string>
  name: string
  kind: AreaKind
  active: Generated<boolean>
  created_at: DefaultedTimestamp
}

export interface TeamTable {
  authority_id: string
  team_id: Generated<string>
  name: string
  area_id: string | null
  active: Generated<boolean>
  deactivated_at: Timestamp | null
  created_at: DefaultedTimestamp
  updated_at: DefaultedTimestamp
  version: Generated<number>
}

export interface AppUserTable {
  authority_id: string
  user_id: Generated<string>
  email: string
  display_name: string
  role: Role
  team_id: string | null
  area_id: string | null
  agency: string | null
  job_title: string | null
  password_hash: string
  active: Generated<boolean>
  deactivated_at: Timestamp | null
  created_at: DefaultedTimestamp
  updated_at: DefaultedTimestamp
  version: Generated<number>
}

export interface SignInDirectoryTable {
  email: string
  authority_id: string
  user_id: string
}

export interface SignInAttemptTable {
  sign_in_attempt_id: Generated<number>
  authority_id: string | null
  user_id: string | null
  email: string
  ip: string
  outcome: SignInOutcome
  attempted_at: Timestamp
}

export interface UserSessionTable {
  authority_id: string
  session_id: string
  user_id: string
  data: ColumnType<unknown, string, string>
  created_at: Timestamp
  last_seen_at: Timestamp
}

export interface ApiTokenTable {
  authority_id: string
  api_token_id: Generated<string>
  user_id: string
  name: string
  token_hash: string
  token_prefix: string
  created_at: Timestamp
  expires_at: Timestamp | null
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface PersonTable {
  authority_id: string
  person_id: Generated<string>
  given_name: string
  family_name: string
  date_of_birth: IsoDate | null
  expected_date: IsoDate | null
  gender: ColumnType<GenderCode, GenderCode | undefined, GenderCode>
  ethnicity: string | null
  first_language: string | null
  interpreter_needed: Generated<boolean>
  disability: ColumnType<DisabilityAnswer, DisabilityAnswer | undefined, DisabilityAnswer>
  sen_provision: SenProvisionCode | null
  upn: string | null
  nhs_number: string | null
  young_carer: Generated<boolean>
  privately_fostered: Generated<boolean>
  no_recourse_to_public_funds: Generated<boolean>
  social_care_status: ColumnType<SocialCareStatus, SocialCareStatus | undefined, SocialCareStatus>
  merged_into: string | null
  search_name: Generated<string>
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export interface PersonNameTable {
  authority_id: string
  person_name_id: Generated<string>
  person_id: string
  kind: PersonNameKind
  given_name: string
  family_name: string
  recorded_at: Timestamp
  recorded_by: string
}

export interface PersonAddressTable {
  authority_id: string
  person_address_id: Generated<string>
  person_id: string
  line1: string
  line2: string | null
  town: string | null
  postcode: string
  moved_in: IsoDate | null
  moved_out: IsoDate | null
  recorded_at: Timestamp
  recorded_by: string
}

export interface RelationshipTable {
  authority_id: string
  relationship_id: Generated<string>
  person_id: string
  related_person_id: string
  type: RelationshipType
  lives_with: boolean
  parental_responsibility: Generated<boolean>
  note: string | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export interface ChronologyEntryTable {
  authority_id: string
  chronology_entry_id: Generated<string>
  family_id: string | null
  occurred_on: IsoDate
  category: string
  summary: string
  detail: string | null
  source: string | null
  kind: 'system' | 'manual'
  event: string | null
  recorded_at: Timestamp
  recorded_by: string | null
}

export interface ChronologyEntryPersonTable {
  authority_id: string
  chronology_entry_id: string
  person_id: string
}

export interface ConsentTable {
  authority_id: string
  consent_id: Generated<string>
  family_id: string
  given_by_person_id: string
  given_on: IsoDate
  how: ConsentMethod
  agencies: string[]
  purposes: string[]
  recorded_at: Timestamp
  recorded_by: string
  withdrawn_on: IsoDate | null
  withdrawn_reason: string | null
  withdrawn_recorded_by: string | null
  version: Generated<number>
}

export interface RestrictionTable {
  authority_id: string
  restriction_id: Generated<string>
  record_type: 'person' | 'family'
  record_id: string
  reason: string
  restricted_at: Timestamp
  restricted_by: string
  lifted_at: Timestamp | null
  lifted_by: string | null
}

export interface RestrictionUserTable {
  authority_id: string
  restriction_id: string
  user_id: string
}

export interface PersonMergeTable {
  authority_id: string
  person_merge_id: Generated<string>
  kept_person_id: string
  merged_person_id: string
  reason: string
  merged_record: ColumnType<unknown, string, string>
  merged_at: Timestamp
  merged_by: string
}

export interface FamilyTable {
  authority_id: string
  family_id: Generated<string>
  name: string
  area_id: string | null
  team_id: string | null
  address_line1: string | null
  address_line2: string | null
  town: string | null
  postcode: string | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export interface FamilyMemberTable {
  authority_id: string
  family_member_id: Generated<string>
  family_id: string
  person_id: string
  role: FamilyMemberRole
  joined_on: IsoDate | null
  left_on: IsoDate | null
  lives_in_household: Generated<boolean>
}

export interface FamilyProfessionalTable {
  authority_id: string
  family_id: string
  user_id: string
  involvement: string
}

export interface AccessLogTable {
  authority_id: string
  access_log_id: Generated<number>
  occurred_at: Timestamp
  user_id: string | null
  action: AccessAction
  record_type: string
  record_id: string | null
  route: string | null
  ip: string | null
  request_id: string | null
  detail: string | null
}

export interface PracticeModelTable {
  authority_id: string
  model: ColumnType<unknown, string, string>
  version: Generated<number>
  updated_at: Timestamp
  updated_by: string | null
}

export interface PracticeModelChangeTable {
  authority_id: string
  practice_model_change_id: Generated<number>
  changed_at: Timestamp
  changed_by: string | null
  version: number
  summary: string
  changes: ColumnType<unknown, string, string>
}

export interface SchemaMigrationTable {
  name: string
  checksum: string
  applied_at: DefaultedTimestamp
}

/** The whole database as Kysely sees it. */
export interface SupportRequestTable {
  authority_id: string
  request_id: Generated<string>
  kind: RequestKind
  way_in_tool: string | null
  family_id: string | null
  area_id: string | null
  received_on: IsoDate
  requester_kind: RequesterKind
  requester_user_id: string | null
  requester_name: string
  requester_agency: string
  requester_contact: string | null
  urgency: Urgency
  concerns: string[]
  worries: string
  family_knows: string
  consent: RequestConsentAnswer
  consent_given_by: string | null
  safeguarding_concern: boolean
  tried: string | null
  with_whom: string | null
  agreed: string | null
  conversation_outcome: 'resolved' | 'front_door' | null
  social_care_reference: string | null
  handover_summary: string | null
  status: RequestStatus
  submitted_at: Timestamp
  submitted_by: string
  updated_at: Timestamp
  version: Generated<number>
}

export interface RequestSubjectTable {
  authority_id: string
  request_id: string
  position: number
  person_id: string | null
  given_name: string
  family_name: string
  date_of_birth: IsoDate | null
  expected_date: IsoDate | null
  member_role: FamilyMemberRole
  address: string | null
  postcode: string | null
}

export interface FrontDoorDecisionTable {
  authority_id: string
  decision_id: Generated<string>
  request_id: string
  outcome: string
  route: FrontDoorRoute
  reason: string
  signpost_to: string | null
  decided_on: IsoDate
  working_days_to_decision: number
  decided_at: Timestamp
  decided_by: string
}

export interface SocialCareReferralTable {
  authority_id: string
  referral_id: Generated<string>
  family_id: string
  request_id: string | null
  referred_on: IsoDate
  reason: string
  social_care_team: string | null
  recorded_at: Timestamp
  recorded_by: string
}

export interface PanelMeetingTable {
  authority_id: string
  meeting_id: Generated<string>
  area_id: string
  meets_on: IsoDate
  starts_at: string
  venue: string | null
  chair_user_id: string | null
  status: ColumnType<PanelMeetingStatus, PanelMeetingStatus | undefined, PanelMeetingStatus>
  minutes: string | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  version: Generated<number>
}

export interface PanelAttendeeTable {
  authority_id: string
  meeting_id: string
  position: number
  name: string
  agency: string
  user_id: string | null
  attendance: Attendance
}

export interface PanelDecisionTable {
  authority_id: string
  panel_decision_id: Generated<string>
  meeting_id: string
  request_id: string
  decision: string
  action: PanelDecisionAction
  level_of_need: string
  rationale: string
  team_id: string | null
  lead_professional_user_id: string | null
  service: string | null
  signpost_to: string | null
  episode_id: string | null
  decided_at: Timestamp
  decided_by: string
}

export interface EpisodeTable {
  authority_id: string
  episode_id: Generated<string>
  family_id: string
  team_id: string | null
  service: string | null
  level_of_need: string
  lead_professional_user_id: string | null
  worker_user_id: string | null
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>
  opened_on: IsoDate
  closed_on: IsoDate | null
  request_id: string | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  version: Generated<number>
}

export interface EpisodeLevelTable {
  authority_id: string
  episode_level_id: Generated<string>
  episode_id: string
  level_of_need: string
  changed_on: IsoDate
  reason: string
  recorded_at: Timestamp
  recorded_by: string
}

export interface EpisodeAllocationTable {
  authority_id: string
  episode_allocation_id: Generated<string>
  episode_id: string
  worker_user_id: string
  lead_professional_user_id: string
  allocated_on: IsoDate
  reason: string | null
  recorded_at: Timestamp
  recorded_by: string
}

export interface EpisodeAgreementTable {
  authority_id: string
  episode_agreement_id: Generated<string>
  episode_id: string
  agreed_on: IsoDate
  worker_user_id: string
  signed_how: 'on paper' | 'electronically'
  notes: string | null
  recorded_at: Timestamp
  recorded_by: string
}

export interface EpisodeAgreementPersonTable {
  authority_id: string
  episode_agreement_id: string
  person_id: string
}

export interface EpisodeChildTable {
  authority_id: string
  episode_id: string
  person_id: string
}

export const assessmentStatuses = ['draft', 'submitted', 'approved', 'returned'] as const
export type AssessmentStatus = (typeof assessmentStatuses)[number]

export interface AssessmentTable {
  authority_id: string
  assessment_id: Generated<string>
  episode_id: string
  assessment_type: string
  status: ColumnType<AssessmentStatus, AssessmentStatus | undefined, AssessmentStatus>
  started_on: IsoDate
  completing_agency: string
  worker_user_id: string
  submitted_on: IsoDate | null
  approved_on: IsoDate | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export interface AssessmentEntryTable {
  authority_id: string
  assessment_entry_id: Generated<string>
  assessment_id: string
  section: string
  person_id: string | null
  body: string | null
  not_recorded_reason: string | null
}

export interface AssessmentNeedTable {
  authority_id: string
  need_id: Generated<string>
  assessment_id: string
  position: number
  description: string
  outcome_area: string
}

export interface AssessmentReviewTable {
  authority_id: string
  assessment_review_id: Generated<string>
  assessment_id: string
  number: number
  snapshot: ColumnType<unknown, string, string>
  submitted_at: Timestamp
  submitted_by: string
  decision: 'approved' | 'returned' | null
  comments: string | null
  decided_at: Timestamp | null
  decided_by: string | null
}

export const toolStages = ['baseline', 'review', 'closing', 'other'] as const
export type ToolStage = (typeof toolStages)[number]

export const feedbackRespondents = ['parent', 'child'] as const
export type FeedbackRespondent = (typeof feedbackRespondents)[number]
export const feedbackStages = ['midway', 'closing'] as const
export type FeedbackStage = (typeof feedbackStages)[number]
export const feedbackAnswers = ['yes', 'partly', 'no'] as const
export type FeedbackAnswer = (typeof feedbackAnswers)[number]
export type FeedbackHow = 'with_worker' | 'written_by_worker' | 'own_device' | 'refused'
export type FeedbackLinkEvent = 'opened' | 'answered' | 'refused_used' | 'refused_expired'

export interface FeedbackLinkTable {
  authority_id: string
  link_id: Generated<string>
  episode_id: string
  respondent: FeedbackRespondent
  person_id: string
  stage: FeedbackStage
  token_hash: string
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: Timestamp
  created_by: string
}

export interface FeedbackLinkEventTable {
  authority_id: string
  link_event_id: Generated<string>
  link_id: string
  event: FeedbackLinkEvent
  at: Timestamp
}

export interface FamilyFeedbackTable {
  authority_id: string
  feedback_id: Generated<string>
  episode_id: string
  respondent: FeedbackRespondent
  person_id: string | null
  stage: FeedbackStage
  answered_on: IsoDate
  answered_how: FeedbackHow
  respected: FeedbackAnswer | null
  listened: FeedbackAnswer | null
  helped: FeedbackAnswer | null
  what_was_good: string | null
  could_be_better: string | null
  link_id: string | null
  recorded_at: Timestamp
  recorded_by: string | null
}

export const cseRiskLevels = ['no_low', 'medium', 'high'] as const
export type CseRiskLevel = (typeof cseRiskLevels)[number]
export const safeguardingActionKinds = [
  'strategy_discussion',
  'referral_to_social_care',
  'cse_team',
  'police',
  'other',
] as const
export type SafeguardingActionKind = (typeof safeguardingActionKinds)[number]

export interface CseScreeningTable {
  authority_id: string
  tool_record_id: string
  person_id: string
  risk_level: CseRiskLevel
  actions: string | null
}

export interface CseScreeningIndicatorTable {
  authority_id: string
  tool_record_id: string
  indicator: string
}

export interface SafeguardingActionTable {
  authority_id: string
  safeguarding_action_id: Generated<string>
  tool_record_id: string
  taken_on: IsoDate
  kind: SafeguardingActionKind
  detail: string
  recorded_at: Timestamp
  recorded_by: string
}

export interface ProgressionToolRecordTable {
  authority_id: string
  tool_record_id: Generated<string>
  episode_id: string
  tool: string
  stage: ToolStage
  completed_on: IsoDate
  completed_with: string | null
  summary: string | null
  recorded_at: Timestamp
  recorded_by: string
  /** The spider graph's questions before a review: what the family want the meeting to hear. */
  family_views: string | null
  /** Whose own scores the spider graph's parent and child columns hold, where they gave them. */
  parent_person_id: string | null
  child_person_id: string | null
  /** A licensed instrument's subject: the child a GCP2 or RCADS is about, or the family member who answered SCORE-15. */
  subject_person_id: string | null
}

/** One result of a licensed instrument: a GCP2 area's grade, an RCADS subscale's T-score or a SCORE-15 answer. */
export interface InstrumentResultTable {
  authority_id: string
  tool_record_id: string
  /** The area, subscale or item's code (SCORE-15: `item1` … `item15`). */
  item: string
  position: number
  value: number
}

export interface SpiderGraphScoreTable {
  authority_id: string
  tool_record_id: string
  domain_code: string
  domain_label: string
  position: number
  worker_score: number
  parent_score: number | null
  child_score: number | null
}

export const tafKinds = ['initial', 'review', 'closing'] as const
export type TafKind = (typeof tafKinds)[number]
export const tafStatuses = ['planned', 'held', 'cancelled'] as const
export type TafStatus = (typeof tafStatuses)[number]
export const tafAttendances = ['invited', 'attended', 'apologies', 'did_not_attend'] as const
export type TafAttendance = (typeof tafAttendances)[number]

export interface TafMeetingTable {
  authority_id: string
  taf_meeting_id: Generated<string>
  episode_id: string
  kind: TafKind
  status: ColumnType<TafStatus, TafStatus | undefined, TafStatus>
  planned_on: IsoDate
  held_on: IsoDate | null
  venue: string | null
  minutes: string | null
  progress: string | null
  cancelled_reason: string | null
  override_reason: string | null
  override_by: string | null
  override_at: Timestamp | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export interface TafAttendeeTable {
  authority_id: string
  taf_meeting_id: string
  position: number
  person_id: string | null
  user_id: string | null
  name: string
  agency: string | null
  attendance: TafAttendance
}

export interface PlanVersionTable {
  authority_id: string
  plan_version_id: Generated<string>
  episode_id: string
  number: number
  taf_meeting_id: string | null
  started_on: IsoDate
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export const planOutcomeStatuses = ['open', 'achieved', 'partly_achieved', 'not_achieved'] as const
export type PlanOutcomeStatus = (typeof planOutcomeStatuses)[number]
export const planActionStatuses = ['not_started', 'in_progress', 'done', 'not_done'] as const
export type PlanActionStatus = (typeof planActionStatuses)[number]

export interface PlanOutcomeTable {
  authority_id: string
  plan_outcome_id: Generated<string>
  plan_version_id: string
  outcome_key: string
  position: number
  outcome: string
  measure: string | null
  outcome_area: string | null
  target_date: IsoDate | null
  status: ColumnType<PlanOutcomeStatus, PlanOutcomeStatus | undefined, PlanOutcomeStatus>
}

export interface PlanOutcomeNeedTable {
  authority_id: string
  plan_outcome_id: string
  need_id: string
}

export interface PlanActionTable {
  authority_id: string
  plan_action_id: Generated<string>
  plan_version_id: string
  action_key: string
  outcome_key: string
  position: number
  action: string
  who_person_id: string | null
  who_user_id: string | null
  who_name: string
  who_agency: string | null
  by_when: IsoDate
  status: ColumnType<PlanActionStatus, PlanActionStatus | undefined, PlanActionStatus>
}

export const workSessionKinds = ['home visit', 'school', 'office', 'phone', 'virtual', 'community'] as const
export type WorkSessionKind = (typeof workSessionKinds)[number]

export interface WorkSessionTable {
  authority_id: string
  work_session_id: Generated<string>
  episode_id: string
  held_on: IsoDate
  kind: WorkSessionKind
  purpose: string
  action: string
  reflection: string
  analysis: string
  worker_user_id: string
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export interface WorkSessionPersonTable {
  authority_id: string
  work_session_id: string
  person_id: string
  seen_alone: ColumnType<boolean, boolean | undefined, boolean>
}

export interface WorkSessionOutcomeTable {
  authority_id: string
  work_session_id: string
  outcome_key: string
}

export interface VisitFrequencyTable {
  authority_id: string
  visit_frequency_id: Generated<string>
  episode_id: string
  every_days: number
  agreed_on: IsoDate
  notes: string | null
  recorded_at: Timestamp
  recorded_by: string
}

export interface ProgrammeDeliveryTable {
  authority_id: string
  programme_delivery_id: Generated<string>
  episode_id: string
  programme: string
  started_on: IsoDate
  ended_on: IsoDate | null
  completion: 'completed' | 'not_completed' | null
  delivered_by: string | null
  notes: string | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export interface ProgrammeDeliveryPersonTable {
  authority_id: string
  programme_delivery_id: string
  person_id: string
}

export const oversightKinds = ['supervision', 'case discussion', 'case review'] as const
export type OversightKind = (typeof oversightKinds)[number]

export interface OversightEntryTable {
  authority_id: string
  oversight_entry_id: Generated<string>
  episode_id: string
  held_on: IsoDate
  kind: OversightKind
  reflection: string
  decisions: string
  actions: string | null
  by_when: IsoDate | null
  recorded_at: Timestamp
  recorded_by: string
}

export interface DB {
  authority: AuthorityTable
  area: AreaTable
  team: TeamTable
  app_user: AppUserTable
  sign_in_directory: SignInDirectoryTable
  sign_in_attempt: SignInAttemptTable
  user_session: UserSessionTable
  api_token: ApiTokenTable
  person: PersonTable
  family: FamilyTable
  family_member: FamilyMemberTable
  family_professional: FamilyProfessionalTable
  person_name: PersonNameTable
  person_address: PersonAddressTable
  relationship: RelationshipTable
  chronology_entry: ChronologyEntryTable
  chronology_entry_person: ChronologyEntryPersonTable
  consent: ConsentTable
  restriction: RestrictionTable
  restriction_user: RestrictionUserTable
  person_merge: PersonMergeTable
  access_log: AccessLogTable
  practice_model: PracticeModelTable
  practice_model_change: PracticeModelChangeTable
  support_request: SupportRequestTable
  request_subject: RequestSubjectTable
  front_door_decision: FrontDoorDecisionTable
  social_care_referral: SocialCareReferralTable
  panel_meeting: PanelMeetingTable
  panel_attendee: PanelAttendeeTable
  panel_decision: PanelDecisionTable
  episode: EpisodeTable
  episode_child: EpisodeChildTable
  episode_level: EpisodeLevelTable
  episode_allocation: EpisodeAllocationTable
  episode_agreement: EpisodeAgreementTable
  episode_agreement_person: EpisodeAgreementPersonTable
  assessment: AssessmentTable
  assessment_entry: AssessmentEntryTable
  assessment_need: AssessmentNeedTable
  assessment_review: AssessmentReviewTable
  progression_tool_record: ProgressionToolRecordTable
  spider_graph_score: SpiderGraphScoreTable
  instrument_result: InstrumentResultTable
  cse_screening: CseScreeningTable
  cse_screening_indicator: CseScreeningIndicatorTable
  safeguarding_action: SafeguardingActionTable
  feedback_link: FeedbackLinkTable
  feedback_link_event: FeedbackLinkEventTable
  family_feedback: FamilyFeedbackTable
  taf_meeting: TafMeetingTable
  taf_attendee: TafAttendeeTable
  plan_version: PlanVersionTable
  plan_outcome: PlanOutcomeTable
  plan_outcome_need: PlanOutcomeNeedTable
  plan_action: PlanActionTable
  work_session: WorkSessionTable
  work_session_person: WorkSessionPersonTable
  work_session_outcome: WorkSessionOutcomeTable
  visit_frequency: VisitFrequencyTable
  programme_delivery: ProgrammeDeliveryTable
  programme_delivery_person: ProgrammeDeliveryPersonTable
  oversight_entry: OversightEntryTable
  schema_migration: SchemaMigrationTable
}
