import { z } from 'zod'
import { dateParts, manyOf, optionalText, parseFormWithDates, versionField } from '../../lib/forms.js'
import type { DecisionInput, RequestInput, SubjectInput } from '../../services/requests.js'

// One strict schema per form. Which concerns, outcomes and levels exist, consent, and dates in the
// future are the services' rules: the practice model says what is allowed.

/** How many people a request form offers rows for (without JavaScript, a fixed number of rows). */
export const SUBJECT_ROWS = 5

const choice = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform(value => (value ? value : null))
const text = (max: number, label: string) => optionalText(max, `${label} must be ${max} characters or fewer`)
const longText = (label: string) => text(5000, label)

const subjectKeys = Object.fromEntries(
  Array.from({ length: SUBJECT_ROWS }, (_, index) => [
    [`subjects-${index}-givenName`, text(100, 'The first name')],
    [`subjects-${index}-familyName`, text(100, 'The last name')],
    [`subjects-${index}-memberRole`, choice],
    [`subjects-${index}-postcode`, text(10, 'The postcode')],
    ...Object.entries(dateParts(`subjects-${index}-dateOfBirth`)),
  ]).flat(),
)

const requestBase = z.strictObject({
  kind: z.enum(['request', 'conversation', 'step_down'], { error: 'Choose what you are recording' }),
  familyId: choice,
  subjectIds: manyOf(30),
  wayInTool: choice,
  requesterKind: z.enum(['staff', 'partner', 'family']).optional(),
  requesterName: text(100, 'The name'),
  requesterAgency: text(100, 'The agency'),
  requesterContact: text(200, 'The contact details'),
  areaId: choice,
  ...dateParts('receivedOn'),
  urgency: choice,
  concerns: manyOf(50),
  worries: longText('What worries you'),
  tried: longText('What has been tried'),
  familyKnows: longText('What the family knows'),
  consent: choice,
  consentGivenBy: text(100, 'Who gave consent'),
  safeguardingConcern: choice,
  withWhom: text(500, 'Who took part'),
  agreed: longText('What was agreed'),
  conversationOutcome: choice,
  socialCareReference: text(60, 'The social care reference'),
  handoverSummary: longText('The handover summary'),
})

/** The request form: its fields, and a row of boxes for each person it is about. */
export const requestSchema = requestBase.extend(subjectKeys)
export type RequestForm = z.infer<typeof requestBase> & Record<string, unknown>

/** The form's fields in page order, for the error summary. */
export const requestFields = [
  'requesterKind',
  'requesterName',
  'requesterAgency',
  'requesterContact',
  'socialCareReference',
  'handoverSummary',
  'subjects',
  ...Array.from({ length: SUBJECT_ROWS }, (_, index) =>
    ['givenName', 'familyName', 'memberRole', 'dateOfBirth', 'postcode'].map(name => `subjects-${index}-${name}`),
  ).flat(),
  'areaId',
  'wayInTool',
  'receivedOn',
  'urgency',
  'concerns',
  'worries',
  'tried',
  'withWhom',
  'agreed',
  'conversationOutcome',
  'familyKnows',
  'consent',
  'consentGivenBy',
  'safeguardingConcern',
]

export const requestDates = (form: Record<string, unknown>) => [
  { name: 'receivedOn', label: 'The date the concern was raised', required: true },
  ...Array.from({ length: SUBJECT_ROWS }, (_, index) => ({
    name: `subjects-${index}-dateOfBirth`,
    label: `Date of birth of person ${index + 1}`,
    required: false,
  })).filter((_, index) => rowUsed(form, index)),
]

const rowUsed = (form: Record<string, unknown>, index: number) =>
  ['givenName', 'familyName', 'postcode', 'dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year'].some(
    name =>
      typeof form[`subjects-${index}-${name}`] === 'string' &&
      (form[`subjects-${index}-${name}`] as string).trim() !== '',
  )

/** The request as the service takes it: blank rows dropped, an unborn baby's date its expected date. */
export function requestInputFrom(form: RequestForm, dates: Record<string, string | null>): RequestInput {
  const values = form as Record<string, unknown>
  const subjects: SubjectInput[] = form.familyId
    ? form.subjectIds.map(personId => ({
        personId,
        givenName: '',
        familyName: '',
        dateOfBirth: null,
        expectedDate: null,
        memberRole: '',
        address: null,
        postcode: null,
      }))
    : Array.from({ length: SUBJECT_ROWS }, (_, index) => index)
        .filter(index => rowUsed(values, index))
        .map(index => {
          const field = (name: string) => values[`subjects-${index}-${name}`] as string | null | undefined
          const date = dates[`subjects-${index}-dateOfBirth`] ?? null
          const unborn = field('memberRole') === 'unborn child'
          return {
            personId: null,
            givenName: field('givenName') ?? '',
            familyName: field('familyName') ?? '',
            dateOfBirth: unborn ? null : date,
            expectedDate: unborn ? date : null,
            memberRole: field('memberRole') ?? '',
            address: null,
            postcode: field('postcode') ?? null,
          }
        })
  return {
    kind: form.kind,
    wayInTool: form.wayInTool,
    familyId: form.familyId,
    areaId: form.areaId,
    subjects,
    receivedOn: dates.receivedOn ?? null,
    requesterKind: form.requesterKind === 'family' ? 'family' : 'staff',
    requesterName: form.requesterName ?? null,
    requesterAgency: form.requesterAgency ?? null,
    requesterContact: form.requesterContact ?? null,
    urgency: form.urgency,
    concerns: form.concerns,
    worries: form.worries ?? '',
    familyKnows: form.familyKnows ?? '',
    consent: form.consent,
    consentGivenBy: form.consentGivenBy ?? null,
    safeguardingConcern: form.safeguardingConcern === 'yes' ? true : form.safeguardingConcern === 'no' ? false : null,
    tried: form.tried ?? null,
    withWhom: form.withWhom ?? null,
    agreed: form.agreed ?? null,
    conversationOutcome: form.conversationOutcome,
    socialCareReference: form.socialCareReference ?? null,
    handoverSummary: form.handoverSummary ?? null,
  }
}

export const decisionSchema = z.strictObject({
  version: versionField,
  outcome: choice,
  reason: longText('The reason'),
  signpostTo: text(200, 'The service'),
  areaId: choice,
  teamId: choice,
  levelOfNeed: choice,
  socialCareTeam: text(200, 'The social care team'),
})
export const decisionFields = ['outcome', 'areaId', 'teamId', 'levelOfNeed', 'signpostTo', 'socialCareTeam', 'reason']

export function decisionInputFrom(form: z.infer<typeof decisionSchema>): DecisionInput {
  return {
    outcome: form.outcome,
    reason: form.reason ?? '',
    signpostTo: form.signpostTo ?? null,
    areaId: form.areaId,
    teamId: form.teamId,
    levelOfNeed: form.levelOfNeed,
    socialCareTeam: form.socialCareTeam ?? null,
  }
}

/** The link form: a choice per subject (`person-N`) and the family. */
export const linkSchema = z.object({ version: versionField, familyId: choice }).catchall(z.string().trim().max(64))

/** Reads the request form: every problem of shape or date together, then the service's input. */
export function parseRequest(body: unknown): RequestInput {
  const fields = (body ?? {}) as Record<string, unknown>
  const form = parseFormWithDates(requestSchema, body, requestDates(fields)) as unknown as RequestForm & {
    dates: Record<string, string | null>
  }
  return requestInputFrom(form, form.dates)
}
