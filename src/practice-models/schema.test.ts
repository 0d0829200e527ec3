import { describe, expect, it } from 'vitest'
import { practiceModelChanges, upgradePracticeModel, validatePracticeModel } from './index.js'
import { presets } from './presets/index.js'
import { practiceModelSchema, type PanelDecisionAction, type PracticeModel } from './schema.js'

/** A fresh, mutable copy of the Derby preset. */
const derby = (): PracticeModel => structuredClone(practiceModelSchema.parse(presets.derby))

/** The problems a model has, as the admin pages show them: field path and message. */
function problems(candidate: unknown) {
  const result = validatePracticeModel(candidate)
  return 'errors' in result ? result.errors : []
}

/** A version 1 copy of a model, as earlier releases stored it: no action or service on its panel decisions. */
function version1(model: PracticeModel) {
  const copy = structuredClone(model) as unknown as {
    schemaVersion: number
    preset?: string
    panel: { decisions: Record<string, unknown>[] }
  }
  copy.schemaVersion = 1
  for (const decision of copy.panel.decisions) {
    delete decision.action
    delete decision.service
  }
  return copy
}

function decisionIndex(model: PracticeModel, code: string) {
  const index = model.panel.decisions.findIndex(decision => decision.code === code)
  if (index < 0) throw new Error(`No panel decision ${code}`)
  return index
}

function toolIndex(model: PracticeModel, code: string) {
  const index = model.progressionTools.findIndex(tool => tool.code === code)
  if (index < 0) throw new Error(`No tool ${code}`)
  return index
}

describe('practice model schema', () => {
  it.each(Object.entries(presets))('accepts the %s preset', (_, preset) => {
    expect(problems(preset)).toEqual([])
  })

  describe('progression tools', () => {
    it('refuses a tool naming an unknown concern category, at the path of the bad code', () => {
      const model = derby()
      const index = toolIndex(model, 'graded-care-profile')
      const tool = model.progressionTools[index]
      if (tool?.when !== 'where_concern') throw new Error('GCP is used where a concern is a feature')
      tool.concerns = ['neglect', 'neglekt']
      expect(problems(model)).toEqual([
        { field: `progressionTools.${index}.concerns.1`, message: 'Unknown concern category "neglekt"' },
      ])
    })

    it('refuses a tool before an unknown service or programme, naming it', () => {
      const model = derby()
      const index = toolIndex(model, 'rcads')
      const tool = model.progressionTools[index]
      if (tool?.when !== 'before_service') throw new Error('RCADS comes before a service')
      tool.services = ['cbt-team']
      tool.programmes = ['iapt-cbt', 'systemic']
      expect(problems(model)).toEqual([
        { field: `progressionTools.${index}.services.0`, message: 'Unknown service "cbt-team"' },
        { field: `progressionTools.${index}.programmes.1`, message: 'Unknown evidence-based programme "systemic"' },
      ])
    })

    it('refuses an alternative that is no tool of the model, or the tool itself', () => {
      const model = derby()
      const index = toolIndex(model, 'rcads')
      model.progressionTools[index]!.alternatives = ['score15', 'rcads']
      expect(problems(model)).toEqual([
        { field: `progressionTools.${index}.alternatives.0`, message: 'Unknown progression tool "score15"' },
        {
          field: `progressionTools.${index}.alternatives.1`,
          message: 'The tool "rcads" cannot be its own alternative',
        },
      ])
    })

    it('refuses a tool used before a service without saying which service, programme or work', () => {
      const model = derby()
      model.progressionTools.push({ code: 'sdq', label: 'SDQ', when: 'before_service' })
      expect(problems(model)).toEqual([
        {
          field: `progressionTools.${model.progressionTools.length - 1}.services`,
          message: 'Choose the services or programmes the tool comes before, or name the work',
        },
      ])
    })

    it('refuses a tool where a concern is a feature with no concern, and an unknown use', () => {
      const model = derby()
      const index = toolIndex(model, 'dvrim')
      const tool = model.progressionTools[index]
      if (tool?.when !== 'where_concern') throw new Error('DVRIM is used where a concern is a feature')
      tool.concerns = []
      const change = toolIndex(model, 'change-balloon')
      ;(model.progressionTools[change] as { when: string }).when = 'sometimes'
      const found = problems(model)
      expect(found).toContainEqual({
        field: `progressionTools.${index}.concerns`,
        message: 'Choose at least one concern category',
      })
      expect(found.find(problem => problem.field.startsWith(`progressionTools.${change}`))?.message).toMatch(
        /^Choose when the tool is used/,
      )
    })

    it('refuses two tools with the same code', () => {
      const model = derby()
      model.progressionTools.push({ code: 'spider-graph', label: 'Second spider graph', when: 'optional' })
      expect(problems(model)).toEqual([
        {
          field: `progressionTools.${model.progressionTools.length - 1}.code`,
          message: 'The code spider-graph is used twice',
        },
      ])
    })
  })

  describe('timescales', () => {
    it('refuses a case length aim longer than the case length without sign-off', () => {
      const model = derby()
      model.timescales.caseLengthAim.value = 13
      expect(problems(model)).toEqual([
        {
          field: 'timescales.caseLengthAim.value',
          message: 'The case length aim must not be longer than the case length without sign-off',
        },
      ])
    })

    it('accepts an aim equal to the maximum', () => {
      const model = derby()
      model.timescales.caseLengthAim.value = 12
      expect(problems(model)).toEqual([])
    })
  })

  // 000 CSE screening: "children over the age of 10 are screened … using the CSE Risk Assessment Toolkit". The age is
  // held on the tool (when: age_from) and as timescales.cseScreeningFromAge: the two must say the same.
  describe('the CSE screening age, held on its tool and as a timescale', () => {
    it.each(Object.entries(presets))('agrees in the %s preset', (_, preset) => {
      const model = practiceModelSchema.parse(preset)
      const cse = model.progressionTools.filter(tool => tool.when === 'age_from' && /cse/.test(tool.code))
      expect(cse).toHaveLength(1)
      expect(cse[0]).toMatchObject({ age: model.timescales.cseScreeningFromAge.value })
    })

    it('refuses a CSE screening tool from another age, naming the tool’s age', () => {
      const model = derby()
      const index = toolIndex(model, 'cse-screening')
      const tool = model.progressionTools[index]
      if (tool?.when !== 'age_from') throw new Error('CSE screening is by age')
      tool.age = 12
      expect(problems(model)).toEqual([
        {
          field: `progressionTools.${index}.age`,
          message:
            'The CSE screening "cse-screening" is used from age 12, but CSE screening from age ' +
            '(timescales.cseScreeningFromAge) is 10: make them the same',
        },
      ])
    })

    it('refuses a timescale changed without the tool, and accepts both changed together', () => {
      const model = derby()
      const index = toolIndex(model, 'cse-screening')
      model.timescales.cseScreeningFromAge.value = 11
      expect(problems(model).map(problem => problem.field)).toEqual([`progressionTools.${index}.age`])
      const tool = model.progressionTools[index]
      if (tool?.when !== 'age_from') throw new Error('CSE screening is by age')
      tool.age = 11
      expect(problems(model)).toEqual([])
    })

    it('knows the screening by its code in either spelling or by its label, and only a tool used from an age', () => {
      const model = derby()
      const base = { description: undefined, source: undefined }
      model.progressionTools.push(
        { ...base, code: 'cse_check', label: 'Check', when: 'age_from', age: 14 },
        { ...base, code: 'exploitation-screen', label: 'Child sexual exploitation screen', when: 'age_from', age: 9 },
        // Not the CSE screening: "cse" is not a word of its code, and nothing in its label says so.
        { ...base, code: 'course-check', label: 'Adolescent wellbeing', when: 'age_from', age: 13 },
        { ...base, code: 'cse-toolkit', label: 'CSE toolkit', when: 'optional' },
      )
      const count = model.progressionTools.length
      expect(problems(JSON.parse(JSON.stringify(model)))).toEqual([
        expect.objectContaining({ field: `progressionTools.${count - 4}.age` }),
        expect.objectContaining({ field: `progressionTools.${count - 3}.age` }),
      ])
    })
  })

  describe('levels of need', () => {
    it('refuses a level that does not say whether it is statutory', () => {
      const model = derby() as unknown as { levelsOfNeed: Record<string, unknown>[] }
      delete model.levelsOfNeed[0]!.statutory
      expect(problems(model)).toEqual([
        { field: 'levelsOfNeed.0.statutory', message: 'Say whether the level is statutory social care' },
      ])
    })

    it('refuses two levels with the same code', () => {
      const model = derby()
      model.levelsOfNeed[1]!.code = 'level-1'
      expect(problems(model)).toEqual([{ field: 'levelsOfNeed.1.code', message: 'The code level-1 is used twice' }])
    })
  })

  describe('panel decisions', () => {
    it('refuses a decision with an unknown service, naming its path', () => {
      const model = derby()
      const index = decisionIndex(model, 'childrens-centre')
      const decision = model.panel.decisions[index]
      if (decision?.action !== 'allocate') throw new Error("The children's centre decision allocates")
      decision.service = 'childrens-centres'
      expect(problems(model)).toEqual([
        { field: `panel.decisions.${index}.service`, message: 'Unknown service "childrens-centres"' },
      ])
    })

    it('refuses a service on a decision that opens no episode, and says so only when the service is the problem', () => {
      const model = derby()
      const index = decisionIndex(model, 'signpost')
      ;(model.panel.decisions[index] as Record<string, unknown>).service = 'childrens-centre'
      ;(model.panel.decisions[index + 1] as Record<string, unknown>).team = 'north'
      expect(problems(model)).toEqual([
        {
          field: `panel.decisions.${index}`,
          message: 'Only a decision that allocates or names a lead professional can name a service',
        },
        { field: `panel.decisions.${index + 1}`, message: 'Unrecognized key: "team"' },
      ])
    })

    it('refuses a decision that does not say what it does, or says something unknown', () => {
      const model = derby() as unknown as { panel: { decisions: Record<string, unknown>[] } }
      delete model.panel.decisions[0]!.action
      model.panel.decisions[1]!.action = 'refer'
      const message =
        'Choose what the decision does: allocate, lead_professional, social_care, signpost, advice, ' +
        'no_further_action, more_information'
      expect(problems(model)).toEqual([
        { field: 'panel.decisions.0.action', message },
        { field: 'panel.decisions.1.action', message },
      ])
    })

    it('refuses a panel none of whose decisions opens an episode, naming the decisions', () => {
      const model = derby()
      model.panel.decisions = model.panel.decisions.filter(
        decision => decision.action !== 'allocate' && decision.action !== 'lead_professional',
      )
      expect(model.panel.decisions.length).toBeGreaterThan(0)
      expect(problems(model)).toEqual([
        {
          field: 'panel.decisions',
          message: 'Add at least one panel decision that opens an early help episode: allocate or lead professional',
        },
      ])
    })

    it('accepts a panel whose only episode is led by a lead professional', () => {
      const model = derby()
      model.panel.decisions = model.panel.decisions.filter(decision => decision.action !== 'allocate')
      expect(problems(model)).toEqual([])
    })
  })

  describe('front door outcomes', () => {
    it('refuses an allocating outcome with an unknown service, naming its path', () => {
      const model = structuredClone(practiceModelSchema.parse(presets.durham))
      const index = model.frontDoor.outcomes.findIndex(outcome => outcome.code === 'early-help')
      const outcome = model.frontDoor.outcomes[index]
      if (outcome?.route !== 'allocate') throw new Error('Early help is allocated at the front door')
      outcome.service = 'one-point-service'
      expect(problems(model)).toEqual([
        { field: `frontDoor.outcomes.${index}.service`, message: 'Unknown service "one-point-service"' },
      ])
    })

    it('refuses a service on an outcome that does not allocate', () => {
      const model = derby()
      ;(model.frontDoor.outcomes[1] as Record<string, unknown>).service = 'childrens-centre'
      expect(problems(model)).toEqual([
        { field: 'frontDoor.outcomes.1', message: 'Only an outcome that allocates can name a service' },
      ])
    })
  })

  describe('upgrading a version 1 model', () => {
    it.each(Object.entries(presets))(
      'brings a version 1 copy of the %s preset back to the preset, actions and services included',
      (_, preset) => {
        const stored = version1(preset)
        const before = structuredClone(stored)
        const upgraded = upgradePracticeModel(stored)
        expect(upgraded).toEqual(preset)
        expect(practiceModelSchema.parse(upgraded)).toEqual(preset)
        expect(validatePracticeModel(stored)).toEqual({ model: preset })
        expect(stored).toEqual(before)
      },
    )

    it('infers what each decision does from its code when the model names no preset', () => {
      const stored = version1(derby())
      delete stored.preset
      const expected: [string, PanelDecisionAction][] = [
        ['targeted-early-help', 'allocate'],
        ['childrens-centre', 'allocate'],
        ['partner-led-taf', 'lead_professional'],
        ['advice-to-lead-professional', 'advice'],
        ['social-care-threshold-met', 'social_care'],
        ['signpost', 'signpost'],
        ['no-further-action', 'no_further_action'],
        ['more-information', 'more_information'],
        ['universal_support', 'signpost'],
        ['lead_practitioner', 'lead_professional'],
        ['specialist_service', 'allocate'],
        ['no_further_action', 'no_further_action'],
        ['more_information', 'more_information'],
      ]
      stored.panel.decisions = expected.map(([code]) => ({ code, label: code }))
      const result = validatePracticeModel(stored)
      if (!('model' in result)) throw new Error(JSON.stringify(result.errors))
      expect(result.model.schemaVersion).toBe(2)
      expect(result.model.panel.decisions).toEqual(expected.map(([code, action]) => ({ code, label: code, action })))
    })

    it('takes the preset’s action for a code the preset has, and infers the rest', () => {
      const stored = version1(derby())
      stored.panel.decisions.push({ code: 'lead-practitioner', label: 'Lead practitioner' })
      const upgraded = upgradePracticeModel(stored) as PracticeModel
      expect(upgraded.panel.decisions.map(decision => [decision.code, decision.action])).toEqual([
        ['targeted-early-help', 'allocate'],
        ['childrens-centre', 'allocate'],
        ['partner-led-taf', 'lead_professional'],
        ['advice-to-lead-professional', 'advice'],
        ['social-care-threshold-met', 'social_care'],
        ['signpost', 'signpost'],
        ['no-further-action', 'no_further_action'],
        ['more-information', 'more_information'],
        ['lead-practitioner', 'lead_professional'],
      ])
    })

    it('leaves out a preset’s service the stored model no longer has', () => {
      const stored = version1(derby()) as ReturnType<typeof version1> & { services: { code: string }[] }
      stored.services = stored.services.filter(service => service.code !== 'childrens-centre')
      const result = validatePracticeModel(stored)
      if (!('model' in result)) throw new Error(JSON.stringify(result.errors))
      const decision = result.model.panel.decisions[decisionIndex(result.model, 'childrens-centre')]
      expect(decision).toMatchObject({ action: 'allocate' })
      expect(decision).not.toHaveProperty('service')
    })

    it('keeps an action a version 1 decision already has', () => {
      const stored = version1(derby())
      stored.panel.decisions[0]!.action = 'lead_professional'
      const upgraded = upgradePracticeModel(stored) as PracticeModel
      expect(upgraded.panel.decisions[0]).toMatchObject({ code: 'targeted-early-help', action: 'lead_professional' })
      expect(upgraded.panel.decisions[0]).not.toHaveProperty('service')
    })

    it('leaves version 2 models and anything that is not a model as they are', () => {
      const current = derby()
      expect(upgradePracticeModel(current)).toBe(current)
      for (const other of [null, undefined, 'model', 1, [version1(derby())], { schemaVersion: 3 }])
        expect(upgradePracticeModel(other)).toBe(other)
      const unfinished = { schemaVersion: 1, name: 'Somewhere' }
      expect(upgradePracticeModel(unfinished)).toEqual({ schemaVersion: 2, name: 'Somewhere' })
    })
  })

  it('refuses two front door outcomes or closure grounds with the same code', () => {
    const model = derby()
    model.frontDoor.outcomes[1]!.code = model.frontDoor.outcomes[0]!.code
    model.closureGrounds[3]!.code = model.closureGrounds[0]!.code
    expect(problems(model).map(problem => problem.field)).toEqual([
      'frontDoor.outcomes.1.code',
      'closureGrounds.3.code',
    ])
  })

  it('requires the step up / step down model and the over-12-months sign-off', () => {
    const model = derby() as Partial<PracticeModel>
    delete model.stepUpStepDown
    model.overTwelveMonthsSignOff = { by: '' }
    expect(problems(model).map(problem => problem.field)).toEqual(['stepUpStepDown', 'overTwelveMonthsSignOff.by'])
  })

  it('keeps the panel and front door descriptions optional', () => {
    const model = derby()
    delete model.panel.description
    delete model.frontDoor.description
    expect(problems(model)).toEqual([])
  })

  it('accepts a model with no evidence-based programmes when no tool names one', () => {
    const model = derby()
    model.evidenceBasedProgrammes = []
    model.progressionTools = model.progressionTools.filter(tool => tool.when !== 'before_service')
    expect(problems(model)).toEqual([])
  })

  describe('the history of a change to a list', () => {
    it('records an added and a removed item by code, and a changed label by its path', () => {
      const before = derby()
      const after = derby()
      const [first, second] = after.services
      after.services = [{ ...first!, label: 'Renamed' }, ...after.services.slice(2), { code: 'new', label: 'New' }]
      expect(practiceModelChanges(before, after)).toEqual([
        { path: 'services.0.label', old: before.services[0]!.label, new: 'Renamed' },
        { path: `services.${after.services.length - 1}`, old: null, new: { code: 'new', label: 'New' } },
        { path: 'services.1', old: second, new: null },
      ])
    })
  })
})
