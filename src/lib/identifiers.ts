// Identifiers a practitioner types in: NHS number, Unique Pupil Number and postcode. Each has a
// normaliser (what we store), a validator (a plain boolean, so it fits a zod refine) and a GOV.UK
// style message for when the validator says no.

/** The error shown when an NHS number is not valid. */
export const nhsNumberMessage = 'Enter an NHS number in the correct format, like 943 476 5919'

/** The error shown when a UPN is not valid. The example is itself a valid UPN (see the tests). */
export const upnMessage = 'Enter a UPN in the correct format: a letter followed by 12 characters, like A123456789012'

/** The error shown when a postcode is not valid. */
export const postcodeMessage = 'Enter a real postcode, like DE1 2FS'

// NHS number --------------------------------------------------------------------------------------

/** An NHS number with spaces and hyphens removed, as people write it both ways. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '')
}

/**
 * Ten digits with a correct modulus 11 check digit. Numbers whose ten digits are all the same are
 * refused: every one of them passes the checksum (0000000000, 1111111111, …) but none is issued,
 * and they are what people type when they do not know the number.
 */
export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input)
  if (!/^\d{10}$/.test(digits)) return false
  if (/^(\d)\1{9}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i)
  const check = 11 - (sum % 11)
  // 11 stands for 0; 10 means no number with these nine digits was ever issued.
  if (check === 10) return false
  return (check === 11 ? 0 : check) === Number(digits[9])
}

/** "943 476 5919": the 3-3-4 grouping the NHS prints. Anything not ten digits is returned trimmed. */
export function formatNhsNumber(input: string): string {
  const digits = normaliseNhsNumber(input)
  if (!/^\d{10}$/.test(digits)) return input.trim()
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
}

// Unique Pupil Number -----------------------------------------------------------------------------
//
// A check letter, then 12 characters: 3-digit LA number, 4-digit establishment number, 2-digit year
// and a 3-digit serial. A temporary UPN ends in a letter instead of the last digit.
//
// Check letter (DfE census validation rule 1510): multiply characters 2 to 13 by their positions
// 2 to 13, sum, divide by 23 and map the remainder 0–22 to A–Z without I, O and S. A letter in
// position 13 counts as its place in the same alphabet (A = 0). Confirmed against the Government
// Data Standards Catalogue entry for the UPN
// (http://www.govtalk.gov.uk/gdsc/html/noframes/UniquePupilNumber-2-0-Release.htm), python-stdnum's
// stdnum/gb/upn.py and the CIN census validator (data-to-insight/csc-validator-be-cin, rule_1510.py).
// We do not check the LA number against the list of LA codes: that list changes with local
// government reorganisation, and the check letter already catches most typing errors.

const upnAlphabet = 'ABCDEFGHJKLMNPQRTUVWXYZ'

/** A UPN in upper case with all spaces removed. */
export function normaliseUpn(input: string): string {
  return input.replace(/\s/g, '').toUpperCase()
}

/** The check letter for the 12 characters after it, or undefined if they are not in UPN form. */
export function upnCheckLetter(body: string): string | undefined {
  const characters = normaliseUpn(body)
  if (!/^\d{11}[\dA-HJ-NP-RT-Z]$/.test(characters)) return undefined
  let sum = 0
  for (let i = 0; i < 12; i++) {
    const character = characters[i] as string
    const value = /\d/.test(character) ? Number(character) : upnAlphabet.indexOf(character)
    sum += value * (i + 2)
  }
  return upnAlphabet[sum % 23]
}

/** A permanent or temporary UPN whose check letter is right. */
export function isValidUpn(input: string): boolean {
  const upn = normaliseUpn(input)
  if (upn.length !== 13) return false
  return upnCheckLetter(upn.slice(1)) === upn[0]
}

// Postcode ----------------------------------------------------------------------------------------
//
// Royal Mail's format rules: the outward code is A9, A99, AA9, AA99, A9A or AA9A and the inward
// code is 9AA. Some letters are never used in some positions: Q, V and X never first; I, J and Z
// never second; only A B C D E F G H J K P S T U W third in A9A; only A B E H M N P R V W X Y fourth
// in AA9A; and never C I K M O V in the inward code (they are too easily misread in handwriting).
// GIR 0AA, the old Girobank postcode, breaks the rules and is still valid. A postcode that passes
// may still not exist: only an address lookup can tell that.

const outwardCode = [
  '[A-PR-UWYZ]\\d\\d?', // A9, A99
  '[A-PR-UWYZ][A-HK-Y]\\d\\d?', // AA9, AA99
  '[A-PR-UWYZ]\\d[A-HJKPSTUW]', // A9A
  '[A-PR-UWYZ][A-HK-Y]\\d[ABEHMNPRVWXY]', // AA9A
].join('|')
const postcodePattern = new RegExp(`^(?:(?:${outwardCode}) \\d[ABD-HJLNP-UW-Z]{2}|GIR 0AA)$`)

/** "SW1A 1AA" from "sw1a1aa": upper case, one space before the last three characters. */
export function normalisePostcode(input: string): string {
  const compact = input.replace(/\s/g, '').toUpperCase()
  // Only something of postcode length gets a space; anything else is left for the validator to refuse.
  if (compact.length < 5 || compact.length > 7) return compact
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

/** A postcode in a format Royal Mail uses, in any case and with or without the space. */
export function isValidPostcode(input: string): boolean {
  return postcodePattern.test(normalisePostcode(input))
}
