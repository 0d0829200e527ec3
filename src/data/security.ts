import type { Executor } from './database.js'
import type { SignInOutcome } from './schema.js'

// Sign-in attempts, sessions and API tokens.

export async function recordSignInAttempt(
  ex: Executor,
  attempt: {
    authorityId: string | null
    userId: string | null
    email: string
    ip: string
    outcome: SignInOutcome
    at: Date
  },
) {
  await ex
    .insertInto('sign_in_attempt')
    .values({
      authority_id: attempt.authorityId,
      user_id: attempt.userId,
      email: attempt.email,
      ip: attempt.ip,
      outcome: attempt.outcome,
      attempted_at: attempt.at,
    })
    .execute()
}

/** Failed attempts since `since` (and since the last successful sign-in) for an email and for an address. */
export async function countRecentFailures(ex: Executor, email: string, ip: string, since: Date) {
  const failures = (column: 'email' | 'ip', value: string) =>
    ex
      .selectFrom('sign_in_attempt as a')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where(`a.${column}`, '=', value)
      .where('a.attempted_at', '>=', since)
      .where('a.outcome', '!=', 'signed_in')
      .where(eb =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('sign_in_attempt as later')
              .select('later.sign_in_attempt_id')
              .whereRef(`later.${column}`, '=', `a.${column}`)
              .where('later.outcome', '=', 'signed_in')
              .whereRef('later.attempted_at', '>', 'a.attempted_at'),
          ),
        ),
      )
      .executeTakeFirstOrThrow()
  const [byEmail, byIp] = await Promise.all([failures('email', email), failures('ip', ip)])
  return { byEmail: byEmail.n, byIp: byIp.n }
}

export function findSession(ex: Executor, sessionId: string) {
  return ex.selectFrom('user_session').selectAll().where('session_id', '=', sessionId).executeTakeFirst()
}

export async function saveSession(
  ex: Executor,
  row: { sessionId: string; authorityId: string; userId: string; data: unknown; createdAt: Date; lastSeenAt: Date },
) {
  await ex
    .insertInto('user_session')
    .values({
      session_id: row.sessionId,
      authority_id: row.authorityId,
      user_id: row.userId,
      data: JSON.stringify(row.data),
      created_at: row.createdAt,
      last_seen_at: row.lastSeenAt,
    })
    .onConflict(oc =>
      oc.columns(['authority_id', 'session_id']).doUpdateSet({
        data: JSON.stringify(row.data),
        last_seen_at: row.lastSeenAt,
      }),
    )
    .execute()
}

export async function deleteSession(ex: Executor, sessionId: string) {
  await ex.deleteFrom('user_session').where('session_id', '=', sessionId).execute()
}

export async function deleteSessionsOfUser(ex: Executor, authorityId: string, userId: string) {
  await ex.deleteFrom('user_session').where('authority_id', '=', authorityId).where('user_id', '=', userId).execute()
}

export async function deleteOtherSessionsOfUser(
  ex: Executor,
  authorityId: string,
  userId: string,
  keepSessionId: string,
) {
  await ex
    .deleteFrom('user_session')
    .where('authority_id', '=', authorityId)
    .where('user_id', '=', userId)
    .where('session_id', '!=', keepSessionId)
    .execute()
}

export async function deleteSessionsIdleSince(ex: Executor, idleSince: Date, createdBefore: Date) {
  await ex
    .deleteFrom('user_session')
    .where(eb => eb.or([eb('last_seen_at', '<', idleSince), eb('created_at', '<', createdBefore)]))
    .execute()
}

export async function insertApiToken(
  ex: Executor,
  row: {
    authorityId: string
    userId: string
    name: string
    tokenHash: string
    tokenPrefix: string
    createdAt: Date
    expiresAt: Date | null
  },
) {
  return ex
    .insertInto('api_token')
    .values({
      authority_id: row.authorityId,
      user_id: row.userId,
      name: row.name,
      token_hash: row.tokenHash,
      token_prefix: row.tokenPrefix,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .returning('api_token_id')
    .executeTakeFirstOrThrow()
}

export function listApiTokens(ex: Executor, authorityId: string, userId: string) {
  return ex
    .selectFrom('api_token')
    .select(['api_token_id', 'name', 'token_prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('authority_id', '=', authorityId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute()
}

export function findApiTokenByHash(ex: Executor, tokenHash: string) {
  return ex.selectFrom('api_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
}

export async function markApiTokenUsed(ex: Executor, authorityId: string, apiTokenId: string, at: Date) {
  await ex
    .updateTable('api_token')
    .set({ last_used_at: at })
    .where('authority_id', '=', authorityId)
    .where('api_token_id', '=', apiTokenId)
    .execute()
}

export async function revokeApiToken(ex: Executor, authorityId: string, userId: string, apiTokenId: string, at: Date) {
  const result = await ex
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('authority_id', '=', authorityId)
    .where('user_id', '=', userId)
    .where('api_token_id', '=', apiTokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}
