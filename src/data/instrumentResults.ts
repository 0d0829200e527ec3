import type { Executor } from './database.js'
import type { ToolStage } from './schema.js'
import { insertToolRecord } from './tafMeetings.js'

// The results of the licensed instruments (Graded Care Profile 2, RCADS, SCORE-15), one row per area, subscale or
// item, beside the progression tool record they belong to (issue 9). Every query filters by the authority.

export interface InstrumentResultValue {
  /** The area, subscale or item's code, as the form names its box. */
  item: string
  value: number
}

/** Writes an instrument's tool record, with whom it is about (or who answered it), and its results in form order. */
export async function insertInstrumentRecord(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    tool: string
    stage: ToolStage
    completedOn: string
    completedWith: string
    summary: string | null
    subjectPersonId: string
    results: InstrumentResultValue[]
    by: string
    at: Date
  },
) {
  const tool_record_id = await insertToolRecord(ex, row)
  await ex
    .insertInto('instrument_result')
    .values(
      row.results.map((result, position) => ({
        authority_id: row.authorityId,
        tool_record_id,
        item: result.item,
        position,
        value: result.value,
      })),
    )
    .execute()
  return tool_record_id
}

export interface InstrumentRecordRow {
  toolRecordId: string
  stage: ToolStage
  completedOn: string
  completedWith: string | null
  summary: string | null
  recordedAt: Date
  recordedByName: string
  subjectPersonId: string | null
  subjectName: string | null
  results: InstrumentResultValue[]
}

/** The episode's records of one instrument's tool, oldest first, each with its results in form order. */
export async function instrumentRecordsOf(
  ex: Executor,
  authorityId: string,
  episodeId: string,
  tool: string,
): Promise<InstrumentRecordRow[]> {
  const records = await ex
    .selectFrom('progression_tool_record as r')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'r.authority_id').onRef('u.user_id', '=', 'r.recorded_by'),
    )
    .leftJoin('person as subject', join =>
      join.onRef('subject.authority_id', '=', 'r.authority_id').onRef('subject.person_id', '=', 'r.subject_person_id'),
    )
    .select([
      'r.tool_record_id',
      'r.stage',
      'r.completed_on',
      'r.completed_with',
      'r.summary',
      'r.recorded_at',
      'r.subject_person_id',
      'u.display_name as recorded_by_name',
      'subject.given_name as subject_given',
      'subject.family_name as subject_family',
    ])
    .where('r.authority_id', '=', authorityId)
    .where('r.episode_id', '=', episodeId)
    .where('r.tool', '=', tool)
    .orderBy('r.completed_on')
    .orderBy('r.recorded_at')
    .execute()
  if (records.length === 0) return []
  const results = await ex
    .selectFrom('instrument_result')
    .select(['tool_record_id', 'item', 'value'])
    .where('authority_id', '=', authorityId)
    .where(
      'tool_record_id',
      'in',
      records.map(record => record.tool_record_id),
    )
    .orderBy('position')
    .execute()
  return records.map(record => ({
    toolRecordId: record.tool_record_id,
    stage: record.stage,
    completedOn: record.completed_on,
    completedWith: record.completed_with,
    summary: record.summary,
    recordedAt: record.recorded_at,
    recordedByName: record.recorded_by_name,
    subjectPersonId: record.subject_person_id,
    subjectName: record.subject_given ? `${record.subject_given} ${record.subject_family ?? ''}`.trim() : null,
    results: results
      .filter(result => result.tool_record_id === record.tool_record_id)
      .map(result => ({ item: result.item, value: result.value })),
  }))
}
