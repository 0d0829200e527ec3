import type { FieldError } from '../lib/errors.js'
import type { PracticeModel } from '../practice-models/schema.js'

// The whole-family assessment's content as pure data: who each section is written about, the form's field names,
// what a submission must hold, and the content as it stood (the version a manager decides on). No database here.

export type SectionAbout = 'family' | 'each_child' | 'each_parent'

/** A child in scope of the episode, or a current parent or carer of the family. */
export interface AssessedPerson {
  personId: string
  name: string
  /** How the assessment names them beside their name: child, father, mother, parent, carer, male carer. */
  relation: string
  /** 003 §5: "no father's views in assessments": a father's missing view is named as his. */
  father: boolean
}

/** What the family's records say about the people an assessment is written about. */
export interface PeopleFacts {
  children: { person_id: string; given_name: string; family_name: string }[]
  members: {
    person_id: string
    given_name: string
    family_name: string
    gender: string
    role: string
    left_on: string | null
  }[]
  relationships: { person_id: string; type: string }[]
}

/**
 * The children in scope of the episode, and the family's current parents and carers — fathers included, even when
 * they live apart: a father is a male parent or carer, or anyone recorded as a child's father.
 */
export function assessedPeople(facts: PeopleFacts): { children: AssessedPerson[]; parents: AssessedPerson[] } {
  const fathers = new Set(facts.relationships.filter(r => r.type === 'father').map(r => r.person_id))
  const mothers = new Set(facts.relationships.filter(r => r.type === 'mother').map(r => r.person_id))
  const name = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`
  return {
    children: facts.children.map(child => ({
      personId: child.person_id,
      name: name(child),
      relation: 'child',
      father: false,
    })),
    parents: facts.members
      .filter(member => member.left_on === null && (member.role === 'parent' || member.role === 'carer'))
      .map(member => {
        const male = member.gender === '1'
        const father = fathers.has(member.person_id) || male
        const relation = fathers.has(member.person_id)
          ? 'father'
          : mothers.has(member.person_id)
            ? 'mother'
            : member.role === 'parent'
              ? male
                ? 'father'
                : member.gender === '2'
                  ? 'mother'
                  : 'parent'
              : male
                ? 'male carer'
                : 'carer'
        return { personId: member.person_id, name: name(member), relation, father }
      }),
  }
}

/** The form's field names, which the services' field errors name too (pages and API alike). */
export const fields = {
  entry: (section: string, personId: string | null = null) =>
    personId ? `entry-${section}-${personId}` : `entry-${section}`,
  reason: (section: string, personId: string) => `reason-${section}-${personId}`,
  needId: (n: number) => `need-${n}-id`,
  needDescription: (n: number) => `need-${n}-description`,
  needOutcomeArea: (n: number) => `need-${n}-outcomeArea`,
}

export interface EntryText {
  section: string
  personId: string | null
  body: string | null
  notRecordedReason: string | null
}

export interface NeedText {
  needId: string | null
  description: string
  outcomeArea: string
}

export interface ContentEntry {
  personId: string | null
  name: string | null
  relation: string | null
  father: boolean
  body: string | null
  notRecordedReason: string | null
  /** The form field of the text, and of the reason a view could not be recorded (each parent only). */
  field: string
  reasonField: string | null
}

export interface ContentSection {
  code: string
  label: string
  description: string | null
  about: SectionAbout
  entries: ContentEntry[]
}

export interface ContentNeed {
  needId: string | null
  description: string
  outcomeArea: string
  outcomeAreaLabel: string
}

/** The assessment's sections, each with one entry per subject (the family, each child, each parent or carer). */
export interface AssessmentContent {
  sections: ContentSection[]
  needs: ContentNeed[]
}

/**
 * The content laid out by the model's sections for the people assessed now; someone who has an entry and is no
 * longer in scope (a parent who has left) keeps it, after the others.
 */
export function contentOf(
  model: Pick<PracticeModel, 'assessment' | 'outcomeAreas'>,
  people: { children: AssessedPerson[]; parents: AssessedPerson[] },
  entries: EntryText[],
  needs: NeedText[],
  formerNames: Map<string, string> = new Map(),
): AssessmentContent {
  const find = (section: string, personId: string | null) =>
    entries.find(entry => entry.section === section && entry.personId === personId)
  const sections = model.assessment.sections.map((section): ContentSection => {
    const about: SectionAbout = section.about ?? 'family'
    const base = { code: section.code, label: section.label, description: section.description ?? null, about }
    if (about === 'family') {
      const entry = find(section.code, null)
      return {
        ...base,
        entries: [
          {
            personId: null,
            name: null,
            relation: null,
            father: false,
            body: entry?.body ?? null,
            notRecordedReason: null,
            field: fields.entry(section.code),
            reasonField: null,
          },
        ],
      }
    }
    const subjects = about === 'each_child' ? people.children : people.parents
    const inScope = new Set(subjects.map(person => person.personId))
    const former = entries
      .filter(entry => entry.section === section.code && entry.personId && !inScope.has(entry.personId))
      .map((entry): AssessedPerson => ({
        personId: entry.personId!,
        name: formerNames.get(entry.personId!) ?? 'Someone no longer in the family',
        relation: 'no longer in scope',
        father: false,
      }))
    return {
      ...base,
      entries: [...subjects, ...former].map(person => {
        const entry = find(section.code, person.personId)
        return {
          personId: person.personId,
          name: person.name,
          relation: person.relation,
          father: person.father,
          body: entry?.body ?? null,
          notRecordedReason: about === 'each_parent' ? (entry?.notRecordedReason ?? null) : null,
          field: fields.entry(section.code, person.personId),
          reasonField: about === 'each_parent' ? fields.reason(section.code, person.personId) : null,
        }
      }),
    }
  })
  return {
    sections,
    needs: needs.map(need => ({
      needId: need.needId,
      description: need.description,
      outcomeArea: need.outcomeArea,
      outcomeAreaLabel: model.outcomeAreas.areas.find(area => area.code === need.outcomeArea)?.label ?? '',
    })),
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

/**
 * What stops the assessment being submitted, every problem at once: each family section written, each child's
 * sections written for every child in scope, each parent's and carer's view or why it could not be recorded — a
 * father's named as his (003 §5: "no father's views in assessments") — and at least one identified need, each
 * mapped to an outcome area (001 §4: the assessment is "the basis of identifying the current needs and risks").
 * `needRows` numbers each need as the form did (blank rows included).
 */
export function submissionProblems(content: AssessmentContent, needRows: (number | null)[] = []): FieldError[] {
  const errors: FieldError[] = []
  for (const section of content.sections) {
    for (const entry of section.entries) {
      if (entry.relation === 'no longer in scope') continue
      if (section.about === 'family' && !entry.body)
        errors.push({ field: entry.field, message: `Enter the ${lowerFirst(section.label)}` })
      else if (section.about === 'each_child' && !entry.body)
        errors.push({ field: entry.field, message: `Enter the ${lowerFirst(section.label)} for ${entry.name}` })
      else if (section.about === 'each_parent' && !entry.body && !entry.notRecordedReason)
        errors.push({
          field: entry.field,
          message: `Enter ${entry.name}’s view${entry.father ? ` (the ${entry.relation === 'male carer' ? 'male carer' : 'father'})` : ''}, or why it could not be recorded`,
        })
    }
  }
  if (content.needs.length === 0)
    errors.push({ field: fields.needDescription(1), message: 'Enter at least one need the assessment identifies' })
  content.needs.forEach((need, index) => {
    const n = needRows[index] ?? index + 1
    if (!need.outcomeAreaLabel)
      errors.push({ field: fields.needOutcomeArea(n), message: `Select the outcome area of need ${n}` })
  })
  return errors
}

/** The content as it stood, with people's names and the outcome areas' words: a version as submitted. */
export function snapshotOf(
  content: AssessmentContent,
  about: { type: { code: string; label: string }; startedOn: string; completingAgency: string },
) {
  return {
    type: about.type,
    startedOn: about.startedOn,
    completingAgency: about.completingAgency,
    sections: content.sections.map(section => ({
      code: section.code,
      label: section.label,
      about: section.about,
      entries: section.entries
        .filter(entry => entry.relation !== 'no longer in scope' || entry.body || entry.notRecordedReason)
        .map(entry => ({
          personId: entry.personId,
          name: entry.name,
          relation: entry.relation,
          father: entry.father,
          body: entry.body,
          notRecordedReason: entry.notRecordedReason,
        })),
    })),
    needs: content.needs.map(need => ({
      needId: need.needId,
      description: need.description,
      outcomeArea: need.outcomeArea,
      outcomeAreaLabel: need.outcomeAreaLabel,
    })),
  }
}

export type AssessmentSnapshot = ReturnType<typeof snapshotOf>

/**
 * The assessment type to offer first: the only one, or the one the model calls its early help assessment (Derby's
 * "Early Help Assessment (EHA)", Leeds' "Early Help Assessment", Durham's single assessment); none when unclear.
 */
export function suggestedType(model: Pick<PracticeModel, 'assessment' | 'vocabulary'>): string | null {
  const types = model.assessment.types
  if (types.length === 1) return types[0]!.code
  const word = model.vocabulary.earlyHelpAssessment.toLowerCase()
  const matching = types.filter(type => type.label.toLowerCase().startsWith(word))
  return matching.length === 1 ? matching[0]!.code : null
}
