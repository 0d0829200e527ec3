import type { Executor } from './database.js'
import type { ConsentMethod } from './schema.js'

// Consent to share information, per family.

export interface ConsentDetails {
  givenByPersonId: string
  givenOn: string
  how: ConsentMethod
  agencies: string[]
  purposes: string[]
}

export async function insertConsent(
  ex: Executor,
  row: { authorityId: string; familyId: string; consent: ConsentDetails; by: string; at: Date },
) {
  const { consent_id } = await ex
    .insertInto('consent')
    .values({
      authority_id: row.authorityId,
      family_id: row.familyId,
      given_by_person_id: row.consent.givenByPersonId,
      given_on: row.consent.givenOn,
      how: row.consent.how,
      agencies: row.consent.agencies,
      purposes: row.consent.purposes,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('consent_id')
    .executeTakeFirstOrThrow()
  return consent_id
}

export function consentsOf(ex: Executor, authorityId: string, familyId: string) {
  return ex
    .selectFrom('consent as c')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'c.authority_id').onRef('p.person_id', '=', 'c.given_by_person_id'),
    )
    .innerJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'c.authority_id').onRef('u.user_id', '=', 'c.recorded_by'),
    )
    .selectAll('c')
    .select(['p.given_name', 'p.family_name', 'u.display_name as recorded_by_name'])
    .where('c.authority_id', '=', authorityId)
    .where('c.family_id', '=', familyId)
    .orderBy('c.given_on', 'desc')
    .execute()
}

/** Records the withdrawal if the consent is still at `version` and not already withdrawn. */
export async function withdrawConsent(
  ex: Executor,
  row: {
    authorityId: string
    familyId: string
    consentId: string
    version: number
    withdrawnOn: string
    reason: string | null
    by: string
  },
) {
  const result = await ex
    .updateTable('consent')
    .set(eb => ({
      withdrawn_on: row.withdrawnOn,
      withdrawn_reason: row.reason,
      withdrawn_recorded_by: row.by,
      version: eb('version', '+', 1),
    }))
    .where('authority_id', '=', row.authorityId)
    .where('family_id', '=', row.familyId)
    .where('consent_id', '=', row.consentId)
    .where('version', '=', row.version)
    .where('withdrawn_on', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}
