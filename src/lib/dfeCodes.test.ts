import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import {
  type CodedValue,
  type EthnicityCode,
  type GenderCode,
  type SenProvisionCode,
  type SocialCareStatusCode,
  ethnicGroups,
  ethnicities,
  ethnicityCodes,
  genderCodes,
  genders,
  labelOf,
  senProvisionCodes,
  senProvisions,
  socialCareStatusCodes,
  socialCareStatuses,
} from './dfeCodes.js'

const lists: [string, readonly CodedValue[], readonly string[]][] = [
  ['ethnicity', ethnicities, ethnicityCodes],
  ['gender', genders, genderCodes],
  ['SEN provision', senProvisions, senProvisionCodes],
  ['social care status', socialCareStatuses, socialCareStatusCodes],
]

describe.each(lists)('the %s list', (_name, list, codes) => {
  it('has unique codes', () => {
    expect(new Set(list.map(entry => entry.code)).size).toBe(list.length)
  })

  it('has unique, non-empty, trimmed labels', () => {
    const labels = list.map(entry => entry.label)
    expect(new Set(labels).size).toBe(labels.length)
    for (const label of labels) expect(label).toMatch(/^\S(.*\S)?$/)
  })

  it('has a codes tuple in the same order as the list', () => {
    expect(codes).toEqual(list.map(entry => entry.code))
  })

  it('works with z.enum', () => {
    const schema = z.enum(codes as [string, ...string[]])
    for (const code of codes) expect(schema.parse(code)).toBe(code)
    expect(schema.safeParse('not a code').success).toBe(false)
    expect(schema.safeParse('').success).toBe(false)
  })

  it('labels every code through labelOf', () => {
    for (const entry of list) expect(labelOf(list, entry.code)).toBe(entry.label)
  })
})

describe('ethnicity', () => {
  it('has exactly the 20 codes the CIN census accepts (validation rule 4220)', () => {
    expect([...ethnicityCodes].sort()).toEqual(
      [
        'ABAN',
        'AIND',
        'AOTH',
        'APKN',
        'BAFR',
        'BCRB',
        'BOTH',
        'CHNE',
        'MOTH',
        'MWAS',
        'MWBA',
        'MWBC',
        'NOBT',
        'OOTH',
        'REFU',
        'WBRI',
        'WIRI',
        'WIRT',
        'WOTH',
        'WROM',
      ].sort(),
    )
  })

  it('uses four upper-case letters for every code', () => {
    for (const code of ethnicityCodes) expect(code).toMatch(/^[A-Z]{4}$/)
  })

  it('puts every code under a known heading, and every heading has a code', () => {
    for (const entry of ethnicities) expect(ethnicGroups).toContain(entry.group)
    for (const group of ethnicGroups) expect(ethnicities.some(entry => entry.group === group)).toBe(true)
  })

  it('keeps each heading together, in heading order', () => {
    const order = ethnicities.map(entry => ethnicGroups.indexOf(entry.group))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('groups codes by their first letter where the DfE does', () => {
    const prefixes: Record<string, string> = {
      W: 'White',
      M: 'Mixed',
      A: 'Asian or Asian British',
      B: 'Black or Black British',
    }
    for (const entry of ethnicities) {
      const group = prefixes[entry.code[0] as string]
      if (group) expect(entry.group).toBe(group)
    }
  })

  it('files refusals and unknowns under Not known', () => {
    expect(ethnicities.filter(entry => entry.group === 'Not known').map(entry => entry.code)).toEqual(['REFU', 'NOBT'])
  })

  it('looks up labels', () => {
    expect(labelOf(ethnicities, 'WBRI')).toBe('White British')
    expect(labelOf(ethnicities, 'WIRT')).toBe('Traveller of Irish heritage')
    expect(labelOf(ethnicities, 'WROM')).toBe('Gypsy/Roma')
    expect(labelOf(ethnicities, 'MWBC')).toBe('White and Black Caribbean')
    expect(labelOf(ethnicities, 'BAFR')).toBe('Black African')
    expect(labelOf(ethnicities, 'NOBT')).toBe('Information not yet obtained')
  })
})

describe('gender', () => {
  it('uses the CIN census codes', () => {
    expect(genderCodes).toEqual(['0', '1', '2', '9'])
    expect(labelOf(genders, '0')).toBe('Not known')
    expect(labelOf(genders, '1')).toBe('Male')
    expect(labelOf(genders, '2')).toBe('Female')
    expect(labelOf(genders, '9')).toBe('Indeterminate')
  })

  it('does not take the newer M, F and U sex codes', () => {
    for (const code of ['M', 'F', 'U']) expect(labelOf(genders, code)).toBeUndefined()
  })
})

describe('SEN provision', () => {
  it('uses the school census codes', () => {
    expect(senProvisionCodes).toEqual(['N', 'K', 'E'])
    expect(labelOf(senProvisions, 'N')).toBe('No special educational need')
    expect(labelOf(senProvisions, 'K')).toBe('SEN support')
    expect(labelOf(senProvisions, 'E')).toBe('Education, health and care plan')
  })
})

describe('social care status', () => {
  it('has the statuses in order of involvement', () => {
    expect(socialCareStatusCodes).toEqual([
      'none',
      'child in need',
      'child protection plan',
      'looked after',
      'care leaver',
    ])
    expect(labelOf(socialCareStatuses, 'none')).toBe('None known')
    expect(labelOf(socialCareStatuses, 'looked after')).toBe('Looked after child')
  })
})

describe('labelOf', () => {
  it('returns undefined for a code not in the list', () => {
    expect(labelOf(ethnicities, 'XXXX')).toBeUndefined()
    expect(labelOf(genders, '3')).toBeUndefined()
    expect(labelOf(senProvisions, '')).toBeUndefined()
  })

  it('returns undefined for no code', () => {
    expect(labelOf(ethnicities, null)).toBeUndefined()
    expect(labelOf(ethnicities, undefined)).toBeUndefined()
  })

  it('matches codes exactly: case matters', () => {
    expect(labelOf(ethnicities, 'wbri')).toBeUndefined()
    expect(labelOf(senProvisions, 'k')).toBeUndefined()
    expect(labelOf(socialCareStatuses, 'Child in need')).toBeUndefined()
  })
})

describe('types', () => {
  it('gives the codes tuples literal element types', () => {
    expectTypeOf<EthnicityCode>().toEqualTypeOf<(typeof ethnicityCodes)[number]>()
    expectTypeOf<'WBRI'>().toExtend<EthnicityCode>()
    expectTypeOf<'XXXX'>().not.toExtend<EthnicityCode>()
    expectTypeOf<GenderCode>().toEqualTypeOf<'0' | '1' | '2' | '9'>()
    expectTypeOf<SenProvisionCode>().toEqualTypeOf<'N' | 'K' | 'E'>()
    expectTypeOf<SocialCareStatusCode>().toEqualTypeOf<
      'none' | 'child in need' | 'child protection plan' | 'looked after' | 'care leaver'
    >()
  })

  it('lets z.enum infer the literal codes without a cast', () => {
    const sen = z.enum(senProvisionCodes)
    expectTypeOf<z.infer<typeof sen>>().toEqualTypeOf<SenProvisionCode>()
    expect(sen.parse('K')).toBe('K')
    const gender = z.enum(genderCodes)
    expectTypeOf<z.infer<typeof gender>>().toEqualTypeOf<GenderCode>()
    expect(gender.parse('9')).toBe('9')
  })
})
