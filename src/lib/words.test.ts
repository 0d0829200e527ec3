import { describe, expect, it } from 'vitest'
import { plural } from './words.js'

describe('plural of a practice model’s words', () => {
  it.each([
    ['request for support', 'requests for support'],
    ['referral', 'referrals'],
    ['conversation', 'conversations'],
    ['guidance and support meeting', 'guidance and support meetings'],
    ["Vulnerable Children's Meeting", "Vulnerable Children's Meetings"],
    ['MASH', 'MASHes'],
    ['early help allocation meeting', 'early help allocation meetings'],
    ['family', 'families'],
  ])('%s → %s', (one, many) => {
    expect(plural(one)).toBe(many)
  })
})
