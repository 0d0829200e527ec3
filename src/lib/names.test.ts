import { describe, expect, it } from 'vitest'
import { nameVariants, normaliseName, sameGivenName } from './names.js'

describe('normaliseName', () => {
  it('lower-cases, trims and collapses spaces', () => {
    expect(normaliseName('  JOHN   Paul  ')).toBe('john paul')
    expect(normaliseName('Anne\t\nMarie')).toBe('anne marie')
  })

  it('strips accents', () => {
    expect(normaliseName('Zoë')).toBe('zoe')
    expect(normaliseName('José')).toBe('jose')
    expect(normaliseName('Renée')).toBe('renee')
    expect(normaliseName('Siân')).toBe('sian')
    expect(normaliseName('Dominik Nováček')).toBe('dominik novacek')
    expect(normaliseName('Şükrü')).toBe('sukru')
  })

  it('strips accents whether the input is composed or decomposed', () => {
    expect(normaliseName('Zo\u00eb')).toBe('zoe')
    expect(normaliseName('Zoe\u0308')).toBe('zoe')
  })

  it('spells out letters that have no separate accent', () => {
    expect(normaliseName('Łukasz')).toBe('lukasz')
    expect(normaliseName('Søren')).toBe('soren')
    expect(normaliseName('Æthelred')).toBe('aethelred')
    expect(normaliseName('Straße')).toBe('strasse')
    expect(normaliseName('Yıldız')).toBe('yildiz')
    expect(normaliseName('İbrahim')).toBe('ibrahim')
  })

  it('keeps hyphens and apostrophes, which are part of names', () => {
    expect(normaliseName('Mary-Jane')).toBe('mary-jane')
    expect(normaliseName("O'Brien")).toBe("o'brien")
    expect(normaliseName("D'Arcy-Smith")).toBe("d'arcy-smith")
  })

  it('treats curly apostrophes and dashes as the plain ones', () => {
    expect(normaliseName('O’Brien')).toBe("o'brien")
    expect(normaliseName('Mary–Jane')).toBe('mary-jane')
  })

  it('drops other punctuation', () => {
    expect(normaliseName('J. R. R.')).toBe('j r r')
    expect(normaliseName('Smith, John')).toBe('smith john')
    expect(normaliseName('"Johnny"')).toBe('johnny')
    expect(normaliseName('Anne (Annie)')).toBe('anne annie')
    expect(normaliseName('Jo!')).toBe('jo')
  })

  it('keeps letters from other scripts, stripping their marks the same way', () => {
    // Й decomposes into И and a breve, so it compares as И; harmless when both sides are normalised.
    expect(normaliseName('Дмитрий')).toBe('дмитрии')
    expect(normaliseName('Алёна')).toBe('алена')
    expect(normaliseName('Αλέξανδρος')).toBe('αλεξανδρος')
  })

  it('returns an empty string for a blank name', () => {
    expect(normaliseName('')).toBe('')
    expect(normaliseName('   ')).toBe('')
    expect(normaliseName('...')).toBe('')
  })
})

describe('nameVariants', () => {
  it('includes the name itself and its group', () => {
    expect(nameVariants('John')).toEqual(new Set(['john', 'jon', 'jonny', 'johnny', 'jack']))
  })

  it('finds the group from any member', () => {
    expect(nameVariants('Bill')).toContain('william')
    expect(nameVariants('Liam')).toContain('william')
    expect(nameVariants('Peggy')).toContain('margaret')
    expect(nameVariants('Ted')).toContain('edward')
  })

  it('takes the union of every group a name is in', () => {
    const charlie = nameVariants('Charlie')
    expect(charlie).toContain('charles')
    expect(charlie).toContain('charlotte')
    expect(charlie).toContain('chuck')
    expect(charlie).toContain('lottie')
    const alex = nameVariants('Alex')
    expect(alex).toContain('alexander')
    expect(alex).toContain('alexandra')
    expect(alex).toContain('aleksander')
    expect(alex).toContain('aleksandra')
  })

  it('is case-insensitive and ignores surrounding space', () => {
    expect(nameVariants('  wILLIAM ')).toEqual(nameVariants('William'))
  })

  it('gives just the name for a name in no group', () => {
    expect(nameVariants('Oluwaseun')).toEqual(new Set(['oluwaseun']))
    expect(nameVariants(' Zoë ')).toEqual(new Set(['zoe', 'zoey']))
  })

  it('gives nothing for a blank name', () => {
    expect(nameVariants('')).toEqual(new Set())
    expect(nameVariants('  ')).toEqual(new Set())
  })

  it('returns a fresh set each time, so a caller cannot change the lists', () => {
    nameVariants('John').add('not a name')
    expect(nameVariants('John')).not.toContain('not a name')
  })
})

describe('sameGivenName', () => {
  it.each([
    ['Jon', 'John'],
    ['Johnny', 'Jack'],
    ['Bill', 'William'],
    ['Liam', 'William'],
    ['Bob', 'Robert'],
    ['Robbie', 'Rob'],
    ['Liz', 'Beth'],
    ['Libby', 'Elizabeth'],
    ['Elisabeth', 'Betty'],
    ['Kate', 'Catherine'],
    ['Kathryn', 'Katherine'],
    ['Cathy', 'Kath'],
    ['Peggy', 'Margaret'],
    ['Mo', 'Mohammed'],
    ['Muhammad', 'Mohamed'],
    ['Mohd', 'Muhammed'],
    ['Alex', 'Alexander'],
    ['Alex', 'Aleksandra'],
    ['Xander', 'Alexander'],
    ['Sam', 'Samantha'],
    ['Sam', 'Samuel'],
    ['Harry', 'Henry'],
    ['Harry', 'Harold'],
    ['Hal', 'Henry'],
    ['Ted', 'Edward'],
    ['Kit', 'Christopher'],
    ['Lottie', 'Charlotte'],
    ['Charlie', 'Charles'],
    ['Charlie', 'Charlotte'],
    ['Izzy', 'Isabel'],
    ['Bella', 'Isabella'],
    ['Lily', 'Lillian'],
    ['Sophie', 'Sophia'],
    ['Millie', 'Amelia'],
    ['Amy', 'Amelia'],
    ['Steve', 'Stephen'],
    ['Steven', 'Stephen'],
    ['Zac', 'Zachary'],
    ['Ollie', 'Oliver'],
    ['Sean', 'Shaun'],
    ['Aisha', 'Ayesha'],
  ])('matches %s and %s', (a, b) => {
    expect(sameGivenName(a, b)).toBe(true)
    expect(sameGivenName(b, a)).toBe(true)
  })

  it.each([
    ['Tom', 'Tim'],
    ['John', 'Jane'],
    ['Jon', 'Joe'],
    ['William', 'Wilma'],
    ['Daniel', 'Danielle'],
    ['Margaret', 'Mary'],
    // Names that only share a nickname are different names.
    ['Charles', 'Charlotte'],
    ['Alexander', 'Alexandra'],
    ['Samuel', 'Samantha'],
    ['Henry', 'Harold'],
    ['Frederick', 'Alfred'],
    ['Patrick', 'Patricia'],
    ['Nathan', 'Natalie'],
    ['Christopher', 'Christine'],
  ])('does not match %s and %s', (a, b) => {
    expect(sameGivenName(a, b)).toBe(false)
    expect(sameGivenName(b, a)).toBe(false)
  })

  it('matches a name with itself, including names in no group', () => {
    expect(sameGivenName('Oluwaseun', 'Oluwaseun')).toBe(true)
    expect(sameGivenName('Priya', 'Priya')).toBe(true)
  })

  it('is case-insensitive and ignores surrounding space', () => {
    expect(sameGivenName('JON', 'john')).toBe(true)
    expect(sameGivenName('  bill', 'WILLIAM  ')).toBe(true)
    expect(sameGivenName('oluwaseun', 'OLUWASEUN')).toBe(true)
  })

  it('ignores accents', () => {
    expect(sameGivenName('Zoë', 'Zoe')).toBe(true)
    expect(sameGivenName('Zoë', 'Zoey')).toBe(true)
    expect(sameGivenName('José', 'Jose')).toBe(true)
  })

  it('never matches a blank name', () => {
    expect(sameGivenName('', '')).toBe(false)
    expect(sameGivenName('John', '')).toBe(false)
    expect(sameGivenName('  ', 'John')).toBe(false)
  })
})
