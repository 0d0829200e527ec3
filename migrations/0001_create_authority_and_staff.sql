-- The tenant, the people who use Tandem, their teams and areas, sign-in and sessions.
-- Every table carries authority_id and every primary and unique key includes it, so the schema can be
-- distributed by authority (Citus). The few global tables (authority, sign_in_directory,
-- sign_in_attempt) would be reference tables there; test/schema.test.ts holds that list.

create table authority (
  authority_id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9-]+$'),
  name text not null,
  created_at timestamptz not null default now()
);

create table area (
  authority_id uuid not null references authority (authority_id),
  area_id uuid not null default gen_random_uuid(),
  name text not null check (length(trim(name)) > 0),
  kind text not null check (kind in ('locality', 'cluster', 'area')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (authority_id, area_id),
  unique (authority_id, name)
);

create table team (
  authority_id uuid not null references authority (authority_id),
  team_id uuid not null default gen_random_uuid(),
  name text not null check (length(trim(name)) > 0),
  area_id uuid,
  active boolean not null default true,
  deactivated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (authority_id, team_id),
  unique (authority_id, name),
  foreign key (authority_id, area_id) references area (authority_id, area_id)
);

create table app_user (
  authority_id uuid not null references authority (authority_id),
  user_id uuid not null default gen_random_uuid(),
  email text not null check (email = lower(email) and position('@' in email) > 1),
  display_name text not null check (length(trim(display_name)) > 0),
  role text not null check (role in (
    'practitioner', 'team_manager', 'head_of_service', 'front_door', 'panel_chair',
    'partner', 'qa_auditor', 'performance_analyst', 'admin'
  )),
  team_id uuid,
  area_id uuid,
  agency text,
  job_title text,
  password_hash text not null,
  active boolean not null default true,
  deactivated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (authority_id, user_id),
  unique (authority_id, email),
  foreign key (authority_id, team_id) references team (authority_id, team_id),
  foreign key (authority_id, area_id) references area (authority_id, area_id)
);
create index app_user_team_idx on app_user (authority_id, team_id);

-- One email signs in to one authority: the global directory a sign-in looks the address up in.
create table sign_in_directory (
  email text primary key,
  authority_id uuid not null references authority (authority_id),
  user_id uuid not null
);

-- Every sign-in attempt, kept to throttle by account and by address and to show failures to managers.
create table sign_in_attempt (
  sign_in_attempt_id bigint generated always as identity primary key,
  authority_id uuid references authority (authority_id),
  user_id uuid,
  email text not null,
  ip text not null,
  outcome text not null check (outcome in ('signed_in', 'bad_credentials', 'throttled')),
  attempted_at timestamptz not null
);
create index sign_in_attempt_email_idx on sign_in_attempt (email, attempted_at);
create index sign_in_attempt_ip_idx on sign_in_attempt (ip, attempted_at);

create table user_session (
  authority_id uuid not null references authority (authority_id),
  session_id text not null,
  user_id uuid not null,
  data jsonb not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  primary key (authority_id, session_id),
  foreign key (authority_id, user_id) references app_user (authority_id, user_id)
);
create index user_session_id_idx on user_session (session_id);

create table api_token (
  authority_id uuid not null references authority (authority_id),
  api_token_id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  name text not null check (length(trim(name)) > 0),
  token_hash text not null,
  token_prefix text not null,
  created_at timestamptz not null,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (authority_id, api_token_id),
  unique (authority_id, token_hash),
  foreign key (authority_id, user_id) references app_user (authority_id, user_id)
);
create index api_token_hash_idx on api_token (token_hash);
