import { sql } from 'kysely'
import type { Executor } from './database.js'

// Evidence-based programmes delivered to the family (000 Support and Delivery: Triple P, Incredible Years, NVR, …;
// the practice model's list): who took part, when it started and ended, and whether it was completed (issue 8).

export interface ProgrammeStart {
  authorityId: string
  episodeId: string
  programme: string
  startedOn: string
  deliveredBy: string
  notes: string | null
  personIds: string[]
  by: string
  at: Date
}

/** Starts a programme for the people taking part; returns its id. */
export async function insertProgrammeDelivery(ex: Executor, row: ProgrammeStart) {
  const { programme_delivery_id } = await ex
    .insertInto('programme_delivery')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      programme: row.programme,
      started_on: row.startedOn,
      delivered_by: row.deliveredBy,
      notes: row.notes,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .returning('programme_delivery_id')
    .executeTakeFirstOrThrow()
  await ex
    .insertInto('programme_delivery_person')
    .values(
      row.personIds.map(personId => ({ authority_id: row.authorityId, programme_delivery_id, person_id: personId })),
    )
    .execute()
  return programme_delivery_id
}

/**
 * Records how a programme ended, if it is still at the version the form was loaded at and has not ended; false
 * when someone else changed it first.
 */
export async function endProgrammeDelivery(
  ex: Executor,
  row: {
    authorityId: string
    programmeDeliveryId: string
    version: number
    endedOn: string
    completion: 'completed' | 'not_completed'
    notes: string | null
    by: string
    at: Date
  },
): Promise<boolean> {
  const result = await ex
    .updateTable('programme_delivery')
    .set(eb => ({
      ended_on: row.endedOn,
      completion: row.completion,
      notes: row.notes,
      updated_at: row.at,
      updated_by: row.by,
      version: eb('version', '+', 1),
    }))
    .where('authority_id', '=', row.authorityId)
    .where('programme_delivery_id', '=', row.programmeDeliveryId)
    .where('version', '=', row.version)
    .where('ended_on', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** The episode's programmes, the latest started first, with who takes part in each. */
export async function programmeDeliveriesOf(ex: Executor, authorityId: string, episodeId: string) {
  const deliveries = await ex
    .selectFrom('programme_delivery')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .orderBy('started_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
  return withParticipants(ex, authorityId, deliveries)
}

/** One programme of the episode, with who takes part; undefined if the episode has no such programme. */
export async function findProgrammeDelivery(
  ex: Executor,
  authorityId: string,
  episodeId: string,
  programmeDeliveryId: string,
) {
  const delivery = await ex
    .selectFrom('programme_delivery')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .where('programme_delivery_id', '=', programmeDeliveryId)
    .executeTakeFirst()
  if (!delivery) return undefined
  const [found] = await withParticipants(ex, authorityId, [delivery])
  return found
}

async function withParticipants<T extends { programme_delivery_id: string }>(
  ex: Executor,
  authorityId: string,
  deliveries: T[],
) {
  if (deliveries.length === 0) return []
  const people = await ex
    .selectFrom('programme_delivery_person as d')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'd.authority_id').onRef('p.person_id', '=', 'd.person_id'),
    )
    .select(['d.programme_delivery_id', 'p.person_id', 'p.given_name', 'p.family_name'])
    // Oldest first, as the family's members are listed: parents before children.
    .where('d.authority_id', '=', authorityId)
    .where(
      'd.programme_delivery_id',
      'in',
      deliveries.map(delivery => delivery.programme_delivery_id),
    )
    .orderBy(sql`coalesce(p.date_of_birth, p.expected_date)`)
    .orderBy('p.given_name')
    .execute()
  return deliveries.map(delivery => ({
    ...delivery,
    participants: people
      .filter(person => person.programme_delivery_id === delivery.programme_delivery_id)
      .map(({ person_id, given_name, family_name }) => ({ person_id, given_name, family_name })),
  }))
}

/** The episode's programmes in brief, for the case page: no names. */
export function programmeSummariesOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('programme_delivery')
    .select(['programme_delivery_id', 'programme', 'started_on', 'ended_on', 'completion'])
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .orderBy('started_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
}
