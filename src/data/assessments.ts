import { sql } from 'kysely'
import type { Executor } from './database.js'
import type { AssessmentStatus } from './schema.js'

// The whole-family assessment of an episode (issue 8): its sections written for the family, each child and each
// parent or carer, the needs it identifies, and each submission as it stood with the manager's decision on it.

function assessments(ex: Executor, authorityId: string) {
  return ex
    .selectFrom('assessment as a')
    .innerJoin('app_user as w', join =>
      join.onRef('w.authority_id', '=', 'a.authority_id').onRef('w.user_id', '=', 'a.worker_user_id'),
    )
    .selectAll('a')
    .select('w.display_name as worker_name')
    .where('a.authority_id', '=', authorityId)
}

/** One assessment of the episode (an assessment of another episode is not found through this one). */
export function findAssessment(ex: Executor, authorityId: string, episodeId: string, assessmentId: string) {
  return assessments(ex, authorityId)
    .where('a.episode_id', '=', episodeId)
    .where('a.assessment_id', '=', assessmentId)
    .executeTakeFirst()
}

/** The episode's assessments, the latest started first. */
export function assessmentsOf(ex: Executor, authorityId: string, episodeId: string) {
  return assessments(ex, authorityId)
    .where('a.episode_id', '=', episodeId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.started_on', 'desc')
    .execute()
}

export async function insertAssessment(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    assessmentType: string
    startedOn: string
    completingAgency: string
    workerUserId: string
    by: string
    at: Date
  },
) {
  const { assessment_id } = await ex
    .insertInto('assessment')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      assessment_type: row.assessmentType,
      started_on: row.startedOn,
      completing_agency: row.completingAgency,
      worker_user_id: row.workerUserId,
      created_at: row.at,
      created_by: row.by,
      updated_at: row.at,
      updated_by: row.by,
    })
    .returning('assessment_id')
    .executeTakeFirstOrThrow()
  return assessment_id
}

/**
 * Moves the assessment on (its status and dates) if it is still at the version the change was made to; false when
 * someone changed it first.
 */
export async function updateAssessment(
  ex: Executor,
  row: {
    authorityId: string
    assessmentId: string
    version: number
    status?: AssessmentStatus
    submittedOn?: string
    approvedOn?: string
    by: string
    at: Date
  },
) {
  const result = await ex
    .updateTable('assessment')
    .set({
      ...(row.status ? { status: row.status } : {}),
      ...(row.submittedOn ? { submitted_on: row.submittedOn } : {}),
      ...(row.approvedOn ? { approved_on: row.approvedOn } : {}),
      updated_at: row.at,
      updated_by: row.by,
      version: sql<number>`version + 1`,
    })
    .where('authority_id', '=', row.authorityId)
    .where('assessment_id', '=', row.assessmentId)
    .where('version', '=', row.version)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export function entriesOf(ex: Executor, authorityId: string, assessmentId: string) {
  return ex
    .selectFrom('assessment_entry')
    .select(['section', 'person_id', 'body', 'not_recorded_reason'])
    .where('authority_id', '=', authorityId)
    .where('assessment_id', '=', assessmentId)
    .execute()
}

export interface EntryRow {
  section: string
  personId: string | null
  body: string | null
  notRecordedReason: string | null
}

/**
 * Writes the sections as the form holds them: each (section, person) given is replaced, an empty one removed.
 * Entries about someone no longer in the form (a parent who has left) are kept as they were.
 */
export async function writeEntries(ex: Executor, authorityId: string, assessmentId: string, entries: EntryRow[]) {
  for (const entry of entries) {
    await ex
      .deleteFrom('assessment_entry')
      .where('authority_id', '=', authorityId)
      .where('assessment_id', '=', assessmentId)
      .where('section', '=', entry.section)
      .where(eb => (entry.personId ? eb('person_id', '=', entry.personId) : eb('person_id', 'is', null)))
      .execute()
  }
  const kept = entries.filter(entry => entry.body || entry.notRecordedReason)
  if (kept.length === 0) return
  await ex
    .insertInto('assessment_entry')
    .values(
      kept.map(entry => ({
        authority_id: authorityId,
        assessment_id: assessmentId,
        section: entry.section,
        person_id: entry.personId,
        body: entry.body,
        not_recorded_reason: entry.notRecordedReason,
      })),
    )
    .execute()
}

/** The assessment's identified needs, in order. */
export function needsOf(ex: Executor, authorityId: string, assessmentId: string) {
  return ex
    .selectFrom('assessment_need')
    .select(['need_id', 'position', 'description', 'outcome_area'])
    .where('authority_id', '=', authorityId)
    .where('assessment_id', '=', assessmentId)
    .orderBy('position')
    .execute()
}

/** Of these needs, those a plan outcome answers: they cannot be removed. */
export async function needsLinkedToPlans(ex: Executor, authorityId: string, needIds: string[]) {
  if (needIds.length === 0) return new Set<string>()
  const rows = await ex
    .selectFrom('plan_outcome_need')
    .select('need_id')
    .where('authority_id', '=', authorityId)
    .where('need_id', 'in', needIds)
    .execute()
  return new Set(rows.map(row => row.need_id))
}

/**
 * Makes the assessment's needs these, in this order: a need given with its id keeps it (so a plan outcome that
 * answers it still does), the others are new; needs not given are removed.
 */
export async function writeNeeds(
  ex: Executor,
  authorityId: string,
  assessmentId: string,
  needs: { needId: string | null; description: string; outcomeArea: string }[],
) {
  const keep = needs.flatMap(need => (need.needId ? [need.needId] : []))
  let removal = ex
    .deleteFrom('assessment_need')
    .where('authority_id', '=', authorityId)
    .where('assessment_id', '=', assessmentId)
  if (keep.length > 0) removal = removal.where('need_id', 'not in', keep)
  await removal.execute()
  // Positions are unique: move the kept needs out of the way before numbering them again.
  await ex
    .updateTable('assessment_need')
    .set({ position: sql<number>`-position` })
    .where('authority_id', '=', authorityId)
    .where('assessment_id', '=', assessmentId)
    .execute()
  for (const [index, need] of needs.entries()) {
    if (need.needId) {
      await ex
        .updateTable('assessment_need')
        .set({ position: index + 1, description: need.description, outcome_area: need.outcomeArea })
        .where('authority_id', '=', authorityId)
        .where('assessment_id', '=', assessmentId)
        .where('need_id', '=', need.needId)
        .execute()
    } else {
      await ex
        .insertInto('assessment_need')
        .values({
          authority_id: authorityId,
          assessment_id: assessmentId,
          position: index + 1,
          description: need.description,
          outcome_area: need.outcomeArea,
        })
        .execute()
    }
  }
}

/** Each submission of the assessment (its versions), the first first, with who submitted and who decided. */
export function reviewsOf(ex: Executor, authorityId: string, assessmentId: string) {
  return ex
    .selectFrom('assessment_review as r')
    .innerJoin('app_user as s', join =>
      join.onRef('s.authority_id', '=', 'r.authority_id').onRef('s.user_id', '=', 'r.submitted_by'),
    )
    .leftJoin('app_user as d', join =>
      join.onRef('d.authority_id', '=', 'r.authority_id').onRef('d.user_id', '=', 'r.decided_by'),
    )
    .select([
      'r.assessment_review_id',
      'r.number',
      'r.snapshot',
      'r.submitted_at',
      'r.decision',
      'r.comments',
      'r.decided_at',
      's.display_name as submitted_by_name',
      'd.display_name as decided_by_name',
    ])
    .where('r.authority_id', '=', authorityId)
    .where('r.assessment_id', '=', assessmentId)
    .orderBy('r.number')
    .execute()
}

export async function insertReview(
  ex: Executor,
  row: { authorityId: string; assessmentId: string; number: number; snapshot: unknown; by: string; at: Date },
) {
  await ex
    .insertInto('assessment_review')
    .values({
      authority_id: row.authorityId,
      assessment_id: row.assessmentId,
      number: row.number,
      snapshot: JSON.stringify(row.snapshot),
      submitted_at: row.at,
      submitted_by: row.by,
    })
    .execute()
}

/** Records the manager's decision on the submission waiting for one; false if there is none. */
export async function decideReview(
  ex: Executor,
  row: {
    authorityId: string
    assessmentId: string
    number: number
    decision: 'approved' | 'returned'
    comments: string | null
    by: string
    at: Date
  },
) {
  const result = await ex
    .updateTable('assessment_review')
    .set({ decision: row.decision, comments: row.comments, decided_at: row.at, decided_by: row.by })
    .where('authority_id', '=', row.authorityId)
    .where('assessment_id', '=', row.assessmentId)
    .where('number', '=', row.number)
    .where('decision', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** How many assessments the episode has, and the latest started, for the case page. */
export async function latestAssessmentOf(ex: Executor, authorityId: string, episodeId: string) {
  const [latest, total] = await Promise.all([
    ex
      .selectFrom('assessment')
      .select(['assessment_id', 'assessment_type', 'status', 'started_on', 'submitted_on', 'approved_on'])
      .where('authority_id', '=', authorityId)
      .where('episode_id', '=', episodeId)
      .orderBy('created_at', 'desc')
      .orderBy('started_on', 'desc')
      .limit(1)
      .executeTakeFirst(),
    ex
      .selectFrom('assessment')
      .select(eb => eb.fn.countAll<string>().as('n'))
      .where('authority_id', '=', authorityId)
      .where('episode_id', '=', episodeId)
      .executeTakeFirstOrThrow(),
  ])
  return { latest, count: Number(total.n) }
}

/** The needs of the episode's latest approved assessment, or else of its latest. */
export async function currentNeedsOf(ex: Executor, authorityId: string, episodeId: string) {
  const assessment = await ex
    .selectFrom('assessment')
    .select('assessment_id')
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .orderBy(eb => eb.case().when('status', '=', 'approved').then(0).else(1).end())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!assessment) return []
  return needsOf(ex, authorityId, assessment.assessment_id)
}

/** Holds the episode's row until the transaction ends, so two assessments cannot start on it at once. */
export async function lockEpisodeForAssessment(ex: Executor, authorityId: string, episodeId: string) {
  await ex
    .selectFrom('episode')
    .select('episode_id')
    .where('authority_id', '=', authorityId)
    .where('episode_id', '=', episodeId)
    .forUpdate()
    .execute()
}
