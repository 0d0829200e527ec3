/**
 * A family's genogram drawn as server-rendered SVG: put inline in a page (no JavaScript, no inline styles, so it
 * passes the Content-Security-Policy), printable, and labelled for assistive technology. The relationship table
 * beside it on the page is its text alternative; the SVG's <desc> summarises the household in a sentence.
 *
 * Pure: the same input always gives the same string. The layout is a small layered drawing:
 * 1. generations from the relationships (grandparents above parents above children; siblings and partners level);
 * 2. couples (partners, ex-partners and the two parents of a child), each child hanging from its parents' couple
 *    line or from its one recorded parent, step-parents, carers and others joined by dashed or dotted lines;
 * 3. each generation ordered (household members together, couples side by side, children under their parents) and
 *    placed, horizontal lines given lanes in the gaps between generations so they never run through a symbol;
 * 4. the household outlined, and a key to the symbols and lines used.
 */

import { relationshipTypes, type RelationshipType } from '../data/schema.js'

export { relationshipTypes, type RelationshipType }

export interface GenogramPerson {
  id: string
  /** Display name, e.g. "Kayleigh Baxter" (may contain characters that need escaping). */
  name: string
  sex: 'male' | 'female' | 'unknown'
  /** "age 34", "born 2026 (expected)", etc., shown under the name; may be null. */
  detail: string | null
  unborn: boolean
  /** Lives in the household the genogram is drawn for. */
  inHousehold: boolean
  /** The person the page is about, or a child: drawn with a thicker outline. Optional emphasis. */
  emphasis?: boolean
}

/** `from` is the `type` of `to`: { from: mum, to: child, type: 'mother' } means mum is the child's mother. sibling, half-sibling, partner, ex-partner are symmetric. */
export interface GenogramRelationship {
  fromId: string
  toId: string
  type: RelationshipType
  livesWith: boolean
  parentalResponsibility: boolean
}

export interface GenogramInput {
  /** Used for the SVG <title>, e.g. "Genogram of the Baxter family". */
  title: string
  /** Prefix for element ids so two genograms on one page don't clash. */
  idPrefix: string
  people: GenogramPerson[]
  relationships: GenogramRelationship[]
}

// Colours (GOV.UK palette; each meets WCAG 2.2 AA on white: text 4.5:1, lines and outlines 3:1).
const TEXT = '#0b0c0c'
const SECONDARY = '#505a5f'
const HOUSEHOLD = '#1d70b8'
const EMPHASIS_FILL = '#f3f2f1'
const WHITE = '#ffffff'
const FONT = '"GDS Transport", arial, sans-serif'

// Geometry, in SVG user units (px at 1:1).
const SYMBOL = 20 // half the size of a person's symbol
const CLEAR = 14 // space between a label and a line, and between two lines running side by side
const LABEL_GAP = 6
const NAME_SIZE = 14
const NAME_LINE = 17
const SMALL_SIZE = 13
const SMALL_LINE = 16
const NAME_CHARS = 18
const DETAIL_CHARS = 22
const PR_SIZE = 11
const GAP_TOP = 26 // below a generation's labels, before its lowest lane of lines
const GAP_BOTTOM = 22 // from the lane nearest a generation down to its symbols
const GAP_EMPTY = 40
const LANE = 12
const MARGIN = 20
const OUTLINE_PAD = 10
const OUTLINE_RADIUS = 12
const HOUSEHOLD_LABEL = 'Lives in the household'
const HOUSEHOLD_STRIP = 20
const MIN_VIEW_WIDTH = 720
const ROUNDS = 6
const ARRIVAL_OFFSETS = [0, 10, -10, 17, -17, 5, -5]

type Style = 'solid' | 'dashed' | 'dotted' | 'dashdot'
type Side = 'left' | 'right'
type LinkKind = 'parent' | 'step-parent' | 'carer' | 'other' | 'grandparent' | 'partner' | 'sibling'

const linkStyle: Record<LinkKind, Style> = {
  parent: 'solid',
  'step-parent': 'dashed',
  carer: 'dotted',
  other: 'dotted',
  grandparent: 'dashdot',
  partner: 'solid',
  sibling: 'solid',
}

const dashes: Record<Style, string | null> = { solid: null, dashed: '8 5', dotted: '2 4', dashdot: '12 4 2 4' }

interface LabelLine {
  text: string
  size: number
  bold: boolean
  italic: boolean
  fill: string
}

interface Node {
  person: GenogramPerson
  index: number
  household: boolean
  gen: number
  row: number
  x: number
  /** Half-widths of what is drawn for the person (symbol, labels, PR) each side of x. */
  left: number
  right: number
  /** Extra room inside the household outline (for its label) each side. */
  extraLeft: number
  extraRight: number
  lines: LabelLine[]
  labelHeight: number
  pr: boolean
  /** Lines leaving the person's side, by style: each a vertical lane beside the labels. */
  hooks: Record<Side, Style[]>
  arrivals: number
  related: boolean
}

interface Rel {
  from: Node
  to: Node
  type: RelationshipType
  index: number
}

interface Couple {
  a: Node
  b: Node
  order: number
  partner: boolean
  ex: boolean
  coParent: boolean
  separated: boolean
  adjacent: boolean
}

interface Unit {
  key: string
  couple: Couple | null
  parent: Node | null
  children: Node[]
  row: number
}

interface Link {
  a: Node
  b: Node
  kind: LinkKind
  separated: boolean
}

type YRef =
  { kind: 'row'; row: number; dy: number } | { kind: 'lane'; seg: number } | { kind: 'top'; node: Node; dx: number }

interface Pt {
  x: number
  y: YRef
}

interface Drawing {
  kind: string
  style: Style
  polylines: Pt[][]
  /** Where to draw separation slashes: on the segment from `from` to `to`, at `t` of its length. */
  slashes: { from: Pt; to: Pt; t: number }[]
  attrs: [string, string][]
}

interface Segment {
  gap: number
  x1: number
  x2: number
  priority: number
  lane: number
}

// Arial advance widths (1/1000 em) for printable ASCII; GDS Transport is a little wider, hence the margin below.
// prettier-ignore
const ARIAL = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
]

/** An estimate of the rendered width of a line of text, erring wide. */
function textWidth(text: string, size: number, bold = false): number {
  let units = 0
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    units += code >= 32 && code < 127 ? (ARIAL[code - 32] ?? 600) : code >= 0x1100 ? 1000 : 600
  }
  return (units / 1000) * size * (bold ? 1.1 : 1) * 1.06
}

/** Whether a character may appear in an XML 1.0 document (not most control characters, nor a lone surrogate). */
function isXmlChar(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d
  return !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff
}

function escapeXml(text: string): string {
  return Array.from(text)
    .filter(isXmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

function num(value: number): string {
  const rounded = Math.round(value * 10) / 10
  return String(rounded === 0 ? 0 : rounded)
}

function attrs(pairs: [string, string | number | null | undefined][]): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== null && pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('')
}

function charLength(text: string): number {
  return Array.from(text).length
}

/** Words into lines of at most `max` characters, at most `maxLines` of them, the last ending "…" if cut short. */
function wrap(text: string, max: number, maxLines: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    let rest = word
    while (charLength(rest) > max) {
      if (current) lines.push(current)
      const chars = Array.from(rest)
      lines.push(chars.slice(0, max).join(''))
      rest = chars.slice(max).join('')
      current = ''
    }
    if (!rest) continue
    if (!current) current = rest
    else if (charLength(current) + 1 + charLength(rest) <= max) current += ` ${rest}`
    else {
      lines.push(current)
      current = rest
    }
  }
  if (current) lines.push(current)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  const last = kept[maxLines - 1] ?? ''
  kept[maxLines - 1] = `${
    charLength(last) < max
      ? last
      : Array.from(last)
          .slice(0, max - 1)
          .join('')
  }…`
  return kept
}

class UnionFind {
  private readonly parent: number[]
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i)
  }
  find(i: number): number {
    let root = i
    while (this.parent[root] !== root) root = this.parent[root] ?? root
    while (this.parent[i] !== root) {
      const next = this.parent[i] ?? root
      this.parent[i] = root
      i = next
    }
    return root
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return false
    this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
    return true
  }
}

function pushUnique<T>(list: T[], item: T): void {
  if (!list.includes(item)) list.push(item)
}

function mean(values: number[]): number | undefined {
  return values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : undefined
}

/** Half the width of a person's symbol. */
function symbolHalf(node: Node): number {
  if (node.person.unborn) return 15
  return node.person.sex === 'unknown' ? 22 : SYMBOL
}

/** Where a vertical line `dx` from the centre meets the top of a person's symbol (relative to its centre). */
function symbolTop(node: Node, dx: number): number {
  const ax = Math.min(Math.abs(dx), 14)
  if (node.person.unborn) return -15 + (28 / 15) * ax
  if (node.person.sex === 'male') return -SYMBOL
  if (node.person.sex === 'female') return -Math.sqrt(SYMBOL * SYMBOL - ax * ax)
  return -22 + ax
}

// Generations ------------------------------------------------------------------------------------------------

/** How many generations `to` is below `from`; siblings and partners are level. */
const generationStep: Partial<Record<RelationshipType, number>> = {
  mother: 1,
  father: 1,
  'step-parent': 1,
  grandparent: 2,
  sibling: 0,
  'half-sibling': 0,
  partner: 0,
  'ex-partner': 0,
}

/**
 * A generation for everyone, then a row index per distinct generation. Each connected family is laid out
 * breadth-first from its first member (the first placement of a person wins, so inconsistent data such as two
 * people each recorded as the other's mother cannot loop). A carer or "other" only places someone not otherwise
 * placed, a generation above the person they care for (a grandmother caring for her grandchildren stays two
 * generations up); families not joined to the largest are level with its youngest generation; people with no
 * relationships get a row of their own at the bottom.
 */
function assignGenerations(nodes: Node[], rels: Rel[]): void {
  const adjacent: { to: number; step: number }[][] = nodes.map(() => [])
  for (const rel of rels) {
    const step = generationStep[rel.type]
    if (step === undefined) continue
    adjacent[rel.from.index]?.push({ to: rel.to.index, step })
    adjacent[rel.to.index]?.push({ to: rel.from.index, step: -step })
  }
  const gen: number[] = nodes.map(() => 0)
  const component: number[] = nodes.map(() => -1)
  let components = 0
  const cap = nodes.length * (2 * rels.length + 1) + 1
  let steps = 0
  for (let start = 0; start < nodes.length; start++) {
    if (component[start] !== -1 || !adjacent[start]?.length) continue
    component[start] = components
    const queue = [start]
    for (let head = 0; head < queue.length && steps < cap; head++, steps++) {
      const i = queue[head] ?? 0
      for (const edge of adjacent[i] ?? []) {
        if (component[edge.to] !== -1) continue
        component[edge.to] = components
        gen[edge.to] = (gen[i] ?? 0) + edge.step
        queue.push(edge.to)
      }
    }
    components++
  }
  for (const node of nodes) {
    if (component[node.index] === -1 && node.related) component[node.index] = components++
  }
  const size = new Array<number>(components).fill(0)
  const lowest = new Array<number>(components).fill(-Infinity)
  for (const node of nodes) {
    const c = component[node.index] ?? -1
    if (c < 0) continue
    size[c] = (size[c] ?? 0) + 1
    lowest[c] = Math.max(lowest[c] ?? -Infinity, gen[node.index] ?? 0)
  }
  const offset: (number | undefined)[] = new Array<number | undefined>(components).fill(undefined)
  const soft = rels.filter(rel => rel.type === 'carer' || rel.type === 'other')
  const attach = (): void => {
    for (let pass = 0, changed = true; changed && pass <= soft.length; pass++) {
      changed = false
      for (const rel of soft) {
        const cf = component[rel.from.index] ?? -1
        const ct = component[rel.to.index] ?? -1
        if (cf === ct) continue
        const of = offset[cf]
        const ot = offset[ct]
        const gf = gen[rel.from.index] ?? 0
        const gt = gen[rel.to.index] ?? 0
        if (of !== undefined && ot === undefined) offset[ct] = gf + of + 1 - gt
        else if (ot !== undefined && of === undefined) offset[cf] = gt + ot - 1 - gf
        else continue
        changed = true
      }
    }
  }
  if (components > 0) {
    let main = 0
    for (let c = 1; c < components; c++) if ((size[c] ?? 0) > (size[main] ?? 0)) main = c
    offset[main] = 0
    attach()
    const bottom = lowest[main] ?? 0
    for (let c = 0; c < components; c++) {
      if (offset[c] !== undefined) continue
      offset[c] = bottom - (lowest[c] ?? 0)
      attach()
    }
  }
  let deepest = -Infinity
  for (const node of nodes) {
    const c = component[node.index] ?? -1
    if (c < 0) continue
    node.gen = (gen[node.index] ?? 0) + (offset[c] ?? 0)
    deepest = Math.max(deepest, node.gen)
  }
  for (const node of nodes) {
    if ((component[node.index] ?? -1) < 0) node.gen = deepest === -Infinity ? 0 : deepest + 1
  }
  const distinct = [...new Set(nodes.map(node => node.gen))].sort((a, b) => a - b)
  for (const node of nodes) node.row = distinct.indexOf(node.gen)
}

// Structure: couples, children's units, other lines ---------------------------------------------------------------

interface Structure {
  couples: Couple[]
  coupleOf: (a: Node, b: Node) => Couple | undefined
  units: Unit[]
  unitOf: Map<Node, Unit>
  links: Link[]
  siblingGroups: Node[][]
}

function isSourceOf(unit: Unit | undefined, node: Node): boolean {
  return !!unit && (unit.parent === node || unit.couple?.a === node || unit.couple?.b === node)
}

function buildStructure(nodes: Node[], rels: Rel[]): Structure {
  const coupleMap = new Map<string, Couple>()
  const pairKey = (a: Node, b: Node): string => (a.index < b.index ? `${a.index}:${b.index}` : `${b.index}:${a.index}`)
  const coupleFor = (a: Node, b: Node): Couple => {
    const key = pairKey(a, b)
    let couple = coupleMap.get(key)
    if (!couple) {
      const [first, second] = a.index < b.index ? [a, b] : [b, a]
      couple = {
        a: first,
        b: second,
        order: coupleMap.size,
        partner: false,
        ex: false,
        coParent: false,
        separated: false,
        adjacent: false,
      }
      coupleMap.set(key, couple)
    }
    return couple
  }
  const coupleOf = (a: Node, b: Node): Couple | undefined => coupleMap.get(pairKey(a, b))

  const bio = new Map<Node, Node[]>()
  for (const rel of rels) {
    if (rel.type === 'partner') coupleFor(rel.from, rel.to).partner = true
    if (rel.type === 'ex-partner') coupleFor(rel.from, rel.to).ex = true
    if (rel.type === 'mother' || rel.type === 'father') {
      const parents = bio.get(rel.to) ?? []
      pushUnique(parents, rel.from)
      bio.set(rel.to, parents)
    }
  }
  for (const parents of bio.values()) {
    const [p0, p1] = parents
    if (p0 && p1) coupleFor(p0, p1).coParent = true
  }
  for (const couple of coupleMap.values()) couple.separated = !couple.partner && (couple.ex || couple.coParent)
  const partnersOf = (node: Node): Node[] =>
    [...coupleMap.values()].flatMap(c => (c.a === node ? [c.b] : c.b === node ? [c.a] : []))

  // A grandparent hangs from their child, the grandchild's parent, when the data leave only one candidate.
  const inferred = new Map<Node, Node[]>()
  const parentsOf = (node: Node): Node[] => [...(bio.get(node) ?? []), ...(inferred.get(node) ?? [])]
  for (const rel of rels) {
    if (rel.type !== 'grandparent') continue
    const grandparent = rel.from
    const between = (bio.get(rel.to) ?? []).filter(p => p.row > grandparent.row && p.row < rel.to.row)
    if (between.some(p => parentsOf(p).includes(grandparent))) continue
    const partners = partnersOf(grandparent)
    const candidates = between.filter(p => parentsOf(p).length < 2 && parentsOf(p).every(x => partners.includes(x)))
    let chosen: Node | undefined = candidates.length === 1 && between.length === 1 ? candidates[0] : undefined
    if (!chosen && candidates.length > 1) {
      const viaPartner = candidates.filter(p => parentsOf(p).some(x => partners.includes(x)))
      if (viaPartner.length === 1) chosen = viaPartner[0]
    }
    if (chosen) {
      const list = inferred.get(chosen) ?? []
      pushUnique(list, grandparent)
      inferred.set(chosen, list)
    }
  }

  const units: Unit[] = []
  const unitOf = new Map<Node, Unit>()
  const unitByKey = new Map<string, Unit>()
  const addToUnit = (child: Node, couple: Couple | null, parent: Node | null): void => {
    const key = `${couple ? `c${couple.order}` : `p${parent?.index ?? -1}`}@${child.row}`
    let unit = unitByKey.get(key)
    if (!unit) {
      unit = { key, couple, parent, children: [], row: child.row }
      unitByKey.set(key, unit)
      units.push(unit)
    }
    unit.children.push(child)
    unitOf.set(child, unit)
  }
  for (const child of nodes) {
    const parents = parentsOf(child).filter(p => p.row < child.row)
    const [p0, p1] = parents
    if (!p0) continue
    const couple = p1 && p0.row === p1.row ? coupleOf(p0, p1) : undefined
    if (couple) addToUnit(child, couple, null)
    else addToUnit(child, null, p0)
  }

  const links: Link[] = []
  const linkKeys = new Set<string>()
  const addLink = (a: Node, b: Node, kind: LinkKind, separated = false): void => {
    const key = `${pairKey(a, b)}:${linkStyle[kind]}`
    if (linkKeys.has(key)) return
    linkKeys.add(key)
    links.push({ a, b, kind, separated })
  }
  const siblings = new UnionFind(nodes.length)
  const inSiblingGroup = new Set<Node>()
  for (const rel of rels) {
    const { from, to } = rel
    switch (rel.type) {
      case 'mother':
      case 'father':
        if (!isSourceOf(unitOf.get(to), from)) addLink(from, to, 'parent')
        break
      case 'step-parent':
      case 'carer':
      case 'other':
        addLink(from, to, rel.type)
        break
      case 'grandparent':
        if (!(bio.get(to) ?? []).some(p => isSourceOf(unitOf.get(p), from) || parentsOf(p).includes(from))) {
          addLink(from, to, 'grandparent')
        }
        break
      case 'partner':
      case 'ex-partner':
        if (from.row !== to.row) addLink(from, to, 'partner', coupleOf(from, to)?.separated ?? false)
        break
      case 'sibling':
      case 'half-sibling': {
        const unit = unitOf.get(from)
        const shared = parentsOf(from).some(p => parentsOf(to).includes(p))
        if ((unit && unit === unitOf.get(to)) || shared) break
        if (from.row === to.row) {
          siblings.union(from.index, to.index)
          inSiblingGroup.add(from)
          inSiblingGroup.add(to)
        } else addLink(from, to, 'sibling')
        break
      }
    }
  }
  const groups = new Map<number, Node[]>()
  for (const node of nodes) {
    if (!inSiblingGroup.has(node)) continue
    const root = siblings.find(node.index)
    groups.set(root, [...(groups.get(root) ?? []), node])
  }
  return {
    couples: [...coupleMap.values()],
    coupleOf,
    units,
    unitOf,
    links,
    siblingGroups: [...groups.values()].filter(group => group.length > 1),
  }
}

// Ordering within each generation -------------------------------------------------------------------------------

interface Chain {
  members: Node[]
}

function hasHousehold(chain: Chain): boolean {
  return chain.members.some(m => m.household)
}

function hasElsewhere(chain: Chain): boolean {
  return chain.members.some(m => !m.household)
}

/** The people elsewhere at the start and at the end of a chain shaped elsewhere* household+ elsewhere*. */
function elsewhereEnds(chain: Chain): { head: number; tail: number } {
  let head = 0
  while (head < chain.members.length && !chain.members[head]?.household) head++
  let tail = 0
  while (tail < chain.members.length && !chain.members[chain.members.length - 1 - tail]?.household) tail++
  return { head, tail }
}

/**
 * Couples in a row joined into chains (each person beside at most two partners), split so that the household's
 * members stay together, and at most one chain sticking out of each end of the household's block.
 */
function buildChains(row: Node[], structure: Structure): Chain[] {
  const withChildren = new Set(structure.units.flatMap(u => (u.couple ? [u.couple] : [])))
  const couples = structure.couples
    .filter(c => row.includes(c.a) && c.a.row === c.b.row)
    .sort((x, y) => Number(withChildren.has(y)) - Number(withChildren.has(x)) || x.order - y.order)
  const beside = new Map<Node, Node[]>()
  const joined = new UnionFind(row.length)
  for (const couple of couples) {
    const ia = row.indexOf(couple.a)
    const ib = row.indexOf(couple.b)
    const na = beside.get(couple.a) ?? []
    const nb = beside.get(couple.b) ?? []
    if (na.length >= 2 || nb.length >= 2 || !joined.union(ia, ib)) continue
    beside.set(couple.a, [...na, couple.b])
    beside.set(couple.b, [...nb, couple.a])
  }
  const seen = new Set<Node>()
  const chains: Chain[] = []
  for (const node of row) {
    if (seen.has(node) || (beside.get(node)?.length ?? 0) > 1) continue
    const path: Node[] = []
    let previous: Node | undefined
    let current: Node | undefined = node
    while (current && !seen.has(current)) {
      seen.add(current)
      path.push(current)
      const next: Node | undefined = (beside.get(current) ?? []).find(n => n !== previous)
      previous = current
      current = next
    }
    // Keep the household together: elsewhere* household+ elsewhere*, cutting before a second household run.
    let part: Node[] = []
    let seenHousehold = false
    let leftHousehold = false
    for (const member of path) {
      if (member.household && leftHousehold) {
        chains.push({ members: part })
        part = []
        seenHousehold = false
        leftHousehold = false
      }
      part.push(member)
      if (member.household) seenHousehold = true
      else if (seenHousehold) leftHousehold = true
    }
    chains.push({ members: part })
  }
  for (const node of row) if (!seen.has(node)) chains.push({ members: [node] }) // safeguard: nobody is dropped

  const householdChains = chains.filter(hasHousehold)
  let sides = 2
  const result: Chain[] = []
  for (const chain of chains) {
    if (!hasHousehold(chain) || !hasElsewhere(chain)) {
      result.push(chain)
      continue
    }
    const { head, tail } = elsewhereEnds(chain)
    const bothEnds = head > 0 && tail > 0
    const need = bothEnds ? 2 : 1
    if (need <= sides && (!bothEnds || householdChains.length === 1)) {
      sides -= need
      result.push(chain)
      continue
    }
    let members = chain.members
    if (bothEnds && sides >= 1) {
      // Keep the longer end; the other end's people become a chain of their own.
      const cutTail = tail <= head
      const cut = cutTail ? members.slice(members.length - tail) : members.slice(0, head)
      members = cutTail ? members.slice(0, members.length - tail) : members.slice(head)
      result.push({ members }, { members: cut })
      sides -= 1
      continue
    }
    result.push({ members: members.slice(head, members.length - tail) })
    if (head) result.push({ members: members.slice(0, head) })
    if (tail) result.push({ members: members.slice(members.length - tail) })
  }
  return result
}

/**
 * Orders each row: household block (with at most one mixed chain at each end) between people elsewhere, and
 * within that by barycentre of the people they are joined to in the rows above (sweeping down) or below (up).
 */
function orderRows(rows: Node[][], structure: Structure, chainsByRow: Chain[][]): void {
  const neighbours = new Map<Node, Node[]>()
  const join = (a: Node, b: Node): void => {
    if (a === b) return
    neighbours.set(a, [...(neighbours.get(a) ?? []), b])
    neighbours.set(b, [...(neighbours.get(b) ?? []), a])
  }
  for (const unit of structure.units) {
    for (const child of unit.children) {
      if (unit.couple) {
        join(unit.couple.a, child)
        join(unit.couple.b, child)
      } else if (unit.parent) join(unit.parent, child)
    }
  }
  for (const link of structure.links) join(link.a, link.b)

  const position = new Map<Node, number>()
  const refresh = (): void => {
    for (const row of rows) row.forEach((node, i) => position.set(node, i - (row.length - 1) / 2))
  }
  const pos = (node: Node): number => position.get(node) ?? 0
  const sourcePos = (unit: Unit): number =>
    unit.couple ? (pos(unit.couple.a) + pos(unit.couple.b)) / 2 : unit.parent ? pos(unit.parent) : 0

  const keyFor = (node: Node, down: boolean): number | undefined => {
    if (down) {
      const unit = structure.unitOf.get(node)
      if (unit) return sourcePos(unit)
      return mean((neighbours.get(node) ?? []).filter(n => n.row < node.row).map(pos))
    }
    return mean((neighbours.get(node) ?? []).filter(n => n.row > node.row).map(pos))
  }

  const arrange = (r: number, down: boolean): void => {
    const row = rows[r]
    const chains = chainsByRow[r]
    if (!row || !chains) return
    const key = new Map<Node, number>()
    for (const node of row) key.set(node, keyFor(node, down) ?? pos(node))
    const k = (node: Node): number => key.get(node) ?? 0
    const chainKey = (chain: Chain): number => mean(chain.members.map(k)) ?? 0
    const first = (chain: Chain): number => Math.min(...chain.members.map(m => m.index))
    const byKey = (x: Chain, y: Chain): number => chainKey(x) - chainKey(y) || first(x) - first(y)
    const householdKey = mean(row.filter(n => n.household).map(k))

    for (const chain of chains) {
      const m = chain.members
      const head = m[0]
      const last = m[m.length - 1]
      if (!head || !last || m.length < 2) continue
      if (hasHousehold(chain) && hasElsewhere(chain)) continue
      if (k(head) > k(last) + 1e-9) m.reverse()
    }
    if (householdKey === undefined) {
      const sorted = [...chains].sort(byKey)
      rows[r] = sorted.flatMap(c => c.members)
      chainsByRow[r] = sorted
      return
    }
    const mixed = chains.filter(c => hasHousehold(c) && hasElsewhere(c))
    const pureHousehold = chains.filter(c => hasHousehold(c) && !hasElsewhere(c)).sort(byKey)
    const elsewhere = chains.filter(c => !hasHousehold(c))
    const elsewhereKey = (chain: Chain, part: 'head' | 'tail' | 'all'): number => {
      const { head, tail } = elsewhereEnds(chain)
      const m = chain.members
      const people = part === 'head' ? m.slice(0, head) : part === 'tail' ? m.slice(m.length - tail) : [...m]
      return mean(people.filter(p => !p.household).map(k)) ?? 0
    }
    const orient = (chain: Chain, elsewhereOn: Side): void => {
      const { head, tail } = elsewhereEnds(chain)
      if (head > 0 && tail > 0) {
        if (elsewhereKey(chain, 'head') > elsewhereKey(chain, 'tail') + 1e-9) chain.members.reverse()
      } else if ((elsewhereOn === 'left') !== head > 0) chain.members.reverse()
    }
    let leftMixed: Chain | undefined
    let rightMixed: Chain | undefined
    if (mixed.length >= 2) {
      const [a, b] = [...mixed].sort(byKey)
      leftMixed = a
      rightMixed = b
    } else if (mixed[0]) {
      const chain = mixed[0]
      const h = mean(chain.members.filter(m => m.household).map(k)) ?? 0
      const otherHousehold = mean(pureHousehold.flatMap(c => c.members).map(k))
      const reference = otherHousehold ?? h
      if (elsewhereKey(chain, 'all') < reference - 1e-9) leftMixed = chain
      else rightMixed = chain
    }
    if (leftMixed) orient(leftMixed, 'left')
    if (rightMixed) orient(rightMixed, 'right')
    const left = elsewhere.filter(c => chainKey(c) < householdKey - 1e-9).sort(byKey)
    const right = elsewhere.filter(c => chainKey(c) >= householdKey - 1e-9).sort(byKey)
    const sorted = [
      ...left,
      ...(leftMixed ? [leftMixed] : []),
      ...pureHousehold,
      ...(rightMixed ? [rightMixed] : []),
      ...right,
    ]
    rows[r] = sorted.flatMap(c => c.members)
    chainsByRow[r] = sorted
  }

  // Start: household first, then input order.
  for (let r = 0; r < rows.length; r++) {
    const chains = chainsByRow[r] ?? []
    for (const chain of chains) {
      const { head, tail } = elsewhereEnds(chain)
      if (hasHousehold(chain) && head > 0 && tail === 0) chain.members.reverse()
    }
    const first = (chain: Chain): number => Math.min(...chain.members.map(m => m.index))
    chains.sort((x, y) => Number(hasHousehold(y)) - Number(hasHousehold(x)) || first(x) - first(y))
    rows[r] = chains.flatMap(c => c.members)
  }
  for (let round = 0; round < 4; round++) {
    refresh()
    for (let r = 1; r < rows.length; r++) {
      arrange(r, true)
      refresh()
    }
    for (let r = rows.length - 2; r >= 0; r--) {
      arrange(r, false)
      refresh()
    }
  }
  refresh()
  for (let r = 1; r < rows.length; r++) {
    arrange(r, true)
    refresh()
  }
}

// Horizontal placement ------------------------------------------------------------------------------------------

/** Positions as close to the targets as the minimum gaps allow, order kept (least squares, pool adjacent violators). */
function placeInOrder(targets: number[], weights: number[], gaps: number[]): number[] {
  const offsets = [0]
  for (let i = 0; i < gaps.length; i++) offsets.push((offsets[i] ?? 0) + (gaps[i] ?? 0))
  const blocks: { total: number; weight: number; count: number }[] = []
  targets.forEach((target, i) => {
    const weight = Math.max(weights[i] ?? 1, 1e-3)
    blocks.push({ total: (target - (offsets[i] ?? 0)) * weight, weight, count: 1 })
    for (;;) {
      const b = blocks[blocks.length - 1]
      const a = blocks[blocks.length - 2]
      if (!a || !b || a.total / a.weight <= b.total / b.weight) break
      blocks.splice(blocks.length - 2, 2, {
        total: a.total + b.total,
        weight: a.weight + b.weight,
        count: a.count + b.count,
      })
    }
  })
  const result: number[] = []
  for (const block of blocks) {
    for (let j = 0; j < block.count; j++) result.push(block.total / block.weight + (offsets[result.length] ?? 0))
  }
  return result
}

interface Layout {
  rows: Node[][]
  structure: Structure
  chainsByRow: Chain[][]
  /** Adjacent couples by their left member. */
  coupleRight: Map<Node, Couple>
  dropCouples: Set<Couple>
  anyHousehold: boolean
}

function hookX(node: Node, side: Side, style: Style): number {
  const lane = Math.max(node.hooks[side].indexOf(style), 0) + 1
  return side === 'right' ? node.x + node.right + CLEAR * lane : node.x - node.left - CLEAR * lane
}

/** The household outline's edge beside a member: beyond their labels and any lines leaving that side. */
function outlineEdge(node: Node, side: Side): number {
  const out = CLEAR * (node.hooks[side].length + 1)
  return side === 'right' ? node.x + node.right + out + node.extraRight : node.x - node.left - out - node.extraLeft
}

/** The least distance between the centres of two people side by side in a row. */
function minGap(layout: Layout, a: Node, b: Node): number {
  const boundaryA = layout.anyHousehold && a.household && !b.household ? 1 : 0
  const boundaryB = layout.anyHousehold && !a.household && b.household ? 1 : 0
  const featuresA = a.hooks.right.length + boundaryA
  const featuresB = b.hooks.left.length + boundaryB
  const extraA = boundaryA ? a.extraRight : 0
  const extraB = boundaryB ? b.extraLeft : 0
  const couple = layout.coupleRight.get(a)
  if (couple && (couple.b === b || couple.a === b)) {
    const half = Math.max(a.right + extraA + CLEAR * (featuresA + 1), b.left + extraB + CLEAR * (featuresB + 1))
    return Math.max(2 * half, symbolHalf(a) + symbolHalf(b) + 80)
  }
  return a.right + b.left + extraA + extraB + Math.max(CLEAR * (featuresA + featuresB + 1), 22)
}

function unitSourceX(unit: Unit): number {
  if (unit.couple) return (unit.couple.a.x + unit.couple.b.x) / 2
  const parent = unit.parent
  if (!parent) return 0
  const side = parent.hooks.right.includes('solid') ? 'right' : parent.hooks.left.includes('solid') ? 'left' : null
  return side ? hookX(parent, side, 'solid') : parent.x
}

function childrenCentre(unit: Unit): number {
  const xs = unit.children.map(c => c.x)
  return (Math.min(...xs) + Math.max(...xs)) / 2
}

function placeRows(layout: Layout, initial: boolean): void {
  const { rows, structure } = layout
  const gapsOf = (row: Node[]): number[] => row.slice(1).map((node, i) => minGap(layout, row[i] ?? node, node))
  if (initial) {
    for (const row of rows) {
      const gaps = gapsOf(row)
      let x = 0
      row.forEach((node, i) => {
        node.x = x
        x += gaps[i] ?? 0
      })
      for (const node of row) node.x -= x / 2
    }
  }
  const sourceUnits = new Map<Node, Unit[]>()
  for (const unit of structure.units) {
    for (const parent of unit.couple ? [unit.couple.a, unit.couple.b] : unit.parent ? [unit.parent] : []) {
      sourceUnits.set(parent, [...(sourceUnits.get(parent) ?? []), unit])
    }
  }
  const chainOf = new Map<Node, Chain>()
  for (const chains of layout.chainsByRow)
    for (const chain of chains) for (const m of chain.members) chainOf.set(m, chain)

  const pass = (r: number, down: boolean): void => {
    const row = rows[r]
    if (!row?.length) return
    const shift = new Map<Node, { total: number; weight: number }>()
    const add = (node: Node, delta: number, weight: number): void => {
      const s = shift.get(node) ?? { total: 0, weight: 0 }
      s.total += delta * weight
      s.weight += weight
      shift.set(node, s)
    }
    for (const node of row) {
      if (down) {
        const unit = structure.unitOf.get(node)
        if (unit) add(node, unitSourceX(unit) - childrenCentre(unit), 1)
      } else {
        for (const unit of sourceUnits.get(node) ?? []) add(node, childrenCentre(unit) - unitSourceX(unit), 1)
      }
      for (const link of structure.links) {
        const other = link.a === node ? link.b : link.b === node ? link.a : null
        if (other && (down ? other.row < node.row : other.row > node.row)) add(node, other.x - node.x, 0.02)
      }
      if (!shift.has(node)) add(node, 0, 0.05)
    }
    // Someone in a couple with nothing of their own pulling them moves with their partners.
    for (const chain of new Set(row.map(n => chainOf.get(n)))) {
      if (!chain || chain.members.length < 2) continue
      const pulled = chain.members.filter(m => (shift.get(m)?.weight ?? 0) > 0.06)
      if (!pulled.length || pulled.length === chain.members.length) continue
      const moves = pulled.map(m => {
        const s = shift.get(m)
        return s && s.weight ? s.total / s.weight : 0
      })
      const move = moves.reduce((sum, v) => sum + v, 0) / moves.length
      for (const m of chain.members) if (!pulled.includes(m)) shift.set(m, { total: move, weight: 1 })
    }
    const targets = row.map(n => {
      const s = shift.get(n)
      return n.x + (s && s.weight ? s.total / s.weight : 0)
    })
    const weights = row.map(n => shift.get(n)?.weight ?? 0.05)
    const xs = placeInOrder(targets, weights, gapsOf(row))
    row.forEach((n, i) => (n.x = xs[i] ?? n.x))
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let r = 1; r < rows.length; r++) pass(r, true)
    for (let r = rows.length - 2; r >= 0; r--) pass(r, false)
  }
  for (let r = 1; r < rows.length; r++) pass(r, true)

  // A row of people with no relationships sits centred under the rest.
  const connected = rows.filter(row => row.some(n => n.related)).flat()
  if (connected.length) {
    const centre = (Math.min(...connected.map(n => n.x)) + Math.max(...connected.map(n => n.x))) / 2
    for (const row of rows) {
      if (row.some(n => n.related) || !row.length) continue
      const mid = ((row[0]?.x ?? 0) + (row[row.length - 1]?.x ?? 0)) / 2
      for (const n of row) n.x += centre - mid
    }
  }
}

// Routing lines -------------------------------------------------------------------------------------------------

interface Band {
  row: number
  left: number
  right: number
}

/**
 * The household outline, a band per generation: round the household's members, widened towards the outline's full
 * width wherever nobody living elsewhere is in the way, so it is as near a rectangle as the family allows. A band
 * that would not overlap the one above starts a new outline.
 */
function householdBands(layout: Layout): Band[][] {
  const outlines: Band[][] = []
  let group: (Band & { min: number; max: number })[] = []
  const flush = (): void => {
    if (!group.length) return
    const left = Math.min(...group.map(b => b.left))
    const right = Math.max(...group.map(b => b.right))
    let current: Band[] = []
    for (const b of group) {
      const band = {
        row: b.row,
        left: Math.min(b.left, Math.max(left, b.min)),
        right: Math.max(b.right, Math.min(right, b.max)),
      }
      const previous = current[current.length - 1]
      if (
        previous &&
        Math.min(previous.right, band.right) - Math.max(previous.left, band.left) < 2 * OUTLINE_RADIUS + 10
      ) {
        outlines.push(current)
        current = []
      }
      current.push(band)
    }
    outlines.push(current)
    group = []
  }
  layout.rows.forEach((row, r) => {
    const first = row.findIndex(n => n.household)
    const last = row.length - 1 - [...row].reverse().findIndex(n => n.household)
    const firstMember = row[first]
    const lastMember = row[last]
    if (!layout.anyHousehold || !firstMember || !lastMember) {
      flush()
      return
    }
    const before = row[first - 1]
    const after = row[last + 1]
    group.push({
      row: r,
      left: outlineEdge(firstMember, 'left'),
      right: outlineEdge(lastMember, 'right'),
      min: before ? before.x + before.right + CLEAR * (before.hooks.right.length + 1) : -Infinity,
      max: after ? after.x - after.left - CLEAR * (after.hooks.left.length + 1) : Infinity,
    })
  })
  flush()
  return outlines
}

class Router {
  readonly segments: Segment[] = []
  readonly drawings: Drawing[] = []
  private readonly blocked: [number, number][][]

  constructor(
    private readonly layout: Layout,
    bands: Band[][],
  ) {
    this.blocked = layout.rows.map(row => {
      const spans: [number, number][] = []
      for (const node of row) {
        spans.push([node.x - node.left - 6, node.x + node.right + 6])
        for (const side of ['left', 'right'] as const) {
          for (const style of node.hooks[side]) {
            const x = hookX(node, side, style)
            spans.push([x - 10, x + 10])
          }
        }
        const couple = layout.coupleRight.get(node)
        if (couple && layout.dropCouples.has(couple)) {
          const x = (couple.a.x + couple.b.x) / 2
          spans.push([x - 10, x + 10])
        }
      }
      return spans
    })
    for (const outline of bands) {
      for (const band of outline) {
        this.blocked[band.row]?.push([band.left - 10, band.left + 10], [band.right - 10, band.right + 10])
      }
    }
  }

  segment(gap: number, x1: number, x2: number, priority: number): number {
    this.segments.push({ gap, x1: Math.min(x1, x2), x2: Math.max(x1, x2), priority, lane: 0 })
    return this.segments.length - 1
  }

  private isBlocked(row: number, x: number): boolean {
    return (this.blocked[row] ?? []).some(([a, b]) => x > a && x < b)
  }

  private freeX(row: number, prefer: number): number {
    const spans = [...(this.blocked[row] ?? [])].sort((p, q) => p[0] - q[0])
    const merged: [number, number][] = []
    for (const span of spans) {
      const last = merged[merged.length - 1]
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1])
      else merged.push([span[0], span[1]])
    }
    const first = merged[0]
    const lastSpan = merged[merged.length - 1]
    if (!first || !lastSpan) return prefer
    const candidates = [first[0] - 10, lastSpan[1] + 10]
    for (let i = 1; i < merged.length; i++) {
      const a = merged[i - 1]?.[1] ?? 0
      const b = merged[i]?.[0] ?? 0
      if (b - a >= 20) candidates.push((a + b) / 2)
    }
    return candidates.reduce((best, c) => (Math.abs(c - prefer) < Math.abs(best - prefer) ? c : best))
  }

  /** A vertical line from (x, fromRow) down to the gap above `toRow`, stepping aside round anyone in between. */
  trunk(start: Pt[], x: number, fromRow: number, toRow: number, prefer: number): { points: Pt[]; x: number } {
    const points = [...start]
    let at = x
    for (let r = fromRow + 1; r < toRow; r++) {
      if (!this.isBlocked(r, at)) continue
      const next = this.freeX(r, prefer)
      const seg = this.segment(r, at, next, 2)
      points.push({ x: at, y: { kind: 'lane', seg } }, { x: next, y: { kind: 'lane', seg } })
      at = next
    }
    return { points, x: at }
  }

  /** A bar in the gap above `row` from the trunk to each target, and a drop from the bar to each target's top. */
  fan(trunk: { points: Pt[]; x: number }, row: number, targets: Node[], priority: number): Pt[][] {
    const arrivals = targets.map(t => ({ node: t, dx: takeArrival(t) }))
    const xs = arrivals.map(a => a.node.x + a.dx)
    const seg = this.segment(row, Math.min(trunk.x, ...xs), Math.max(trunk.x, ...xs), priority)
    const lane: YRef = { kind: 'lane', seg }
    const polylines: Pt[][] = [[...trunk.points, { x: trunk.x, y: lane }]]
    if (xs.length)
      polylines.push([
        { x: Math.min(trunk.x, ...xs), y: lane },
        { x: Math.max(trunk.x, ...xs), y: lane },
      ])
    for (const a of arrivals) {
      const x = a.node.x + a.dx
      polylines.push([
        { x, y: lane },
        { x, y: { kind: 'top', node: a.node, dx: a.dx } },
      ])
    }
    return polylines
  }

  /** Leaving a person's side along their hook: from the symbol's edge out to the lane beside the labels. */
  hookStart(node: Node, side: Side, style: Style): { start: Pt[]; x: number } {
    const x = hookX(node, side, style)
    // Beside a partner a line leaves below the couple line, so the two stay distinct.
    // A second style of line leaving the same side sets off a little lower, so each can be seen.
    const lane = Math.max(node.hooks[side].indexOf(style), 0)
    const dy = Math.min((partnerOn(this.layout, node, side) ? 12 : 0) + 8 * lane, 16)
    const half = symbolSideAt(node, dy)
    const edge = side === 'right' ? node.x + half : node.x - half
    const y: YRef = { kind: 'row', row: node.row, dy }
    return {
      start: [
        { x: edge, y },
        { x, y },
      ],
      x,
    }
  }
}

/** Whether the person has a partner drawn beside them on that side. */
function partnerOn(layout: Layout, node: Node, side: Side): boolean {
  if (side === 'right') return layout.coupleRight.has(node)
  const row = layout.rows[node.row] ?? []
  const left = row[row.indexOf(node) - 1]
  return !!left && layout.coupleRight.get(left) !== undefined
}

/** Half the width of a person's symbol at `dy` below its centre. */
function symbolSideAt(node: Node, dy: number): number {
  if (node.person.unborn) return Math.max(0, ((dy + 15) * 15) / 28)
  if (node.person.sex === 'male') return SYMBOL
  if (node.person.sex === 'female') return Math.sqrt(Math.max(0, SYMBOL * SYMBOL - dy * dy))
  return Math.max(0, 22 - Math.abs(dy))
}

function takeArrival(node: Node): number {
  const dx = ARRIVAL_OFFSETS[node.arrivals % ARRIVAL_OFFSETS.length] ?? 0
  node.arrivals++
  return dx
}

function ids(nodes: Node[]): string {
  return nodes.map(n => n.person.id).join(' ')
}

function route(layout: Layout, bands: Band[][]): Router {
  const router = new Router(layout, bands)
  const { structure, rows } = layout

  // Couples side by side: a line between them, slashed if separated.
  for (const row of rows) {
    for (const node of row) {
      const couple = layout.coupleRight.get(node)
      if (!couple) continue
      const [left, right] = couple.a.x <= couple.b.x ? [couple.a, couple.b] : [couple.b, couple.a]
      const y: YRef = { kind: 'row', row: left.row, dy: 0 }
      const from: Pt = { x: left.x + symbolHalf(left), y }
      const to: Pt = { x: right.x - symbolHalf(right), y }
      const hasDrop = layout.dropCouples.has(couple)
      const middle = (left.x + right.x) / 2
      const t = hasDrop ? (middle - from.x) / 2 / Math.max(to.x - from.x, 1) : 0.5
      router.drawings.push({
        kind: couple.separated ? 'separated' : 'couple',
        style: 'solid',
        polylines: [[from, to]],
        slashes: couple.separated ? [{ from, to, t }] : [],
        attrs: [
          ['data-between', ids([couple.a, couple.b])],
          ['data-separated', String(couple.separated)],
        ],
      })
    }
  }

  // Children hanging from their parents.
  for (const unit of structure.units) {
    const children = [...unit.children].sort((a, b) => a.x - b.x)
    let start: Pt[]
    let x: number
    let fromRow: number
    if (unit.couple) {
      x = (unit.couple.a.x + unit.couple.b.x) / 2
      fromRow = unit.couple.a.row
      start = [{ x, y: { kind: 'row', row: fromRow, dy: 0 } }]
    } else if (unit.parent) {
      const parent = unit.parent
      const side: Side = parent.hooks.right.includes('solid') ? 'right' : 'left'
      const hook = router.hookStart(parent, side, 'solid')
      start = hook.start
      x = hook.x
      fromRow = parent.row
    } else continue
    const trunk = router.trunk(start, x, fromRow, unit.row, childrenCentre(unit))
    const parents = unit.couple ? [unit.couple.a, unit.couple.b] : unit.parent ? [unit.parent] : []
    router.drawings.push({
      kind: 'descent',
      style: 'solid',
      polylines: router.fan(trunk, unit.row, children, 0),
      slashes: [],
      attrs: [
        ['data-parents', ids(parents)],
        ['data-children', ids(unit.children)],
      ],
    })
  }

  // Siblings whose parents are not shown: a bar over them.
  for (const group of structure.siblingGroups) {
    const members = [...group].sort((a, b) => a.x - b.x)
    const row = members[0]?.row ?? 0
    const arrivals = members.map(m => ({ node: m, dx: takeArrival(m) }))
    const xs = arrivals.map(a => a.node.x + a.dx)
    const seg = router.segment(row, Math.min(...xs), Math.max(...xs), 0)
    const lane: YRef = { kind: 'lane', seg }
    router.drawings.push({
      kind: 'sibling',
      style: 'solid',
      polylines: [
        [
          { x: Math.min(...xs), y: lane },
          { x: Math.max(...xs), y: lane },
        ],
        ...arrivals.map(a => [
          { x: a.node.x + a.dx, y: lane },
          { x: a.node.x + a.dx, y: { kind: 'top', node: a.node, dx: a.dx } as YRef },
        ]),
      ],
      slashes: [],
      attrs: [['data-people', ids(members)]],
    })
  }

  // Other lines between generations, gathered by the person above, style and row below.
  const groups = new Map<
    string,
    { upper: Node; style: Style; side: Side; row: number; kinds: LinkKind[]; targets: Node[]; separated: boolean }
  >()
  const sameRow: Link[] = []
  for (const link of structure.links) {
    if (link.a.row === link.b.row) {
      sameRow.push(link)
      continue
    }
    const [upper, lower] = link.a.row < link.b.row ? [link.a, link.b] : [link.b, link.a]
    const style = linkStyle[link.kind]
    const side: Side = upper.hooks.right.includes(style) ? 'right' : 'left'
    const key = `${upper.index}|${style}|${side}|${lower.row}`
    const group = groups.get(key) ?? { upper, style, side, row: lower.row, kinds: [], targets: [], separated: false }
    pushUnique(group.kinds, link.kind)
    pushUnique(group.targets, lower)
    group.separated ||= link.separated
    groups.set(key, group)
  }
  for (const group of groups.values()) {
    const hook = router.hookStart(group.upper, group.side, group.style)
    const targets = [...group.targets].sort((a, b) => a.x - b.x)
    const prefer = mean(targets.map(t => t.x)) ?? hook.x
    const trunk = router.trunk(hook.start, hook.x, group.upper.row, group.row, prefer)
    const polylines = router.fan(trunk, group.row, targets, 1)
    const first = polylines[0] ?? []
    const a = first[first.length - 2]
    const b = first[first.length - 1]
    router.drawings.push({
      kind: group.kinds.join(' '),
      style: group.style,
      polylines,
      slashes: group.separated && a && b ? [{ from: a, to: b, t: 0.5 }] : [],
      attrs: [
        ['data-from', group.upper.person.id],
        ['data-to', ids(group.targets)],
      ],
    })
  }

  // Lines within a row between people not side by side: up, over (in the gap above), and down.
  for (const link of sameRow) {
    const [left, right] = link.a.x <= link.b.x ? [link.a, link.b] : [link.b, link.a]
    const dl = takeArrival(left)
    const dr = takeArrival(right)
    const seg = router.segment(left.row, left.x + dl, right.x + dr, 1)
    const lane: YRef = { kind: 'lane', seg }
    const p1: Pt = { x: left.x + dl, y: lane }
    const p2: Pt = { x: right.x + dr, y: lane }
    router.drawings.push({
      kind: link.kind,
      style: linkStyle[link.kind],
      polylines: [
        [
          { x: left.x + dl, y: { kind: 'top', node: left, dx: dl } },
          p1,
          p2,
          { x: right.x + dr, y: { kind: 'top', node: right, dx: dr } },
        ],
      ],
      slashes: link.separated ? [{ from: p1, to: p2, t: 0.5 }] : [],
      attrs: [
        ['data-from', link.a.person.id],
        ['data-to', link.b.person.id],
      ],
    })
  }

  // Lanes: in each gap, the horizontal lines nearest the generation below go lowest; none overlap on a lane.
  const byGap = new Map<number, Segment[]>()
  for (const seg of router.segments) byGap.set(seg.gap, [...(byGap.get(seg.gap) ?? []), seg])
  for (const segs of byGap.values()) {
    const lanes: [number, number][][] = []
    const ordered = [...segs].sort((p, q) => p.priority - q.priority || p.x1 - q.x1 || p.x2 - q.x2)
    for (const seg of ordered) {
      let lane = lanes.findIndex(spans => spans.every(([a, b]) => seg.x2 + 8 < a || seg.x1 - 8 > b))
      if (lane === -1) {
        lanes.push([])
        lane = lanes.length - 1
      }
      lanes[lane]?.push([seg.x1, seg.x2])
      seg.lane = lane
    }
  }
  return router
}

// Description -------------------------------------------------------------------------------------------------

const rolePriority: RelationshipType[] = [
  'mother',
  'father',
  'step-parent',
  'carer',
  'grandparent',
  'partner',
  'ex-partner',
  'sibling',
  'half-sibling',
]

function roleOf(node: Node, rels: Rel[]): string | null {
  const own = rels.filter(r => r.from === node).map(r => r.type)
  const role = rolePriority.find(type => own.includes(type))
  if (role) return role
  const received = rels.filter(r => r.to === node).map(r => r.type)
  if (received.some(t => t === 'mother' || t === 'father' || t === 'step-parent' || t === 'carer')) return 'child'
  if (received.includes('grandparent')) return 'grandchild'
  const symmetric = rolePriority.find(
    type => received.includes(type) && ['partner', 'ex-partner', 'sibling', 'half-sibling'].includes(type),
  )
  return symmetric ?? null
}

function describe(nodes: Node[], rels: Rel[]): string {
  if (!nodes.length) return 'No people recorded.'
  const count = nodes.length
  const unborn = nodes.filter(n => n.person.unborn).length
  const household = nodes.filter(n => n.household)
  const parts = [
    `${count} ${count === 1 ? 'person' : 'people'}${unborn ? `, including ${unborn} unborn` : ''}`,
    household.length
      ? `${household.length} ${household.length === 1 ? 'lives' : 'live'} in the household`
      : 'nobody is recorded as living in the household',
  ]
  if (household.length) {
    for (const node of nodes.filter(n => !n.household)) {
      const role = roleOf(node, rels)
      parts.push(`${node.person.name.trim() || 'unnamed person'}${role ? `, ${role},` : ''} lives elsewhere`)
    }
  }
  return `${parts.join('; ')}.`
}

// Drawing ---------------------------------------------------------------------------------------------------------

interface Metrics {
  rowY: number[]
  rowBottom: number[]
  laneY: (seg: Segment) => number
}

function verticalLayout(layout: Layout, router: Router, strips: Set<number>): Metrics {
  const lanes = new Map<number, number>()
  for (const seg of router.segments) lanes.set(seg.gap, Math.max(lanes.get(seg.gap) ?? 0, seg.lane + 1))
  const rowY: number[] = []
  const rowBottom: number[] = []
  layout.rows.forEach((row, r) => {
    const count = lanes.get(r) ?? 0
    const gap =
      r === 0
        ? count
          ? 12 + (count - 1) * LANE + GAP_BOTTOM
          : 0
        : count
          ? GAP_TOP + (count - 1) * LANE + GAP_BOTTOM
          : GAP_EMPTY
    const y = (r === 0 ? MARGIN : (rowBottom[r - 1] ?? 0)) + gap + SYMBOL
    rowY.push(y)
    const labels = Math.max(0, ...row.map(n => n.labelHeight))
    rowBottom.push(y + SYMBOL + LABEL_GAP + labels + (strips.has(r) ? HOUSEHOLD_STRIP : 0))
  })
  return {
    rowY,
    rowBottom,
    laneY: seg => (rowY[seg.gap] ?? 0) - SYMBOL - GAP_BOTTOM - seg.lane * LANE,
  }
}

function strokeAttrs(style: Style, width = 2): [string, string | number | null][] {
  return [
    ['fill', 'none'],
    ['stroke', TEXT],
    ['stroke-width', width],
    ['stroke-dasharray', dashes[style]],
  ]
}

function symbolSvg(node: Node, scale = 1, emphasis = !!node.person.emphasis): string {
  const s = (v: number): number => v * scale
  const common = attrs([
    ['fill', emphasis ? EMPHASIS_FILL : WHITE],
    ['stroke', TEXT],
    ['stroke-width', emphasis ? 4 : 2],
  ])
  if (node.person.unborn)
    return `<path d="M0 ${num(s(-15))} L${num(s(15))} ${num(s(13))} L${num(s(-15))} ${num(s(13))} Z"${common}/>`
  if (node.person.sex === 'male')
    return `<rect x="${num(s(-20))}" y="${num(s(-20))}" width="${num(s(40))}" height="${num(s(40))}"${common}/>`
  if (node.person.sex === 'female') return `<circle cx="0" cy="0" r="${num(s(20))}"${common}/>`
  return `<path d="M0 ${num(s(-22))} L${num(s(22))} 0 L0 ${num(s(22))} L${num(s(-22))} 0 Z"${common}/>`
}

function textSvg(
  x: number,
  y: number,
  text: string,
  options: { size: number; fill?: string; bold?: boolean; italic?: boolean; anchor?: string },
): string {
  return `<text${attrs([
    ['x', x],
    ['y', y],
    ['font-size', options.size],
    ['fill', options.fill ?? TEXT],
    ['font-weight', options.bold ? 'bold' : null],
    ['font-style', options.italic ? 'italic' : null],
    ['text-anchor', options.anchor ?? null],
  ])}>${escapeXml(text)}</text>`
}

/** A polygon with rounded corners, as a path. */
function roundedPath(points: [number, number][], radius: number): string {
  const clean: [number, number][] = []
  for (const p of points) {
    const last = clean[clean.length - 1]
    if (!last || Math.abs(last[0] - p[0]) > 0.01 || Math.abs(last[1] - p[1]) > 0.01) clean.push(p)
  }
  const pts = clean.filter((p, i) => {
    const prev = clean[(i - 1 + clean.length) % clean.length] ?? p
    const next = clean[(i + 1) % clean.length] ?? p
    return !((prev[0] === p[0] && p[0] === next[0]) || (prev[1] === p[1] && p[1] === next[1]))
  })
  const n = pts.length
  if (n < 3) return ''
  const corner = (i: number): { a: [number, number]; v: [number, number]; b: [number, number] } => {
    const v = pts[i] ?? [0, 0]
    const prev = pts[(i - 1 + n) % n] ?? v
    const next = pts[(i + 1) % n] ?? v
    const toward = (p: [number, number]): [number, number] => {
      const d = Math.hypot(p[0] - v[0], p[1] - v[1]) || 1
      const r = Math.min(radius, d / 2)
      return [v[0] + ((p[0] - v[0]) / d) * r, v[1] + ((p[1] - v[1]) / d) * r]
    }
    return { a: toward(prev), v, b: toward(next) }
  }
  const first = corner(0)
  let d = `M${num(first.b[0])} ${num(first.b[1])}`
  for (let i = 1; i <= n; i++) {
    const c = corner(i % n)
    d += ` L${num(c.a[0])} ${num(c.a[1])} Q${num(c.v[0])} ${num(c.v[1])} ${num(c.b[0])} ${num(c.b[1])}`
  }
  return `${d} Z`
}

interface LegendItem {
  sample: (x: number, y: number) => string
  text: string
}

function legendItems(used: Set<string>): LegendItem[] {
  const line = (style: Style) => (x: number, y: number) =>
    `<path d="M${num(x)} ${num(y)} H${num(x + 36)}"${attrs(strokeAttrs(style))}/>`
  const shape =
    (sex: GenogramPerson['sex'], unborn = false, emphasis = false) =>
    (x: number, y: number) => {
      const node = { person: { sex, unborn, emphasis } } as Node
      return `<g transform="translate(${num(x + 18)} ${num(y)})">${symbolSvg(node, 0.6, emphasis)}</g>`
    }
  const all: [string, LegendItem][] = [
    ['male', { sample: shape('male'), text: 'Male' }],
    ['female', { sample: shape('female'), text: 'Female' }],
    ['unknown', { sample: shape('unknown'), text: 'Sex not known' }],
    ['unborn', { sample: shape('female', true), text: 'Unborn (pregnancy)' }],
    ['emphasis', { sample: shape('male', false, true), text: 'Thick outline: the child or person this is about' }],
    ['couple', { sample: line('solid'), text: 'Couple' }],
    [
      'separated',
      {
        sample: (x, y) =>
          `${line('solid')(x, y)}<path d="M${num(x + 12)} ${num(y + 7)} L${num(x + 18)} ${num(y - 7)} M${num(x + 18)} ${num(y + 7)} L${num(x + 24)} ${num(y - 7)}"${attrs(strokeAttrs('solid'))}/>`,
        text: 'Separated, or parents not together',
      },
    ],
    [
      'descent',
      {
        sample: (x, y) =>
          `<path d="M${num(x + 18)} ${num(y - 9)} V${num(y)} M${num(x + 4)} ${num(y + 9)} V${num(y)} H${num(x + 32)} V${num(y + 9)}"${attrs(strokeAttrs('solid'))}/>`,
        text: 'Parent and child',
      },
    ],
    ['sibling', { sample: line('solid'), text: 'Siblings (parents not shown)' }],
    ['grandparent', { sample: line('dashdot'), text: 'Grandparent (which parent is not recorded)' }],
    ['step-parent', { sample: line('dashed'), text: 'Step-parent' }],
    ['dotted', { sample: line('dotted'), text: 'Carer or other relationship' }],
    [
      'household',
      {
        sample: (x, y) =>
          `<rect${attrs([
            ['x', x],
            ['y', y - 9],
            ['width', 36],
            ['height', 18],
            ['rx', 5],
            ['fill', 'none'],
            ['stroke', HOUSEHOLD],
            ['stroke-width', 2],
            ['stroke-dasharray', '8 5'],
          ])}/>`,
        text: HOUSEHOLD_LABEL,
      },
    ],
    [
      'pr',
      {
        sample: (x, y) => textSvg(x + 18, y + 4, 'PR', { size: PR_SIZE, bold: true, anchor: 'middle' }),
        text: 'Has parental responsibility',
      },
    ],
  ]
  return all.filter(([key]) => used.has(key)).map(([, item]) => item)
}

export function renderGenogram(input: GenogramInput): string {
  // People (first of any repeated id) and the relationships between them.
  const byId = new Map<string, Node>()
  for (const person of input.people) {
    if (byId.has(person.id)) continue
    byId.set(person.id, {
      person,
      index: byId.size,
      household: !!person.inHousehold,
      gen: 0,
      row: 0,
      x: 0,
      left: SYMBOL,
      right: SYMBOL,
      extraLeft: 0,
      extraRight: 0,
      lines: [],
      labelHeight: 0,
      pr: false,
      hooks: { left: [], right: [] },
      arrivals: 0,
      related: false,
    })
  }
  const nodes = [...byId.values()]
  const known = new Set<string>(relationshipTypes)
  const rels: Rel[] = []
  input.relationships.forEach((r, index) => {
    const from = byId.get(r.fromId)
    const to = byId.get(r.toId)
    if (!from || !to || from === to) return
    const type: RelationshipType = known.has(r.type) ? r.type : 'other'
    rels.push({ from, to, type, index })
    from.related = true
    to.related = true
    if (r.parentalResponsibility) from.pr = true
  })
  const anyHousehold = nodes.some(n => n.household)

  assignGenerations(nodes, rels)

  // Labels and how much room each person needs.
  for (const node of nodes) {
    const { name, detail, unborn } = node.person
    const lines: LabelLine[] = wrap(name || 'Name not recorded', NAME_CHARS, 2).map(text => ({
      text,
      size: NAME_SIZE,
      bold: true,
      italic: false,
      fill: TEXT,
    }))
    if (unborn && !/unborn/i.test(`${name} ${detail ?? ''}`)) {
      lines.push({ text: 'Unborn', size: SMALL_SIZE, bold: false, italic: false, fill: TEXT })
    }
    for (const text of wrap(detail ?? '', DETAIL_CHARS, 2)) {
      lines.push({ text, size: SMALL_SIZE, bold: false, italic: false, fill: TEXT })
    }
    if (anyHousehold && !node.household) {
      lines.push({ text: 'Lives elsewhere', size: SMALL_SIZE, bold: false, italic: true, fill: SECONDARY })
    }
    node.lines = lines
    node.labelHeight = lines.reduce((h, l) => h + (l.size === NAME_SIZE ? NAME_LINE : SMALL_LINE), 0)
    const widest = Math.max(0, ...lines.map(l => textWidth(l.text, l.size, l.bold)))
    node.left = Math.max(symbolHalf(node), widest / 2)
    node.right = Math.max(symbolHalf(node) + (node.pr ? 4 + textWidth('PR', PR_SIZE, true) + 2 : 0), widest / 2)
  }

  const structure = buildStructure(nodes, rels)
  const rowCount = Math.max(0, ...nodes.map(n => n.row + 1))
  const rows: Node[][] = Array.from({ length: rowCount }, (_, r) => nodes.filter(n => n.row === r))
  const chainsByRow = rows.map(row => buildChains(row, structure))
  orderRows(rows, structure, chainsByRow)

  // Couples side by side are drawn with a line; others are joined over the top, their children hung from one.
  const coupleRight = new Map<Node, Couple>()
  for (const row of rows) {
    for (let i = 0; i + 1 < row.length; i++) {
      const a = row[i]
      const b = row[i + 1]
      const couple = a && b ? structure.coupleOf(a, b) : undefined
      if (a && couple) {
        couple.adjacent = true
        coupleRight.set(a, couple)
      }
    }
  }
  for (const couple of structure.couples) {
    if (couple.adjacent || couple.a.row !== couple.b.row) continue
    if (couple.partner || couple.ex) {
      structure.links.push({ a: couple.a, b: couple.b, kind: 'partner', separated: couple.separated })
    }
  }
  for (const unit of [...structure.units]) {
    if (!unit.couple || unit.couple.adjacent) continue
    const { a, b } = unit.couple
    const key = `p${a.index}@${unit.row}`
    const existing = structure.units.find(u => u.key === key)
    const target = existing ?? { ...unit, key, couple: null, parent: a, children: [] }
    if (!existing) structure.units.push(target)
    for (const child of unit.children) {
      target.children.push(child)
      structure.unitOf.set(child, target)
      structure.links.push({ a: b, b: child, kind: 'parent', separated: false })
    }
    structure.units.splice(structure.units.indexOf(unit), 1)
  }
  const dropCouples = new Set(structure.units.flatMap(u => (u.couple ? [u.couple] : [])))
  const layout: Layout = { rows, structure, chainsByRow, coupleRight, dropCouples, anyHousehold }

  placeRows(layout, true)

  // Which side each line leaves a person from: towards what it joins.
  // A solid line avoids the side with a partner (it would read as a second couple line); others keep the short way.
  const hook = (node: Node, towards: number, style: Style): void => {
    let side: Side = towards < node.x - 0.5 ? 'left' : 'right'
    let other: Side = side === 'left' ? 'right' : 'left'
    if (style === 'solid' && partnerOn(layout, node, side) && !partnerOn(layout, node, other)) {
      ;[side, other] = [other, side]
    }
    if (node.hooks[side].includes(style) || node.hooks[other].includes(style)) return
    node.hooks[side].push(style)
  }
  for (const unit of structure.units) if (unit.parent) hook(unit.parent, childrenCentre(unit), 'solid')
  for (const link of structure.links) {
    if (link.a.row === link.b.row) continue
    const [upper, lower] = link.a.row < link.b.row ? [link.a, link.b] : [link.b, link.a]
    hook(upper, lower.x, linkStyle[link.kind])
  }
  // Room for the household outline's label under its last generation: at the outline's left edge, running under
  // the first member's labels (no line runs down there), unless lines leave that member's left side.
  if (anyHousehold) {
    const labelWidth = textWidth(HOUSEHOLD_LABEL, SMALL_SIZE)
    rows.forEach((row, r) => {
      const first = row.find(n => n.household)
      if (!first || rows[r + 1]?.some(n => n.household)) return
      const column = first.left + first.right
      if (first.hooks.left.length) first.extraLeft = column >= labelWidth + 8 ? 0 : labelWidth + 2
      else first.extraLeft = Math.max(0, labelWidth + OUTLINE_PAD + 4 - column - CLEAR)
    })
  }
  placeRows(layout, false)

  const bands = householdBands(layout)
  const strips = new Set(bands.map(outline => outline[outline.length - 1]?.row ?? -1))
  const router = route(layout, bands)
  const metrics = verticalLayout(layout, router, strips)

  // Resolve every line to coordinates.
  const resolveY = (y: YRef): number => {
    if (y.kind === 'row') return (metrics.rowY[y.row] ?? 0) + y.dy
    if (y.kind === 'lane') {
      const seg = router.segments[y.seg]
      return seg ? metrics.laneY(seg) : 0
    }
    return (metrics.rowY[y.node.row] ?? 0) + symbolTop(y.node, y.dx)
  }
  const lines = router.drawings.map(d => ({
    ...d,
    resolved: d.polylines.map(pl => pl.map(p => [p.x, resolveY(p.y)] as [number, number])),
  }))

  // Household outlines.
  const outlines = bands.map(outline => {
    const top = (band: Band, i: number): number =>
      i === 0
        ? (metrics.rowY[band.row] ?? 0) - SYMBOL - OUTLINE_PAD
        : (metrics.rowBottom[band.row - 1] ?? 0) + OUTLINE_PAD
    const bottom = (band: Band): number => (metrics.rowBottom[band.row] ?? 0) + OUTLINE_PAD
    const points: [number, number][] = []
    outline.forEach((band, i) => {
      points.push([band.right, top(band, i)], [band.right, bottom(band)])
    })
    for (let i = outline.length - 1; i >= 0; i--) {
      const band = outline[i]
      if (band) points.push([band.left, bottom(band)], [band.left, top(band, i)])
    }
    const last = outline[outline.length - 1]
    const labelY = (metrics.rowBottom[last?.row ?? 0] ?? 0) - 4
    const labelW = textWidth(HOUSEHOLD_LABEL, SMALL_SIZE)
    const verticals = lines.flatMap(l =>
      l.resolved.flatMap(pl =>
        pl.slice(1).flatMap((p, i) => {
          const q = pl[i]
          return q && Math.abs(q[0] - p[0]) < 0.5 && Math.min(q[1], p[1]) < labelY && Math.max(q[1], p[1]) > labelY - 14
            ? [p[0]]
            : []
        }),
      ),
    )
    const members = (layout.rows[last?.row ?? 0] ?? []).filter(n => n.household)
    const candidates = last
      ? [
          last.left + OUTLINE_PAD,
          ...members.map(n => n.x - n.left),
          last.right - OUTLINE_PAD - labelW,
          (last.left + last.right - labelW) / 2,
        ]
      : [0]
    const fits = (x: number): boolean =>
      !!last &&
      x >= last.left + 6 &&
      x + labelW <= last.right - 6 &&
      verticals.every(v => v < x - 4 || v > x + labelW + 4)
    const labelX = candidates.find(fits) ?? candidates[0] ?? 0
    return { points, labelX, labelY }
  })

  // Extent of the drawing.
  const xs: number[] = []
  for (const node of nodes) xs.push(node.x - node.left - CLEAR, node.x + node.right + CLEAR)
  for (const l of lines) for (const pl of l.resolved) for (const p of pl) xs.push(p[0])
  for (const o of outlines) for (const p of o.points) xs.push(p[0])
  const minX = xs.length ? Math.min(...xs) : 0
  const maxX = xs.length ? Math.max(...xs) : 0
  const contentWidth = maxX - minX + 2 * MARGIN

  // The key.
  const used = new Set<string>()
  for (const node of nodes) {
    used.add(node.person.unborn ? 'unborn' : node.person.sex)
    if (node.person.emphasis) used.add('emphasis')
    if (node.pr) used.add('pr')
  }
  for (const d of router.drawings) {
    for (const kind of d.kind.split(' ')) {
      if (kind === 'partner') used.add(d.slashes.length ? 'separated' : 'couple')
      else if (kind === 'parent') used.add('descent')
      else if (kind === 'carer' || kind === 'other') used.add('dotted')
      else used.add(kind)
    }
  }
  if (outlines.length) used.add('household')
  const items = legendItems(used)
  const width = Math.max(contentWidth, MIN_VIEW_WIDTH)
  const bottomOfDrawing = Math.max(
    MARGIN,
    ...metrics.rowBottom,
    ...outlines.flatMap(o => o.points.map(p => p[1])),
    ...lines.flatMap(l => l.resolved.flatMap(pl => pl.map(p => p[1]))),
  )
  const legendTop = bottomOfDrawing + 36
  const legendParts: string[] = []
  let lx = MARGIN
  let ly = legendTop + 52
  for (const item of items) {
    const itemWidth = 36 + 8 + textWidth(item.text, SMALL_SIZE) + 24
    if (lx > MARGIN && lx + itemWidth > width - MARGIN) {
      lx = MARGIN
      ly += 32
    }
    legendParts.push(item.sample(lx, ly), textSvg(lx + 44, ly + 4.5, item.text, { size: SMALL_SIZE }))
    lx += itemWidth
  }
  const height = items.length ? ly + 26 : legendTop

  // Everything shifted so the drawing is centred in the view.
  const dx = (width - (maxX - minX)) / 2 - minX
  const X = (x: number): number => x + dx
  const pathOf = (pl: [number, number][]): string =>
    pl.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(X(p[0]))} ${num(p[1])}`).join(' ')

  const prefix = input.idPrefix
  const out: string[] = []
  out.push(
    `<svg${attrs([
      ['xmlns', 'http://www.w3.org/2000/svg'],
      ['viewBox', `0 0 ${num(width)} ${num(height)}`],
      ['width', '100%'],
      ['preserveAspectRatio', 'xMidYMin meet'],
      ['role', 'img'],
      ['aria-labelledby', `${prefix}-title ${prefix}-desc`],
      ['focusable', 'false'],
      ['class', 'app-genogram'],
      ['font-family', FONT],
      ['font-size', NAME_SIZE],
    ])}>`,
    `<title${attrs([['id', `${prefix}-title`]])}>${escapeXml(input.title)}</title>`,
    `<desc${attrs([['id', `${prefix}-desc`]])}>${escapeXml(describe(nodes, rels))}</desc>`,
    `<rect${attrs([
      ['x', 0],
      ['y', 0],
      ['width', width],
      ['height', height],
      ['fill', WHITE],
    ])}/>`,
  )

  if (outlines.length) {
    out.push('<g class="app-genogram__household">')
    for (const o of outlines) {
      out.push(
        `<path${attrs([
          [
            'd',
            roundedPath(
              o.points.map(p => [X(p[0]), p[1]]),
              OUTLINE_RADIUS,
            ),
          ],
          ['fill', 'none'],
          ['stroke', HOUSEHOLD],
          ['stroke-width', 2],
          ['stroke-dasharray', '8 5'],
        ])}/>`,
        textSvg(X(o.labelX), o.labelY, HOUSEHOLD_LABEL, { size: SMALL_SIZE, fill: HOUSEHOLD }),
      )
    }
    out.push('</g>')
  }

  out.push('<g class="app-genogram__lines">')
  for (const l of lines) {
    const d = l.resolved
      .filter(pl => pl.length > 1)
      .map(pathOf)
      .join(' ')
    out.push(
      `<path${attrs([
        ['class', `app-genogram__line app-genogram__line--${l.kind.split(' ')[0] ?? 'line'}`],
        ['data-kind', l.kind],
        ...l.attrs,
        ['d', d],
        ...strokeAttrs(l.style),
      ])}/>`,
    )
    for (const slash of l.slashes) {
      const ax = slash.from.x
      const ay = resolveY(slash.from.y)
      const bx = slash.to.x
      const by = resolveY(slash.to.y)
      const cx = X(ax + (bx - ax) * slash.t)
      const cy = ay + (by - ay) * slash.t
      const vertical = Math.abs(bx - ax) < Math.abs(by - ay)
      const marks = [-3.5, 3.5].map(o =>
        vertical
          ? `M${num(cx - 7)} ${num(cy + o + 6)} L${num(cx + 7)} ${num(cy + o - 6)}`
          : `M${num(cx + o - 6)} ${num(cy + 7)} L${num(cx + o + 6)} ${num(cy - 7)}`,
      )
      out.push(
        `<path${attrs([['class', 'app-genogram__separation'], ['d', marks.join(' ')], ...strokeAttrs('solid')])}/>`,
      )
    }
  }
  out.push('</g>')

  out.push('<g class="app-genogram__people">')
  for (const row of rows) {
    for (const node of row) {
      const y = metrics.rowY[node.row] ?? 0
      const shape = node.person.unborn
        ? 'triangle'
        : ({ male: 'square', female: 'circle', unknown: 'diamond' }[node.person.sex] ?? 'diamond')
      out.push(
        `<g${attrs([
          ['class', 'app-genogram__person'],
          ['data-person-id', node.person.id],
          ['data-shape', shape],
          ['data-household', String(node.household)],
          ['transform', `translate(${num(X(node.x))} ${num(y)})`],
        ])}>`,
        `<title>${escapeXml(node.person.name)}</title>`,
        symbolSvg(node),
      )
      if (node.pr) out.push(textSvg(symbolHalf(node) + 4, -9, 'PR', { size: PR_SIZE, bold: true }))
      let ty = SYMBOL + LABEL_GAP
      for (const line of node.lines) {
        const lh = line.size === NAME_SIZE ? NAME_LINE : SMALL_LINE
        out.push(
          textSvg(0, ty + lh - 4, line.text, {
            size: line.size,
            fill: line.fill,
            bold: line.bold,
            italic: line.italic,
            anchor: 'middle',
          }),
        )
        ty += lh
      }
      out.push('</g>')
    }
  }
  out.push('</g>')

  if (items.length) {
    out.push(
      '<g class="app-genogram__key">',
      `<path d="M${num(MARGIN)} ${num(legendTop)} H${num(width - MARGIN)}"${attrs([
        ['stroke', SECONDARY],
        ['stroke-width', 1],
      ])}/>`,
      textSvg(MARGIN, legendTop + 22, 'Key', { size: NAME_SIZE, bold: true }),
      ...legendParts,
      '</g>',
    )
  }
  out.push('</svg>')
  return out.join('')
}
