import { childrenOf } from '../data/episodes.js'
import {
  insertInstrumentRecord,
  instrumentRecordsOf,
  type InstrumentRecordRow,
  type InstrumentResultValue,
} from '../data/instrumentResults.js'
import { membersOf } from '../data/people.js'
import { toolStages, type ToolStage } from '../data/schema.js'
import { todayIn } from '../lib/dates.js'
import { NotFoundError, ValidationError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { PracticeModel } from '../practice-models/schema.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import {
  GCP2_OVERALL_FIELD,
  gcp2Areas,
  rcadsBand,
  rcadsScales,
  SCORE15,
  score15Dimensions,
  score15Field,
  scoreScore15,
  validateGcp2,
  validateRcads,
  validateScore15,
  type RcadsBand,
  type Validated,
} from './instruments.js'
import { toolRecordErrors, toolStageLabels } from './tafMeetings.js'

/** The licensed instruments whose results Tandem records on a form of its own, as the practice model names them. */
export const resultInstruments = ['graded-care-profile-2', 'rcads', 'score-15'] as const
export type ResultInstrument = (typeof resultInstruments)[number]

export const isResultInstrument = (value: string): value is ResultInstrument =>
  (resultInstruments as readonly string[]).includes(value)

export const rcadsBandLabels: Record<RcadsBand, string> = {
  normal: 'Normal',
  borderline: 'Borderline',
  clinical: 'Clinical',
}

/** How the pages show an RCADS band: a coloured tag whose words say it too. */
export const rcadsBandTags: Record<RcadsBand, { text: string; classes: string }> = {
  normal: { text: rcadsBandLabels.normal, classes: 'govuk-tag--green' },
  borderline: { text: rcadsBandLabels.borderline, classes: 'govuk-tag--yellow' },
  clinical: { text: rcadsBandLabels.clinical, classes: 'govuk-tag--red' },
}

/** One box of an instrument's form: its field (and id) and its label. */
export interface InstrumentBox {
  field: string
  label: string
}

interface InstrumentDefinition {
  /** The instrument's own name, as a chronology entry reads. */
  name: string
  /** GCP2 and RCADS are about one child of the episode; SCORE-15 is answered by one family member. */
  subject: 'child' | 'member'
  boxes: InstrumentBox[]
  /** The results in form order, or a GOV.UK error for each box: the instrument's own validation. */
  validate(raw: Record<string, unknown>): Validated<InstrumentResultValue[]>
  /** What the chronology entry ends with: the headline result. */
  headline(values: ReadonlyMap<string, number>): string
}

/** A SCORE-15 mean (1 to 5) as the pages and the chronology show it: to two decimal places, without trailing zeros. */
export const formatScore15 = (mean: number) => String(Number(mean.toFixed(2)))

/** The fifteen answers, items 1 to 15, from a record's results. */
const score15Answers = (values: ReadonlyMap<string, number>) =>
  Array.from({ length: SCORE15.items }, (_unused, index) => values.get(score15Field(index + 1)) ?? NaN)

const definitions: Record<ResultInstrument, InstrumentDefinition> = {
  'graded-care-profile-2': {
    name: 'Graded Care Profile 2',
    subject: 'child',
    boxes: [
      ...gcp2Areas.map(area => ({ field: area.code, label: area.label })),
      { field: GCP2_OVERALL_FIELD, label: 'Overall grade' },
    ],
    validate(raw) {
      const checked = validateGcp2(raw)
      if (!checked.ok) return checked
      return {
        ok: true,
        value: [
          ...gcp2Areas.map(area => ({ item: area.code, value: checked.value.areas[area.code] })),
          { item: GCP2_OVERALL_FIELD, value: checked.value.overall },
        ],
      }
    },
    headline: values => `overall grade ${values.get(GCP2_OVERALL_FIELD)}`,
  },
  rcads: {
    name: 'RCADS',
    subject: 'child',
    boxes: rcadsScales.map(scale => ({ field: scale.code, label: scale.label })),
    validate(raw) {
      const checked = validateRcads(raw)
      if (!checked.ok) return checked
      return { ok: true, value: rcadsScales.map(scale => ({ item: scale.code, value: checked.value[scale.code] })) }
    },
    headline(values) {
      const total = values.get('totalAnxietyAndDepression')!
      return `total anxiety and depression ${total} (${rcadsBandLabels[rcadsBand(total)].toLowerCase()})`
    },
  },
  'score-15': {
    name: 'SCORE-15',
    subject: 'member',
    boxes: Array.from({ length: SCORE15.items }, (_unused, index) => ({
      field: score15Field(index + 1),
      label: `Question ${index + 1}`,
    })),
    validate(raw) {
      const checked = validateScore15(raw)
      if (!checked.ok) return checked
      return { ok: true, value: checked.value.map((value, index) => ({ item: score15Field(index + 1), value })) }
    },
    headline: values => `total ${formatScore15(scoreScore15(score15Answers(values)).total)}`,
  },
}

/** The instrument's boxes, in form order, for a route's form schema and error summary. */
export const instrumentBoxes = (instrument: ResultInstrument) => definitions[instrument].boxes

export interface InstrumentResultInput {
  stage: string | null
  completedOn: string | null
  completedWith: string
  summary: string
  subjectPersonId: string | null
  /** The instrument's boxes by field (SCORE-15 `item1` … `item15`; RCADS and GCP2 by code), as typed or as numbers. */
  values: Record<string, unknown>
}

/** The tool of the model that records this instrument; a 404 where the authority does not use it. */
function toolOf(model: PracticeModel, instrument: string) {
  const tool = isResultInstrument(instrument)
    ? model.progressionTools.find(known => known.instrument === instrument)
    : undefined
  if (!tool) throw new NotFoundError('This authority does not record that instrument')
  return { tool, instrument: instrument as ResultInstrument, definition: definitions[instrument as ResultInstrument] }
}

/** A record's results as the pages and the API show them: labelled, RCADS with its band, SCORE-15 with its scores. */
function withScores(record: InstrumentRecordRow, instrument: ResultInstrument, stageLabels: Record<ToolStage, string>) {
  const { boxes } = definitions[instrument]
  const values = new Map(record.results.map(result => [result.item, result.value]))
  const results = record.results.map(result => {
    const band = instrument === 'rcads' ? rcadsBand(result.value) : null
    return {
      ...result,
      label: boxes.find(box => box.field === result.item)?.label ?? result.item,
      band,
      bandTag: band ? rcadsBandTags[band] : null,
    }
  })
  const answers = instrument === 'score-15' ? score15Answers(values) : []
  const complete = answers.length === SCORE15.items && answers.every(answer => Number.isInteger(answer))
  const scored = complete ? scoreScore15(answers) : null
  return {
    ...record,
    stageLabel: stageLabels[record.stage],
    results,
    score15: scored
      ? {
          total: scored.total,
          totalText: formatScore15(scored.total),
          subscales: score15Dimensions.map(dimension => ({
            code: dimension.code,
            label: dimension.label,
            score: scored.subscales[dimension.code],
            scoreText: formatScore15(scored.subscales[dimension.code]),
          })),
        }
      : null,
  }
}

/**
 * The results of the licensed instruments a worker completes with the family (issue 9; 001 §4: "progression of change
 * tool (these include spider-graphs, RCADS, Score 15 and Graded-care Profile …)"): Graded Care Profile 2's grades,
 * RCADS's T-scores with their bands, SCORE-15's answers with its total and dimensions.
 */
export function createInstrumentResultService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology, practiceModels } = deps

  /** Who the instrument may be about: the episode's children (born), or the family's current members (born). */
  async function subjectsOf(
    authorityId: string,
    episode: { episode_id: string; family_id: string },
    definition: InstrumentDefinition,
  ) {
    const name = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`
    if (definition.subject === 'child') {
      const children = await childrenOf(db, authorityId, episode.episode_id)
      return children
        .filter(child => child.date_of_birth !== null)
        .map(child => ({ personId: child.person_id, name: name(child) }))
    }
    // AFT: SCORE-15 is for family members aged 12 or over; the worker knows who answered, so Tandem does not check.
    const members = await membersOf(db, authorityId, episode.family_id)
    return members
      .filter(member => member.left_on === null && member.date_of_birth !== null)
      .map(member => ({ personId: member.person_id, name: name(member) }))
  }

  return {
    /** The episode's records of the instrument, oldest first, with RCADS bands and SCORE-15's computed scores. */
    async view(ctx: RequestContext, episodeId: string, instrumentCode: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const { model } = await practiceModels.get(authorityId)
      const { tool, instrument, definition } = toolOf(model, instrumentCode)
      const records = await instrumentRecordsOf(db, authorityId, episodeId, tool.code)
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const stageLabels = toolStageLabels(model)
      return {
        episode,
        model,
        tool,
        instrument,
        name: definition.name,
        subjectKind: definition.subject,
        boxes: definition.boxes,
        records: records.map(record => withScores(record, instrument, stageLabels)),
        canRecord:
          can(ctx.actor, 'episode:work', resource) && episode.status === 'open' && episode.worker_user_id !== null,
      }
    },

    /** The form's questions: the stages, who the instrument may be about, and the instrument's boxes. */
    async form(ctx: RequestContext, episodeId: string, instrumentCode: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const { tool, instrument, definition } = toolOf(model, instrumentCode)
      const [subjects, records] = await Promise.all([
        subjectsOf(authorityId, episode, definition),
        instrumentRecordsOf(db, authorityId, episodeId, tool.code),
      ])
      return {
        episode,
        model,
        tool,
        instrument,
        name: definition.name,
        subjectKind: definition.subject,
        subjects,
        boxes: definition.boxes,
        stages: toolStages,
        stageLabels: toolStageLabels(model),
        suggestedStage: (records.some(record => record.stage === 'baseline') ? 'review' : 'baseline') as ToolStage,
        today: todayIn(clock.now()),
      }
    },

    /**
     * Records an instrument completed with the family (001 §4: "completed by the allocated worker in partnership with
     * the family"): its results as the instrument gives them, and whom it is about. Every problem is reported
     * together; nothing is written unless all is well. Not edited afterwards: a later one is a new record.
     */
    async record(ctx: RequestContext, episodeId: string, instrumentCode: string, input: InstrumentResultInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const { tool, definition } = toolOf(model, instrumentCode)
      const subjects = await subjectsOf(authorityId, episode, definition)
      const { errors, stage } = toolRecordErrors(episode, input, todayIn(clock.now()), 'stage')
      const subject = subjects.find(person => person.personId === input.subjectPersonId) ?? null
      if (!subject)
        errors.push({
          field: 'subjectPersonId',
          message:
            definition.subject === 'child'
              ? `Select the child the ${definition.name} is about`
              : `Select the family member who completed the ${definition.name}`,
        })
      const checked = definition.validate(input.values)
      if (!checked.ok) errors.push(...checked.errors)
      if (errors.length > 0 || !checked.ok) throw new ValidationError(errors)
      const results = checked.value
      return access.transaction(async trx => {
        const at = clock.now()
        const completedWith = input.completedWith.trim()
        const toolRecordId = await insertInstrumentRecord(trx, {
          authorityId,
          episodeId,
          tool: tool.code,
          stage: stage!,
          completedOn: input.completedOn!,
          completedWith,
          summary: input.summary.trim() || null,
          subjectPersonId: subject!.personId,
          results,
          by: ctx.actor.userId,
          at,
        })
        const children = await childrenOf(trx, authorityId, episodeId)
        const stageLabel = toolStageLabels(model)[stage!]
        const who =
          definition.subject === 'child'
            ? `${definition.name} for ${subject!.name} completed with ${completedWith}`
            : `${definition.name} completed by ${subject!.name}`
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds:
            definition.subject === 'child'
              ? [subject!.personId]
              : [...new Set([subject!.personId, ...children.map(child => child.person_id)])],
          occurredOn: input.completedOn!,
          category: 'Early help',
          summary:
            `${who}: ${stageLabel.charAt(0).toLowerCase()}${stageLabel.slice(1)}; ` +
            definition.headline(new Map(results.map(result => [result.item, result.value]))),
          detail: input.summary.trim() || null,
          event: chronologyEvents.toolCompleted,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
        return toolRecordId
      })
    },
  }
}
