import type { Executor } from './database.js'
import type { OversightKind } from './schema.js'

// Management oversight and supervision of the case (003 §5 and action plan 3.6): the manager's reflection,
// decisions and actions, by when. Entries are never edited: a later entry corrects an earlier one.

export interface OversightInput {
  authorityId: string
  episodeId: string
  heldOn: string
  kind: OversightKind
  reflection: string
  decisions: string
  actions: string | null
  byWhen: string | null
  by: string
  at: Date
}

export async function insertOversightEntry(ex: Executor, row: OversightInput) {
  const { oversight_entry_id } = await ex
    .insertInto('oversight_entry')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      held_on: row.heldOn,
      kind: row.kind,
      reflection: row.reflection,
      decisions: row.decisions,
      actions: row.actions,
      by_when: row.byWhen,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('oversight_entry_id')
    .executeTakeFirstOrThrow()
  return oversight_entry_id
}

/** The episode's oversight entries, newest first, with the name of the manager who recorded each. */
export function oversightEntriesOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('oversight_entry as o')
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'o.authority_id').onRef('u.user_id', '=', 'o.recorded_by'),
    )
    .selectAll('o')
    .select('u.display_name as recorded_by_name')
    .where('o.authority_id', '=', authorityId)
    .where('o.episode_id', '=', episodeId)
    .orderBy('o.held_on', 'desc')
    .orderBy('o.recorded_at', 'desc')
    .execute()
}

/** How many entries the episode has, and the latest (by the day it was held), for the case page. */
export async function latestOversightOf(ex: Executor, authorityId: string, episodeId: string) {
  const [latest, total] = await Promise.all([
    ex
      .selectFrom('oversight_entry as o')
      .innerJoin('app_user as u', join =>
        join.onRef('u.authority_id', '=', 'o.authority_id').onRef('u.user_id', '=', 'o.recorded_by'),
      )
      .select(['o.held_on', 'o.kind', 'o.decisions', 'u.display_name as recorded_by_name'])
      .where('o.authority_id', '=', authorityId)
      .where('o.episode_id', '=', episodeId)
      .orderBy('o.held_on', 'desc')
      .orderBy('o.recorded_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    ex
      .selectFrom('oversight_entry')
      .select(eb => eb.fn.countAll<string | number | bigint>().as('count'))
      .where('authority_id', '=', authorityId)
      .where('episode_id', '=', episodeId)
      .executeTakeFirstOrThrow(),
  ])
  return { latest, count: Number(total.count) }
}
