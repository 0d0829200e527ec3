import { describe, expect, it } from 'vitest'
import { practiceModelSchema } from '../schema.js'
import { durhamPreset } from './durham.js'

// The seed: County Durham's Cabinet report "Early Help Strategy", 15 July 2015, 002_dd5017b3f4e336aa.txt.

/** Every `source` anywhere in the preset, with the path it sits at. */
function sources(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => sources(item, `${path}[${index}]`))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) =>
      key === 'source' && typeof item === 'string' ? [[path, item]] : sources(item, path ? `${path}.${key}` : key),
    )
  return []
}

describe('County Durham preset', () => {
  it('is a valid practice model', () => {
    const parsed = practiceModelSchema.parse(durhamPreset)
    expect(parsed.preset).toBe('durham')
    expect(parsed.schemaVersion).toBe(2)
    expect(parsed.name).toBe('Durham County Council')
  })

  it('cites only its own seed, by paragraph, list or figure', () => {
    const cited = sources(durhamPreset)
    expect(cited.length).toBeGreaterThan(30)
    for (const [path, source] of cited) expect(source, path).toMatch(/^002 (para|list|fig)/)
  })

  // 002_dd5017b3f4e336aa.txt para 13: "There are three locality based Early Help Forums which align with
  // Durham Constabulary Boundaries of North South and East"
  it('has the three areas North, South and East', () => {
    expect(durhamPreset.areas.kind).toBe('area')
    expect(durhamPreset.areas.names).toEqual(['North', 'South', 'East'])
    expect(durhamPreset.areas.source).toBe('002 para 13')
  })

  // 002_dd5017b3f4e336aa.txt para 55: "a proportionate decrease in families receiving support the higher up
  // the level of need they go with the largest cohort being at level 2 and the smallest at level 5"
  it('has the five levels of the continuum of need, in order', () => {
    expect(durhamPreset.levelsOfNeed.map(level => level.code)).toEqual([
      'level-1',
      'level-2',
      'level-3',
      'level-4',
      'level-5',
    ])
    durhamPreset.levelsOfNeed.forEach((level, index) => expect(level.label).toMatch(new RegExp(`^Level ${index + 1}:`)))
    expect(durhamPreset.levelsOfNeed[1]?.description).toContain('largest group')
    expect(durhamPreset.levelsOfNeed[4]?.description).toContain('smallest group')
  })

  // 002_dd5017b3f4e336aa.txt para 46(3): "Fewer re-referrals in to statutory services and services at
  // level 4 and 5 of our continuum of need"
  it('places levels 4 and 5 with statutory services and no lower level there', () => {
    const statutory = durhamPreset.levelsOfNeed.filter(level => level.description.startsWith('Statutory services'))
    expect(statutory.map(level => level.code)).toEqual(['level-4', 'level-5'])
    expect(durhamPreset.levelsOfNeed.filter(level => level.statutory).map(level => level.code)).toEqual([
      'level-4',
      'level-5',
    ])
    for (const level of durhamPreset.levelsOfNeed.slice(3)) expect(level.source).toMatch(/para 46\(/)
  })

  // 002_dd5017b3f4e336aa.txt para 27: "We will use a single but proportionate assessment model across all
  // levels of need and assessment." Para 29: "it replaced the Pre CAF, CAF, Initial and Core Assessments"
  it('comes in through the single assessment, the only assessment type', () => {
    expect(durhamPreset.wayIn.kind).toBe('single_assessment')
    expect(durhamPreset.wayIn.label).toBe('Single Assessment')
    expect(durhamPreset.vocabulary.earlyHelpAssessment).toBe('single assessment')
    expect(durhamPreset.assessment.types.map(type => type.code)).toEqual(['single-assessment'])
    const labels = JSON.stringify([durhamPreset.assessment.types, durhamPreset.wayIn.tools])
    expect(labels).not.toMatch(/"label":"(Pre CAF|CAF|Early help assessment)/i)
  })

  // 002_dd5017b3f4e336aa.txt para 27: "Help and assessment will be offered in tandem so that families are
  // not waiting for early help and support."
  it('allocates early help straight from the front door, without waiting for a panel', () => {
    const earlyHelp = durhamPreset.frontDoor.outcomes.find(outcome => outcome.code === 'early-help')
    expect(earlyHelp?.route).toBe('allocate')
    expect(earlyHelp?.source).toBe('002 para 27')
  })

  // 002_dd5017b3f4e336aa.txt para 31: "Durham's MASH launched in March 2015. This partnership arrangement will
  // ensure that effective information sharing and communication is achieved at the point of referral."
  it('has the MASH as its front door and calls a request a referral', () => {
    expect(durhamPreset.frontDoor.name).toBe('MASH')
    expect(durhamPreset.frontDoor.source).toBe('002 para 31')
    expect(durhamPreset.vocabulary.frontDoor).toBe('MASH')
    expect(durhamPreset.vocabulary.requestForSupport).toBe('referral')
    expect(new Set(durhamPreset.frontDoor.outcomes.map(outcome => outcome.route))).toEqual(
      new Set(['closed', 'signpost', 'allocate', 'panel', 'social_care', 'more_information']),
    )
  })

  // 002_dd5017b3f4e336aa.txt para 28: "We will, never do nothing." The seed sets no time: a chosen default.
  it('never does nothing: an undecided referral is flagged after one working day', () => {
    expect(durhamPreset.frontDoor.undecidedAfter).toEqual({ value: 1, unit: 'working_days' })
  })

  // 002_dd5017b3f4e336aa.txt para 28: "We will use our staircase model to adopt a 'step up- step down',
  // 'Think Family' approach so that families move smoothly between services"
  it("uses the staircase's words step up and step down, and escalation steps up", () => {
    expect(durhamPreset.vocabulary.stepUp).toBe('step up')
    expect(durhamPreset.vocabulary.stepDown).toBe('step down')
    expect(durhamPreset.closureGrounds.filter(ground => ground.stepUp).map(ground => ground.code)).toEqual([
      'risk-escalated',
    ])
    expect(durhamPreset.frontDoor.outcomes.find(outcome => outcome.route === 'social_care')?.label).toBe(
      "Step up to children's social care",
    )
  })

  // 002_dd5017b3f4e336aa.txt para 28: "We will use our staircase model to adopt a 'step up- step down', 'Think Family'
  // approach so that families move smoothly between services and a seamless offer of support is received at the right
  // level at the right time". Para 29: "The assessment aims to allow for a smoother seamless route for families through
  // services as need escalates or reduces."
  it('moves families up and down the staircase within an episode', () => {
    expect(durhamPreset.stepUpStepDown).toMatchObject({
      model: 'staircase',
      levelsMayChangeWithinEpisode: true,
      source: '002 para 28, para 29',
    })
    expect(durhamPreset.stepUpStepDown.description).toMatch(/^The staircase model: a 'step up - step down'/)
  })

  // 002_dd5017b3f4e336aa.txt para 37: "The Well Being Model has led to the commissioning of 10 early help resilience
  // workers in The One Point Service by Public Health to deliver Strengthening Families Programmes at an early and
  // preventative stage."
  it('offers the Strengthening Families Programme', () => {
    expect(durhamPreset.evidenceBasedProgrammes).toEqual([
      expect.objectContaining({
        code: 'strengthening-families',
        label: 'Strengthening Families Programme',
        source: '002 para 37',
      }),
    ])
  })

  // 002_dd5017b3f4e336aa.txt para 78: "An emphasis on neglect and its early identification at all levels of need." The
  // report names no tool, so the tools are DESIGN §5's and cite no Durham source.
  it("uses DESIGN's progression tools, the Graded Care Profile where neglect features, citing no Durham source", () => {
    const tools = Object.fromEntries(durhamPreset.progressionTools.map(tool => [tool.code, tool]))
    expect(tools['spider-graph']?.when).toBe('baseline_and_reviews')
    expect(tools['graded-care-profile']).toMatchObject({ when: 'where_concern', concerns: ['neglect'] })
    expect(tools['dash']).toMatchObject({ when: 'where_concern', concerns: ['domestic-abuse'] })
    expect(tools['cse-screening']).toMatchObject({
      when: 'age_from',
      age: durhamPreset.timescales.cseScreeningFromAge.value,
    })
    expect(sources(durhamPreset.progressionTools)).toEqual([])
    expect(sources(durhamPreset.overTwelveMonthsSignOff)).toEqual([])
  })

  // 002_dd5017b3f4e336aa.txt para 31: "Durham's MASH launched in March 2015. This partnership arrangement will ensure
  // that effective information sharing and communication is achieved at the point of referral."
  it("describes the MASH in the report's words", () => {
    expect(durhamPreset.frontDoor.description).toContain('effective information sharing and communication')
  })

  // 002_dd5017b3f4e336aa.txt para 46: "The Early Help Strategy has six overarching outcomes that we expect
  // to be delivered if the key ambitions and strategic actions are successfully implemented"
  it('measures the six overarching outcomes, in the order and words of para 46', () => {
    const { framework, areas, source } = durhamPreset.outcomeAreas
    expect(framework).toBe('Early Help Strategy: six overarching outcomes')
    expect(source).toBe('002 para 46')
    expect(areas).toHaveLength(6)
    expect(areas.map(area => area.label)).toEqual([
      'Fewer Looked After Children',
      'Fewer children subject to a Child Protection Plan',
      'Fewer re-referrals in to statutory services and services at level 4 and 5 of our continuum of need',
      'More children young people and their families achieving positive outcomes',
      'More families identified early and helped through universal, preventative and early help services',
      "A greater number of children being 'ready for school'",
    ])
    // The fifth is too long for a label; its description keeps the seed's words.
    expect(areas[4]?.description).toContain(
      'A greater number of families identified early and receiving help through our universal, preventative and early help services.',
    )
    areas.forEach((area, index) => expect(area.source).toMatch(new RegExp(`^002 para 46\\(${index + 1}\\)`)))
  })

  // 002_dd5017b3f4e336aa.txt para 78: "An emphasis on neglect and its early identification at all levels of need."
  it('names the concerns the report names, neglect first', () => {
    const codes = durhamPreset.concernCategories.map(concern => concern.code)
    expect(codes[0]).toBe('neglect')
    expect(codes).toEqual(expect.arrayContaining(['domestic-abuse', 'child-sexual-exploitation', 'school-attendance']))
  })

  // 002_dd5017b3f4e336aa.txt para 37 and 39: "The One Point Service"; para 20: "Stronger Families (Durham's
  // response to the national Troubled Families Programme)"
  it('offers the One Point Service and Stronger Families', () => {
    const services = durhamPreset.services.map(service => service.label)
    expect(services).toEqual(expect.arrayContaining(['One Point Service', 'Stronger Families']))
    expect(durhamPreset.panel.decisions.map(decision => decision.code)).toEqual(
      expect.arrayContaining(['allocate-one-point', 'allocate-stronger-families']),
    )
  })

  // 002_dd5017b3f4e336aa.txt para 27: help and assessment "in tandem so that families are not waiting"; para 37:
  // "The One Point Service"; para 20: Stronger Families. The report has no allocation panel: the rest are usual.
  it('says what each allocation meeting decision does, and sends early help at the MASH to One Point', () => {
    const service = (item: object) => ('service' in item ? item.service : undefined)
    expect(durhamPreset.panel.decisions.map(decision => [decision.code, decision.action, service(decision)])).toEqual([
      ['allocate-one-point', 'allocate', 'one-point'],
      ['allocate-stronger-families', 'allocate', 'stronger-families'],
      ['partner-led', 'lead_professional', undefined],
      ['social-care', 'social_care', undefined],
      ['signpost', 'signpost', undefined],
      ['no-further-action', 'no_further_action', undefined],
      ['more-information', 'more_information', undefined],
    ])
    expect(
      durhamPreset.frontDoor.outcomes
        .filter(outcome => outcome.route === 'allocate')
        .map(outcome => [outcome.code, service(outcome)]),
    ).toEqual([['early-help', 'one-point']])
  })

  // 002_dd5017b3f4e336aa.txt para 19: "ensuring that the voice and needs of the child are heard"
  it("assesses the whole family, with the child's voice and the parents' views", () => {
    const sections = durhamPreset.assessment.sections.map(section => section.code)
    expect(sections).toEqual(expect.arrayContaining(['voice-of-the-child', 'parents-views', 'family-environment']))
  })

  // The seed sets no timescales: DESIGN §4's national defaults, with no Durham source.
  it('uses the national early help timescales, citing no Durham source for them', () => {
    const { timescales } = durhamPreset
    expect(timescales.initialTaf.value).toBe(6)
    expect(timescales.tafReviewInterval.value).toBe(12)
    expect(timescales.cseScreening.value).toBe(6)
    expect(timescales.cseScreeningFromAge.value).toBe(10)
    expect(timescales.caseLengthAim.value).toBe(9)
    expect(timescales.caseLengthMaximum.value).toBe(12)
    expect(timescales.returnInterview).toEqual({ value: 72, unit: 'hours' })
    expect(timescales.reopeningWindow).toEqual({ value: 3, unit: 'months' })
    expect(sources(timescales)).toEqual([])
    expect(sources(durhamPreset.closureGrounds)).toEqual([])
  })
})
