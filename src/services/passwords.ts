import { dictionary } from '@zxcvbn-ts/language-common'
import argon2 from 'argon2'

/** NCSC password guidance: a minimum length and a deny-list of common passwords; no composition rules. */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map(word => word.toLowerCase()))
const serviceWords = ['tandem', 'earlyhelp', 'password', 'qwerty']

/** The problem with a proposed password in words a person can act on, or undefined if it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`
  const lower = password.toLowerCase()
  const squashed = lower.replace(/[^a-z0-9]/g, '')
  if (commonPasswords.has(lower) || commonPasswords.has(squashed)) {
    return 'Password is too common: choose one that is harder to guess, such as three random words'
  }
  if (new Set(lower).size <= 2) return 'Password must not repeat the same one or two characters'
  const stripped = squashed.replace(/\d+$/, '')
  if (serviceWords.some(word => stripped === word || stripped === word + word)) {
    return 'Password is too easy to guess: choose one that is harder to guess, such as three random words'
  }
  const localPart = context.email?.toLowerCase().split('@')[0]
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) {
    return 'Password must not contain your email address'
  }
  return undefined
}

// OWASP's argon2id parameters (19 MiB, 2 passes) keep a sign-in quick on a 2-core server.
const hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, hashOptions)
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

/** A hash of nothing anyone knows, verified against when the email is unknown so both take the same time. */
export const unknownUserHash = await hashPassword(`no-such-user-${Math.random()}`)
