import { sql } from 'kysely'
import type { PracticeModelListKey } from '../practice-models/index.js'
import type { Executor } from './database.js'

// Which records point at the items of a practice model's lists, by code: an item records use cannot be removed
// (issue 5), as the records would be left pointing at nothing.

/** A column holding a list's codes: text, or text[] where a record holds several (a request's concerns). */
interface UsageColumn {
  table: UsageTable
  column: string
  array?: true
}

export type UsageTable =
  | 'support_request'
  | 'front_door_decision'
  | 'panel_decision'
  | 'episode'
  | 'assessment'
  | 'assessment_entry'
  | 'assessment_need'
  | 'plan_outcome'
  | 'progression_tool_record'
  | 'programme_delivery'

/**
 * Where each list's codes are held (migrations 0005 and 0009). No record holds a ground for closure or a spider
 * graph domain yet: the issues that record closure and the tools' scores add their columns here.
 */
const usageColumns: Record<PracticeModelListKey, UsageColumn[]> = {
  frontDoorOutcomes: [{ table: 'front_door_decision', column: 'outcome' }],
  panelDecisions: [{ table: 'panel_decision', column: 'decision' }],
  services: [
    { table: 'episode', column: 'service' },
    { table: 'panel_decision', column: 'service' },
  ],
  concernCategories: [{ table: 'support_request', column: 'concerns', array: true }],
  assessmentTypes: [{ table: 'assessment', column: 'assessment_type' }],
  assessmentSections: [{ table: 'assessment_entry', column: 'section' }],
  closureGrounds: [],
  spiderGraphDomains: [],
  progressionTools: [{ table: 'progression_tool_record', column: 'tool' }],
  evidenceBasedProgrammes: [{ table: 'programme_delivery', column: 'programme' }],
  outcomeAreas: [
    { table: 'assessment_need', column: 'outcome_area' },
    { table: 'plan_outcome', column: 'outcome_area' },
  ],
}

export interface ListUsage {
  code: string
  table: UsageTable
  count: number
}

/**
 * How many of an authority's records of each table use each code of a list: all codes in use, or only those of
 * `codes` (the items a change would remove). Codes no record uses are not returned.
 */
export async function countListUsage(
  ex: Executor,
  authorityId: string,
  list: PracticeModelListKey,
  codes?: readonly string[],
): Promise<ListUsage[]> {
  if (codes?.length === 0) return []
  const usage: ListUsage[] = []
  // One query after another: inside a transaction they share one connection.
  for (const { table, column, array } of usageColumns[list]) {
    // Table and column come from the constant above, never from input.
    const held = sql.ref(`${table}.${column}`)
    const from = array ? sql`${sql.table(table)} cross join lateral unnest(${held}) as used (code)` : sql.table(table)
    const code = array ? sql.ref('used.code') : held
    const only = codes ? sql`and ${code} = any(${[...codes]}::text[])` : sql``
    const { rows } = await sql<{ code: string; count: number }>`
      select ${code} as code, count(*)::int as count
      from ${from}
      where ${sql.ref(`${table}.authority_id`)} = ${authorityId} and ${code} is not null ${only}
      group by ${code}
      order by ${code}`.execute(ex)
    usage.push(...rows.map(row => ({ code: row.code, table, count: Number(row.count) })))
  }
  return usage
}
