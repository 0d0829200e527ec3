import { describe, expect, it } from 'vitest'
import {
  relationshipTypes,
  renderGenogram,
  type GenogramInput,
  type GenogramPerson,
  type GenogramRelationship,
} from './genogram.js'

function person(id: string, name: string, sex: GenogramPerson['sex'], overrides: Partial<GenogramPerson> = {}) {
  return { id, name, sex, detail: null, unborn: false, inHousehold: true, ...overrides } satisfies GenogramPerson
}

function rel(fromId: string, toId: string, type: GenogramRelationship['type'], parentalResponsibility = false) {
  return { fromId, toId, type, livesWith: false, parentalResponsibility } satisfies GenogramRelationship
}

function genogram(people: GenogramPerson[], relationships: GenogramRelationship[]): GenogramInput {
  return { title: 'Genogram of a test family', idPrefix: 'test', people, relationships }
}

/** Mother and father living apart, two children and an unborn baby: the father is not in the household. */
const baxters: GenogramInput = {
  title: 'Genogram of the Baxter family',
  idPrefix: 'baxter',
  people: [
    person('kayleigh', 'Kayleigh Baxter', 'female', { detail: 'age 34', emphasis: true }),
    person('craig', 'Craig Baxter', 'male', { detail: 'age 36', inHousehold: false }),
    person('jade', 'Jade Baxter', 'female', { detail: 'age 12', emphasis: true }),
    person('liam', 'Liam Baxter', 'male', { detail: 'age 8', emphasis: true }),
    person('baby', 'Baby Baxter', 'unknown', { detail: 'born 2026 (expected)', unborn: true }),
  ],
  relationships: [
    rel('kayleigh', 'jade', 'mother', true),
    rel('kayleigh', 'liam', 'mother', true),
    rel('kayleigh', 'baby', 'mother', true),
    rel('craig', 'jade', 'father', true),
    rel('craig', 'liam', 'father', true),
    rel('craig', 'baby', 'father'),
    rel('craig', 'kayleigh', 'ex-partner'),
    rel('jade', 'liam', 'sibling'),
  ],
}

// Reading the SVG back ---------------------------------------------------------------------------------------------

/** Problems that would stop the string parsing as XML: a small stack-based well-formedness check. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = []
  const stack: string[] = []
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z][\w:.-]*="[^"<]*")*)\s*(\/?)>|[^<]+/y
  let roots = 0
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex
    const match = token.exec(xml)
    if (!match) {
      problems.push(`unparseable at ${at}: ${xml.slice(at, at + 40)}`)
      break
    }
    const [whole, closing, name, attributes = '', selfClosing] = match
    if (!name) {
      if (entity.test(whole)) problems.push(`bare & in text: ${whole.slice(0, 40)}`)
      if (!stack.length && whole.trim()) problems.push('text outside the root element')
      continue
    }
    if (closing) {
      if (stack.pop() !== name) problems.push(`</${name}> does not close the open element`)
      continue
    }
    if (!stack.length) roots++
    const names = [...attributes.matchAll(/([A-Za-z][\w:.-]*)="([^"]*)"/g)].map(a => {
      if (entity.test(a[2] ?? '')) problems.push(`bare & in attribute ${a[1]}`)
      return a[1]
    })
    if (new Set(names).size !== names.length) problems.push(`repeated attribute on <${name}>`)
    if (!selfClosing) stack.push(name)
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`)
  if (roots !== 1) problems.push(`${roots} root elements`)
  return problems
}

function position(svg: string, id: string): { x: number; y: number } {
  const match = new RegExp(`data-person-id="${id}"[^>]*transform="translate\\(([-\\d.]+) ([-\\d.]+)\\)"`).exec(svg)
  if (!match) throw new Error(`${id} is not drawn`)
  return { x: Number(match[1]), y: Number(match[2]) }
}

function personGroup(svg: string, id: string): string {
  const match = new RegExp(`<g class="app-genogram__person" data-person-id="${id}"[\\s\\S]*?</g>`).exec(svg)
  if (!match) throw new Error(`${id} is not drawn`)
  return match[0]
}

/** Every line of a kind, with its data attributes and path. */
function lines(svg: string, kind: string): { attrs: Record<string, string>; d: string; tag: string }[] {
  return [...svg.matchAll(/<path class="app-genogram__line[^"]*"[^>]*\/>/g)]
    .map(m => {
      const tag = m[0]
      const attrs = Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map(a => [a[1], a[2]]))
      return { attrs: attrs as Record<string, string>, d: attrs.d ?? '', tag }
    })
    .filter(line => (line.attrs['data-kind'] ?? '').split(' ').includes(kind))
}

function idSet(value: string | undefined): string[] {
  return (value ?? '').split(' ').sort()
}

function firstPoint(d: string): { x: number; y: number } {
  const match = /^M([-\d.]+) ([-\d.]+)/.exec(d)
  return { x: Number(match?.[1]), y: Number(match?.[2]) }
}

function householdOutlines(svg: string): [number, number][][] {
  const group = /<g class="app-genogram__household">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? ''
  return [...group.matchAll(/<path d="([^"]*)"/g)].map(m => {
    const numbers = (m[1] ?? '').match(/-?[\d.]+/g)?.map(Number) ?? []
    const points: [number, number][] = []
    for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i] ?? 0, numbers[i + 1] ?? 0])
    return points
  })
}

function inside(point: { x: number; y: number }, polygon: [number, number][]): boolean {
  let result = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] ?? [0, 0]
    const [xj, yj] = polygon[j] ?? [0, 0]
    if (yi > point.y !== yj > point.y && point.x < ((xj - xi) * (point.y - yi)) / (yj - yi) + xi) result = !result
  }
  return result
}

function insideHousehold(svg: string, id: string): boolean {
  return householdOutlines(svg).some(outline => inside(position(svg, id), outline))
}

function desc(svg: string): string {
  return /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)?.[1] ?? ''
}

// Tests ----------------------------------------------------------------------------------------------------------

describe('renderGenogram: a family of five with the father living elsewhere', () => {
  const svg = renderGenogram(baxters)

  it('is a well-formed, labelled image', () => {
    expect(xmlProblems(svg)).toEqual([])
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 [\d.]+ [\d.]+" width="100%"/)
    expect(svg).toContain('preserveAspectRatio="xMidYMin meet"')
    expect(svg).toContain('role="img"')
    expect(svg).toContain('aria-labelledby="baxter-title baxter-desc"')
    expect(svg).toContain('focusable="false"')
    expect(svg).toContain('<title id="baxter-title">Genogram of the Baxter family</title>')
    expect(svg).toContain('<desc id="baxter-desc">')
  })

  it('uses no inline styles, which the Content-Security-Policy forbids', () => {
    expect(svg).not.toMatch(/\sstyle=/)
    expect(svg).not.toContain('<style')
    expect(svg).not.toContain('<script')
  })

  it('summarises the household in words, naming who lives elsewhere', () => {
    expect(desc(svg)).toBe(
      '5 people, including 1 unborn; 4 live in the household; Craig Baxter, father, lives elsewhere.',
    )
  })

  it('draws everyone, the father outside the household outline and the others inside it', () => {
    for (const id of ['kayleigh', 'craig', 'jade', 'liam', 'baby']) expect(position(svg, id)).toBeDefined()
    expect(householdOutlines(svg)).toHaveLength(1)
    expect(svg).toContain('>Lives in the household</text>')
    expect(insideHousehold(svg, 'craig')).toBe(false)
    for (const id of ['kayleigh', 'jade', 'liam', 'baby']) expect(insideHousehold(svg, id)).toBe(true)
    expect(personGroup(svg, 'craig')).toContain('>Lives elsewhere</text>')
    expect(personGroup(svg, 'kayleigh')).not.toContain('Lives elsewhere')
  })

  it('puts the parents on one generation and the children on the next', () => {
    const [mum, dad, jade, liam, baby] = ['kayleigh', 'craig', 'jade', 'liam', 'baby'].map(id => position(svg, id))
    expect(mum?.y).toBe(dad?.y)
    expect(jade?.y).toBe(liam?.y)
    expect(jade?.y).toBe(baby?.y)
    expect(jade?.y).toBeGreaterThan(mum?.y ?? Infinity)
  })

  it('joins the parents with a couple line slashed for separation', () => {
    const [couple, ...others] = lines(svg, 'separated')
    expect(others).toHaveLength(0)
    expect(idSet(couple?.attrs['data-between'])).toEqual(['craig', 'kayleigh'])
    expect(couple?.attrs['data-separated']).toBe('true')
    const slashes = svg.match(/class="app-genogram__separation" d="[^"]*"/g) ?? []
    expect(slashes).toHaveLength(1)
    expect(slashes[0]?.match(/M/g)).toHaveLength(2)
  })

  it('hangs each child from the middle of the couple line', () => {
    const descents = lines(svg, 'descent')
    expect(descents).toHaveLength(1)
    const descent = descents[0]
    expect(idSet(descent?.attrs['data-parents'])).toEqual(['craig', 'kayleigh'])
    expect(idSet(descent?.attrs['data-children'])).toEqual(['baby', 'jade', 'liam'])
    const mum = position(svg, 'kayleigh')
    const dad = position(svg, 'craig')
    const start = firstPoint(descent?.d ?? '')
    expect(start.x).toBeCloseTo((mum.x + dad.x) / 2, 0)
    expect(start.y).toBe(mum.y)
    // A drop to each child: the path ends one vertical line at each child's x.
    for (const id of ['jade', 'liam', 'baby']) {
      const child = position(svg, id)
      expect(descent?.d).toMatch(new RegExp(`M${child.x} [\\d.]+ L${child.x} [\\d.]+`))
    }
  })

  it('draws the unborn baby as a triangle labelled Unborn, and sexes as square and circle', () => {
    const baby = personGroup(svg, 'baby')
    expect(baby).toContain('data-shape="triangle"')
    expect(baby).toMatch(/<path d="M0 -15 L15 13 L-15 13 Z"/)
    expect(baby).toContain('>Unborn</text>')
    expect(personGroup(svg, 'craig')).toContain('<rect')
    expect(personGroup(svg, 'kayleigh')).toContain('<circle')
  })

  it('emphasises the people marked for emphasis with a thicker outline', () => {
    expect(personGroup(svg, 'kayleigh')).toContain('stroke-width="4"')
    expect(personGroup(svg, 'kayleigh')).toContain('fill="#f3f2f1"')
    expect(personGroup(svg, 'craig')).toContain('stroke-width="2"')
  })

  it('marks parental responsibility and explains the symbols in a key', () => {
    expect(personGroup(svg, 'kayleigh')).toContain('>PR</text>')
    expect(personGroup(svg, 'craig')).toContain('>PR</text>')
    expect(personGroup(svg, 'jade')).not.toContain('>PR</text>')
    const key = /<g class="app-genogram__key">[\s\S]*<\/g>/.exec(svg)?.[0] ?? ''
    for (const text of ['Key', 'Male', 'Female', 'Unborn (pregnancy)', 'Separated, or parents not together']) {
      expect(key).toContain(`>${text}</text>`)
    }
    expect(key).toContain('>Has parental responsibility</text>')
    expect(key).toContain('>Lives in the household</text>')
  })

  it('puts each name in full in a title on the person', () => {
    expect(personGroup(svg, 'kayleigh')).toContain('<title>Kayleigh Baxter</title>')
  })

  it('uses only the allowed colours', () => {
    const colours = new Set(svg.match(/#[0-9a-f]{6}/gi)?.map(c => c.toLowerCase()))
    expect([...colours].sort()).toEqual(['#0b0c0c', '#1d70b8', '#505a5f', '#f3f2f1', '#ffffff'])
  })
})

describe('renderGenogram: relationships', () => {
  it('draws a step-parent with a dashed line to each step-child', () => {
    const svg = renderGenogram(
      genogram(
        [
          person('mum', 'Sarah Hughes', 'female'),
          person('step', 'Mark Hughes', 'male'),
          person('a', 'Tom Okafor', 'male'),
          person('b', 'Grace Okafor', 'female'),
        ],
        [
          rel('mum', 'a', 'mother'),
          rel('mum', 'b', 'mother'),
          rel('step', 'mum', 'partner'),
          rel('step', 'a', 'step-parent'),
          rel('step', 'b', 'step-parent'),
        ],
      ),
    )
    const [step, ...others] = lines(svg, 'step-parent')
    expect(others).toHaveLength(0)
    expect(step?.attrs['data-from']).toBe('step')
    expect(idSet(step?.attrs['data-to'])).toEqual(['a', 'b'])
    expect(step?.attrs['stroke-dasharray']).toBe('8 5')
    // The children hang from their mother alone; the partners are a couple, not separated.
    expect(idSet(lines(svg, 'descent')[0]?.attrs['data-parents'])).toEqual(['mum'])
    expect(idSet(lines(svg, 'couple')[0]?.attrs['data-between'])).toEqual(['mum', 'step'])
    expect(svg).not.toContain('app-genogram__separation')
    expect(svg).toContain('>Step-parent</text>')
    expect(xmlProblems(svg)).toEqual([])
  })

  it('shows half-siblings hanging from different couples that share a parent', () => {
    const svg = renderGenogram(
      genogram(
        [
          person('mum', 'Sarah Hughes', 'female'),
          person('dad', 'Daniel Okafor', 'male', { inHousehold: false }),
          person('partner', 'Mark Hughes', 'male'),
          person('a', 'Tom Okafor', 'male'),
          person('c', 'Ella Hughes', 'female'),
        ],
        [
          rel('mum', 'a', 'mother'),
          rel('dad', 'a', 'father'),
          rel('mum', 'c', 'mother'),
          rel('partner', 'c', 'father'),
          rel('partner', 'mum', 'partner'),
          rel('a', 'c', 'half-sibling'),
        ],
      ),
    )
    const descents = lines(svg, 'descent').map(d => ({
      parents: idSet(d.attrs['data-parents']),
      children: idSet(d.attrs['data-children']),
    }))
    expect(descents).toEqual(
      expect.arrayContaining([
        { parents: ['dad', 'mum'], children: ['a'] },
        { parents: ['mum', 'partner'], children: ['c'] },
      ]),
    )
    expect(descents).toHaveLength(2)
    // The shared mother sits between her two partners, each couple side by side.
    const xs = ['dad', 'mum', 'partner'].map(id => position(svg, id).x)
    const mum = xs[1] ?? 0
    expect(Math.min(xs[0] ?? 0, xs[2] ?? 0)).toBeLessThan(mum)
    expect(Math.max(xs[0] ?? 0, xs[2] ?? 0)).toBeGreaterThan(mum)
    expect(lines(svg, 'separated')).toHaveLength(1)
    expect(lines(svg, 'couple')).toHaveLength(1)
    // The half-sibling relationship is shown by the shared parent, not by a line of its own.
    expect(lines(svg, 'sibling')).toHaveLength(0)
  })

  it('joins siblings whose parents are not recorded with a sibling bar', () => {
    const svg = renderGenogram(
      genogram(
        [person('x', 'Xander Price', 'male'), person('y', 'Yasmin Price', 'female'), person('z', 'Zac Price', 'male')],
        [rel('x', 'y', 'sibling'), rel('y', 'z', 'half-sibling')],
      ),
    )
    const [bar, ...others] = lines(svg, 'sibling')
    expect(others).toHaveLength(0)
    expect(idSet(bar?.attrs['data-people'])).toEqual(['x', 'y', 'z'])
    expect(position(svg, 'x').y).toBe(position(svg, 'z').y)
  })

  it('draws a grandparent above the parent, hanging the parent from them', () => {
    const svg = renderGenogram(
      genogram(
        [
          person('child', 'Ella Hughes', 'female'),
          person('mum', 'Sarah Hughes', 'female'),
          person('nan', 'Margaret Hughes', 'female', { inHousehold: false }),
        ],
        [rel('mum', 'child', 'mother'), rel('nan', 'child', 'grandparent')],
      ),
    )
    const nan = position(svg, 'nan')
    const mum = position(svg, 'mum')
    const child = position(svg, 'child')
    expect(nan.y).toBeLessThan(mum.y)
    expect(mum.y).toBeLessThan(child.y)
    // Sarah is Ella's only recorded parent, so Margaret is Sarah's parent: the line runs to Sarah.
    const descents = lines(svg, 'descent').map(d => [d.attrs['data-parents'], d.attrs['data-children']])
    expect(descents).toEqual(
      expect.arrayContaining([
        ['nan', 'mum'],
        ['mum', 'child'],
      ]),
    )
    expect(lines(svg, 'grandparent')).toHaveLength(0)
  })

  it('joins a grandparent to the grandchild when which parent is theirs is not known', () => {
    const svg = renderGenogram(
      genogram(
        [
          person('child', 'Ella Hughes', 'female'),
          person('mum', 'Sarah Hughes', 'female'),
          person('dad', 'Mark Hughes', 'male'),
          person('nan', 'Margaret Hughes', 'female'),
        ],
        [rel('mum', 'child', 'mother'), rel('dad', 'child', 'father'), rel('nan', 'child', 'grandparent')],
      ),
    )
    expect(position(svg, 'nan').y).toBeLessThan(position(svg, 'mum').y)
    const [line] = lines(svg, 'grandparent')
    expect(line?.attrs['data-from']).toBe('nan')
    expect(line?.attrs['data-to']).toBe('child')
    expect(xmlProblems(svg)).toEqual([])
  })

  it('draws carers and others with dotted lines', () => {
    const svg = renderGenogram(
      genogram(
        [
          person('child', 'Ella Hughes', 'female'),
          person('carer', 'Bob Smith', 'male'),
          person('friend', 'Jo Lee', 'unknown'),
        ],
        [rel('carer', 'child', 'carer', true), rel('friend', 'child', 'other')],
      ),
    )
    const dotted = [...lines(svg, 'carer'), ...lines(svg, 'other')]
    expect(dotted.length).toBeGreaterThan(0)
    for (const line of dotted) expect(line.attrs['stroke-dasharray']).toBe('2 4')
    expect(position(svg, 'carer').y).toBeLessThan(position(svg, 'child').y)
    expect(position(svg, 'friend').y).toBeLessThan(position(svg, 'child').y)
    expect(personGroup(svg, 'friend')).toContain('data-shape="diamond"')
  })
})

describe('renderGenogram: awkward data', () => {
  it('still draws someone with no relationships, on a row of their own at the bottom', () => {
    const svg = renderGenogram({
      ...baxters,
      people: [...baxters.people, person('lodger', 'Sam Price', 'unknown', { inHousehold: false })],
    })
    const lodger = position(svg, 'lodger')
    for (const id of ['kayleigh', 'craig', 'jade', 'liam', 'baby']) {
      expect(lodger.y).toBeGreaterThan(position(svg, id).y)
    }
    expect(desc(svg)).toContain('6 people')
    expect(desc(svg)).toContain('Sam Price lives elsewhere')
    expect(xmlProblems(svg)).toEqual([])
  })

  it('finishes on inconsistent, cyclic relationships and still draws everyone', () => {
    const svg = renderGenogram(
      genogram(
        [
          person('a', 'Alice', 'female'),
          person('b', 'Beth', 'female'),
          person('c', 'Carl', 'male', { inHousehold: false }),
          person('d', 'Dee', 'unknown'),
        ],
        [
          rel('a', 'b', 'mother'),
          rel('b', 'a', 'mother'),
          rel('c', 'a', 'grandparent'),
          rel('a', 'c', 'father'),
          rel('b', 'c', 'sibling'),
          rel('c', 'b', 'partner'),
          rel('d', 'd', 'sibling'),
          rel('d', 'nobody', 'mother'),
        ],
      ),
    )
    for (const id of ['a', 'b', 'c', 'd']) expect(position(svg, id)).toBeDefined()
    expect(xmlProblems(svg)).toEqual([])
  })

  it('draws a one-person genogram, and an empty one', () => {
    const one = renderGenogram(genogram([person('a', 'Alice', 'female')], []))
    expect(position(one, 'a')).toBeDefined()
    expect(desc(one)).toBe('1 person; 1 lives in the household.')
    expect(xmlProblems(one)).toEqual([])
    const none = renderGenogram(genogram([], []))
    expect(desc(none)).toBe('No people recorded.')
    expect(xmlProblems(none)).toEqual([])
  })

  it('leaves out the household outline when nobody is recorded as living in the household', () => {
    const svg = renderGenogram({ ...baxters, people: baxters.people.map(p => ({ ...p, inHousehold: false })) })
    expect(householdOutlines(svg)).toHaveLength(0)
    expect(svg).not.toContain('Lives elsewhere')
    expect(desc(svg)).toBe('5 people, including 1 unborn; nobody is recorded as living in the household.')
  })

  it('ignores repeated people and relationships to people not in the list', () => {
    const svg = renderGenogram({
      ...baxters,
      people: [...baxters.people, person('craig', 'Someone Else', 'male')],
      relationships: [...baxters.relationships, rel('craig', 'ghost', 'father')],
    })
    expect(svg.match(/data-person-id="craig"/g)).toHaveLength(1)
    expect(svg).not.toContain('Someone Else')
    expect(xmlProblems(svg)).toEqual([])
  })

  it('escapes every piece of text', () => {
    const svg = renderGenogram({
      title: 'The <b>"Smith" & O\'Neill</b> family',
      idPrefix: 'a"b<c',
      people: [
        person('<x>', '<script>alert("x") & \'y\'</script>', 'male', { detail: 'age <3 & "counting"' }),
        person('y&z', 'Jo & Co', 'female', { inHousehold: false }),
      ],
      relationships: [rel('<x>', 'y&z', 'partner')],
    })
    expect(svg).not.toContain('<script')
    expect(svg).not.toContain('<b>')
    expect(svg).toContain('&lt;script&gt;')
    expect(svg).toContain('The &lt;b&gt;&quot;Smith&quot; &amp; O&#39;Neill&lt;/b&gt; family')
    expect(svg).toContain('aria-labelledby="a&quot;b&lt;c-title a&quot;b&lt;c-desc"')
    expect(svg).toContain('data-person-id="&lt;x&gt;"')
    expect(svg).toContain('age &lt;3 &amp; &quot;counting&quot;')
    expect(svg).toContain('Jo &amp; Co, partner, lives elsewhere')
    expect(xmlProblems(svg)).toEqual([])
  })

  it('drops characters XML cannot hold, such as control characters and lone surrogates', () => {
    const svg = renderGenogram(genogram([person('a', 'Ann\u0007ie \ud800Smith\u0000', 'female')], []))
    const illegal = Array.from(svg).filter(ch => {
      const code = ch.codePointAt(0) ?? 0
      return (code < 0x20 && ![0x09, 0x0a, 0x0d].includes(code)) || (code >= 0xd800 && code <= 0xdfff)
    })
    expect(illegal).toEqual([])
    expect(personGroup(svg, 'a')).toContain('<title>Annie Smith</title>')
  })

  it('wraps or shortens long names, keeping the whole name in the title', () => {
    const name = 'Keisha Thompson-Fairweather-Longname Smith'
    const svg = renderGenogram(genogram([person('k', name, 'female')], []))
    const group = personGroup(svg, 'k')
    expect(group).toContain(`<title>${name}</title>`)
    const shown = [...group.matchAll(/<text[^>]*font-weight="bold"[^>]*>([^<]*)<\/text>/g)].map(m => m[1] ?? '')
    expect(shown.length).toBeLessThanOrEqual(2)
    for (const line of shown) expect(Array.from(line).length).toBeLessThanOrEqual(18)
    expect(shown[shown.length - 1]).toMatch(/…$/)
  })

  it('gives the same drawing for the same input, every time', () => {
    const first = renderGenogram(baxters)
    expect(renderGenogram(structuredClone(baxters))).toBe(first)
    expect(renderGenogram(baxters)).toBe(first)
  })

  it('keeps two genograms on one page apart by their id prefix', () => {
    const other = renderGenogram({ ...baxters, idPrefix: 'second' })
    expect(other).toContain('aria-labelledby="second-title second-desc"')
    expect(other).toContain('id="second-title"')
    expect(other).not.toContain('baxter-')
  })

  it('draws a larger blended family without problems', () => {
    const people = [
      person('gm', 'Patricia Walsh', 'female', { inHousehold: false }),
      person('gf', 'Brian Walsh', 'male', { inHousehold: false }),
      person('mum', 'Leanne Walsh', 'female'),
      person('dad1', 'Kyle Robertson', 'male', { inHousehold: false }),
      person('dad2', 'Jamal Mensah', 'male'),
      person('aunt', 'Donna Walsh', 'female', { inHousehold: false }),
      ...['c1', 'c2', 'c3', 'c4'].map((id, i) => person(id, `Child ${i + 1}`, i % 2 ? 'male' : 'female')),
      person('unborn', 'Unborn baby', 'unknown', { unborn: true }),
      person('pgm', 'Ivy Robertson', 'female', { inHousehold: false }),
      person('carer', 'Bob Smith', 'male', { inHousehold: false }),
      person('friend', 'Keisha Thompson', 'female', { inHousehold: false }),
      person('lodger', 'Ava Price', 'female'),
    ]
    const relationships = [
      rel('gm', 'gf', 'partner'),
      ...['mum', 'aunt'].flatMap(id => [rel('gm', id, 'mother'), rel('gf', id, 'father')]),
      ...['c1', 'c2'].flatMap(id => [rel('mum', id, 'mother', true), rel('dad1', id, 'father')]),
      ...['c3', 'c4', 'unborn'].flatMap(id => [rel('mum', id, 'mother', true), rel('dad2', id, 'father', true)]),
      rel('dad2', 'mum', 'partner'),
      rel('dad1', 'mum', 'ex-partner'),
      rel('dad2', 'c1', 'step-parent'),
      rel('pgm', 'c1', 'grandparent'),
      rel('carer', 'c2', 'carer'),
      rel('friend', 'c1', 'other'),
    ]
    const svg = renderGenogram(genogram(people, relationships))
    expect(xmlProblems(svg)).toEqual([])
    for (const p of people) expect(position(svg, p.id)).toBeDefined()
    for (const p of people) expect(insideHousehold(svg, p.id)).toBe(p.inHousehold)
    // The mother sits between her ex-partner and her partner, each couple's children hanging from it.
    const descents = lines(svg, 'descent').map(d => idSet(d.attrs['data-parents']).join('+'))
    expect(descents).toEqual(expect.arrayContaining(['dad1+mum', 'dad2+mum', 'gf+gm']))
    const width = Number(/viewBox="0 0 ([\d.]+)/.exec(svg)?.[1])
    expect(width).toBeLessThan(1400)
  })

  it('knows every relationship type', () => {
    const people = [person('a', 'A', 'female'), person('b', 'B', 'male')]
    for (const type of relationshipTypes) {
      const svg = renderGenogram(genogram(people, [rel('a', 'b', type)]))
      expect(xmlProblems(svg), type).toEqual([])
    }
  })
})
