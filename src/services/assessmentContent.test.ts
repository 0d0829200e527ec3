import { describe, expect, it } from 'vitest'
import { presets } from '../practice-models/presets/index.js'
import {
  assessedPeople,
  contentOf,
  fields,
  snapshotOf,
  submissionProblems,
  suggestedType,
  type EntryText,
} from './assessmentContent.js'

// 003_e9f5ab6753ae1fa9.txt §5 (Theme 5): assessments found "descriptive, lacking analysis, no father's views in
// assessments". 001_cfe3ebe7e928b659.txt §4: "The assessment … must be used as the basis of identifying the current
// needs and risks associated with the family and the basis of an outcome focused … plan".

const derby = presets.derby
const member = (id: string, given: string, gender: string, role: string, leftOn: string | null = null) => ({
  person_id: id,
  given_name: given,
  family_name: 'Coulson',
  gender,
  role,
  left_on: leftOn,
})

const facts = {
  children: [{ person_id: 'amy', given_name: 'Amy', family_name: 'Coulson' }],
  members: [
    member('lisa', 'Lisa', '2', 'parent'),
    member('daniel', 'Daniel', '1', 'parent'),
    member('amy', 'Amy', '2', 'child'),
    member('gran', 'Gran', '2', 'carer'),
    member('old', 'Old', '1', 'parent', '2025-01-01'),
  ],
  relationships: [],
}

describe('who the assessment is written about', () => {
  it('takes the children in scope and the current parents and carers, naming the fathers', () => {
    const people = assessedPeople(facts)
    expect(people.children).toEqual([{ personId: 'amy', name: 'Amy Coulson', relation: 'child', father: false }])
    expect(people.parents).toEqual([
      { personId: 'lisa', name: 'Lisa Coulson', relation: 'mother', father: false },
      { personId: 'daniel', name: 'Daniel Coulson', relation: 'father', father: true },
      { personId: 'gran', name: 'Gran Coulson', relation: 'carer', father: false },
    ])
  })

  it('counts anyone recorded as a child’s father as a father, whatever their recorded gender', () => {
    const people = assessedPeople({
      ...facts,
      members: [member('sam', 'Sam', '0', 'parent')],
      relationships: [{ person_id: 'sam', type: 'father' }],
    })
    expect(people.parents).toEqual([{ personId: 'sam', name: 'Sam Coulson', relation: 'father', father: true }])
  })
})

describe('what stops an assessment being submitted', () => {
  const people = assessedPeople(facts)
  const complete = (): EntryText[] =>
    derby.assessment.sections.flatMap((section): EntryText[] => {
      const about = section.about ?? 'family'
      if (about === 'family')
        return [{ section: section.code, personId: null, body: 'Written', notRecordedReason: null }]
      const subjects = about === 'each_child' ? people.children : people.parents
      return subjects.map(person => ({
        section: section.code,
        personId: person.personId,
        body: 'Written',
        notRecordedReason: null,
      }))
    })
  const need = { needId: 'n1', description: 'Routines at bedtime', outcomeArea: 'family-relationships' }

  it('lets a complete assessment through', () => {
    expect(submissionProblems(contentOf(derby, people, complete(), [need]))).toEqual([])
  })

  it('names the father whose view is missing, and takes a reason instead of a view', () => {
    const withoutFather = complete().filter(entry => entry.personId !== 'daniel' || entry.section !== 'parents-views')
    expect(submissionProblems(contentOf(derby, people, withoutFather, [need]))).toEqual([
      {
        field: fields.entry('parents-views', 'daniel'),
        message: 'Enter Daniel Coulson’s view (the father), or why it could not be recorded',
      },
    ])
    const withReason = [
      ...withoutFather,
      {
        section: 'parents-views',
        personId: 'daniel',
        body: null,
        notRecordedReason: 'Three visits arranged; he did not come to any',
      },
    ]
    expect(submissionProblems(contentOf(derby, people, withReason, [need]))).toEqual([])
  })

  it('collects every problem at once: sections, each child, each parent, and needs with their outcome areas', () => {
    const problems = submissionProblems(contentOf(derby, people, [], []))
    expect(problems.map(problem => problem.message)).toEqual([
      "Enter the child's developmental needs for Amy Coulson",
      'Enter the parenting capacity',
      'Enter the family and environment',
      'Enter the voice of the child for Amy Coulson',
      'Enter Lisa Coulson’s view, or why it could not be recorded',
      'Enter Daniel Coulson’s view (the father), or why it could not be recorded',
      'Enter Gran Coulson’s view, or why it could not be recorded',
      'Enter the strengths',
      'Enter the analysis of needs and risks',
      'Enter at least one need the assessment identifies',
    ])
    const unmapped = submissionProblems(
      contentOf(derby, people, complete(), [need, { needId: null, description: 'Money', outcomeArea: '' }]),
      [1, 3],
    )
    expect(unmapped).toEqual([{ field: 'need-3-outcomeArea', message: 'Select the outcome area of need 3' }])
  })

  it('keeps the text of someone no longer in scope without asking for it', () => {
    const entries = [
      ...complete(),
      { section: 'parents-views', personId: 'old', body: 'Before he left', notRecordedReason: null },
    ]
    const content = contentOf(derby, people, entries, [need], new Map([['old', 'Old Coulson']]))
    expect(submissionProblems(content)).toEqual([])
    const views = snapshotOf(content, {
      type: { code: 'early-help-assessment', label: 'Early Help Assessment (EHA)' },
      startedOn: '2026-11-23',
      completingAgency: 'Early help',
    }).sections.find(section => section.code === 'parents-views')!
    expect(views.entries.map(entry => entry.name)).toEqual([
      'Lisa Coulson',
      'Daniel Coulson',
      'Gran Coulson',
      'Old Coulson',
    ])
  })
})

describe('the assessment type offered first', () => {
  it('is the model’s early help assessment, or its only type', () => {
    expect(suggestedType(presets.derby)).toBe('early-help-assessment')
    expect(suggestedType(presets.durham)).toBe('single-assessment')
    expect(suggestedType(presets.leeds)).toBe('early_help_assessment')
  })
})
