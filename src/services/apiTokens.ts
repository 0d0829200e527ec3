import { createHash, randomBytes } from 'node:crypto'
import {
  findApiTokenByHash,
  insertApiToken,
  listApiTokens,
  markApiTokenUsed,
  revokeApiToken,
} from '../data/security.js'
import { NotFoundError } from '../lib/errors.js'
import { authorize } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import type { createAuthService } from './auth.js'
import type { CurrentUser, RequestContext, ServiceDeps } from './context.js'

const TOKEN_PREFIX = 'tdm_'
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export type ApiTokenStatus = 'active' | 'expired' | 'revoked'

/** A token works until it is revoked or its expiry passes. */
function tokenStatus(row: { revoked_at: Date | null; expires_at: Date | null }, now: Date): ApiTokenStatus {
  if (row.revoked_at) return 'revoked'
  if (row.expires_at && row.expires_at <= now) return 'expired'
  return 'active'
}

/** Personal API tokens: shown once, kept only as a hash, revocable, acting with their owner's permissions. */
export function createApiTokenService(
  { database, clock }: ServiceDeps,
  auth: ReturnType<typeof createAuthService>,
  accessLog: ReturnType<typeof createAccessLogService>,
) {
  const { db } = database

  return {
    /** The user's own tokens, newest first, each with whether it still works. */
    async list(ctx: RequestContext) {
      authorize(ctx.actor, 'apiTokens:manage')
      const now = clock.now()
      const rows = await listApiTokens(db, ctx.actor.authorityId, ctx.actor.userId)
      return rows.map(row => ({ ...row, status: tokenStatus(row, now) }))
    },

    /** Creates a token and returns it: the only time it is ever shown. */
    async create(ctx: RequestContext, input: { name: string; expiresInDays: number | undefined }) {
      authorize(ctx.actor, 'apiTokens:manage')
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url')
      const now = clock.now()
      const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null
      return db.transaction().execute(async trx => {
        const { api_token_id } = await insertApiToken(trx, {
          authorityId: ctx.actor.authorityId,
          userId: ctx.actor.userId,
          name: input.name,
          tokenHash: hashToken(token),
          tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
          createdAt: now,
          expiresAt,
        })
        await accessLog.record(ctx, 'create', 'api_token', [api_token_id], trx)
        return { apiTokenId: api_token_id, token, expiresAt }
      })
    },

    async revoke(ctx: RequestContext, apiTokenId: string) {
      authorize(ctx.actor, 'apiTokens:manage')
      await db.transaction().execute(async trx => {
        const revoked = await revokeApiToken(trx, ctx.actor.authorityId, ctx.actor.userId, apiTokenId, clock.now())
        if (!revoked) throw new NotFoundError()
        await accessLog.record(ctx, 'deactivate', 'api_token', [apiTokenId], trx)
      })
    },

    /** The user a bearer token acts as, or undefined if it is unknown, revoked, expired or its owner inactive. */
    async authenticate(token: string): Promise<CurrentUser | undefined> {
      if (!token.startsWith(TOKEN_PREFIX)) return undefined
      const row = await findApiTokenByHash(db, hashToken(token))
      const now = clock.now()
      if (!row || tokenStatus(row, now) !== 'active') return undefined
      const user = await auth.currentUser(row.authority_id, row.user_id)
      if (!user) return undefined
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
        await markApiTokenUsed(db, row.authority_id, row.api_token_id, now)
      }
      return user
    },
  }
}
