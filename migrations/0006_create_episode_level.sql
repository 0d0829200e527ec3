-- A family's level of need over an episode: Durham's staircase moves a family up and down the continuum
-- within one episode (002 para 28), each change dated, with its reason. The first row is the level the
-- episode opened at; episode.level_of_need is the latest.
create table episode_level (
  authority_id uuid not null references authority (authority_id),
  episode_level_id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  level_of_need text not null,
  changed_on date not null,
  reason text not null check (length(trim(reason)) > 0),
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, episode_level_id),
  foreign key (authority_id, episode_id) references episode (authority_id, episode_id),
  foreign key (authority_id, recorded_by) references app_user (authority_id, user_id)
);
create index episode_level_episode_idx on episode_level (authority_id, episode_id, changed_on);

insert into episode_level (authority_id, episode_id, level_of_need, changed_on, reason, recorded_at, recorded_by)
select authority_id, episode_id, level_of_need, opened_on, 'The level of need when the episode opened', created_at, created_by
from episode;
