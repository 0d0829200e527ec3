import {
  cseScreeningsOf,
  insertCseScreening,
  insertSafeguardingAction,
  type CseScreeningRow,
} from '../data/cseScreenings.js'
import { childrenOf } from '../data/episodes.js'
import {
  cseRiskLevels,
  safeguardingActionKinds,
  type CseRiskLevel,
  type SafeguardingActionKind,
} from '../data/schema.js'
import { insertToolRecord } from '../data/tafMeetings.js'
import { formatDate, todayIn } from '../lib/dates.js'
import { NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { PracticeModel } from '../practice-models/schema.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import { toolRecordErrors } from './tafMeetings.js'

export { cseRiskLevels, safeguardingActionKinds }

/** The risk levels as the screening names them (issue 9: "no/low, medium, high"). */
export const cseRiskLabels: Record<CseRiskLevel, string> = {
  no_low: 'No or low risk',
  medium: 'Medium risk',
  high: 'High risk',
}

/** How the pages show a risk level: a coloured tag whose words say it too. */
export const cseRiskTags: Record<CseRiskLevel, { text: string; classes: string }> = {
  no_low: { text: cseRiskLabels.no_low, classes: 'govuk-tag--green' },
  medium: { text: cseRiskLabels.medium, classes: 'govuk-tag--orange' },
  high: { text: cseRiskLabels.high, classes: 'govuk-tag--red' },
}

export const safeguardingActionLabels: Record<SafeguardingActionKind, string> = {
  strategy_discussion: 'Strategy discussion or CSE strategy meeting',
  referral_to_social_care: 'Referral to children’s social care',
  cse_team: 'Referral to the CSE or missing team',
  police: 'Information shared with the police',
  other: 'Another safeguarding action',
}

/**
 * The warning signs a CSE screening asks about, as the local safeguarding children partnerships' toolkits group
 * them. Tandem records which were seen; the risk level is the worker's judgement from the toolkit, not a count.
 */
export const cseIndicators = [
  { code: 'missing', label: 'Going missing from home, care or school' },
  { code: 'older-partner', label: 'A relationship with someone much older' },
  { code: 'gifts', label: 'Unexplained money, gifts, phones or clothes' },
  { code: 'substances', label: 'Alcohol or drug use' },
  { code: 'school', label: 'Not in school, or excluded' },
  { code: 'sexual-health', label: 'Sexual health concerns, including pregnancy' },
  { code: 'online', label: 'Risky contact online or through social media' },
  { code: 'associates', label: 'Spending time with adults or peers known to be a risk' },
  { code: 'vehicles', label: 'Picked up in cars by unknown adults' },
  { code: 'behaviour', label: 'Sudden changes in behaviour, mood or appearance' },
  { code: 'self-harm', label: 'Self-harm or thoughts of suicide' },
] as const

export interface CseScreeningInput {
  personId: string | null
  screenedOn: string | null
  completedWith: string
  indicators: string[]
  riskLevel: string | null
  actions: string
  summary: string
}

export interface SafeguardingActionInput {
  takenOn: string | null
  kind: string | null
  detail: string
}

/** The authority's CSE screening tool, if its practice model has one. */
export function cseToolOf(model: PracticeModel) {
  return model.progressionTools.find(tool => tool.instrument === 'cse-screening') ?? null
}

/**
 * The screenings whose medium or high risk has no safeguarding action recorded yet: until there is one, the case does
 * not move on (003 action 1.3: "ensure safeguarding procedures are being followed … where medium or high risk CSE";
 * 000: "take any subsequent actions following the … CSE/CRE procedures").
 */
export function awaitingSafeguarding(screenings: readonly CseScreeningRow[]) {
  return screenings.filter(screening => screening.riskLevel !== 'no_low' && screening.safeguardingActions.length === 0)
}

/** What stops a Team Around the Family meeting being recorded as held, as field errors naming each screening. */
export function safeguardingErrors(screenings: readonly CseScreeningRow[]): FieldError[] {
  return awaitingSafeguarding(screenings).map(screening => ({
    field: 'safeguarding',
    message:
      `${screening.childName}’s CSE screening on ${formatDate(screening.screenedOn)} found a ` +
      `${cseRiskLabels[screening.riskLevel].toLowerCase()}: record the safeguarding action taken first`,
  }))
}

/** The age in whole years on a day, from an ISO date of birth. */
function ageOn(dateOfBirth: string, day: string) {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** CSE screening of the episode's children and the safeguarding actions that answer a medium or high risk (issue 9). */
export function createCseScreeningService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology, practiceModels } = deps

  function cseTool(model: PracticeModel) {
    const tool = cseToolOf(model)
    if (!tool) throw new NotFoundError('This authority does not use a CSE screening')
    return tool
  }

  /** The children in scope, each with their age today and whether the model's age for screening applies. */
  async function childrenToScreen(authorityId: string, episodeId: string, model: PracticeModel, today: string) {
    const tool = cseTool(model)
    const fromAge = tool.when === 'age_from' ? tool.age : model.timescales.cseScreeningFromAge.value
    const children = await childrenOf(db, authorityId, episodeId)
    return {
      fromAge,
      children: children
        .filter(child => child.date_of_birth !== null)
        .map(child => {
          const age = ageOn(child.date_of_birth!, today)
          return {
            personId: child.person_id,
            name: `${child.given_name} ${child.family_name}`,
            age,
            due: age >= fromAge,
          }
        }),
    }
  }

  return {
    /** The episode's screenings, who is of an age to be screened and not yet screened, and what awaits an action. */
    async view(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const { model } = await practiceModels.get(authorityId)
      const tool = cseTool(model)
      const today = todayIn(clock.now())
      const [screenings, { fromAge, children }] = await Promise.all([
        cseScreeningsOf(db, authorityId, episodeId),
        childrenToScreen(authorityId, episodeId, model, today),
      ])
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const work = can(ctx.actor, 'episode:work', resource) && episode.status === 'open'
      return {
        episode,
        model,
        tool,
        fromAge,
        screenings,
        notScreened: children.filter(
          child => child.due && !screenings.some(screening => screening.personId === child.personId),
        ),
        awaiting: awaitingSafeguarding(screenings),
        canRecord: work && episode.worker_user_id !== null,
        canRecordAction: work,
      }
    },

    /** The screening form's choices: the children in scope (those of screening age first), indicators, levels. */
    async form(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const tool = cseTool(model)
      const today = todayIn(clock.now())
      const { fromAge, children } = await childrenToScreen(authorityId, episodeId, model, today)
      return {
        episode,
        model,
        tool,
        fromAge,
        children: [...children].sort((a, b) => Number(b.due) - Number(a.due) || b.age - a.age),
        today,
      }
    },

    /**
     * Records a CSE screening of one child: the indicators seen, the risk level and the actions. A medium or high
     * risk must say what is being done (the safeguarding action itself is recorded when it is taken).
     */
    async record(ctx: RequestContext, episodeId: string, input: CseScreeningInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const tool = cseTool(model)
      const today = todayIn(clock.now())
      const children = await childrenOf(db, authorityId, episodeId)
      const { errors } = toolRecordErrors(
        episode,
        { stage: 'other', completedOn: input.screenedOn, completedWith: input.completedWith },
        today,
        'personId',
      )
      const child = children.find(candidate => candidate.person_id === input.personId)
      if (!child) errors.unshift({ field: 'personId', message: 'Select the child who was screened' })
      const unknown = input.indicators.filter(code => !cseIndicators.some(indicator => indicator.code === code))
      if (unknown.length > 0) errors.push({ field: 'indicators', message: 'Select only the indicators listed' })
      const riskLevel = cseRiskLevels.find(level => level === input.riskLevel)
      if (!riskLevel) errors.push({ field: 'riskLevel', message: 'Select the level of risk' })
      if (riskLevel && riskLevel !== 'no_low' && !input.actions.trim())
        errors.push({
          field: 'actions',
          message: `Enter the actions taken or planned for a ${cseRiskLabels[riskLevel].toLowerCase()}`,
        })
      // The date's errors say "the tool"; on this form it is the screening.
      for (const error of errors)
        error.message = error.message
          .replace('the date the tool was completed', 'the date of the screening')
          .replace('completes the tool', 'screens the child')
      if (errors.length > 0) throw new ValidationError(errors)
      return access.transaction(async trx => {
        const at = clock.now()
        const toolRecordId = await insertToolRecord(trx, {
          authorityId,
          episodeId,
          tool: tool.code,
          stage: 'other',
          completedOn: input.screenedOn!,
          completedWith: input.completedWith.trim(),
          summary: input.summary.trim() || null,
          by: ctx.actor.userId,
          at,
        })
        await insertCseScreening(trx, {
          authorityId,
          toolRecordId,
          personId: child!.person_id,
          riskLevel: riskLevel!,
          indicators: input.indicators,
          actions: input.actions.trim() || null,
        })
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: [child!.person_id],
          occurredOn: input.screenedOn!,
          category: 'Safeguarding',
          summary: `${tool.label} of ${child!.given_name} ${child!.family_name}: ${cseRiskLabels[riskLevel!].toLowerCase()}`,
          detail: input.actions.trim() || null,
          event: chronologyEvents.cseScreened,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
        return toolRecordId
      })
    },

    /** One screening, for the safeguarding action's form. */
    async screening(ctx: RequestContext, episodeId: string, toolRecordId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const screening = (await cseScreeningsOf(db, authorityId, episodeId)).find(
        found => found.toolRecordId === toolRecordId,
      )
      if (!screening) throw new NotFoundError()
      return { episode, model, tool: cseTool(model), screening, today: todayIn(clock.now()) }
    },

    /** Records the safeguarding action taken on a screening's risk: what, when, and in words. */
    async recordSafeguardingAction(
      ctx: RequestContext,
      episodeId: string,
      toolRecordId: string,
      input: SafeguardingActionInput,
    ) {
      const authorityId = ctx.actor.authorityId
      const { episode, screening } = await this.screening(ctx, episodeId, toolRecordId)
      const today = todayIn(clock.now())
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'kind', message: 'The episode is closed' })
      const kind = safeguardingActionKinds.find(known => known === input.kind)
      if (!kind) errors.push({ field: 'kind', message: 'Select the safeguarding action taken' })
      const dateError = (message: string) => errors.push({ field: 'takenOn', anchor: 'takenOn-day', message })
      if (!input.takenOn) dateError('Enter the date the action was taken')
      else if (input.takenOn > today) dateError('The date must be today or in the past')
      else if (input.takenOn < screening.screenedOn)
        dateError(`The date must be on or after the screening, ${formatDate(screening.screenedOn)}`)
      if (!input.detail.trim()) errors.push({ field: 'detail', message: 'Enter what was done, and by whom' })
      if (errors.length > 0) throw new ValidationError(errors)
      return access.transaction(async trx => {
        const safeguardingActionId = await insertSafeguardingAction(trx, {
          authorityId,
          toolRecordId,
          takenOn: input.takenOn!,
          kind: kind!,
          detail: input.detail.trim(),
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: [screening.personId],
          occurredOn: input.takenOn!,
          category: 'Safeguarding',
          summary: `Safeguarding action for ${screening.childName}: ${safeguardingActionLabels[kind!]}`,
          detail: input.detail.trim(),
          event: chronologyEvents.safeguardingAction,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
        return safeguardingActionId
      })
    },

    /** For the case page and the TAF meetings, whose caller may already read the episode. */
    async forEpisode(authorityId: string, episodeId: string) {
      const screenings = await cseScreeningsOf(db, authorityId, episodeId)
      return { screenings, awaiting: awaitingSafeguarding(screenings) }
    },
  }
}
