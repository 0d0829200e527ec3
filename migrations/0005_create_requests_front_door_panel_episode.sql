-- From concern to decision: requests for support (Derby), referrals (Durham) and conversations (Leeds);
-- the front door's decisions; outbound referrals to children's social care; panel meetings with their
-- attendees and decisions; and the early help episode a decision to allocate opens.

-- One request for support, referral or conversation. Who it is about is held as the requester gave it
-- (request_subject) until the front door links it to the family's records: a partner who asks never
-- sees the records the front door finds.
create table support_request (
  authority_id uuid not null references authority (authority_id),
  request_id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('request', 'conversation', 'step_down')),
  way_in_tool text,
  family_id uuid,
  area_id uuid,
  received_on date not null,
  requester_kind text not null check (requester_kind in ('partner', 'staff', 'family')),
  requester_user_id uuid,
  requester_name text not null check (length(trim(requester_name)) > 0),
  requester_agency text not null check (length(trim(requester_agency)) > 0),
  requester_contact text,
  urgency text not null check (urgency in ('routine', 'urgent')),
  concerns text[] not null check (cardinality(concerns) > 0),
  worries text not null check (length(trim(worries)) > 0),
  family_knows text not null check (length(trim(family_knows)) > 0),
  consent text not null check (consent in ('given', 'refused', 'not_asked')),
  consent_given_by text,
  safeguarding_concern boolean not null,
  tried text,
  -- A conversation (004): who talked with whom, what was agreed, and whether it was resolved there or
  -- goes to the front door for a decision.
  with_whom text,
  agreed text,
  conversation_outcome text check (conversation_outcome in ('resolved', 'front_door')),
  -- A step down (002): the social care episode the family comes from, and its handover.
  social_care_reference text,
  handover_summary text,
  status text not null check (status in ('awaiting_decision', 'awaiting_information', 'at_panel', 'closed', 'episode_opened')),
  submitted_at timestamptz not null,
  submitted_by uuid not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (authority_id, request_id),
  foreign key (authority_id, family_id) references family (authority_id, family_id),
  foreign key (authority_id, area_id) references area (authority_id, area_id),
  foreign key (authority_id, requester_user_id) references app_user (authority_id, user_id),
  foreign key (authority_id, submitted_by) references app_user (authority_id, user_id),
  check (kind <> 'step_down' or social_care_reference is not null),
  check ((kind = 'conversation') = (conversation_outcome is not null)),
  check (consent = 'given' or consent_given_by is null)
);
create index support_request_status_idx on support_request (authority_id, status, received_on);
create index support_request_family_idx on support_request (authority_id, family_id);
create index support_request_requester_idx on support_request (authority_id, requester_user_id);

-- The children and adults a request is about, as the requester gave them; person_id once linked.
create table request_subject (
  authority_id uuid not null references authority (authority_id),
  request_id uuid not null,
  position integer not null,
  person_id uuid,
  given_name text not null check (length(trim(given_name)) > 0),
  family_name text not null check (length(trim(family_name)) > 0),
  date_of_birth date,
  expected_date date,
  member_role text not null,
  address text,
  postcode text,
  primary key (authority_id, request_id, position),
  foreign key (authority_id, request_id) references support_request (authority_id, request_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id),
  check (date_of_birth is null or expected_date is null)
);

-- The front door's decision on a request: an outcome of the practice model, the reason, who and when.
-- A request may have several (more information first, then a decision); the latest stands.
create table front_door_decision (
  authority_id uuid not null references authority (authority_id),
  decision_id uuid not null default gen_random_uuid(),
  request_id uuid not null,
  outcome text not null,
  route text not null check (route in ('closed', 'signpost', 'panel', 'social_care', 'more_information', 'allocate')),
  reason text not null check (length(trim(reason)) > 0),
  signpost_to text,
  decided_on date not null,
  -- Kept as data for the performance framework: working days from receipt to this decision.
  working_days_to_decision integer not null check (working_days_to_decision >= 0),
  decided_at timestamptz not null,
  decided_by uuid not null,
  primary key (authority_id, decision_id),
  foreign key (authority_id, request_id) references support_request (authority_id, request_id),
  foreign key (authority_id, decided_by) references app_user (authority_id, user_id)
);
create index front_door_decision_request_idx on front_door_decision (authority_id, request_id, decided_at);

-- A family referred to children's social care (step up): from the front door or a panel.
create table social_care_referral (
  authority_id uuid not null references authority (authority_id),
  referral_id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  request_id uuid,
  referred_on date not null,
  reason text not null check (length(trim(reason)) > 0),
  social_care_team text,
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, referral_id),
  foreign key (authority_id, family_id) references family (authority_id, family_id),
  foreign key (authority_id, request_id) references support_request (authority_id, request_id)
);
create index social_care_referral_family_idx on social_care_referral (authority_id, family_id);

-- A panel meeting (Derby's Vulnerable Children's Meeting, Leeds' guidance and support meeting) in one area.
create table panel_meeting (
  authority_id uuid not null references authority (authority_id),
  meeting_id uuid not null default gen_random_uuid(),
  area_id uuid not null,
  meets_on date not null,
  starts_at text not null check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  venue text,
  chair_user_id uuid,
  status text not null default 'scheduled' check (status in ('scheduled', 'held', 'cancelled')),
  minutes text,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (authority_id, meeting_id),
  foreign key (authority_id, area_id) references area (authority_id, area_id),
  foreign key (authority_id, chair_user_id) references app_user (authority_id, user_id),
  check (status <> 'held' or minutes is not null)
);
create index panel_meeting_area_idx on panel_meeting (authority_id, area_id, meets_on);

create table panel_attendee (
  authority_id uuid not null references authority (authority_id),
  meeting_id uuid not null,
  position integer not null,
  name text not null check (length(trim(name)) > 0),
  agency text not null check (length(trim(agency)) > 0),
  user_id uuid,
  attendance text not null check (attendance in ('attended', 'apologies')),
  primary key (authority_id, meeting_id, position),
  foreign key (authority_id, meeting_id) references panel_meeting (authority_id, meeting_id)
);

-- The early help case: opened by a panel decision, a front door decision to allocate, or a step down.
create table episode (
  authority_id uuid not null references authority (authority_id),
  episode_id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  team_id uuid,
  service text,
  level_of_need text not null,
  lead_professional_user_id uuid,
  worker_user_id uuid,
  status text not null default 'open' check (status in ('open', 'closed')),
  opened_on date not null,
  closed_on date,
  request_id uuid,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (authority_id, episode_id),
  foreign key (authority_id, family_id) references family (authority_id, family_id),
  foreign key (authority_id, team_id) references team (authority_id, team_id),
  foreign key (authority_id, lead_professional_user_id) references app_user (authority_id, user_id),
  foreign key (authority_id, worker_user_id) references app_user (authority_id, user_id),
  foreign key (authority_id, request_id) references support_request (authority_id, request_id),
  check (team_id is not null or lead_professional_user_id is not null)
);
create index episode_family_idx on episode (authority_id, family_id);
create index episode_team_idx on episode (authority_id, team_id, status);

-- The children in scope of an episode.
create table episode_child (
  authority_id uuid not null references authority (authority_id),
  episode_id uuid not null,
  person_id uuid not null,
  primary key (authority_id, episode_id, person_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id)
);

-- One decision per family discussed at a meeting: level of need, outcome, rationale.
create table panel_decision (
  authority_id uuid not null references authority (authority_id),
  panel_decision_id uuid not null default gen_random_uuid(),
  meeting_id uuid not null,
  request_id uuid not null,
  decision text not null,
  action text not null check (action in ('allocate', 'lead_professional', 'social_care', 'signpost', 'advice', 'no_further_action', 'more_information')),
  level_of_need text not null,
  rationale text not null check (length(trim(rationale)) > 0),
  team_id uuid,
  lead_professional_user_id uuid,
  service text,
  signpost_to text,
  episode_id uuid,
  decided_at timestamptz not null,
  decided_by uuid not null,
  primary key (authority_id, panel_decision_id),
  unique (authority_id, meeting_id, request_id),
  foreign key (authority_id, meeting_id) references panel_meeting (authority_id, meeting_id),
  foreign key (authority_id, request_id) references support_request (authority_id, request_id),
  foreign key (authority_id, team_id) references team (authority_id, team_id),
  foreign key (authority_id, lead_professional_user_id) references app_user (authority_id, user_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id)
);
create index panel_decision_request_idx on panel_decision (authority_id, request_id);
