-- Working the case (issue 8): the assessment, the Team Around the Family meetings, the plan and its versions,
-- sessions recorded with PARA, the agreed visit frequency, evidence-based programmes, management oversight,
-- and the record of a progression of change tool that the first TAF needs (the tools issue adds their scores).
-- Every table hangs off the episode; every key carries the authority.

-- The whole-family assessment: an early help assessment or a single assessment (the practice model's types).
-- Draft → submitted → approved by a manager, or returned with comments and worked again; each submission is
-- kept in assessment_review (the versions), so what a manager approved can always be found (003 §5).
create table assessment (
  authority_id uuid not null references authority (authority_id),
  assessment_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  assessment_type text not null,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
  started_on date not null,
  completing_agency text not null check (length(trim(completing_agency)) > 0),
  worker_user_id uuid not null,
  submitted_on date,
  approved_on date,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  updated_by uuid not null,
  version integer not null default 1,
  primary key (authority_id, assessment_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, worker_user_id) references app_user (authority_id, user_id),
  check (status = 'draft' or submitted_on is not null),
  check (status <> 'approved' or approved_on is not null)
);
create index assessment_episode_idx on assessment (authority_id, episode_id);

-- One section of the assessment (a practice model section code), for the family or for one person: a child's
-- developmental needs and voice, each parent's and carer's view (fathers included: 003 §5 found "no father's
-- views in assessments"). Where a view could not be recorded, why.
create table assessment_entry (
  authority_id uuid not null references authority (authority_id),
  assessment_entry_id uuid not null default gen_random_uuid(),
  assessment_id uuid not null,
  section text not null,
  person_id uuid,
  body text,
  not_recorded_reason text,
  primary key (authority_id, assessment_entry_id),
  unique nulls not distinct (authority_id, assessment_id, section, person_id),
  foreign key (authority_id, assessment_id) references assessment (authority_id, assessment_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id)
);

-- The needs the assessment identifies, each mapped to one of the authority's outcome areas; the plan's
-- outcomes answer them.
create table assessment_need (
  authority_id uuid not null references authority (authority_id),
  need_id uuid not null default gen_random_uuid(),
  assessment_id uuid not null,
  position integer not null,
  description text not null check (length(trim(description)) > 0),
  outcome_area text not null,
  primary key (authority_id, need_id),
  unique (authority_id, assessment_id, position),
  foreign key (authority_id, assessment_id) references assessment (authority_id, assessment_id)
);

-- Each submission of an assessment, as it stood (the version), and the manager's decision on it.
create table assessment_review (
  authority_id uuid not null references authority (authority_id),
  assessment_review_id uuid not null default gen_random_uuid(),
  assessment_id uuid not null,
  number integer not null check (number > 0),
  snapshot jsonb not null,
  submitted_at timestamptz not null,
  submitted_by uuid not null,
  decision text check (decision in ('approved', 'returned')),
  comments text,
  decided_at timestamptz,
  decided_by uuid,
  primary key (authority_id, assessment_review_id),
  unique (authority_id, assessment_id, number),
  foreign key (authority_id, assessment_id) references assessment (authority_id, assessment_id),
  foreign key (authority_id, submitted_by) references app_user (authority_id, user_id),
  foreign key (authority_id, decided_by) references app_user (authority_id, user_id),
  check (decision is null or (decided_at is not null and decided_by is not null)),
  check (decision <> 'returned' or length(trim(comments)) > 0)
);

-- A progression of change tool completed with the family (001 §4: "All cases MUST have an initial progression
-- of change tool … before the first TAF meeting"; reviewed before each TAF review and at closure). The tool is a
-- practice model code; its scores come with the tools issue.
create table progression_tool_record (
  authority_id uuid not null references authority (authority_id),
  tool_record_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  tool text not null,
  stage text not null check (stage in ('baseline', 'review', 'closing', 'other')),
  completed_on date not null,
  completed_with text,
  summary text,
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, tool_record_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, recorded_by) references app_user (authority_id, user_id)
);
create index progression_tool_record_episode_idx on progression_tool_record (authority_id, episode_id, completed_on);

-- Team Around the Family meetings: initial (within 6 weeks of allocation), reviews (no more than 12 weeks
-- apart) and closing (001 §4). "Held" needs the attendees and minutes: evidence that it happened (003 §5: "no
-- evidence to clarify that it did"). A manager may let an initial meeting be held without the agreement or the
-- baseline tool, with a recorded reason.
create table taf_meeting (
  authority_id uuid not null references authority (authority_id),
  taf_meeting_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  kind text not null check (kind in ('initial', 'review', 'closing')),
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  planned_on date not null,
  held_on date,
  venue text,
  minutes text,
  progress text,
  cancelled_reason text,
  override_reason text,
  override_by uuid,
  override_at timestamptz,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  updated_by uuid not null,
  version integer not null default 1,
  primary key (authority_id, taf_meeting_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, override_by) references app_user (authority_id, user_id),
  check (status <> 'held' or (held_on is not null and length(trim(minutes)) > 0)),
  check (status <> 'cancelled' or length(trim(cancelled_reason)) > 0),
  check ((override_reason is null) = (override_by is null))
);
create index taf_meeting_episode_idx on taf_meeting (authority_id, episode_id, planned_on);

-- Who was invited to a meeting and whether they came: a family member, a user of Tandem, or anyone else by name
-- and agency.
create table taf_attendee (
  authority_id uuid not null references authority (authority_id),
  taf_meeting_id uuid not null,
  position integer not null,
  person_id uuid,
  user_id uuid,
  name text not null check (length(trim(name)) > 0),
  agency text,
  attendance text not null check (attendance in ('invited', 'attended', 'apologies', 'did_not_attend')),
  primary key (authority_id, taf_meeting_id, position),
  foreign key (authority_id, taf_meeting_id) references taf_meeting (authority_id, taf_meeting_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id),
  foreign key (authority_id, user_id) references app_user (authority_id, user_id)
);

-- The plan, one row per version: a new version at each TAF review (001 §4: "The TAF plan MUST be reviewed and
-- updated at each TAF review meeting"). The latest version is the plan in force; earlier ones are kept as they
-- stood, so the changes between versions can be shown.
create table plan_version (
  authority_id uuid not null references authority (authority_id),
  plan_version_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  number integer not null check (number > 0),
  taf_meeting_id uuid,
  started_on date not null,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  updated_by uuid not null,
  version integer not null default 1,
  primary key (authority_id, plan_version_id),
  unique (authority_id, episode_id, number),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, taf_meeting_id) references taf_meeting (authority_id, taf_meeting_id)
);

-- A SMART outcome of a plan version. outcome_key is the same outcome across versions (for the diff and for
-- sessions that work towards it).
create table plan_outcome (
  authority_id uuid not null references authority (authority_id),
  plan_outcome_id uuid not null default gen_random_uuid(),
  plan_version_id uuid not null,
  outcome_key uuid not null,
  position integer not null,
  outcome text not null check (length(trim(outcome)) > 0),
  measure text,
  outcome_area text,
  target_date date,
  status text not null default 'open' check (status in ('open', 'achieved', 'partly_achieved', 'not_achieved')),
  primary key (authority_id, plan_outcome_id),
  unique (authority_id, plan_version_id, outcome_key),
  foreign key (authority_id, plan_version_id) references plan_version (authority_id, plan_version_id)
);

-- The identified needs an outcome answers.
create table plan_outcome_need (
  authority_id uuid not null references authority (authority_id),
  plan_outcome_id uuid not null,
  need_id uuid not null,
  primary key (authority_id, plan_outcome_id, need_id),
  foreign key (authority_id, plan_outcome_id) references plan_outcome (authority_id, plan_outcome_id),
  foreign key (authority_id, need_id) references assessment_need (authority_id, need_id)
);

-- An action towards an outcome: what, who (a family member, a user, or a person or agency by name), by when,
-- and how it stands. action_key is the same action across versions.
create table plan_action (
  authority_id uuid not null references authority (authority_id),
  plan_action_id uuid not null default gen_random_uuid(),
  plan_version_id uuid not null,
  action_key uuid not null,
  outcome_key uuid not null,
  position integer not null,
  action text not null check (length(trim(action)) > 0),
  who_person_id uuid,
  who_user_id uuid,
  who_name text not null check (length(trim(who_name)) > 0),
  who_agency text,
  by_when date not null,
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'not_done')),
  primary key (authority_id, plan_action_id),
  unique (authority_id, plan_version_id, action_key),
  foreign key (authority_id, plan_version_id) references plan_version (authority_id, plan_version_id),
  foreign key (authority_id, plan_version_id, outcome_key) references plan_outcome (authority_id, plan_version_id, outcome_key),
  foreign key (authority_id, who_person_id) references person (authority_id, person_id),
  foreign key (authority_id, who_user_id) references app_user (authority_id, user_id)
);

-- A session with the family, recorded with PARA (000, 001 §4: "Purpose; Action; Reflection; Analysis"), planned
-- and based on the goals of the plan rather than a 'visit'.
create table work_session (
  authority_id uuid not null references authority (authority_id),
  work_session_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  held_on date not null,
  kind text not null check (kind in ('home visit', 'school', 'office', 'phone', 'virtual', 'community')),
  purpose text not null check (length(trim(purpose)) > 0),
  action text not null check (length(trim(action)) > 0),
  reflection text not null check (length(trim(reflection)) > 0),
  analysis text not null check (length(trim(analysis)) > 0),
  worker_user_id uuid not null,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  updated_by uuid not null,
  version integer not null default 1,
  primary key (authority_id, work_session_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, worker_user_id) references app_user (authority_id, user_id)
);
create index work_session_episode_idx on work_session (authority_id, episode_id, held_on);

-- Who was seen, and whether a child was seen alone.
create table work_session_person (
  authority_id uuid not null references authority (authority_id),
  work_session_id uuid not null,
  person_id uuid not null,
  seen_alone boolean not null default false,
  primary key (authority_id, work_session_id, person_id),
  foreign key (authority_id, work_session_id) references work_session (authority_id, work_session_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id)
);

-- The plan outcomes (by outcome_key) a session worked towards.
create table work_session_outcome (
  authority_id uuid not null references authority (authority_id),
  work_session_id uuid not null,
  outcome_key uuid not null,
  primary key (authority_id, work_session_id, outcome_key),
  foreign key (authority_id, work_session_id) references work_session (authority_id, work_session_id)
);

-- How often the worker sees the family, agreed with the manager and recorded (003 action plan 3.5: "agree visit
-- frequency in all Early Help cases and record this clearly"). The latest agreement stands.
create table visit_frequency (
  authority_id uuid not null references authority (authority_id),
  visit_frequency_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  every_days integer not null check (every_days between 1 and 92),
  agreed_on date not null,
  notes text,
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, visit_frequency_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, recorded_by) references app_user (authority_id, user_id)
);
create index visit_frequency_episode_idx on visit_frequency (authority_id, episode_id, agreed_on);

-- An evidence-based programme delivered to the family (000: Triple P, Incredible Years, …; the practice model's
-- list): who took part, start, end, completed or not.
create table programme_delivery (
  authority_id uuid not null references authority (authority_id),
  programme_delivery_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  programme text not null,
  started_on date not null,
  ended_on date,
  completion text check (completion in ('completed', 'not_completed')),
  delivered_by text,
  notes text,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  updated_by uuid not null,
  version integer not null default 1,
  primary key (authority_id, programme_delivery_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  check ((ended_on is null) = (completion is null)),
  check (ended_on is null or ended_on >= started_on)
);

create table programme_delivery_person (
  authority_id uuid not null references authority (authority_id),
  programme_delivery_id uuid not null,
  person_id uuid not null,
  primary key (authority_id, programme_delivery_id, person_id),
  foreign key (authority_id, programme_delivery_id) references programme_delivery (authority_id, programme_delivery_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id)
);

-- Management oversight and supervision of the case (003 §5: "an initial lack of management oversight"; action
-- plan 3.6): the manager's reflection, decisions and actions, by when.
create table oversight_entry (
  authority_id uuid not null references authority (authority_id),
  oversight_entry_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  held_on date not null,
  kind text not null check (kind in ('supervision', 'case discussion', 'case review')),
  reflection text not null check (length(trim(reflection)) > 0),
  decisions text not null check (length(trim(decisions)) > 0),
  actions text,
  by_when date,
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, oversight_entry_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, recorded_by) references app_user (authority_id, user_id)
);
create index oversight_entry_episode_idx on oversight_entry (authority_id, episode_id, held_on);
