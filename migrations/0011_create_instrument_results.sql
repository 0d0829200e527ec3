-- The results of the licensed instruments a worker completes with a family (issue 9): the Graded Care Profile 2's
-- grade per area and overall, the T-scores RCADS's scoring programme gives per subscale, and SCORE-15's fifteen
-- answers. 001 §4 counts "RCADS, Score 15 and Graded-care Profile" among the progression of change tools; 000 requires
-- "ARCADS or Score 15 assessment prior to a case being worked" in IAPT (CBT) or systemic work. Tandem keeps what the
-- instrument gives and computes only what its published scoring defines (SCORE-15's total and dimensions), so one row
-- per area, subscale or item: its code, its place on the form, and its value.
create table instrument_result (
  authority_id uuid not null references authority (authority_id),
  tool_record_id uuid not null,
  item text not null,
  position integer not null,
  value smallint not null,
  primary key (authority_id, tool_record_id, item),
  foreign key (authority_id, tool_record_id) references progression_tool_record (authority_id, tool_record_id)
);

-- Whom the instrument is about, or who completed it: the child for GCP2 and RCADS; for SCORE-15 the family member
-- (AFT: aged 12 or over) who answered.
alter table progression_tool_record add column subject_person_id uuid;
alter table progression_tool_record
  add constraint progression_tool_record_subject_fk foreign key (authority_id, subject_person_id)
  references person (authority_id, person_id);
