// Code lists shared with the Department for Education's returns, so what a practitioner records can
// be reported without translation. Each list is data in the order the interface shows it; the codes
// tuple beside it is what zod's z.enum takes, and it is derived from the list so the two cannot drift.

/** A code and the words the interface shows for it. */
export interface CodedValue<Code extends string = string> {
  readonly code: Code
  readonly label: string
}

// The codes of a list, as a tuple whose element types are the literal codes.
function codesOf<const List extends readonly CodedValue[]>(list: List) {
  return list.map(entry => entry.code) as unknown as {
    readonly [Index in keyof List]: List[Index] extends CodedValue<infer Code> ? Code : never
  }
}

/** The label for a code, or undefined for a code not in the list (or no code). */
export function labelOf(list: readonly CodedValue[], code: string | null | undefined): string | undefined {
  if (code === null || code === undefined) return undefined
  return list.find(entry => entry.code === code)?.label
}

// Ethnicity ---------------------------------------------------------------------------------------
//
// The DfE main ethnicity codes (Common Basic Data Set), as collected by the children in need census
// (<Ethnicity>, N00177) and asked for in Ofsted's Annex A. The 20 codes are the ones the CIN census
// validation rule 4220 accepts (data-to-insight/csc-validator-be-cin, rule_4220.py). Refused and
// information not yet obtained are answers in their own right, not gaps, so they are in the list.

/** The headings the ethnicity codes are grouped under, in display order. */
export const ethnicGroups = [
  'White',
  'Mixed',
  'Asian or Asian British',
  'Black or Black British',
  'Chinese',
  'Any other ethnic group',
  'Not known',
] as const

/** One of the ethnicity headings. */
export type EthnicGroup = (typeof ethnicGroups)[number]

/** The DfE main ethnicity codes with their labels and headings. */
export const ethnicities = [
  { code: 'WBRI', label: 'White British', group: 'White' },
  { code: 'WIRI', label: 'White Irish', group: 'White' },
  { code: 'WIRT', label: 'Traveller of Irish heritage', group: 'White' },
  { code: 'WOTH', label: 'Any other White background', group: 'White' },
  { code: 'WROM', label: 'Gypsy/Roma', group: 'White' },
  { code: 'MWBC', label: 'White and Black Caribbean', group: 'Mixed' },
  { code: 'MWBA', label: 'White and Black African', group: 'Mixed' },
  { code: 'MWAS', label: 'White and Asian', group: 'Mixed' },
  { code: 'MOTH', label: 'Any other mixed background', group: 'Mixed' },
  { code: 'AIND', label: 'Indian', group: 'Asian or Asian British' },
  { code: 'APKN', label: 'Pakistani', group: 'Asian or Asian British' },
  { code: 'ABAN', label: 'Bangladeshi', group: 'Asian or Asian British' },
  { code: 'AOTH', label: 'Any other Asian background', group: 'Asian or Asian British' },
  { code: 'BCRB', label: 'Black Caribbean', group: 'Black or Black British' },
  { code: 'BAFR', label: 'Black African', group: 'Black or Black British' },
  { code: 'BOTH', label: 'Any other Black background', group: 'Black or Black British' },
  { code: 'CHNE', label: 'Chinese', group: 'Chinese' },
  { code: 'OOTH', label: 'Any other ethnic group', group: 'Any other ethnic group' },
  { code: 'REFU', label: 'Refused', group: 'Not known' },
  { code: 'NOBT', label: 'Information not yet obtained', group: 'Not known' },
] as const satisfies readonly (CodedValue & { readonly group: EthnicGroup })[]

/** The ethnicity codes, for z.enum. */
export const ethnicityCodes = codesOf(ethnicities)

/** A DfE main ethnicity code. */
export type EthnicityCode = (typeof ethnicityCodes)[number]

// Gender ------------------------------------------------------------------------------------------
//
// <GenderCurrent> (N00097) as the children in need census recorded it up to 2023 to 2024: the CIN
// census validator's rule 4180 accepts exactly 0, 1, 2 and 9. From 2024 to 2025 the census collects
// <Sex> (N00783) as M, F or U instead, so a return for those years has to map these codes.

/** Gender as the children in need census records it. */
export const genders = [
  { code: '0', label: 'Not known' },
  { code: '1', label: 'Male' },
  { code: '2', label: 'Female' },
  { code: '9', label: 'Indeterminate' },
] as const satisfies readonly CodedValue[]

/** The gender codes, for z.enum. Strings, because that is how forms and the census send them. */
export const genderCodes = codesOf(genders)

/** A children in need census gender code. */
export type GenderCode = (typeof genderCodes)[number]

// SEN provision -----------------------------------------------------------------------------------

/** Special educational needs provision as the school census records it. */
export const senProvisions = [
  { code: 'N', label: 'No special educational need' },
  { code: 'K', label: 'SEN support' },
  { code: 'E', label: 'Education, health and care plan' },
] as const satisfies readonly CodedValue[]

/** The SEN provision codes, for z.enum. */
export const senProvisionCodes = codesOf(senProvisions)

/** A school census SEN provision code. */
export type SenProvisionCode = (typeof senProvisionCodes)[number]

// Social care status ------------------------------------------------------------------------------
//
// Tandem's own list, not a DfE one: what the early help worker knows of a person's involvement with
// children's social care. The codes are words so that stored values read plainly in the database.

/** A person's known involvement with children's social care. */
export const socialCareStatuses = [
  { code: 'none', label: 'None known' },
  { code: 'child in need', label: 'Child in need' },
  { code: 'child protection plan', label: 'Child protection plan' },
  { code: 'looked after', label: 'Looked after child' },
  { code: 'care leaver', label: 'Care leaver' },
] as const satisfies readonly CodedValue[]

/** The social care status codes, for z.enum. */
export const socialCareStatusCodes = codesOf(socialCareStatuses)

/** A social care status code. */
export type SocialCareStatusCode = (typeof socialCareStatusCodes)[number]
