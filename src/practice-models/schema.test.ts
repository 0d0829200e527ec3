import { describe, expect, it } from 'vitest'
import { validatePracticeModel } from './index.js'
import { presets } from './presets/index.js'
import { practiceModelSchema, type PracticeModel } from './schema.js'

/** A fresh, mutable copy of the Derby preset. */
const derby = (): PracticeModel => structuredClone(practiceModelSchema.parse(presets.derby))

/** The problems a model has, as the admin pages show them: field path and message. */
function problems(candidate: unknown) {
  const result = validatePracticeModel(candidate)
  return 'errors' in result ? result.errors : []
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
})
