import { childrenOf } from '../data/episodes.js'
import { membersOf } from '../data/people.js'
import { toolStages, type ToolStage } from '../data/schema.js'
import { insertSpiderGraphScores, spiderGraphsOf, type SpiderGraphRow } from '../data/spiderGraphs.js'
import { insertToolRecord } from '../data/tafMeetings.js'
import { formatDate, todayIn } from '../lib/dates.js'
import { NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { radarChart } from '../lib/radarChart.js'
import { can } from '../policies/index.js'
import type { PracticeModel } from '../practice-models/schema.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import { spiderGraphToolOf, toolRecordErrors, toolStageLabels } from './tafMeetings.js'

/** The lowest and highest score of a spider graph domain (DESIGN §5: "each scored 1–10"); 10 is going well. */
export const SPIDER_SCORE = { min: 1, max: 10 } as const

export type Direction = 'improving' | 'no_change' | 'worse'

export const directionLabels: Record<Direction, string> = {
  improving: 'Improving',
  no_change: 'No change',
  worse: 'Worse',
}

/** How the pages show a direction of travel: a coloured tag whose words say it too. */
export const directionTags: Record<Direction, { text: string; classes: string }> = {
  improving: { text: directionLabels.improving, classes: 'govuk-tag--green' },
  no_change: { text: directionLabels.no_change, classes: 'govuk-tag--grey' },
  worse: { text: directionLabels.worse, classes: 'govuk-tag--red' },
}

const directionOf = (change: number): Direction => (change > 0 ? 'improving' : change < 0 ? 'worse' : 'no_change')

interface Scored {
  domainCode: string
  domainLabel: string
  worker: number
}

/**
 * The direction of travel of a family's spider graph (DESIGN §5; 003 §2 counts "spider-graphs with an improving
 * direction of travel"): the latest worker's scores against the baseline's, per domain and overall. Overall is the
 * sum over the domains scored both times, so a domain added to the model later neither helps nor harms. This is
 * the one definition; the performance framework counts with it.
 */
export function directionOfTravel(baseline: readonly Scored[], latest: readonly Scored[]) {
  const before = new Map(baseline.map(score => [score.domainCode, score.worker]))
  const domains = latest.map(score => {
    const from = before.get(score.domainCode)
    return {
      domainCode: score.domainCode,
      domainLabel: score.domainLabel,
      baseline: from ?? null,
      latest: score.worker,
      change: from === undefined ? null : score.worker - from,
      direction: from === undefined ? null : directionOf(score.worker - from),
    }
  })
  const compared = domains.filter(domain => domain.change !== null)
  const change = compared.reduce((sum, domain) => sum + domain.change!, 0)
  return {
    domains,
    change,
    comparedDomains: compared.length,
    overall: compared.length === 0 ? null : directionOf(change),
  }
}

export interface SpiderGraphInput {
  stage: string | null
  completedOn: string | null
  completedWith: string
  familyViews: string
  summary: string
  parentPersonId: string | null
  childPersonId: string | null
  /** Per domain code, the scores as typed: the worker's, and the parent's and child's where they gave them. */
  scores: Record<string, Partial<Record<Scorer, string>> | undefined>
}

/** The score as typed, as a whole number from 1 to 10, or the reason it is not one. */
function parseScore(raw: string | undefined): { score: number | null; problem: 'missing' | 'invalid' | null } {
  const text = (raw ?? '').trim()
  if (!text) return { score: null, problem: 'missing' }
  if (!/^\d+$/.test(text)) return { score: null, problem: 'invalid' }
  const score = Number(text)
  if (score < SPIDER_SCORE.min || score > SPIDER_SCORE.max) return { score: null, problem: 'invalid' }
  return { score, problem: null }
}

export const scorerKinds = ['worker', 'parent', 'child'] as const
export type Scorer = (typeof scorerKinds)[number]

/** The form's field (and its id) for one domain's score, e.g. `score-health-worker`. */
export const scoreField = (domainCode: string, scorer: Scorer) => `score-${domainCode}-${scorer}`

/** The spider graph: scored by the worker with the family, drawn as a radar chart with its direction of travel (issue 9). */
export function createSpiderGraphService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology, practiceModels } = deps

  /** The model's spider graph tool, or a 404 where the authority does not use one. */
  function spiderGraphTool(model: PracticeModel) {
    const tool = spiderGraphToolOf(model)
    if (!tool) throw new NotFoundError('This authority does not use a spider graph')
    return tool
  }

  /** The family's current parents and carers, and the children in scope of the episode: who may score. */
  async function scorers(authorityId: string, episode: { episode_id: string; family_id: string }) {
    const [members, children] = await Promise.all([
      membersOf(db, authorityId, episode.family_id),
      childrenOf(db, authorityId, episode.episode_id),
    ])
    const name = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`
    return {
      parents: members
        .filter(member => member.left_on === null && (member.role === 'parent' || member.role === 'carer'))
        .map(member => ({ personId: member.person_id, name: name(member) })),
      children: children
        .filter(child => child.date_of_birth !== null)
        .map(child => ({ personId: child.person_id, name: name(child) })),
    }
  }

  /** The baseline (the first at the baseline stage, or else the first) and the latest after it, with the direction. */
  function compare(graphs: SpiderGraphRow[]) {
    const baseline = graphs.find(graph => graph.stage === 'baseline') ?? graphs[0] ?? null
    const later = baseline
      ? graphs.filter(graph => graph !== baseline && graph.completedOn >= baseline.completedOn)
      : []
    const latest = later.at(-1) ?? null
    return {
      baseline,
      latest,
      direction: baseline && latest ? directionOfTravel(baseline.scores, latest.scores) : null,
    }
  }

  return {
    directionOfTravel,

    /** The episode's spider graphs, the chart of the baseline and the latest, and the direction of travel. */
    async view(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const { model } = await practiceModels.get(authorityId)
      const tool = spiderGraphTool(model)
      const graphs = await spiderGraphsOf(db, authorityId, episodeId, tool.code)
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const { baseline, latest, direction } = compare(graphs)
      const stages = toolStageLabels(model)
      const shown = [baseline, latest].filter(graph => graph !== null)
      // The chart's axes are the domains of the graphs it shows, in the order they were asked.
      const axes = [...new Map(shown.flatMap(graph => graph.scores.map(s => [s.domainCode, s.domainLabel]))).entries()]
      const chartOf = (graph: SpiderGraphRow, label: string) => ({
        label,
        values: axes.map(([code]) => graph.scores.find(score => score.domainCode === code)?.worker ?? null),
      })
      const series = [
        ...(baseline ? [chartOf(baseline, `Baseline, ${formatDate(baseline.completedOn)}`)] : []),
        ...(latest ? [chartOf(latest, `${stages[latest.stage]}, ${formatDate(latest.completedOn)}`)] : []),
      ]
      return {
        episode,
        model,
        tool,
        graphs: graphs.map(graph => ({ ...graph, stageLabel: stages[graph.stage] })).reverse(),
        baseline,
        latest,
        direction,
        chart:
          series.length > 0
            ? radarChart({ axes: axes.map(([, label]) => label), max: SPIDER_SCORE.max, series })
            : null,
        canRecord:
          can(ctx.actor, 'episode:work', resource) && episode.status === 'open' && episode.worker_user_id !== null,
      }
    },

    /** The form's questions: the model's domains, who may give their own scores, the stages, the stage to suggest. */
    async form(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const tool = spiderGraphTool(model)
      const [people, graphs] = await Promise.all([
        scorers(authorityId, episode),
        spiderGraphsOf(db, authorityId, episodeId, tool.code),
      ])
      const hasBaseline = graphs.some(graph => graph.stage === 'baseline')
      return {
        episode,
        model,
        tool,
        domains: model.spiderGraphDomains,
        ...people,
        stages: toolStages,
        stageLabels: toolStageLabels(model),
        suggestedStage: (hasBaseline ? 'review' : 'baseline') satisfies ToolStage,
        today: todayIn(clock.now()),
      }
    },

    /**
     * Records a spider graph completed with the family (001 §4: "completed by the allocated worker in partnership
     * with the family"): every domain scored by the worker, and a parent's or child's own scores where they gave
     * them. Not edited afterwards: a later graph is a new record, so the direction of travel can be shown.
     */
    async record(ctx: RequestContext, episodeId: string, input: SpiderGraphInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const tool = spiderGraphTool(model)
      const people = await scorers(authorityId, episode)
      const { errors, stage } = toolRecordErrors(episode, input, todayIn(clock.now()), 'stage')
      const parent = people.parents.find(person => person.personId === input.parentPersonId) ?? null
      const child = people.children.find(person => person.personId === input.childPersonId) ?? null
      if (input.parentPersonId && !parent)
        errors.push({ field: 'parentPersonId', message: 'Select a parent or carer of the family' })
      if (input.childPersonId && !child)
        errors.push({ field: 'childPersonId', message: 'Select a child the episode is about' })
      for (const code of Object.keys(input.scores))
        if (!model.spiderGraphDomains.some(domain => domain.code === code))
          errors.push({ field: scoreField(code, 'worker'), message: `There is no area “${code}” in the spider graph` })
      const scores = model.spiderGraphDomains.map(domain => {
        const typed = input.scores[domain.code] ?? {}
        const score = (scorer: Scorer, who: string, required: boolean) => {
          const { score: value, problem } = parseScore(typed[scorer])
          const error = (message: string): FieldError => ({ field: scoreField(domain.code, scorer), message })
          if (problem === 'invalid')
            errors.push(
              error(
                `${who.charAt(0).toUpperCase()}${who.slice(1)} score for ${domain.label} must be a whole number from 1 to 10`,
              ),
            )
          else if (problem === 'missing' && required)
            errors.push(error(`Enter ${who} score for ${domain.label}, a whole number from 1 to 10`))
          return value
        }
        const parentScore = score('parent', parent ? `${parent.name}’s` : 'the parent’s', parent !== null)
        const childScore = score('child', child ? `${child.name}’s` : 'the child’s', child !== null)
        if (parentScore !== null && !parent && !input.parentPersonId)
          errors.push({ field: 'parentPersonId', message: 'Select the parent or carer who gave their own scores' })
        if (childScore !== null && !child && !input.childPersonId)
          errors.push({ field: 'childPersonId', message: 'Select the child who gave their own scores' })
        return {
          domainCode: domain.code,
          domainLabel: domain.label,
          worker: score('worker', 'the worker’s', true),
          parent: parentScore,
          child: childScore,
        }
      })
      // One message per field, in the order the page asks.
      const unique = errors.filter(
        (error, index) =>
          errors.findIndex(other => other.field === error.field && other.message === error.message) === index,
      )
      if (unique.length > 0) throw new ValidationError(unique)
      return access.transaction(async trx => {
        const at = clock.now()
        const toolRecordId = await insertToolRecord(trx, {
          authorityId,
          episodeId,
          tool: tool.code,
          stage: stage!,
          completedOn: input.completedOn!,
          completedWith: input.completedWith.trim(),
          summary: input.summary.trim() || null,
          familyViews: input.familyViews.trim() || null,
          parentPersonId: parent?.personId ?? null,
          childPersonId: child?.personId ?? null,
          by: ctx.actor.userId,
          at,
        })
        await insertSpiderGraphScores(
          trx,
          authorityId,
          toolRecordId,
          scores.map(score => ({ ...score, worker: score.worker! })),
        )
        const earlier = await spiderGraphsOf(trx, authorityId, episodeId, tool.code)
        const { direction } = compare(earlier)
        const children = await childrenOf(trx, authorityId, episodeId)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(one => one.person_id),
          occurredOn: input.completedOn!,
          category: 'Early help',
          summary:
            `${tool.label} completed with ${input.completedWith.trim()}: ` +
            `${toolStageLabels(model)[stage!].charAt(0).toLowerCase()}${toolStageLabels(model)[stage!].slice(1)}` +
            (direction?.overall ? `; direction of travel ${directionLabels[direction.overall].toLowerCase()}` : ''),
          detail: input.summary.trim() || null,
          event: chronologyEvents.toolCompleted,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
        return toolRecordId
      })
    },

    /** For the case page, whose caller may already read the episode: the latest direction of travel, if any. */
    async forCase(authorityId: string, episodeId: string, model: PracticeModel) {
      const tool = spiderGraphToolOf(model)
      if (!tool) return null
      const graphs = await spiderGraphsOf(db, authorityId, episodeId, tool.code)
      const { latest, direction } = compare(graphs)
      return {
        label: tool.label,
        count: graphs.length,
        latestOn: latest?.completedOn ?? null,
        overall: direction?.overall ?? null,
      }
    },
  }
}
