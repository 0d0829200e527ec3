import type { Executor } from './database.js'
import type { CseRiskLevel, SafeguardingActionKind } from './schema.js'

// CSE screenings of an episode's children and the safeguarding actions that answer them (issue 9). Every query
// filters by the authority.

export async function insertCseScreening(
  ex: Executor,
  row: {
    authorityId: string
    toolRecordId: string
    personId: string
    riskLevel: CseRiskLevel
    indicators: string[]
    actions: string | null
  },
) {
  await ex
    .insertInto('cse_screening')
    .values({
      authority_id: row.authorityId,
      tool_record_id: row.toolRecordId,
      person_id: row.personId,
      risk_level: row.riskLevel,
      actions: row.actions,
    })
    .execute()
  if (row.indicators.length > 0)
    await ex
      .insertInto('cse_screening_indicator')
      .values(
        row.indicators.map(indicator => ({
          authority_id: row.authorityId,
          tool_record_id: row.toolRecordId,
          indicator,
        })),
      )
      .execute()
}

export async function insertSafeguardingAction(
  ex: Executor,
  row: {
    authorityId: string
    toolRecordId: string
    takenOn: string
    kind: SafeguardingActionKind
    detail: string
    by: string
    at: Date
  },
) {
  const { safeguarding_action_id } = await ex
    .insertInto('safeguarding_action')
    .values({
      authority_id: row.authorityId,
      tool_record_id: row.toolRecordId,
      taken_on: row.takenOn,
      kind: row.kind,
      detail: row.detail,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('safeguarding_action_id')
    .executeTakeFirstOrThrow()
  return safeguarding_action_id
}

export interface CseScreeningRow {
  toolRecordId: string
  screenedOn: string
  completedWith: string | null
  summary: string | null
  personId: string
  childName: string
  riskLevel: CseRiskLevel
  actions: string | null
  indicators: string[]
  recordedByName: string
  safeguardingActions: {
    safeguardingActionId: string
    takenOn: string
    kind: SafeguardingActionKind
    detail: string
    recordedByName: string
  }[]
}

/** The episode's CSE screenings, newest first, each with its indicators and the safeguarding actions taken. */
export async function cseScreeningsOf(
  ex: Executor,
  authorityId: string,
  episodeId: string,
): Promise<CseScreeningRow[]> {
  const screenings = await ex
    .selectFrom('cse_screening as s')
    .innerJoin('progression_tool_record as r', join =>
      join.onRef('r.authority_id', '=', 's.authority_id').onRef('r.tool_record_id', '=', 's.tool_record_id'),
    )
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 's.authority_id').onRef('p.person_id', '=', 's.person_id'),
    )
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'r.authority_id').onRef('u.user_id', '=', 'r.recorded_by'),
    )
    .select([
      's.tool_record_id',
      'r.completed_on',
      'r.completed_with',
      'r.summary',
      'r.recorded_at',
      's.person_id',
      'p.given_name',
      'p.family_name',
      's.risk_level',
      's.actions',
      'u.display_name as recorded_by_name',
    ])
    .where('s.authority_id', '=', authorityId)
    .where('r.episode_id', '=', episodeId)
    .orderBy('r.completed_on', 'desc')
    .orderBy('r.recorded_at', 'desc')
    .execute()
  if (screenings.length === 0) return []
  const ids = screenings.map(screening => screening.tool_record_id)
  const [indicators, actions] = await Promise.all([
    ex
      .selectFrom('cse_screening_indicator')
      .select(['tool_record_id', 'indicator'])
      .where('authority_id', '=', authorityId)
      .where('tool_record_id', 'in', ids)
      .execute(),
    ex
      .selectFrom('safeguarding_action as a')
      .innerJoin('app_user as u', join =>
        join.onRef('u.authority_id', '=', 'a.authority_id').onRef('u.user_id', '=', 'a.recorded_by'),
      )
      .select(['a.safeguarding_action_id', 'a.tool_record_id', 'a.taken_on', 'a.kind', 'a.detail', 'u.display_name'])
      .where('a.authority_id', '=', authorityId)
      .where('a.tool_record_id', 'in', ids)
      .orderBy('a.taken_on')
      .orderBy('a.recorded_at')
      .execute(),
  ])
  return screenings.map(screening => ({
    toolRecordId: screening.tool_record_id,
    screenedOn: screening.completed_on,
    completedWith: screening.completed_with,
    summary: screening.summary,
    personId: screening.person_id,
    childName: `${screening.given_name} ${screening.family_name}`,
    riskLevel: screening.risk_level,
    actions: screening.actions,
    indicators: indicators.filter(row => row.tool_record_id === screening.tool_record_id).map(row => row.indicator),
    recordedByName: screening.recorded_by_name,
    safeguardingActions: actions
      .filter(action => action.tool_record_id === screening.tool_record_id)
      .map(action => ({
        safeguardingActionId: action.safeguarding_action_id,
        takenOn: action.taken_on,
        kind: action.kind,
        detail: action.detail,
        recordedByName: action.display_name,
      })),
  }))
}
