import { z } from 'zod'
import type { FamilyMemberRole, Role } from '../data/schema.js'
import { roleLabels } from '../policies/index.js'

// The API's JSON shapes, in camelCase. Each is validated on the way out, so the OpenAPI document
// and the responses cannot drift apart.

const roles = Object.keys(roleLabels) as [Role, ...Role[]]
const familyMemberRoles = ['parent', 'carer', 'child', 'unborn child', 'other adult'] as const
// The list above must name every member role the database knows, and no other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _memberRolesComplete: Same<(typeof familyMemberRoles)[number], FamilyMemberRole> = true

const uuid = z.uuid()
const timestamp = z.iso.datetime({ offset: true }).describe('A moment, in ISO 8601 (UTC)')
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')

/** An RFC 9457 problem: the body of every error. Extra members (such as `errors`) may follow. */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), in: z.string().optional() }))
      .optional()
      .describe('What is wrong with each part of the request, on a 400'),
  })
  .meta({ id: 'Problem' })

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
})

/** A 200 response with its description, for the OpenAPI document. */
export const ok = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
})

/** The error responses every authenticated route can give. */
export const errorResponses = {
  400: problem('The request is not valid: each problem is listed in `errors`'),
  401: problem('No API token, or one that is unknown, revoked or expired, or whose owner is deactivated'),
  403: problem('The token’s owner may not do this; the refusal is recorded in the access log'),
  404: problem('There is no such record in your authority'),
}

export const idParams = {
  family: z.strictObject({ familyId: uuid.describe('The family’s id') }),
  person: z.strictObject({ personId: uuid.describe('The person’s id') }),
}

export const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('The page, from 1'),
  pageSize: z.coerce.number().int().min(1).max(100).default(25).describe('Items a page, at most 100'),
})

const teamRef = z.object({ teamId: uuid, name: z.string() }).nullable()
const areaRef = z.object({ areaId: uuid, name: z.string() }).nullable()

export const meSchema = z
  .object({
    userId: uuid,
    displayName: z.string(),
    email: z.email(),
    role: z.enum(roles),
    roleLabel: z.string().describe('The role as the interface names it'),
    authority: z.object({ name: z.string(), slug: z.string() }),
    team: teamRef,
    area: areaRef,
  })
  .meta({ id: 'Me' })

export const familySummarySchema = z
  .object({
    familyId: uuid,
    name: z.string(),
    memberCount: z.number().int().describe('Current members (those who have not left)'),
    team: teamRef,
    area: areaRef,
    updatedAt: timestamp,
  })
  .meta({ id: 'FamilySummary' })

export const familyPageSchema = z
  .object({
    items: z.array(familySummarySchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().describe('Families the token’s owner may see'),
    totalPages: z.number().int(),
  })
  .meta({ id: 'FamilyPage' })

const memberSchema = z.object({
  personId: uuid,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: isoDate.nullable(),
  role: z.enum(familyMemberRoles),
  joinedOn: isoDate.nullable(),
  leftOn: isoDate.nullable(),
})

export const familySchema = z
  .object({
    familyId: uuid,
    name: z.string(),
    team: teamRef,
    area: areaRef,
    createdAt: timestamp,
    updatedAt: timestamp,
    version: z.number().int(),
    members: z.array(memberSchema),
  })
  .meta({ id: 'Family' })

export const personSchema = z
  .object({
    personId: uuid,
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: isoDate.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: z.number().int(),
    families: z
      .array(z.object({ familyId: uuid, name: z.string(), role: z.enum(familyMemberRoles) }))
      .describe('The families the person belongs to now that the token’s owner may see'),
  })
  .meta({ id: 'Person' })
