-- The spider graph's scores (issue 9): each of the authority's domains scored 1–10 (10: going well) by the worker
-- with the family, at the baseline, before each TAF review and at closure; a parent and a child may give their own
-- scores beside the worker's (DESIGN §5). The domain's label is kept as it read when scored, so a later change to
-- the practice model does not rewrite what the family was asked. The questions before a review gather the family's
-- views for the meeting (003 §4: the spider graph "re-designed to include questions, which gain family views").
alter table progression_tool_record add column family_views text;
alter table progression_tool_record add column parent_person_id uuid;
alter table progression_tool_record add column child_person_id uuid;
alter table progression_tool_record
  add constraint progression_tool_record_parent_fk foreign key (authority_id, parent_person_id)
  references person (authority_id, person_id);
alter table progression_tool_record
  add constraint progression_tool_record_child_fk foreign key (authority_id, child_person_id)
  references person (authority_id, person_id);

create table spider_graph_score (
  authority_id uuid not null references authority (authority_id),
  tool_record_id uuid not null,
  domain_code text not null,
  domain_label text not null,
  position integer not null,
  worker_score smallint not null check (worker_score between 1 and 10),
  parent_score smallint check (parent_score between 1 and 10),
  child_score smallint check (child_score between 1 and 10),
  primary key (authority_id, tool_record_id, domain_code),
  foreign key (authority_id, tool_record_id) references progression_tool_record (authority_id, tool_record_id)
);
