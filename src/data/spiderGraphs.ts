import type { Executor } from './database.js'
import type { ToolStage } from './schema.js'

// The spider graph's scores, one row per domain, beside the progression tool record they belong to (issue 9).
// Every query filters by the authority.

export interface SpiderGraphScoreInput {
  domainCode: string
  domainLabel: string
  worker: number
  parent: number | null
  child: number | null
}

/** Writes a spider graph's scores, in the order of the practice model's domains. */
export async function insertSpiderGraphScores(
  ex: Executor,
  authorityId: string,
  toolRecordId: string,
  scores: SpiderGraphScoreInput[],
) {
  await ex
    .insertInto('spider_graph_score')
    .values(
      scores.map((score, position) => ({
        authority_id: authorityId,
        tool_record_id: toolRecordId,
        domain_code: score.domainCode,
        domain_label: score.domainLabel,
        position,
        worker_score: score.worker,
        parent_score: score.parent,
        child_score: score.child,
      })),
    )
    .execute()
}

export interface SpiderGraphRow {
  toolRecordId: string
  stage: ToolStage
  completedOn: string
  completedWith: string | null
  summary: string | null
  familyViews: string | null
  recordedAt: Date
  recordedByName: string
  parentName: string | null
  childName: string | null
  scores: SpiderGraphScoreInput[]
}

/** The episode's spider graphs of one tool, oldest first, each with its scores in the order they were asked. */
export async function spiderGraphsOf(
  ex: Executor,
  authorityId: string,
  episodeId: string,
  tool: string,
): Promise<SpiderGraphRow[]> {
  const records = await ex
    .selectFrom('progression_tool_record as r')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'r.authority_id').onRef('u.user_id', '=', 'r.recorded_by'),
    )
    .leftJoin('person as parent', join =>
      join.onRef('parent.authority_id', '=', 'r.authority_id').onRef('parent.person_id', '=', 'r.parent_person_id'),
    )
    .leftJoin('person as child', join =>
      join.onRef('child.authority_id', '=', 'r.authority_id').onRef('child.person_id', '=', 'r.child_person_id'),
    )
    .select([
      'r.tool_record_id',
      'r.stage',
      'r.completed_on',
      'r.completed_with',
      'r.summary',
      'r.family_views',
      'r.recorded_at',
      'u.display_name as recorded_by_name',
      'parent.given_name as parent_given',
      'parent.family_name as parent_family',
      'child.given_name as child_given',
      'child.family_name as child_family',
    ])
    .where('r.authority_id', '=', authorityId)
    .where('r.episode_id', '=', episodeId)
    .where('r.tool', '=', tool)
    .orderBy('r.completed_on')
    .orderBy('r.recorded_at')
    .execute()
  if (records.length === 0) return []
  const scores = await ex
    .selectFrom('spider_graph_score')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where(
      'tool_record_id',
      'in',
      records.map(record => record.tool_record_id),
    )
    .orderBy('position')
    .execute()
  const name = (given: string | null, family: string | null) => (given ? `${given} ${family ?? ''}`.trim() : null)
  return records.map(record => ({
    toolRecordId: record.tool_record_id,
    stage: record.stage,
    completedOn: record.completed_on,
    completedWith: record.completed_with,
    summary: record.summary,
    familyViews: record.family_views,
    recordedAt: record.recorded_at,
    recordedByName: record.recorded_by_name,
    parentName: name(record.parent_given, record.parent_family),
    childName: name(record.child_given, record.child_family),
    scores: scores
      .filter(score => score.tool_record_id === record.tool_record_id)
      .map(score => ({
        domainCode: score.domain_code,
        domainLabel: score.domain_label,
        worker: score.worker_score,
        parent: score.parent_score,
        child: score.child_score,
      })),
  }))
}
