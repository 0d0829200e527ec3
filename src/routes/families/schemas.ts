import { z } from 'zod'
import { socialCareStatusCodes } from '../../lib/dfeCodes.js'
import { disabilityAnswers, familyMemberRoles, relationshipTypes } from '../../services/records.js'
import { dateParts, manyOf, optionalText, requiredText, versionField, yesNo } from '../../lib/forms.js'
import type { PersonInput } from '../../services/personDetails.js'

// One strict schema per form. Check digits, dates in the future and who may do what are the services' rules.

const optionalChoice = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform(value => (value ? value : null))

const address = {
  line1: optionalText(100, 'Address line 1 must be 100 characters or fewer'),
  line2: optionalText(100, 'Address line 2 must be 100 characters or fewer'),
  town: optionalText(60, 'Town or city must be 60 characters or fewer'),
  postcode: optionalText(10, 'Enter a real postcode, like DE1 2FS'),
}
export const addressFields = ['line1', 'line2', 'town', 'postcode'] as const

/** An address given in full or not at all: a postcode needs a first line and the other way round. */
export function addressFrom(fields: {
  line1?: string | undefined
  line2?: string | undefined
  town?: string | undefined
  postcode?: string | undefined
}) {
  if (!fields.line1 && !fields.postcode) return null
  return {
    line1: fields.line1 ?? '',
    line2: fields.line2 ?? null,
    town: fields.town ?? null,
    postcode: fields.postcode ?? '',
  }
}

const addressComplete = (
  fields: { line1?: string | undefined; postcode?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (fields.line1 && !fields.postcode)
    ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Enter the postcode' })
  if (fields.postcode && !fields.line1) {
    ctx.addIssue({ code: 'custom', path: ['line1'], message: 'Enter the first line of the address' })
  }
}

export const familyFields = ['name', ...addressFields] as const
export const familySchema = z
  .strictObject({ name: requiredText('Enter the family’s name', 100), ...address })
  .superRefine(addressComplete)
export const editFamilySchema = z
  .strictObject({ name: requiredText('Enter the family’s name', 100), ...address, version: versionField })
  .superRefine(addressComplete)

const personDetails = {
  givenName: requiredText('Enter the first name', 100),
  familyName: requiredText('Enter the last name', 100),
  born: z.enum(['born', 'unborn'], { error: 'Select whether the baby has been born' }),
  ...dateParts('dateOfBirth'),
  ...dateParts('expectedDate'),
  gender: z
    .string({ error: 'Select the person’s gender, or ‘Not known’' })
    .trim()
    .min(1, 'Select the person’s gender, or ‘Not known’'),
  ethnicity: optionalChoice,
  firstLanguage: optionalText(60, 'First language must be 60 characters or fewer'),
  interpreterNeeded: yesNo,
  disability: z.enum(disabilityAnswers, { error: 'Select whether the person has a disability' }),
  senProvision: optionalChoice,
  upn: optionalText(20, 'Enter a UPN in the correct format: a letter followed by 12 characters, like A123456789012'),
  nhsNumber: optionalText(20, 'Enter an NHS number in the correct format, like 943 476 5919'),
  flags: manyOf(3),
  socialCareStatus: z.enum(socialCareStatusCodes, { error: 'Select the current social care status' }),
}

export const personFields = [
  'givenName',
  'familyName',
  'born',
  'dateOfBirth',
  'expectedDate',
  'gender',
  'ethnicity',
  'firstLanguage',
  'interpreterNeeded',
  'disability',
  'senProvision',
  'nhsNumber',
  'upn',
  'flags',
  'socialCareStatus',
] as const

export const personDates = [
  { name: 'dateOfBirth' as const, label: 'Date of birth', required: false },
  { name: 'expectedDate' as const, label: 'Expected date of delivery', required: false },
]

export const editPersonSchema = z.strictObject({ ...personDetails, version: versionField })

export const newMemberFields = [...personFields, 'role', 'livesInHousehold', 'joinedOn', ...addressFields] as const
export const newMemberSchema = z
  .strictObject({
    ...personDetails,
    role: z.enum(familyMemberRoles, { error: 'Select the person’s role in the family' }),
    livesInHousehold: z.enum(['yes', 'no'], { error: 'Select whether they live in the household' }),
    ...dateParts('joinedOn'),
    ...address,
    duplicatesSeen: z.literal('yes').optional(),
  })
  .superRefine(addressComplete)

/** The person's details as the services take them, from a parsed person form. */
export function personInputFrom(
  form: z.infer<typeof editPersonSchema> | z.infer<typeof newMemberSchema>,
  dates: { dateOfBirth: string | null; expectedDate: string | null },
): PersonInput {
  return {
    givenName: form.givenName,
    familyName: form.familyName,
    born: form.born,
    dateOfBirth: dates.dateOfBirth,
    expectedDate: dates.expectedDate,
    gender: form.gender,
    ethnicity: form.ethnicity,
    firstLanguage: form.firstLanguage ?? null,
    interpreterNeeded: form.interpreterNeeded,
    disability: form.disability,
    senProvision: form.senProvision,
    upn: form.upn ?? null,
    nhsNumber: form.nhsNumber ?? null,
    youngCarer: form.flags.includes('youngCarer'),
    privatelyFostered: form.flags.includes('privatelyFostered'),
    noRecourseToPublicFunds: form.flags.includes('noRecourseToPublicFunds'),
    socialCareStatus: form.socialCareStatus,
  }
}

export const existingMemberSchema = z.strictObject({
  personId: z.string().trim().uuid('Select a person'),
  role: z.enum(familyMemberRoles, { error: 'Select the person’s role in the family' }),
  livesInHousehold: z.enum(['yes', 'no'], { error: 'Select whether they live in the household' }),
  ...dateParts('joinedOn'),
})

export const leaveSchema = z.strictObject({ ...dateParts('leftOn') })

export const relationshipFields = [
  'personId',
  'type',
  'relatedPersonId',
  'livesWith',
  'parentalResponsibility',
  'note',
] as const
export const relationshipSchema = z.strictObject({
  personId: z.string({ error: 'Select a person' }).trim().uuid('Select a person'),
  type: z.enum(relationshipTypes, { error: 'Select how they are related' }),
  relatedPersonId: z.string({ error: 'Select the other person' }).trim().uuid('Select the other person'),
  livesWith: z.enum(['yes', 'no'], { error: 'Select whether they live together' }),
  parentalResponsibility: z.enum(['yes', 'no']).optional(),
  note: optionalText(200, 'Note must be 200 characters or fewer'),
})

export const addressSchema = z.strictObject({ ...address, ...dateParts('movedIn') }).superRefine((fields, ctx) => {
  if (!fields.line1) ctx.addIssue({ code: 'custom', path: ['line1'], message: 'Enter the first line of the address' })
  if (!fields.postcode) ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Enter the postcode' })
})
export const addressFormFields = [...addressFields, 'movedIn'] as const

export const nameSchema = z.strictObject({
  kind: z.enum(['known as', 'previous'], { error: 'Select the kind of name' }),
  givenName: requiredText('Enter the first name', 100),
  familyName: requiredText('Enter the last name', 100),
})
export const nameFields = ['kind', 'givenName', 'familyName'] as const

export const restrictSchema = z.strictObject({
  reason: requiredText('Enter why the record is restricted', 500),
  userIds: manyOf(100),
})
export const restrictFields = ['reason', 'userIds'] as const

export const mergeSchema = z.strictObject({
  mergedId: z
    .string({ error: 'Select the record to merge into this one' })
    .trim()
    .uuid('Select the record to merge into this one'),
  reason: requiredText('Enter why these are the same person', 500),
  confirm: z.literal('yes', { error: 'Confirm that these records are the same person' }),
})
export const mergeFields = ['mergedId', 'reason', 'confirm'] as const

export const searchSchema = z.object({
  name: optionalText(100),
  ...dateParts('dateOfBirth'),
  identifier: optionalText(20),
  postcode: optionalText(10),
  page: z.string().optional(),
})
