import { findNavigationWords } from '../data/practiceModels.js'
import { countRecentFailures, deleteOtherSessionsOfUser, recordSignInAttempt } from '../data/security.js'
import { findAuthority, findPasswordHash, findSignInByEmail, findUser, updateUser } from '../data/staff.js'
import { ConflictError, ValidationError } from '../lib/errors.js'
import type { createAccessLogService } from './accessLog.js'
import type { CurrentUser, RequestContext, ServiceDeps } from './context.js'
import { hashPassword, passwordProblem, unknownUserHash, verifyPassword } from './passwords.js'

export type SignInResult =
  { outcome: 'signed_in'; authorityId: string; userId: string } | { outcome: 'bad_credentials' | 'throttled' }

export const normaliseEmail = (email: string) => email.trim().toLowerCase()

/** Signing in and out, who the signed-in user is, and changing one's own password. */
export function createAuthService(
  { database, clock, config }: ServiceDeps,
  accessLog: ReturnType<typeof createAccessLogService>,
) {
  const { db } = database

  return {
    /** How long sign-in stays throttled after too many failures. */
    throttleMinutes: config.signInThrottleMinutes,

    /**
     * Checks an email and password. Unknown email and wrong password are one outcome (no account
     * enumeration); after too many failures for the account or the address, every attempt is
     * throttled — even a right password — until the window passes. Every attempt is recorded.
     */
    async signIn(emailInput: string, password: string, ip: string): Promise<SignInResult> {
      const email = normaliseEmail(emailInput)
      const now = clock.now()
      const since = new Date(now.getTime() - config.signInThrottleMinutes * 60_000)
      const failures = await countRecentFailures(db, email, ip, since)
      const entry = await findSignInByEmail(db, email)
      const attempt = { authorityId: entry?.authority_id ?? null, userId: entry?.user_id ?? null, email, ip, at: now }

      if (failures.byEmail >= config.signInMaxFailures || failures.byIp >= config.signInMaxFailuresPerIp) {
        await recordSignInAttempt(db, { ...attempt, outcome: 'throttled' })
        return { outcome: 'throttled' }
      }
      const passwordMatches = await verifyPassword(entry?.password_hash ?? unknownUserHash, password)
      if (!entry || !entry.active || !passwordMatches) {
        await recordSignInAttempt(db, { ...attempt, outcome: 'bad_credentials' })
        return { outcome: 'bad_credentials' }
      }
      await recordSignInAttempt(db, { ...attempt, outcome: 'signed_in' })
      return { outcome: 'signed_in', authorityId: entry.authority_id, userId: entry.user_id }
    },

    /** The user behind a session, or undefined if they have been deactivated since. */
    async currentUser(authorityId: string, userId: string): Promise<CurrentUser | undefined> {
      const [user, authority, words] = await Promise.all([
        findUser(db, authorityId, userId),
        findAuthority(db, authorityId),
        findNavigationWords(db, authorityId),
      ])
      if (!user || !user.active || !authority) return undefined
      return {
        userId: user.user_id,
        authorityId: user.authority_id,
        role: user.role,
        teamId: user.team_id,
        areaId: user.area_id,
        displayName: user.display_name,
        email: user.email,
        authorityName: authority.name,
        authoritySlug: authority.slug,
        teamName: user.team_name,
        areaName: user.area_name,
        words: {
          frontDoor: words?.front_door ?? 'Front door',
          panel: words?.panel ?? 'Panel',
          request: words?.request ?? 'request for support',
        },
      }
    },

    /**
     * Changes the signed-in user's own password after checking the current one, and signs them out
     * everywhere else: whoever knew the old password loses the sessions it opened.
     */
    async changePassword(
      ctx: RequestContext,
      input: { currentPassword: string; newPassword: string; keepSessionId: string },
    ) {
      const { authorityId, userId } = ctx.actor
      const row = await findPasswordHash(db, authorityId, userId)
      if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
        throw new ValidationError([{ field: 'currentPassword', message: 'Your current password is not right' }])
      }
      const problem = passwordProblem(input.newPassword, { email: row.email })
      if (problem) throw new ValidationError([{ field: 'newPassword', message: problem }])
      const passwordHash = await hashPassword(input.newPassword)
      await db.transaction().execute(async trx => {
        const changed = await updateUser(trx, authorityId, userId, row.version, { passwordHash, now: clock.now() })
        if (!changed) throw new ConflictError()
        await deleteOtherSessionsOfUser(trx, authorityId, userId, input.keepSessionId)
        await accessLog.record(ctx, 'update', 'user', [userId], trx)
      })
    },
  }
}
