-- Who works each episode over time: a team manager allocates a worker (and names the lead professional,
-- who may be a partner practitioner); reallocating keeps the history (issue 8).
create table episode_allocation (
  authority_id uuid not null references authority (authority_id),
  episode_allocation_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  worker_user_id uuid not null,
  lead_professional_user_id uuid not null,
  allocated_on date not null,
  reason text,
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, episode_allocation_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, worker_user_id) references app_user (authority_id, user_id),
  foreign key (authority_id, lead_professional_user_id) references app_user (authority_id, user_id),
  foreign key (authority_id, recorded_by) references app_user (authority_id, user_id)
);
create index episode_allocation_episode_idx on episode_allocation (authority_id, episode_id, allocated_on);
create index episode_worker_idx on episode (authority_id, worker_user_id) where status = 'open';
