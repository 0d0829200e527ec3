import type { Session } from 'fastify'
import { deleteSession, deleteSessionsIdleSince, findSession, saveSession } from '../data/security.js'
import type { ServiceDeps } from './context.js'

declare module 'fastify' {
  interface Session {
    userId?: string
    authorityId?: string
    /** When the user signed in (ms since epoch): the absolute timeout counts from here. */
    signedInAt?: number
    /** When the user was last seen (ms since epoch): the idle timeout counts from here. */
    lastSeenAt?: number
  }
}

type Callback = (error?: unknown) => void

/**
 * Sessions kept in PostgreSQL (so any server behind a load balancer can answer), ended after the idle
 * timeout or the absolute timeout, whichever comes first. Only signed-in sessions are stored.
 */
export function createSessionService({ database, clock, config }: ServiceDeps) {
  const { db } = database
  const idleMs = config.sessionIdleMinutes * 60_000
  const absoluteMs = config.sessionAbsoluteHours * 3_600_000

  const expired = (session: Session, now: number) =>
    session.lastSeenAt === undefined ||
    session.signedInAt === undefined ||
    now - session.lastSeenAt > idleMs ||
    now - session.signedInAt > absoluteMs

  const store = {
    get(sessionId: string, callback: (error: unknown, session?: Session | null) => void) {
      findSession(db, sessionId)
        .then(async row => {
          if (!row) return callback(null, null)
          const session = row.data as Session
          if (expired(session, clock.now().getTime())) {
            await deleteSession(db, sessionId)
            return callback(null, null)
          }
          callback(null, session)
        })
        .catch(error => callback(error))
    },
    set(sessionId: string, session: Session, callback: Callback) {
      if (!session.userId || !session.authorityId || !session.signedInAt || !session.lastSeenAt) return callback()
      saveSession(db, {
        sessionId,
        authorityId: session.authorityId,
        userId: session.userId,
        data: session,
        createdAt: new Date(session.signedInAt),
        lastSeenAt: new Date(session.lastSeenAt),
      })
        .then(() => callback())
        .catch(error => callback(error))
    },
    destroy(sessionId: string, callback: Callback) {
      deleteSession(db, sessionId)
        .then(() => callback())
        .catch(error => callback(error))
    },
  }

  return {
    store,
    idleMs,
    /** Marks the session seen now, at most once a minute so a busy page does not write on every request. */
    touch(session: Session) {
      const now = clock.now().getTime()
      if (session.lastSeenAt === undefined || now - session.lastSeenAt > 60_000) session.lastSeenAt = now
    },
    /** Starts a signed-in session. */
    begin(session: Session, user: { userId: string; authorityId: string }) {
      const now = clock.now().getTime()
      session.userId = user.userId
      session.authorityId = user.authorityId
      session.signedInAt = now
      session.lastSeenAt = now
    },
    /** Removes sessions past either timeout; the server runs it now and then. */
    purgeExpired() {
      const now = clock.now().getTime()
      return deleteSessionsIdleSince(db, new Date(now - idleMs), new Date(now - absoluteMs))
    },
  }
}
