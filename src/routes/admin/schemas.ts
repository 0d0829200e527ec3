import { z } from 'zod'
import { optionalText, requiredText, versionField } from '../../lib/forms.js'
import { areaKinds, roles } from '../../services/staff.js'

// One strict schema per form. The rules that need the database (a team of this authority, an email not
// yet taken, a password not too common) are the staff service's; these check only the shape.

const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@example.com'

const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, EMAIL_FORMAT)

/** A choice from a select: empty means none; anything else is checked against the list by the service. */
const optionalChoice = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .max(64, message)
    .optional()
    .transform(value => (value ? value : undefined))

const userDetails = {
  displayName: requiredText('Enter the full name', 100),
  role: z.enum(roles, { error: 'Select the user’s role' }),
  teamId: optionalChoice('Select a team from the list'),
  areaId: optionalChoice('Select an area from the list'),
  agency: optionalText(100, 'Agency must be 100 characters or fewer'),
  jobTitle: optionalText(100, 'Job title must be 100 characters or fewer'),
}

export const newUserFields = [
  'displayName',
  'email',
  'role',
  'teamId',
  'areaId',
  'agency',
  'jobTitle',
  'password',
] as const
export const newUserSchema = z.strictObject({
  ...userDetails,
  email,
  // Length and commonness are the service's rule (NCSC guidance), so the message is the same everywhere.
  password: z.string({ error: 'Enter a password' }).min(1, 'Enter a password'),
})

export const editUserFields = ['displayName', 'email', 'role', 'teamId', 'areaId', 'agency', 'jobTitle'] as const
export const editUserSchema = z.strictObject({ ...userDetails, email, version: versionField })

/** Deactivate and reactivate: only the version the page was loaded at. */
export const statusSchema = z.strictObject({ version: versionField })

const teamDetails = {
  name: requiredText('Enter the team name', 100),
  areaId: optionalChoice('Select an area from the list'),
}

export const teamFields = ['name', 'areaId'] as const
export const newTeamSchema = z.strictObject(teamDetails)
export const editTeamSchema = z.strictObject({ ...teamDetails, version: versionField })

export const areaFields = ['name', 'kind'] as const
export const newAreaSchema = z.strictObject({
  name: requiredText('Enter the area name', 100),
  kind: z.enum(areaKinds, { error: 'Select what kind of area this is' }),
})

/** The users list's filter: anything unrecognised means "any". */
export const userFilterSchema = z.object({
  role: z.enum(roles).optional().catch(undefined),
  status: z.enum(['active', 'deactivated']).optional().catch(undefined),
})

/** What the user typed, to show again: strings only, never a password or the CSRF token. */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (key === 'password' || key === '_csrf') continue
    if (typeof value === 'string') values[key] = value
  }
  return values
}
