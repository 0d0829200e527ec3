import type { ColumnType, Generated } from 'kysely'

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
] as const
export type AccessAction = (typeof accessActions)[number]

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
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
  version: Generated<number>
}

export interface FamilyTable {
  authority_id: string
  family_id: Generated<string>
  name: string
  area_id: string | null
  team_id: string | null
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
  access_log: AccessLogTable
  practice_model: PracticeModelTable
  practice_model_change: PracticeModelChangeTable
  schema_migration: SchemaMigrationTable
}
