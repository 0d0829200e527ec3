import { z } from 'zod'
import type { Role, SocialCareStatus } from '../data/schema.js'
import {
  ethnicities,
  ethnicityCodes,
  genderCodes,
  genders,
  senProvisionCodes,
  senProvisions,
  socialCareStatusCodes,
  socialCareStatuses,
  type CodedValue,
} from '../lib/dfeCodes.js'
import {
  isValidNhsNumber,
  isValidPostcode,
  isValidUpn,
  nhsNumberMessage,
  normaliseNhsNumber,
  normalisePostcode,
  normaliseUpn,
  postcodeMessage,
  upnMessage,
} from '../lib/identifiers.js'
import { roleLabels } from '../policies/index.js'
import { chronologyCategories } from '../services/chronology.js'
import { disabilityAnswers, familyMemberRoles, relationshipTypes } from '../services/records.js'

// The API's JSON shapes, in camelCase. Each is validated on the way out, so the OpenAPI document
// and the responses cannot drift apart.

const roles = Object.keys(roleLabels) as [Role, ...Role[]]
// The social care statuses the DfE list offers must be every value the database knows, and no other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _socialCareStatusesComplete: Same<(typeof socialCareStatusCodes)[number], SocialCareStatus> = true

const uuid = z.uuid()
/** An id in a request body, lower-cased as the database keeps it. */
const recordId = z.uuid().transform(id => id.toLowerCase())
const timestamp = z.iso.datetime({ offset: true }).describe('A moment, in ISO 8601 (UTC)')
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')

/** "Code: label" for each entry of a code list, for a description. */
const codeList = (list: readonly CodedValue[]) => list.map(entry => `${entry.code}: ${entry.label}`).join('; ')

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

const problem = (description: string, schema: z.ZodType = problemSchema) => ({
  description,
  content: { 'application/problem+json': { schema } },
})

/** A JSON response with its description, for the OpenAPI document. */
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

/** The answer to a change sent with a version that is no longer the record's. */
export const conflictResponse = problem(
  'Someone changed the record since its `version` was read: read it again and send the change with the new version',
)

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

// Identifiers as people type them: checked as the pages check them, stored the standard way ---------

const nhsNumberInput = z
  .string()
  .regex(/^(?:\d[\s-]*){10}$/, { message: nhsNumberMessage, abort: true })
  .refine(isValidNhsNumber, nhsNumberMessage)
  .transform(normaliseNhsNumber)
  .describe('An NHS number: 10 digits with a valid check digit; spaces are allowed (943 476 5919)')

const upnInput = z
  .string()
  .refine(isValidUpn, upnMessage)
  .transform(normaliseUpn)
  .describe('A Unique Pupil Number: a check letter and 12 characters (A123456789012); spaces are allowed')

const postcodeInput = z
  .string()
  .refine(isValidPostcode, postcodeMessage)
  .transform(normalisePostcode)
  .describe('A UK postcode, in any case, with or without the space (de12fs or DE1 2FS)')

const nameInput = (what: string) => z.string().trim().min(1, `Enter the ${what}`).max(100)
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null)

// People -------------------------------------------------------------------------------------------

export const peopleSearchQuery = pageQuery
  .extend({
    name: z
      .string()
      .trim()
      .min(2)
      .max(200)
      .optional()
      .describe('Any part of a name, spelt roughly: other and previous names count, and names that sound alike'),
    dateOfBirth: isoDate.optional(),
    nhsNumber: nhsNumberInput.optional(),
    upn: upnInput.optional(),
    postcode: postcodeInput.optional().describe('A postcode the person lives or has lived at'),
  })
  .refine(query => query.name || query.dateOfBirth || query.nhsNumber || query.upn || query.postcode, {
    message: 'Search by at least one of name, dateOfBirth, nhsNumber, upn or postcode',
  })

export const personSummarySchema = z
  .object({
    personId: uuid,
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: isoDate.nullable(),
    expectedDate: isoDate.nullable().describe('When an unborn baby is due'),
    nhsNumber: z.string().nullable(),
    upn: z.string().nullable(),
    postcode: z.string().nullable().describe('Where they live now'),
  })
  .meta({ id: 'PersonSummary' })

export const personPageSchema = z
  .object({
    items: z.array(personSummarySchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().describe('People matching every criterion whom the token’s owner may see'),
    totalPages: z.number().int(),
  })
  .meta({ id: 'PersonPage' })

const codedValue = (description: string) => z.object({ code: z.string(), label: z.string() }).describe(description)

const addressSchema = z
  .object({ line1: z.string(), line2: z.string().nullable(), town: z.string().nullable(), postcode: z.string() })
  .meta({ id: 'Address' })

export const relationshipSchema = z
  .object({
    relationshipId: uuid,
    personId: uuid.describe('The person who is the `type` of the related person'),
    relatedPersonId: uuid,
    type: z
      .enum(relationshipTypes)
      .describe('Read as “personId is the <type> of relatedPersonId”; sibling and the partner types read both ways'),
    livesWith: z.boolean().describe('Whether the two live together'),
    parentalResponsibility: z.boolean().describe('Whether personId holds parental responsibility for relatedPersonId'),
    note: z.string().nullable(),
  })
  .meta({ id: 'Relationship' })

const personRef = z.object({ personId: uuid, givenName: z.string(), familyName: z.string() })

export const personSchema = z
  .object({
    personId: uuid,
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: isoDate.nullable(),
    expectedDate: isoDate.nullable().describe('When an unborn baby is due; null once born'),
    gender: codedValue(`Gender as the children in need census records it (${codeList(genders)})`),
    ethnicity: codedValue('A DfE main ethnicity code and its words').nullable(),
    firstLanguage: z.string().nullable(),
    interpreterNeeded: z.boolean(),
    disability: z.enum(disabilityAnswers),
    senProvision: z.enum(senProvisionCodes).nullable().describe(codeList(senProvisions)),
    upn: z.string().nullable(),
    nhsNumber: z.string().nullable().describe('Ten digits, no spaces'),
    flags: z.object({
      youngCarer: z.boolean(),
      privatelyFostered: z.boolean(),
      noRecourseToPublicFunds: z.boolean(),
    }),
    socialCareStatus: z.enum(socialCareStatusCodes).describe(codeList(socialCareStatuses)),
    otherNames: z
      .array(z.object({ kind: z.enum(['known as', 'previous']), givenName: z.string(), familyName: z.string() }))
      .describe('Names the person is known by or used to have; search finds them by these too'),
    addresses: z
      .array(addressSchema.extend({ movedIn: isoDate.nullable(), movedOut: isoDate.nullable() }))
      .describe('Where the person lives (movedOut null) and has lived, the current address first'),
    families: z
      .array(
        z.object({
          familyId: uuid,
          name: z.string(),
          role: z.enum(familyMemberRoles),
          joinedOn: isoDate.nullable(),
          leftOn: isoDate.nullable().describe('Null while they are a member'),
        }),
      )
      .describe('The families, past and present, the person belongs to that the token’s owner may see'),
    relationships: z
      .array(relationshipSchema.extend({ other: personRef.describe('The other person in the relationship') }))
      .describe('How the person is related to others'),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: z.number().int().describe('Send it back with a change: a change to an older version is refused'),
  })
  .meta({ id: 'Person' })

/** The details a person's record holds, as the API takes them: the same checks as the pages' form. */
const personDetailsShape = {
  givenName: nameInput('given name'),
  familyName: nameInput('family name'),
  born: z.enum(['born', 'unborn']).describe('‘unborn’: an expected date of delivery instead of a date of birth'),
  dateOfBirth: isoDate.nullable().describe('When born; ignored for an unborn baby'),
  expectedDate: isoDate.nullable().describe('When an unborn baby is due; ignored once born'),
  gender: z.enum(genderCodes).describe(codeList(genders)),
  ethnicity: z.enum(ethnicityCodes).nullable().describe(codeList(ethnicities)),
  firstLanguage: z.string().trim().max(100).nullable(),
  interpreterNeeded: z.boolean(),
  disability: z.enum(disabilityAnswers),
  senProvision: z.enum(senProvisionCodes).nullable().describe(codeList(senProvisions)),
  upn: upnInput.nullable(),
  nhsNumber: nhsNumberInput.nullable(),
  youngCarer: z.boolean(),
  privatelyFostered: z.boolean(),
  noRecourseToPublicFunds: z.boolean(),
  socialCareStatus: z.enum(socialCareStatusCodes).describe(codeList(socialCareStatuses)),
}

/** The names of a person's detail fields, which the services name their problems by. */
export const personDetailFields = Object.keys(personDetailsShape)

/** Every detail is sent, so a field left out is a mistake rather than a silent blank. */
export const personUpdateBody = z
  .strictObject({
    ...personDetailsShape,
    version: z.number().int().min(1).describe('The version the change was made to, from the person as last read'),
  })
  .meta({ id: 'PersonUpdate' })

/** A new person: only the names are needed; the rest take the form's starting answers. */
const newPersonDetails = z
  .strictObject({
    ...personDetailsShape,
    born: personDetailsShape.born.default('born'),
    dateOfBirth: personDetailsShape.dateOfBirth.default(null),
    expectedDate: personDetailsShape.expectedDate.default(null),
    gender: personDetailsShape.gender.default('0'),
    ethnicity: personDetailsShape.ethnicity.default(null),
    firstLanguage: personDetailsShape.firstLanguage.default(null),
    interpreterNeeded: personDetailsShape.interpreterNeeded.default(false),
    disability: personDetailsShape.disability.default('not known'),
    senProvision: personDetailsShape.senProvision.default(null),
    upn: personDetailsShape.upn.default(null),
    nhsNumber: personDetailsShape.nhsNumber.default(null),
    youngCarer: personDetailsShape.youngCarer.default(false),
    privatelyFostered: personDetailsShape.privatelyFostered.default(false),
    noRecourseToPublicFunds: personDetailsShape.noRecourseToPublicFunds.default(false),
    socialCareStatus: personDetailsShape.socialCareStatus.default('none'),
  })
  .meta({ id: 'NewPerson' })

const addressInput = z.strictObject({
  line1: z.string().trim().min(1, 'Enter the first line of the address').max(200),
  line2: optionalText(200),
  town: optionalText(100),
  postcode: postcodeInput,
})

export const newPersonBody = z.strictObject({
  person: newPersonDetails,
  membership: z.strictObject({
    role: z
      .enum(familyMemberRoles)
      .describe('An unborn baby is the family’s ‘unborn child’, and only an unborn baby is'),
    livesInHousehold: z.boolean().default(true),
    joinedOn: isoDate.nullable().default(null).describe('When they joined the family, if known'),
  }),
  address: addressInput
    .nullable()
    .default(null)
    .describe('Where they live; when null and they live in the household, the family’s address'),
  duplicatesSeen: z
    .boolean()
    .default(false)
    .describe('true once the possible duplicates a 409 listed have been checked and none is this person'),
})

export const newFamilyBody = z.strictObject({
  name: nameInput('family’s name').describe('What the family is known as, usually a family name'),
  address: addressInput.nullable().default(null),
})

/** A 409 from adding a person: people already known who may be the same person. Nothing was saved. */
export const possibleDuplicatesSchema = problemSchema
  .extend({
    duplicates: z
      .array(
        z.object({
          personId: uuid,
          name: z.string(),
          dateOfBirth: isoDate.nullable(),
          expectedDate: isoDate.nullable(),
          postcode: z.string().nullable(),
          reasons: z.array(z.string()).describe('Why they may be the same person, strongest first'),
        }),
      )
      .describe('The possible duplicates the token’s owner may see'),
    hiddenCount: z
      .number()
      .int()
      .describe('Possible duplicates in records the token’s owner may not see: ask a manager to check them'),
  })
  .meta({ id: 'PossibleDuplicates' })

export const possibleDuplicatesResponse = problem(
  'Nothing was saved: someone already known may be this person (`type` ends /possible-duplicates). Check them; to ' +
    'add a new record anyway, send the same request with `"duplicatesSeen": true`',
  possibleDuplicatesSchema,
)

// Families -----------------------------------------------------------------------------------------

const memberSchema = z.object({
  personId: uuid,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: isoDate.nullable(),
  expectedDate: isoDate.nullable(),
  role: z.enum(familyMemberRoles),
  livesInHousehold: z.boolean(),
  joinedOn: isoDate.nullable(),
  leftOn: isoDate.nullable(),
})

export const familySchema = z
  .object({
    familyId: uuid,
    name: z.string(),
    address: addressSchema.nullable(),
    team: teamRef,
    area: areaRef,
    createdAt: timestamp,
    updatedAt: timestamp,
    version: z.number().int(),
    members: z.array(memberSchema).describe('Current members first, then those who have left'),
    relationships: z.array(relationshipSchema).describe('How the members are related to each other'),
  })
  .meta({ id: 'Family' })

export const relationshipListSchema = z.object({ items: z.array(relationshipSchema) }).meta({ id: 'RelationshipList' })

export const newRelationshipBody = z.strictObject({
  personId: recordId.describe('A member of the family: the `type` of the related person'),
  relatedPersonId: recordId.describe('Another member of the family'),
  type: relationshipSchema.shape.type,
  livesWith: z.boolean(),
  parentalResponsibility: z.boolean().default(false),
  note: optionalText(500),
})

// Chronology ---------------------------------------------------------------------------------------

export const chronologyEntrySchema = z
  .object({
    chronologyEntryId: uuid,
    familyId: uuid.nullable(),
    occurredOn: isoDate,
    category: z.string(),
    summary: z.string(),
    detail: z.string().nullable(),
    source: z.string().nullable().describe('Who or what the information came from'),
    kind: z.enum(['system', 'manual']).describe('‘system’: written by Tandem when the record changed'),
    event: z.string().nullable().describe('For a system entry, what happened (‘joined family’)'),
    recordedAt: timestamp,
    recordedBy: z.string().nullable().describe('The name of the user who recorded it'),
    people: z.array(personRef).describe('The people the entry is about'),
  })
  .meta({ id: 'ChronologyEntry' })

export const chronologySchema = z
  .object({ items: z.array(chronologyEntrySchema).describe('Newest first') })
  .meta({ id: 'Chronology' })

export const familyChronologyQuery = z.strictObject({
  personId: uuid.optional().describe('Only the entries about this member'),
  category: z.enum(chronologyCategories).optional(),
})

export const newChronologyEntryBody = z.strictObject({
  occurredOn: isoDate.describe('When it happened: today or earlier'),
  category: z.enum(chronologyCategories),
  summary: z.string().trim().min(1, 'Enter a summary of what happened').max(200),
  detail: optionalText(5000),
  source: optionalText(200),
  personIds: z.array(recordId).max(50).default([]).describe('The members of the family it is about'),
})

/** What a POST answers with: the id of what it made. */
export const createdSchema = <K extends string>(key: K) => z.object({ [key]: uuid } as Record<K, typeof uuid>)
