-- The personal records every case stands on (the people issue extends them) and the access log that
-- records every read and change of them.

create table person (
  authority_id uuid not null references authority (authority_id),
  person_id uuid not null default gen_random_uuid(),
  given_name text not null check (length(trim(given_name)) > 0),
  family_name text not null check (length(trim(family_name)) > 0),
  date_of_birth date,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  updated_by uuid not null,
  version integer not null default 1,
  primary key (authority_id, person_id)
);

create table family (
  authority_id uuid not null references authority (authority_id),
  family_id uuid not null default gen_random_uuid(),
  name text not null check (length(trim(name)) > 0),
  area_id uuid,
  team_id uuid,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  updated_by uuid not null,
  version integer not null default 1,
  primary key (authority_id, family_id),
  foreign key (authority_id, area_id) references area (authority_id, area_id),
  foreign key (authority_id, team_id) references team (authority_id, team_id)
);
create index family_team_idx on family (authority_id, team_id);
create index family_area_idx on family (authority_id, area_id);

create table family_member (
  authority_id uuid not null references authority (authority_id),
  family_member_id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  person_id uuid not null,
  role text not null check (role in ('parent', 'carer', 'child', 'unborn child', 'other adult')),
  joined_on date,
  left_on date,
  primary key (authority_id, family_member_id),
  foreign key (authority_id, family_id) references family (authority_id, family_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id),
  check (left_on is null or joined_on is null or left_on >= joined_on)
);
create index family_member_family_idx on family_member (authority_id, family_id);
create index family_member_person_idx on family_member (authority_id, person_id);

-- A partner practitioner (school, health, police, voluntary sector) sees only the families they are part of.
create table family_professional (
  authority_id uuid not null references authority (authority_id),
  family_id uuid not null,
  user_id uuid not null,
  involvement text not null,
  primary key (authority_id, family_id, user_id),
  foreign key (authority_id, family_id) references family (authority_id, family_id),
  foreign key (authority_id, user_id) references app_user (authority_id, user_id)
);
create index family_professional_user_idx on family_professional (authority_id, user_id);

-- Who viewed or changed which record, when, from where, and what was refused. Append-only: the
-- triggers below make the database itself refuse UPDATE, DELETE and TRUNCATE.
create table access_log (
  authority_id uuid not null references authority (authority_id),
  access_log_id bigint generated always as identity,
  occurred_at timestamptz not null,
  user_id uuid,
  action text not null check (action in ('view', 'create', 'update', 'deactivate', 'reactivate', 'search', 'export', 'refused')),
  record_type text not null,
  record_id uuid,
  route text,
  ip text,
  request_id text,
  primary key (authority_id, access_log_id)
);
create index access_log_record_idx on access_log (authority_id, record_type, record_id, occurred_at);
create index access_log_user_idx on access_log (authority_id, user_id, occurred_at);

create function access_log_is_append_only() returns trigger
language plpgsql as $$
begin
  raise exception 'access_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger access_log_no_update_or_delete
  before update or delete on access_log
  for each row execute function access_log_is_append_only();

create trigger access_log_no_truncate
  before truncate on access_log
  for each statement execute function access_log_is_append_only();
