import type { Executor } from './database.js'
import type { FeedbackAnswer, FeedbackHow, FeedbackLinkEvent, FeedbackRespondent, FeedbackStage } from './schema.js'

// 'How Was It for You?': the family's answers, and the one-time links the family answers through (issue 9). Every
// query filters by the authority, but one: finding a link by its secret's hash, which is how a family without an
// account arrives, and which tells the authority.

export interface FeedbackAnswers {
  respected: FeedbackAnswer | null
  listened: FeedbackAnswer | null
  helped: FeedbackAnswer | null
  whatWasGood: string | null
  couldBeBetter: string | null
}

export async function insertFeedback(
  ex: Executor,
  row: FeedbackAnswers & {
    authorityId: string
    episodeId: string
    respondent: FeedbackRespondent
    personId: string | null
    stage: FeedbackStage
    answeredOn: string
    answeredHow: FeedbackHow
    linkId: string | null
    by: string | null
    at: Date
  },
) {
  const { feedback_id } = await ex
    .insertInto('family_feedback')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      respondent: row.respondent,
      person_id: row.personId,
      stage: row.stage,
      answered_on: row.answeredOn,
      answered_how: row.answeredHow,
      respected: row.respected,
      listened: row.listened,
      helped: row.helped,
      what_was_good: row.whatWasGood,
      could_be_better: row.couldBeBetter,
      link_id: row.linkId,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('feedback_id')
    .executeTakeFirstOrThrow()
  return feedback_id
}

/** The episode's answers, newest first, with who answered and who wrote them down. */
export function feedbackOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('family_feedback as f')
    .leftJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'f.authority_id').onRef('p.person_id', '=', 'f.person_id'),
    )
    .leftJoin('app_user as u', join =>
      join.onRef('u.authority_id', '=', 'f.authority_id').onRef('u.user_id', '=', 'f.recorded_by'),
    )
    .select([
      'f.feedback_id',
      'f.respondent',
      'f.stage',
      'f.answered_on',
      'f.answered_how',
      'f.respected',
      'f.listened',
      'f.helped',
      'f.what_was_good',
      'f.could_be_better',
      'p.given_name',
      'p.family_name',
      'u.display_name as recorded_by_name',
    ])
    .where('f.authority_id', '=', authorityId)
    .where('f.episode_id', '=', episodeId)
    .orderBy('f.answered_on', 'desc')
    .orderBy('f.recorded_at', 'desc')
    .execute()
}

export async function insertFeedbackLink(
  ex: Executor,
  row: {
    authorityId: string
    episodeId: string
    respondent: FeedbackRespondent
    personId: string
    stage: FeedbackStage
    tokenHash: string
    expiresAt: Date
    by: string
    at: Date
  },
) {
  const { link_id } = await ex
    .insertInto('feedback_link')
    .values({
      authority_id: row.authorityId,
      episode_id: row.episodeId,
      respondent: row.respondent,
      person_id: row.personId,
      stage: row.stage,
      token_hash: row.tokenHash,
      expires_at: row.expiresAt,
      created_at: row.at,
      created_by: row.by,
    })
    .returning('link_id')
    .executeTakeFirstOrThrow()
  return link_id
}

/** The episode's links, newest first, with whom each is for. */
export function feedbackLinksOf(ex: Executor, authorityId: string, episodeId: string) {
  return ex
    .selectFrom('feedback_link as l')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'l.authority_id').onRef('p.person_id', '=', 'l.person_id'),
    )
    .select([
      'l.link_id',
      'l.respondent',
      'l.stage',
      'l.expires_at',
      'l.used_at',
      'l.created_at',
      'p.given_name',
      'p.family_name',
    ])
    .where('l.authority_id', '=', authorityId)
    .where('l.episode_id', '=', episodeId)
    .orderBy('l.created_at', 'desc')
    .execute()
}

/**
 * The link whose secret hashes to `tokenHash`, in any authority, with the first name of whom it is for and the
 * authority's name: all a family's page may show. `forUpdate` locks the row for the answer's transaction.
 */
export function findFeedbackLink(ex: Executor, tokenHash: string, forUpdate = false) {
  const query = ex
    .selectFrom('feedback_link as l')
    .innerJoin('person as p', join =>
      join.onRef('p.authority_id', '=', 'l.authority_id').onRef('p.person_id', '=', 'l.person_id'),
    )
    .innerJoin('authority as a', 'a.authority_id', 'l.authority_id')
    .innerJoin('episode as e', join =>
      join.onRef('e.authority_id', '=', 'l.authority_id').onRef('e.episode_id', '=', 'l.episode_id'),
    )
    .select([
      'l.authority_id',
      'l.link_id',
      'l.episode_id',
      'l.respondent',
      'l.person_id',
      'l.stage',
      'l.expires_at',
      'l.used_at',
      'l.created_by',
      'p.given_name',
      'p.family_name',
      'a.name as authority_name',
      'e.family_id',
    ])
    .where('l.token_hash', '=', tokenHash)
  return (forUpdate ? query.forUpdate('l') : query).executeTakeFirst()
}

export async function markFeedbackLinkUsed(ex: Executor, authorityId: string, linkId: string, at: Date) {
  await ex
    .updateTable('feedback_link')
    .set({ used_at: at })
    .where('authority_id', '=', authorityId)
    .where('link_id', '=', linkId)
    .execute()
}

export async function insertFeedbackLinkEvent(
  ex: Executor,
  row: { authorityId: string; linkId: string; event: FeedbackLinkEvent; at: Date },
) {
  await ex
    .insertInto('feedback_link_event')
    .values({ authority_id: row.authorityId, link_id: row.linkId, event: row.event, at: row.at })
    .execute()
}

/** How many times each of the episode's links has been opened, answered or turned away. */
export function feedbackLinkEventsOf(ex: Executor, authorityId: string, linkIds: readonly string[]) {
  if (linkIds.length === 0) return Promise.resolve([])
  return ex
    .selectFrom('feedback_link_event')
    .select(['link_id', 'event', 'at'])
    .where('authority_id', '=', authorityId)
    .where('link_id', 'in', linkIds)
    .orderBy('at')
    .execute()
}
