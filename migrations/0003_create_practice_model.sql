-- Each authority's practice model (DESIGN §7): its words, levels, outcomes and rule values, held as a
-- validated JSON document, with every change recorded: who, when, and each value's old and new.

create table practice_model (
  authority_id uuid primary key references authority (authority_id),
  model jsonb not null,
  version integer not null default 1,
  updated_at timestamptz not null,
  updated_by uuid
);

create table practice_model_change (
  authority_id uuid not null references authority (authority_id),
  practice_model_change_id bigint generated always as identity,
  changed_at timestamptz not null,
  changed_by uuid,
  version integer not null,
  summary text not null,
  changes jsonb not null,
  primary key (authority_id, practice_model_change_id)
);
create index practice_model_change_at_idx on practice_model_change (authority_id, changed_at);
