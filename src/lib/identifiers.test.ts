import { describe, expect, it } from 'vitest'
import {
  formatNhsNumber,
  isValidNhsNumber,
  isValidPostcode,
  isValidUpn,
  nhsNumberMessage,
  normaliseNhsNumber,
  normalisePostcode,
  normaliseUpn,
  postcodeMessage,
  upnCheckLetter,
  upnMessage,
} from './identifiers.js'

describe('NHS number', () => {
  it('strips spaces and hyphens', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919')
    expect(normaliseNhsNumber('943-476-5919')).toBe('9434765919')
    expect(normaliseNhsNumber(' 943\t476 - 5919 ')).toBe('9434765919')
  })

  it.each(['9434765919', '9434765870', '4010232137'])('accepts the published example %s', number => {
    expect(isValidNhsNumber(number)).toBe(true)
  })

  it('accepts the published examples however they are spaced', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true)
    expect(isValidNhsNumber('943-476-5870')).toBe(true)
    expect(isValidNhsNumber(' 401 023 2137 ')).toBe(true)
  })

  it('accepts a check digit of 0, where 11 minus the remainder is 11', () => {
    // 9434765870: the weighted sum of the first nine digits is 308, a multiple of 11.
    expect(isValidNhsNumber('9434765870')).toBe(true)
    expect(isValidNhsNumber('9434765871')).toBe(false)
  })

  it('refuses a wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false)
    expect(isValidNhsNumber('9434765910')).toBe(false)
    expect(isValidNhsNumber('4010232138')).toBe(false)
  })

  it('refuses a transposition of two digits', () => {
    expect(isValidNhsNumber('9434765991')).toBe(false)
    expect(isValidNhsNumber('4904765919')).toBe(false)
  })

  it('refuses every number whose nine digits give a check digit of 10', () => {
    // 123456789: weighted sum 210, remainder 1, 11 - 1 = 10, so no tenth digit makes it valid.
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`123456789${last}`)).toBe(false)
    // 100000001: weighted sum 12, remainder 1.
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`100000001${last}`)).toBe(false)
  })

  it('refuses numbers of the wrong length', () => {
    expect(isValidNhsNumber('943476591')).toBe(false)
    expect(isValidNhsNumber('94347659190')).toBe(false)
    expect(isValidNhsNumber('')).toBe(false)
    expect(isValidNhsNumber('   ')).toBe(false)
  })

  it('refuses letters and other characters', () => {
    expect(isValidNhsNumber('943476591A')).toBe(false)
    expect(isValidNhsNumber('A434765919')).toBe(false)
    expect(isValidNhsNumber('943.476.5919')).toBe(false)
    expect(isValidNhsNumber('943/476/5919')).toBe(false)
    // Full-width and other non-ASCII digits are not NHS numbers.
    expect(isValidNhsNumber('９４３４７６５９１９')).toBe(false)
  })

  it('refuses numbers whose ten digits are all the same, though their checksums pass', () => {
    for (let digit = 0; digit <= 9; digit++) {
      expect(isValidNhsNumber(String(digit).repeat(10))).toBe(false)
    }
  })

  it('formats in the 3-3-4 grouping', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919')
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919')
    expect(formatNhsNumber(' 94347 65919 ')).toBe('943 476 5919')
  })

  it('leaves something that is not ten digits as it was, trimmed', () => {
    expect(formatNhsNumber(' 12345 ')).toBe('12345')
    expect(formatNhsNumber('not known')).toBe('not known')
    expect(formatNhsNumber('')).toBe('')
  })

  it('has a message whose example is valid', () => {
    expect(nhsNumberMessage).toBe('Enter an NHS number in the correct format, like 943 476 5919')
    const example = nhsNumberMessage.match(/like (.+)$/)?.[1] ?? ''
    expect(isValidNhsNumber(example)).toBe(true)
    expect(formatNhsNumber(example)).toBe(example)
  })
})

describe('UPN', () => {
  it('upper-cases and strips spaces', () => {
    expect(normaliseUpn(' a123 4567 89012 ')).toBe('A123456789012')
    expect(normaliseUpn('v851\t0000 1200a')).toBe('V85100001200A')
  })

  it('accepts the examples from python-stdnum (stdnum/gb/upn.py)', () => {
    expect(isValidUpn('B801200005001')).toBe(true)
    expect(isValidUpn('A801200005001')).toBe(false)
  })

  it('agrees with the CIN census validator (data-to-insight/csc-validator-be-cin, rule 1510)', () => {
    expect(isValidUpn('A950000178301')).toBe(true)
    expect(isValidUpn('H243278544154')).toBe(true)
    expect(isValidUpn('R247962919251')).toBe(false)
    expect(isValidUpn('X428558133462')).toBe(false)
  })

  it('computes the check letter by hand', () => {
    // 1×2 + 2×3 + 3×4 + 4×5 + 5×6 + 6×7 + 7×8 + 8×9 + 9×10 + 0×11 + 1×12 + 2×13 = 368 = 16 × 23, so A.
    expect(upnCheckLetter('123456789012')).toBe('A')
    expect(isValidUpn('A123456789012')).toBe(true)
    // 2×2 + 7×4 + 1×9 + 6×10 + 4×12 + 9×13 = 266; 266 mod 23 = 13, and 13 is P.
    expect(upnCheckLetter('207000016049')).toBe('P')
  })

  it('gets the worked example in the census error guidance right, where the guidance slipped', () => {
    // Suppliers' copies of the census error 1510 guidance (Arbor, Juniper Education) work this UPN
    // through, sum it to 267 and give Q. The products they list sum to 266, which gives P.
    expect(isValidUpn('P207000016049')).toBe(true)
    expect(isValidUpn('Q207000016049')).toBe(false)
    expect(isValidUpn('B207000016049')).toBe(false)
  })

  it('accepts a temporary UPN, whose last character is a letter valued by its place in the alphabet', () => {
    // The final A counts as 0 and B as 1; B adds 1 × 13 to the sum, moving the check letter from V to J.
    expect(upnCheckLetter('85100001200A')).toBe('V')
    expect(upnCheckLetter('85100001200B')).toBe('J')
    expect(isValidUpn('V85100001200A')).toBe(true)
    expect(isValidUpn('J85100001200B')).toBe(true)
    expect(isValidUpn('V85100001200B')).toBe(false)
    // Z is the last letter, worth 22.
    expect(upnCheckLetter('37311223400Z')).toBe('W')
    expect(isValidUpn('W37311223400Z')).toBe(true)
  })

  it('accepts any case and spacing', () => {
    expect(isValidUpn('a123456789012')).toBe(true)
    expect(isValidUpn('A123 4567 89 012')).toBe(true)
    expect(isValidUpn(' v85100001200a ')).toBe(true)
  })

  it('refuses a wrong check letter', () => {
    expect(isValidUpn('B123456789012')).toBe(false)
    expect(isValidUpn('Z123456789012')).toBe(false)
  })

  it('refuses I, O and S, which are never check letters or final letters', () => {
    expect(isValidUpn('I123456789012')).toBe(false)
    expect(isValidUpn('O123456789012')).toBe(false)
    expect(isValidUpn('S123456789012')).toBe(false)
    for (const letter of ['I', 'O', 'S']) {
      expect(upnCheckLetter(`85100001200${letter}`)).toBeUndefined()
      for (const check of 'ABCDEFGHJKLMNPQRTUVWXYZ') expect(isValidUpn(`${check}85100001200${letter}`)).toBe(false)
    }
  })

  it('refuses the wrong length', () => {
    expect(isValidUpn('A12345678901')).toBe(false)
    expect(isValidUpn('A1234567890123')).toBe(false)
    expect(isValidUpn('')).toBe(false)
    expect(upnCheckLetter('12345678901')).toBeUndefined()
  })

  it('refuses letters in the middle and a digit as check character', () => {
    expect(isValidUpn('X80120000A001')).toBe(false)
    expect(isValidUpn('A12345678901A')).toBe(false)
    expect(isValidUpn('1123456789012')).toBe(false)
    expect(isValidUpn('A123-456789012')).toBe(false)
    expect(upnCheckLetter('8012000A5001')).toBeUndefined()
  })

  it('refuses the DfE default codes for an unknown UPN', () => {
    for (const code of ['UN1', 'UN2', 'UN3', 'UN4', 'UN5']) expect(isValidUpn(code)).toBe(false)
  })

  it('catches every single-digit typing error in a permanent UPN', () => {
    // Each weight 2–13 is coprime with 23, so changing one digit always changes the check letter.
    const valid = 'A123456789012'
    for (let position = 1; position < 13; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        const typed = valid.slice(0, position) + String(digit) + valid.slice(position + 1)
        expect(isValidUpn(typed)).toBe(typed === valid)
      }
    }
  })

  it('has a message whose example is valid', () => {
    const example = upnMessage.match(/like (\S+)$/)?.[1] ?? ''
    expect(example).toHaveLength(13)
    expect(isValidUpn(example)).toBe(true)
  })
})

describe('postcode', () => {
  it('upper-cases with one space before the inward code', () => {
    expect(normalisePostcode('sw1a1aa')).toBe('SW1A 1AA')
    expect(normalisePostcode('  de1   2fs ')).toBe('DE1 2FS')
    expect(normalisePostcode('M11AE')).toBe('M1 1AE')
    expect(normalisePostcode('ec1a 1bb')).toBe('EC1A 1BB')
    expect(normalisePostcode('gir0aa')).toBe('GIR 0AA')
  })

  it('leaves something too short or too long to be a postcode without a space', () => {
    expect(normalisePostcode('')).toBe('')
    expect(normalisePostcode('sw1')).toBe('SW1')
    expect(normalisePostcode('1 aa')).toBe('1AA')
    expect(normalisePostcode('sw1a 1aaa')).toBe('SW1A1AAA')
  })

  it.each([
    'DE1 2FS',
    'DH1 5UL',
    'LS1 1UR',
    'SW1A 1AA',
    'M1 1AE',
    'B33 8TH',
    'CR2 6XH',
    'EC1A 1BB',
    'W1A 0AX',
    'DN55 1PT',
    'M60 1NW',
    'N1C 4QP',
    'NW1W 9ZZ',
    'WC2N 5DU',
    'SE1P 5LX',
    'E1W 1YW',
    'GIR 0AA',
  ])('accepts %s', postcode => {
    expect(isValidPostcode(postcode)).toBe(true)
  })

  it('accepts any case and spacing', () => {
    expect(isValidPostcode('sw1a1aa')).toBe(true)
    expect(isValidPostcode('de12fs')).toBe(true)
    expect(isValidPostcode(' Dh1  5ul ')).toBe(true)
    expect(isValidPostcode('gir 0aa')).toBe(true)
  })

  it.each([
    ['', 'empty'],
    ['DE1', 'an outward code alone'],
    ['2FS', 'an inward code alone'],
    ['DE1 2F', 'an inward code too short'],
    ['DE1 22S', 'a digit where the inward letters go'],
    ['DE1 F2S', 'a letter where the inward digit goes'],
    ['DE12 3 4FS', 'too long'],
    ['1DE 2FS', 'a digit first'],
    ['DEF1 2FS', 'three letters before the district'],
    ['SW1AA 1AA', 'two letters after the district'],
    ['SW123 1AA', 'three digits in the district'],
    ['DE1 2CS', 'C in the inward code'],
    ['DE1 2IS', 'I in the inward code'],
    ['DE1 2FK', 'K in the inward code'],
    ['DE1 2MS', 'M in the inward code'],
    ['DE1 2FO', 'O in the inward code'],
    ['DE1 2VS', 'V in the inward code'],
    ['QE1 2FS', 'Q first'],
    ['VE1 2FS', 'V first'],
    ['XE1 2FS', 'X first'],
    ['DI1 2FS', 'I second'],
    ['DJ1 2FS', 'J second'],
    ['DZ1 2FS', 'Z second'],
    ['W1I 0AX', 'I third in A9A'],
    ['W1L 0AX', 'L third in A9A'],
    ['SW1C 1AA', 'C fourth in AA9A'],
    ['SW1Z 1AA', 'Z fourth in AA9A'],
    ['GIR 1AA', 'GIR with anything but 0AA'],
    ['SW1A-1AA', 'a hyphen'],
    ['SW1A_1AA', 'an underscore'],
    ['DE1 2FS.', 'a full stop'],
  ])('refuses %s (%s)', postcode => {
    expect(isValidPostcode(postcode)).toBe(false)
  })

  it('has a message whose example is valid', () => {
    expect(postcodeMessage).toBe('Enter a real postcode, like DE1 2FS')
    expect(isValidPostcode(postcodeMessage.match(/like (.+)$/)?.[1] ?? '')).toBe(true)
  })
})
