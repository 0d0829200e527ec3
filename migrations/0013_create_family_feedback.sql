-- 'How Was It for You?' (issue 9): the family's own view of the help, at the end of the intervention and optionally
-- midway (000: "All families are surveyed during our intervention and at the end of it using a locally devised tool
-- 'How Was It for You?'"; 001 §4: completed "with the family at the end of intervention"). The framework counts the
-- answers to three questions (003 §2: treated with respect, listened to, helped with identified issues). A parent's
-- and a child's version. Answered with the worker, written on by the worker from the family's spoken feedback (003
-- action 1.1), or by the family on their own device through a one-time link; a refusal is recorded too.
create table feedback_link (
  authority_id uuid not null references authority (authority_id),
  link_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  respondent text not null check (respondent in ('parent', 'child')),
  person_id uuid not null,
  stage text not null check (stage in ('midway', 'closing')),
  -- Only the hash of the link's secret is kept: the link is shown once, to the worker who makes it.
  token_hash text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null,
  created_by uuid not null,
  primary key (authority_id, link_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id),
  foreign key (authority_id, created_by) references app_user (authority_id, user_id)
);
create index feedback_link_episode_idx on feedback_link (authority_id, episode_id);
-- A family arrives with the secret alone, so the link is found by its hash in any authority. 192 random bits make two
-- links' hashes the same no more often than never; unique within an authority, as every key here is.
create unique index feedback_link_token_idx on feedback_link (authority_id, token_hash);
create index feedback_link_token_lookup_idx on feedback_link (token_hash);

-- Every use of a link, refused or not: opened, answered, or turned away as used already or expired.
create table feedback_link_event (
  authority_id uuid not null references authority (authority_id),
  link_event_id uuid not null default gen_random_uuid(),
  link_id uuid not null,
  event text not null check (event in ('opened', 'answered', 'refused_used', 'refused_expired')),
  at timestamptz not null,
  primary key (authority_id, link_event_id),
  foreign key (authority_id, link_id) references feedback_link (authority_id, link_id)
);

create table family_feedback (
  authority_id uuid not null references authority (authority_id),
  feedback_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  respondent text not null check (respondent in ('parent', 'child')),
  person_id uuid,
  stage text not null check (stage in ('midway', 'closing')),
  answered_on date not null,
  answered_how text not null check (answered_how in ('with_worker', 'written_by_worker', 'own_device', 'refused')),
  respected text check (respected in ('yes', 'partly', 'no')),
  listened text check (listened in ('yes', 'partly', 'no')),
  helped text check (helped in ('yes', 'partly', 'no')),
  what_was_good text,
  could_be_better text,
  link_id uuid,
  recorded_at timestamptz not null,
  -- Null when the family answered on their own device.
  recorded_by uuid,
  primary key (authority_id, feedback_id),
  -- A refusal has no answers; every other way has all three.
  check (
    (answered_how = 'refused' and respected is null and listened is null and helped is null)
    or (answered_how <> 'refused' and respected is not null and listened is not null and helped is not null)
  ),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id),
  foreign key (authority_id, link_id) references feedback_link (authority_id, link_id),
  foreign key (authority_id, recorded_by) references app_user (authority_id, user_id)
);
create index family_feedback_episode_idx on family_feedback (authority_id, episode_id);
