import type { Executor } from './database.js'

// The chronology: significant events in date order, written by the system and added by hand.

export interface ChronologyEntryRow {
  familyId: string | null
  personIds: string[]
  occurredOn: string
  category: string
  summary: string
  detail: string | null
  source: string | null
  kind: 'system' | 'manual'
  event: string | null
}

export async function insertChronologyEntry(
  ex: Executor,
  row: { authorityId: string; entry: ChronologyEntryRow; by: string | null; at: Date },
) {
  const { entry } = row
  const { chronology_entry_id } = await ex
    .insertInto('chronology_entry')
    .values({
      authority_id: row.authorityId,
      family_id: entry.familyId,
      occurred_on: entry.occurredOn,
      category: entry.category,
      summary: entry.summary,
      detail: entry.detail,
      source: entry.source,
      kind: entry.kind,
      event: entry.event,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('chronology_entry_id')
    .executeTakeFirstOrThrow()
  const personIds = [...new Set(entry.personIds)]
  if (personIds.length > 0) {
    await ex
      .insertInto('chronology_entry_person')
      .values(
        personIds.map(personId => ({
          authority_id: row.authorityId,
          chronology_entry_id,
          person_id: personId,
        })),
      )
      .execute()
  }
  return chronology_entry_id
}

/** Entries of a family, or of a person (any family), newest first; filtered by person and category. */
export async function listChronology(
  ex: Executor,
  authorityId: string,
  of: { familyId: string } | { personId: string },
  filter: { personId?: string | undefined; category?: string | undefined } = {},
) {
  let query = ex
    .selectFrom('chronology_entry as e')
    .leftJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'e.authority_id').onRef('u.user_id', '=', 'e.recorded_by'),
    )
    .leftJoin('family as f', join =>
      join.onRef('f.authority_id', '=', 'e.authority_id').onRef('f.family_id', '=', 'e.family_id'),
    )
    .selectAll('e')
    .select(['u.display_name as recorded_by_name', 'f.name as family_name'])
    .where('e.authority_id', '=', authorityId)
  const personId = 'personId' in of ? of.personId : filter.personId
  if ('familyId' in of) query = query.where('e.family_id', '=', of.familyId)
  if (personId) {
    query = query.where(eb =>
      eb.exists(
        eb
          .selectFrom('chronology_entry_person as ep')
          .select('ep.person_id')
          .whereRef('ep.authority_id', '=', 'e.authority_id')
          .whereRef('ep.chronology_entry_id', '=', 'e.chronology_entry_id')
          .where('ep.person_id', '=', personId),
      ),
    )
  }
  if (filter.category) query = query.where('e.category', '=', filter.category)
  const entries = await query.orderBy('e.occurred_on', 'desc').orderBy('e.recorded_at', 'desc').limit(2000).execute()
  const people =
    entries.length === 0
      ? []
      : await ex
          .selectFrom('chronology_entry_person as ep')
          .innerJoin('person as p', join =>
            join.onRef('p.authority_id', '=', 'ep.authority_id').onRef('p.person_id', '=', 'ep.person_id'),
          )
          .select(['ep.chronology_entry_id', 'p.person_id', 'p.given_name', 'p.family_name'])
          .where('ep.authority_id', '=', authorityId)
          .where(
            'ep.chronology_entry_id',
            'in',
            entries.map(entry => entry.chronology_entry_id),
          )
          .execute()
  return entries.map(entry => ({
    ...entry,
    people: people.filter(person => person.chronology_entry_id === entry.chronology_entry_id),
  }))
}
