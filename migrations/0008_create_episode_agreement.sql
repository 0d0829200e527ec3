-- The early help agreement (001 §4): "Early help practitioners must also meet with the family prior to the
-- first TAF meeting to agree a contract between the worker and family … This must be signed by the family
-- and saved on the families' electronic file." Re-signing adds a row; the latest stands.
create table episode_agreement (
  authority_id uuid not null references authority (authority_id),
  episode_agreement_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  agreed_on date not null,
  worker_user_id uuid not null,
  signed_how text not null check (signed_how in ('on paper', 'electronically')),
  notes text,
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, episode_agreement_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, worker_user_id) references app_user (authority_id, user_id)
);
create index episode_agreement_episode_idx on episode_agreement (authority_id, episode_id, agreed_on);

-- The family members who signed it.
create table episode_agreement_person (
  authority_id uuid not null references authority (authority_id),
  episode_agreement_id uuid not null,
  person_id uuid not null,
  primary key (authority_id, episode_agreement_id, person_id),
  foreign key (authority_id, episode_agreement_id) references episode_agreement (authority_id, episode_agreement_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id)
);
