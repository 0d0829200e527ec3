import type { PersonDetails } from '../data/people.js'
import type { DisabilityAnswer, SocialCareStatus } from '../data/schema.js'
import { addDays } from '../lib/dates.js'
import { ethnicityCodes, genderCodes, senProvisionCodes } from '../lib/dfeCodes.js'
import { ValidationError, type FieldError } from '../lib/errors.js'
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

/** A person's details as a form or the API gives them, before the domain rules. */
export interface PersonInput {
  givenName: string
  familyName: string
  /** 'unborn': an expected date of delivery instead of a date of birth. */
  born: 'born' | 'unborn'
  dateOfBirth: string | null
  expectedDate: string | null
  gender: string
  ethnicity: string | null
  firstLanguage: string | null
  interpreterNeeded: boolean
  disability: DisabilityAnswer
  senProvision: string | null
  upn: string | null
  nhsNumber: string | null
  youngCarer: boolean
  privatelyFostered: boolean
  noRecourseToPublicFunds: boolean
  socialCareStatus: SocialCareStatus
}

export interface AddressInput {
  line1: string
  line2: string | null
  town: string | null
  postcode: string
}

const EARLIEST_BIRTH = '1900-01-01'
// A pregnancy lasts about 40 weeks: an expected date further off than that is a typing slip.
const LONGEST_PREGNANCY_DAYS = 44 * 7
// An expected date a little in the past is allowed: the baby may be late, or born and not yet recorded.
const OVERDUE_DAYS = 6 * 7

/** Checks a person's details against the rules a practitioner would (check digits, no future births); every problem named by its field. */
export function checkPersonDetails(input: PersonInput, today: string): PersonDetails {
  const errors: FieldError[] = []
  let dateOfBirth: string | null = null
  let expectedDate: string | null = null
  if (input.born === 'born') {
    dateOfBirth = input.dateOfBirth
    if (dateOfBirth && dateOfBirth > today) {
      errors.push({
        field: 'dateOfBirth',
        anchor: 'dateOfBirth-day',
        message: 'Date of birth must be today or in the past',
      })
    } else if (dateOfBirth && dateOfBirth < EARLIEST_BIRTH) {
      errors.push({
        field: 'dateOfBirth',
        anchor: 'dateOfBirth-day',
        message: 'Date of birth must be after 1 January 1900',
      })
    }
  } else {
    expectedDate = input.expectedDate
    if (!expectedDate) {
      errors.push({ field: 'expectedDate', anchor: 'expectedDate-day', message: 'Enter the expected date of delivery' })
    } else if (expectedDate > addDays(today, LONGEST_PREGNANCY_DAYS)) {
      errors.push({
        field: 'expectedDate',
        anchor: 'expectedDate-day',
        message: 'Expected date of delivery must be within the next 44 weeks',
      })
    } else if (expectedDate < addDays(today, -OVERDUE_DAYS)) {
      errors.push({
        field: 'expectedDate',
        anchor: 'expectedDate-day',
        message:
          'Expected date of delivery is more than 6 weeks ago: if the baby has been born, record the date of birth',
      })
    }
  }
  if (!(genderCodes as readonly string[]).includes(input.gender)) {
    errors.push({ field: 'gender', message: 'Select the person’s gender, or ‘Not known’' })
  }
  if (input.ethnicity && !(ethnicityCodes as readonly string[]).includes(input.ethnicity)) {
    errors.push({ field: 'ethnicity', message: 'Select an ethnicity from the list' })
  }
  if (input.senProvision && !(senProvisionCodes as readonly string[]).includes(input.senProvision)) {
    errors.push({ field: 'senProvision', message: 'Select special educational needs provision from the list' })
  }
  const upn = input.upn ? normaliseUpn(input.upn) : null
  if (upn && !isValidUpn(upn)) errors.push({ field: 'upn', message: upnMessage })
  const nhsNumber = input.nhsNumber ? normaliseNhsNumber(input.nhsNumber) : null
  if (nhsNumber && !isValidNhsNumber(nhsNumber)) errors.push({ field: 'nhsNumber', message: nhsNumberMessage })
  if (errors.length > 0) throw new ValidationError(errors)
  return {
    givenName: input.givenName,
    familyName: input.familyName,
    dateOfBirth,
    expectedDate,
    gender: input.gender as PersonDetails['gender'],
    ethnicity: input.ethnicity,
    firstLanguage: input.firstLanguage,
    interpreterNeeded: input.interpreterNeeded,
    disability: input.disability,
    senProvision: input.senProvision as PersonDetails['senProvision'],
    upn,
    nhsNumber,
    youngCarer: input.youngCarer,
    privatelyFostered: input.privatelyFostered,
    noRecourseToPublicFunds: input.noRecourseToPublicFunds,
    socialCareStatus: input.socialCareStatus,
  }
}

/** An address with its postcode checked and written the standard way (DE1 2FS). */
export function checkAddress(input: AddressInput, field = 'postcode'): AddressInput {
  if (!isValidPostcode(input.postcode)) throw new ValidationError([{ field, message: postcodeMessage }])
  return { ...input, postcode: normalisePostcode(input.postcode) }
}
