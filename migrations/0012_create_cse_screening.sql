-- CSE screening (issue 9): every child aged 10 and over screened for child sexual exploitation in the first weeks of
-- the case (000: "all cases referred for children over the age of 10 are screened for any Child Sexual Exploitation
-- (CSE) risks using the CSE Risk Assessment Toolkit and take any subsequent actions"). The screening is a progression
-- tool record of the model's CSE tool, with the child, the indicators seen, the risk level and the actions. A medium
-- or high risk needs a safeguarding action recorded before the case moves on (003 action 1.3: "ensure safeguarding
-- procedures are being followed … where medium or high risk CSE").
create table cse_screening (
  authority_id uuid not null references authority (authority_id),
  tool_record_id uuid not null,
  person_id uuid not null,
  risk_level text not null check (risk_level in ('no_low', 'medium', 'high')),
  actions text,
  primary key (authority_id, tool_record_id),
  foreign key (authority_id, tool_record_id) references progression_tool_record (authority_id, tool_record_id),
  foreign key (authority_id, person_id) references person (authority_id, person_id)
);
create index cse_screening_person_idx on cse_screening (authority_id, person_id);

create table cse_screening_indicator (
  authority_id uuid not null references authority (authority_id),
  tool_record_id uuid not null,
  indicator text not null,
  primary key (authority_id, tool_record_id, indicator),
  foreign key (authority_id, tool_record_id) references cse_screening (authority_id, tool_record_id)
);

create table safeguarding_action (
  authority_id uuid not null references authority (authority_id),
  safeguarding_action_id uuid not null default gen_random_uuid(),
  tool_record_id uuid not null,
  taken_on date not null,
  kind text not null check (
    kind in ('strategy_discussion', 'referral_to_social_care', 'cse_team', 'police', 'other')
  ),
  detail text not null check (length(trim(detail)) > 0),
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  primary key (authority_id, safeguarding_action_id),
  foreign key (authority_id, tool_record_id) references cse_screening (authority_id, tool_record_id),
  foreign key (authority_id, recorded_by) references app_user (authority_id, user_id)
);
create index safeguarding_action_screening_idx on safeguarding_action (authority_id, tool_record_id);
