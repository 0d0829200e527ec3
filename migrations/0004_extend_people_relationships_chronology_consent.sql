-- The person record in full (DESIGN §3), households with addresses, relationships for the genogram,
-- the chronology, consent to share, restricted records and merges of duplicate people.
-- pg_trgm (fuzzy name search) and fuzzystrmatch (names that sound alike) are trusted extensions, so a
-- database owner may create them; PGlite loads both when it opens.

create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

-- Gender as the CIN census codes it: 0 not known, 1 male, 2 female, 9 indeterminate. Ethnicity the DfE's
-- four-letter codes; SEN provision the school census's N / K / E. An unborn baby has an expected date
-- of delivery and no date of birth.
alter table person
  add column expected_date date,
  add column gender text not null default '0' check (gender in ('0', '1', '2', '9')),
  add column ethnicity text check (ethnicity ~ '^[A-Z]{4}$'),
  add column first_language text,
  add column interpreter_needed boolean not null default false,
  add column disability text not null default 'not known' check (disability in ('yes', 'no', 'not known')),
  add column sen_provision text check (sen_provision in ('N', 'K', 'E')),
  add column upn text check (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
  add column nhs_number text check (nhs_number ~ '^[0-9]{10}$'),
  add column young_carer boolean not null default false,
  add column privately_fostered boolean not null default false,
  add column no_recourse_to_public_funds boolean not null default false,
  add column social_care_status text not null default 'none'
    check (social_care_status in ('none', 'child in need', 'child protection plan', 'looked after', 'care leaver')),
  add column merged_into uuid,
  -- Every name the person is or was known by, lower case, for the fuzzy search (kept by the data layer).
  add column search_name text not null default '',
  add constraint person_born_or_expected check (date_of_birth is null or expected_date is null);

update person set search_name = lower(given_name || ' ' || family_name);

create unique index person_nhs_number_key on person (authority_id, nhs_number)
  where nhs_number is not null and merged_into is null;
create unique index person_upn_key on person (authority_id, upn) where upn is not null and merged_into is null;
create index person_date_of_birth_idx on person (authority_id, date_of_birth);
create index person_search_name_trgm_idx on person using gin (search_name gin_trgm_ops);
create index person_family_name_sound_idx on person (authority_id, dmetaphone(family_name));

-- Previous names and names a person is known by.
create table person_name (
  authority_id uuid not null references authority (authority_id),
  person_name_id uuid not null default gen_random_uuid(),
  person_id uuid not null,
  kind text not null check (kind in ('known as', 'previous')),
  given_name text not null check (length(trim(given_name)) > 0),
  family_name text not null check (length(trim(family_name)) > 0),
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, person_name_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id)
);
create index person_name_person_idx on person_name (authority_id, person_id);

-- Where a person has lived: the newest without a moved-out date is where they live now.
create table person_address (
  authority_id uuid not null references authority (authority_id),
  person_address_id uuid not null default gen_random_uuid(),
  person_id uuid not null,
  line1 text not null check (length(trim(line1)) > 0),
  line2 text,
  town text,
  postcode text not null check (postcode ~ '^[A-Z0-9]{2,4} [0-9][A-Z]{2}$'),
  moved_in date,
  moved_out date,
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, person_address_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id),
  check (moved_out is null or moved_in is null or moved_out >= moved_in)
);
create index person_address_person_idx on person_address (authority_id, person_id);
create index person_address_postcode_idx on person_address (authority_id, postcode);

-- A member of the family may live elsewhere: a father who lives apart is still the children's father.
alter table family_member add column lives_in_household boolean not null default true;

-- The household's address.
alter table family
  add column address_line1 text,
  add column address_line2 text,
  add column town text,
  add column postcode text check (postcode ~ '^[A-Z0-9]{2,4} [0-9][A-Z]{2}$');
create index family_postcode_idx on family (authority_id, postcode);
create index family_name_trgm_idx on family using gin (lower(name) gin_trgm_ops);

-- `person_id` is the `type` of `related_person_id`: (mum, child, 'mother'). One row per ordered pair.
create table relationship (
  authority_id uuid not null references authority (authority_id),
  relationship_id uuid not null default gen_random_uuid(),
  person_id uuid not null,
  related_person_id uuid not null,
  type text not null check (
    type in ('mother', 'father', 'step-parent', 'sibling', 'half-sibling', 'partner', 'ex-partner', 'grandparent', 'carer', 'other')
  ),
  lives_with boolean not null,
  parental_responsibility boolean not null default false,
  note text,
  created_at timestamptz not null,
  created_by uuid not null,
  updated_at timestamptz not null,
  updated_by uuid not null,
  version integer not null default 1,
  primary key (authority_id, relationship_id),
  unique (authority_id, person_id, related_person_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id),
  foreign key (authority_id, related_person_id) references person (authority_id, person_id),
  check (person_id <> related_person_id)
);
create index relationship_related_idx on relationship (authority_id, related_person_id);

-- Significant events in date order: written by the system's own events ('system', with the event's
-- name) and added by hand ('manual'). Entries are never deleted.
create table chronology_entry (
  authority_id uuid not null references authority (authority_id),
  chronology_entry_id uuid not null default gen_random_uuid(),
  family_id uuid,
  occurred_on date not null,
  category text not null,
  summary text not null check (length(trim(summary)) > 0),
  detail text,
  source text,
  kind text not null check (kind in ('system', 'manual')),
  event text,
  recorded_at timestamptz not null,
  recorded_by uuid,
  primary key (authority_id, chronology_entry_id),
  foreign key (authority_id, family_id) references family (authority_id, family_id),
  check ((kind = 'system') = (event is not null))
);
create index chronology_entry_family_idx on chronology_entry (authority_id, family_id, occurred_on);

create table chronology_entry_person (
  authority_id uuid not null references authority (authority_id),
  chronology_entry_id uuid not null,
  person_id uuid not null,
  primary key (authority_id, chronology_entry_id, person_id),
  foreign key (authority_id, chronology_entry_id) references chronology_entry (authority_id, chronology_entry_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id)
);
create index chronology_entry_person_person_idx on chronology_entry_person (authority_id, person_id);

-- Consent to share information: who gave it, when, with which agencies, for what; withdrawn when.
create table consent (
  authority_id uuid not null references authority (authority_id),
  consent_id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  given_by_person_id uuid not null,
  given_on date not null,
  how text not null check (how in ('written', 'verbal')),
  agencies text[] not null check (cardinality(agencies) > 0),
  purposes text[] not null check (cardinality(purposes) > 0),
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  withdrawn_on date,
  withdrawn_reason text,
  withdrawn_recorded_by uuid,
  version integer not null default 1,
  primary key (authority_id, consent_id),
  foreign key (authority_id, family_id) references family (authority_id, family_id),
  foreign key (authority_id, given_by_person_id) references person (authority_id, person_id),
  check (withdrawn_on is null or withdrawn_on >= given_on)
);
create index consent_family_idx on consent (authority_id, family_id);

-- A restricted person or family: only the users listed may see it. Lifting keeps the row.
create table restriction (
  authority_id uuid not null references authority (authority_id),
  restriction_id uuid not null default gen_random_uuid(),
  record_type text not null check (record_type in ('person', 'family')),
  record_id uuid not null,
  reason text not null check (length(trim(reason)) > 0),
  restricted_at timestamptz not null,
  restricted_by uuid not null,
  lifted_at timestamptz,
  lifted_by uuid,
  primary key (authority_id, restriction_id)
);
create unique index restriction_in_force_key on restriction (authority_id, record_type, record_id) where lifted_at is null;

create table restriction_user (
  authority_id uuid not null references authority (authority_id),
  restriction_id uuid not null,
  user_id uuid not null,
  primary key (authority_id, restriction_id, user_id),
  foreign key (authority_id, restriction_id) references restriction (authority_id, restriction_id),
  foreign key (authority_id, user_id) references app_user (authority_id, user_id)
);

-- Two records of one person made one: the merged record stays (merged_into points at the kept one) and
-- its details at the moment of the merge are kept here.
create table person_merge (
  authority_id uuid not null references authority (authority_id),
  person_merge_id uuid not null default gen_random_uuid(),
  kept_person_id uuid not null,
  merged_person_id uuid not null,
  reason text not null,
  merged_record jsonb not null,
  merged_at timestamptz not null,
  merged_by uuid not null,
  primary key (authority_id, person_merge_id),
  foreign key (authority_id, kept_person_id) references person (authority_id, person_id),
  foreign key (authority_id, merged_person_id) references person (authority_id, person_id)
);

-- The log says why a request was refused (a restricted record) and records merges.
alter table access_log add column detail text;
alter table access_log drop constraint access_log_action_check;
alter table access_log add constraint access_log_action_check
  check (action in ('view', 'create', 'update', 'deactivate', 'reactivate', 'search', 'export', 'refused', 'merge'));
