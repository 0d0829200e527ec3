import type { Executor } from '../data/database.js'
import { childrenOf, findEpisode } from '../data/episodes.js'
import { membersOf } from '../data/people.js'
import {
  actionsOf,
  copyPlanContents,
  findPlanVersion,
  identifiedNeedsOf,
  insertAction,
  insertOutcome,
  insertPlanVersion,
  latestPlanVersion,
  needsOfEpisode,
  nextPlannedReview,
  outcomeNeedsOf,
  outcomesOf,
  planCounts,
  planVersionOfMeeting,
  planVersionsOf,
  previousPlanVersion,
  teamAroundTheFamilyWords,
  touchPlanVersion,
  updateAction,
  updateOutcome,
  type PlanVersionRow,
} from '../data/plans.js'
import {
  planActionStatuses,
  planOutcomeStatuses,
  type PlanActionStatus,
  tafKinds,
  type PlanOutcomeStatus,
  type TafKind,
} from '../data/schema.js'
import { findUser, isUniqueViolation } from '../data/staff.js'
import { formatDate, todayIn } from '../lib/dates.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'

/** The lists the API describes its values by. */
export { planActionStatuses, planOutcomeStatuses, tafKinds }

/** How an outcome stands, as workers say it. */
export const outcomeStatusLabels: Record<PlanOutcomeStatus, string> = {
  open: 'Open',
  achieved: 'Achieved',
  partly_achieved: 'Partly achieved',
  not_achieved: 'Not achieved',
}

/** How an action stands, as workers say it. */
export const actionStatusLabels: Record<PlanActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  not_done: 'Not done',
}

/** The same, in the family's words on their copy of the plan. */
export const familyOutcomeWords: Record<PlanOutcomeStatus, string> = {
  open: 'We are working on this',
  achieved: 'This has happened',
  partly_achieved: 'Some of this has happened',
  not_achieved: 'This has not happened',
}
export const familyActionWords: Record<PlanActionStatus, string> = {
  not_started: 'Not started yet',
  in_progress: 'Started',
  done: 'Done',
  not_done: 'Did not happen',
}

/** An action not done by its date: still to start or under way once the day has passed. */
const isOverdue = (action: { by_when: string; status: PlanActionStatus }, today: string) =>
  action.by_when < today && (action.status === 'not_started' || action.status === 'in_progress')

// The changes between two versions --------------------------------------------------------------------------------

/** One outcome as a version holds it, in plain values: what the diff compares. */
export interface OutcomeSnapshot {
  key: string
  outcome: string
  measure: string | null
  outcomeArea: string | null
  targetDate: string | null
  status: PlanOutcomeStatus
  /** The identified needs it answers, in the words of the assessment. */
  needs: string[]
}

/** One action as a version holds it. */
export interface ActionSnapshot {
  key: string
  outcomeKey: string
  action: string
  /** Who will do it, as the plan names them: "Dawn Adams (Parkside Primary School)". */
  who: string
  byWhen: string
  status: PlanActionStatus
}

export interface PlanSnapshot {
  outcomes: OutcomeSnapshot[]
  actions: ActionSnapshot[]
}

/** A field that changed, as a person reads it: "Status: Open → Achieved". */
export interface FieldChange {
  field: string
  label: string
  from: string
  to: string
  text: string
}

/** An outcome or action added, removed or changed; added and removed ones carry their fields as they stood. */
export interface ItemChange {
  key: string
  change: 'added' | 'removed' | 'changed'
  /** The outcome's words, or the action's. */
  title: string
  /** For an action: the words of the outcome it serves (in the later version, or the earlier if removed). */
  outcome?: string
  changes: FieldChange[]
  fields: { label: string; value: string }[]
}

export interface PlanChanges {
  outcomes: ItemChange[]
  actions: ItemChange[]
  unchangedOutcomes: number
  unchangedActions: number
}

const NOT_SET = 'Not set'

const outcomeFields: { field: keyof OutcomeSnapshot; label: string }[] = [
  { field: 'outcome', label: 'What will be different' },
  { field: 'measure', label: 'How we will know' },
  { field: 'targetDate', label: 'Target date' },
  { field: 'outcomeArea', label: 'Outcome area' },
  { field: 'needs', label: 'Needs it answers' },
  { field: 'status', label: 'Status' },
]

const actionFields: { field: keyof ActionSnapshot; label: string }[] = [
  { field: 'outcomeKey', label: 'Outcome' },
  { field: 'action', label: 'What' },
  { field: 'who', label: 'Who' },
  { field: 'byWhen', label: 'By when' },
  { field: 'status', label: 'Status' },
]

/**
 * What changed from one version of the plan to the next (003 §5 found plans that had "not … received any
 * updates in duration of the case"): outcomes and actions added, removed, and changed field by field, matched by
 * their keys, in the later version's order with removed ones after. `areaLabels` gives the outcome areas' words.
 */
export function planChanges(
  before: PlanSnapshot,
  after: PlanSnapshot,
  areaLabels: Record<string, string> = {},
): PlanChanges {
  const outcomeWords = (outcome: OutcomeSnapshot, field: keyof OutcomeSnapshot): string => {
    switch (field) {
      case 'targetDate':
        return outcome.targetDate ? formatDate(outcome.targetDate) : NOT_SET
      case 'outcomeArea':
        return outcome.outcomeArea ? (areaLabels[outcome.outcomeArea] ?? outcome.outcomeArea) : NOT_SET
      case 'needs':
        return outcome.needs.length ? outcome.needs.join('; ') : 'None linked'
      case 'status':
        return outcomeStatusLabels[outcome.status]
      default:
        return String(outcome[field] ?? '') || NOT_SET
    }
  }
  const outcomeText = (key: string) =>
    (after.outcomes.find(o => o.key === key) ?? before.outcomes.find(o => o.key === key))?.outcome ?? NOT_SET
  const actionWords = (action: ActionSnapshot, field: keyof ActionSnapshot, outcomes: OutcomeSnapshot[]): string => {
    switch (field) {
      case 'outcomeKey':
        return outcomes.find(o => o.key === action.outcomeKey)?.outcome ?? outcomeText(action.outcomeKey)
      case 'byWhen':
        return formatDate(action.byWhen)
      case 'status':
        return actionStatusLabels[action.status]
      default:
        return String(action[field] ?? '') || NOT_SET
    }
  }

  function compare<T extends { key: string }>(
    earlier: T[],
    later: T[],
    fields: { field: keyof T; label: string }[],
    words: (item: T, field: keyof T, side: 'before' | 'after') => string,
    title: (item: T) => string,
    outcome?: (item: T) => string,
  ) {
    const items: ItemChange[] = []
    let unchanged = 0
    const describe = (item: T, side: 'before' | 'after') =>
      fields.map(({ field, label }) => ({ label, value: words(item, field, side) }))
    for (const item of later) {
      const was = earlier.find(old => old.key === item.key)
      if (!was) {
        items.push({
          key: item.key,
          change: 'added',
          title: title(item),
          ...(outcome ? { outcome: outcome(item) } : {}),
          changes: [],
          fields: describe(item, 'after'),
        })
        continue
      }
      const changes = fields.flatMap(({ field, label }) => {
        const from = words(was, field, 'before')
        const to = words(item, field, 'after')
        return from === to ? [] : [{ field: String(field), label, from, to, text: `${label}: ${from} → ${to}` }]
      })
      if (changes.length === 0) unchanged += 1
      else
        items.push({
          key: item.key,
          change: 'changed',
          title: title(item),
          ...(outcome ? { outcome: outcome(item) } : {}),
          changes,
          fields: [],
        })
    }
    for (const item of earlier) {
      if (later.some(now => now.key === item.key)) continue
      items.push({
        key: item.key,
        change: 'removed',
        title: title(item),
        ...(outcome ? { outcome: outcome(item) } : {}),
        changes: [],
        fields: describe(item, 'before'),
      })
    }
    return { items, unchanged }
  }

  const outcomes = compare(
    before.outcomes,
    after.outcomes,
    outcomeFields,
    (item, field) => outcomeWords(item, field),
    item => item.outcome,
  )
  const actions = compare(
    before.actions,
    after.actions,
    actionFields,
    (item, field, side) => actionWords(item, field, side === 'before' ? before.outcomes : after.outcomes),
    item => item.action,
    item => outcomeText(item.outcomeKey),
  )
  return {
    outcomes: outcomes.items,
    actions: actions.items,
    unchangedOutcomes: outcomes.unchanged,
    unchangedActions: actions.unchanged,
  }
}

// What forms and the API send ---------------------------------------------------------------------------------------

export interface OutcomeInput {
  /** The plan's version when the form was loaded. */
  version: number
  outcome: string
  measure: string
  targetDate: string | null
  outcomeArea: string | null
  needIds: string[]
  /** Null when adding: a new outcome is open. */
  status: string | null
}

/** Who will do an action: a family member, a user (the worker or lead professional), or anyone else by name. */
export type WhoInput =
  | { kind: 'person'; personId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'other'; name: string; agency: string | null }
  | null

export interface ActionInput {
  version: number
  outcomeKey: string | null
  action: string
  who: WhoInput
  byWhen: string | null
  /** Null when adding: a new action is not started. */
  status: string | null
}

/** Working the case: the plan and its versions (issue 8). */
export function createPlanService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology, practiceModels } = deps

  /** A version with its outcomes, their needs and actions, as pages and the API show it. */
  async function loadVersion(ex: Executor, authorityId: string, row: PlanVersionRow, latest: boolean, today: string) {
    const [outcomes, needs, actions, { model }] = await Promise.all([
      outcomesOf(ex, authorityId, row.plan_version_id),
      outcomeNeedsOf(ex, authorityId, row.plan_version_id),
      actionsOf(ex, authorityId, row.plan_version_id),
      practiceModels.get(authorityId),
    ])
    const areaLabel = (code: string | null) =>
      code ? (model.outcomeAreas.areas.find(area => area.code === code)?.label ?? code) : null
    const shaped = outcomes.map(outcome => ({
      outcomeKey: outcome.outcome_key,
      outcome: outcome.outcome,
      measure: outcome.measure,
      targetDate: outcome.target_date,
      outcomeArea: outcome.outcome_area,
      outcomeAreaLabel: areaLabel(outcome.outcome_area),
      status: outcome.status,
      statusLabel: outcomeStatusLabels[outcome.status],
      needs: needs
        .filter(need => need.outcome_key === outcome.outcome_key)
        .map(need => ({ needId: need.need_id, description: need.description })),
      actions: actions
        .filter(action => action.outcome_key === outcome.outcome_key)
        .map(action => ({
          actionKey: action.action_key,
          outcomeKey: action.outcome_key,
          action: action.action,
          who: {
            personId: action.who_person_id,
            userId: action.who_user_id,
            name: action.who_name,
            agency: action.who_agency,
          },
          byWhen: action.by_when,
          status: action.status,
          statusLabel: actionStatusLabels[action.status],
          // Only the plan in force has actions falling due; an earlier version is kept as it stood.
          overdue: latest && isOverdue(action, today),
        })),
    }))
    return {
      ...summaryOf(row, latest),
      version: row.version,
      updatedAt: row.updated_at,
      updatedByName: row.updated_by_name,
      outcomes: shaped,
      actionCount: actions.length,
      overdueActions: shaped.reduce((sum, outcome) => sum + outcome.actions.filter(a => a.overdue).length, 0),
    }
  }

  const summaryOf = (row: PlanVersionRow, latest: boolean) => ({
    planVersionId: row.plan_version_id,
    number: row.number,
    startedOn: row.started_on,
    tafMeeting:
      row.taf_meeting_id && row.taf_kind
        ? { tafMeetingId: row.taf_meeting_id, kind: row.taf_kind as TafKind, heldOn: row.taf_held_on }
        : null,
    latest,
  })

  /** A loaded version in the plain values the diff compares. */
  const snapshotOf = (plan: Awaited<ReturnType<typeof loadVersion>>): PlanSnapshot => ({
    outcomes: plan.outcomes.map(outcome => ({
      key: outcome.outcomeKey,
      outcome: outcome.outcome,
      measure: outcome.measure,
      outcomeArea: outcome.outcomeArea,
      targetDate: outcome.targetDate,
      status: outcome.status,
      needs: outcome.needs.map(need => need.description),
    })),
    actions: plan.outcomes.flatMap(outcome =>
      outcome.actions.map(action => ({
        key: action.actionKey,
        outcomeKey: action.outcomeKey,
        action: action.action,
        who: action.who.agency ? `${action.who.name} (${action.who.agency})` : action.who.name,
        byWhen: action.byWhen,
        status: action.status,
      })),
    ),
  })

  /** The plan in force, which every edit changes; refused when there is none or someone changed it first. */
  async function latestForEdit(ex: Executor, authorityId: string, episodeId: string, version: number) {
    const latest = await latestPlanVersion(ex, authorityId, episodeId)
    if (!latest) throw new NotFoundError()
    if (latest.version !== version) throw new ConflictError()
    return latest
  }

  /** Bumps the plan's version inside the change's transaction, or refuses the change as stale. */
  async function touch(trx: Executor, ctx: RequestContext, planVersionId: string, version: number) {
    const next = await touchPlanVersion(trx, {
      authorityId: ctx.actor.authorityId,
      planVersionId,
      version,
      by: ctx.actor.userId,
      at: clock.now(),
    })
    if (next === null) throw new ConflictError()
    return next
  }

  const closedError = (field: string, episode: { status: string }): FieldError[] =>
    episode.status === 'open' ? [] : [{ field, message: 'The episode is closed' }]

  /** A date the plan looks forward to: not in the past when it is set or changed (001 §4: "time bound"). */
  function forwardDate(
    errors: FieldError[],
    field: string,
    value: string | null,
    saved: string | null,
    words: { missing: string; past: string },
  ) {
    if (!value) errors.push({ field, anchor: `${field}-day`, message: words.missing })
    else if (value !== saved && value < todayIn(clock.now()))
      errors.push({ field, anchor: `${field}-day`, message: words.past })
  }

  /** The people an action can name: the family's members now, and the worker and lead professional. */
  async function whoChoices(
    authorityId: string,
    episode: { family_id: string; worker_user_id: string | null; lead_professional_user_id: string | null },
  ) {
    const members = (await membersOf(db, authorityId, episode.family_id)).filter(
      member => member.left_on === null && member.role !== 'unborn child',
    )
    const userIds = [...new Set([episode.worker_user_id, episode.lead_professional_user_id])].filter(
      (id): id is string => id !== null,
    )
    const users = (await Promise.all(userIds.map(id => findUser(db, authorityId, id)))).filter(
      (user): user is NonNullable<typeof user> => user !== undefined,
    )
    return {
      members: members.map(member => ({
        personId: member.person_id,
        name: `${member.given_name} ${member.family_name}`,
        role: member.role,
      })),
      users: users.map(user => ({
        userId: user.user_id,
        name: user.display_name,
        agency: user.agency,
        isWorker: user.user_id === episode.worker_user_id,
        isLeadProfessional: user.user_id === episode.lead_professional_user_id,
      })),
    }
  }

  async function checkOutcome(
    ctx: RequestContext,
    episode: { episode_id: string; status: string },
    input: OutcomeInput,
    saved: { target_date: string | null; status: PlanOutcomeStatus } | null,
  ) {
    const authorityId = ctx.actor.authorityId
    const { model } = await practiceModels.get(authorityId)
    const errors: FieldError[] = closedError('outcome', episode)
    if (!input.outcome.trim()) errors.push({ field: 'outcome', message: 'Enter what will be different for the family' })
    if (!input.measure.trim())
      errors.push({ field: 'measure', message: 'Enter how you will know it has been achieved' })
    forwardDate(errors, 'targetDate', input.targetDate, saved?.target_date ?? null, {
      missing: 'Enter the target date',
      past: 'The target date must be today or in the future',
    })
    if (input.outcomeArea && !model.outcomeAreas.areas.some(area => area.code === input.outcomeArea))
      errors.push({ field: 'outcomeArea', message: 'Select an outcome area from the list' })
    const needIds = [...new Set(input.needIds)]
    const known = await needsOfEpisode(db, authorityId, episode.episode_id, needIds)
    if (known.length !== needIds.length)
      errors.push({ field: 'needIds', message: 'Select needs identified in the assessment' })
    const status = input.status ?? saved?.status ?? 'open'
    if (!planOutcomeStatuses.includes(status as PlanOutcomeStatus))
      errors.push({ field: 'status', message: 'Select how the outcome stands' })
    if (errors.length > 0) throw new ValidationError(errors)
    return {
      outcome: input.outcome.trim(),
      measure: input.measure.trim(),
      outcomeArea: input.outcomeArea || null,
      targetDate: input.targetDate!,
      status: status as PlanOutcomeStatus,
      needIds,
    }
  }

  async function checkAction(
    ctx: RequestContext,
    episode: {
      status: string
      family_id: string
      worker_user_id: string | null
      lead_professional_user_id: string | null
    },
    planVersionId: string,
    input: ActionInput,
    saved: {
      by_when: string
      who_person_id: string | null
      who_user_id: string | null
      status: PlanActionStatus
    } | null,
  ) {
    const authorityId = ctx.actor.authorityId
    const errors: FieldError[] = closedError('outcomeKey', episode)
    const outcomes = await outcomesOf(db, authorityId, planVersionId)
    if (!input.outcomeKey || !outcomes.some(outcome => outcome.outcome_key === input.outcomeKey))
      errors.push({ field: 'outcomeKey', message: 'Select the outcome the action works towards' })
    if (!input.action.trim()) errors.push({ field: 'action', message: 'Enter what will be done' })
    const choices = await whoChoices(authorityId, episode)
    let who: { personId: string | null; userId: string | null; name: string; agency: string | null } | null = null
    if (input.who?.kind === 'person') {
      const personId = input.who.personId
      const member =
        choices.members.find(m => m.personId === personId) ??
        (saved?.who_person_id === personId ? await samePerson(authorityId, episode.family_id, personId) : undefined)
      if (member) who = { personId, userId: null, name: member.name, agency: null }
    } else if (input.who?.kind === 'user') {
      const userId = input.who.userId
      const user =
        choices.users.find(u => u.userId === userId) ??
        (saved?.who_user_id === userId ? await sameUser(authorityId, userId) : undefined)
      if (user) who = { personId: null, userId, name: user.name, agency: user.agency }
    } else if (input.who?.kind === 'other') {
      if (!input.who.name.trim())
        errors.push({ field: 'whoName', message: 'Enter the name of the person or agency who will do it' })
      else who = { personId: null, userId: null, name: input.who.name.trim(), agency: input.who.agency?.trim() || null }
    }
    if (!who && input.who?.kind !== 'other') errors.push({ field: 'who', message: 'Select who will do it' })
    forwardDate(errors, 'byWhen', input.byWhen, saved?.by_when ?? null, {
      missing: 'Enter the date it will be done by',
      past: 'The date it will be done by must be today or in the future',
    })
    const status = input.status ?? saved?.status ?? 'not_started'
    if (!planActionStatuses.includes(status as PlanActionStatus))
      errors.push({ field: 'status', message: 'Select how the action stands' })
    if (errors.length > 0) throw new ValidationError(errors)
    return {
      outcomeKey: input.outcomeKey!,
      action: input.action.trim(),
      whoPersonId: who!.personId,
      whoUserId: who!.userId,
      whoName: who!.name,
      whoAgency: who!.agency,
      byWhen: input.byWhen!,
      status: status as PlanActionStatus,
    }
  }

  /** A member who has since left, already named on the action: they may stay named. */
  async function samePerson(authorityId: string, familyId: string, personId: string) {
    const member = (await membersOf(db, authorityId, familyId)).find(m => m.person_id === personId)
    return member ? { name: `${member.given_name} ${member.family_name}` } : undefined
  }

  /** A user no longer the worker, already named on the action: they may stay named. */
  async function sameUser(authorityId: string, userId: string) {
    const user = await findUser(db, authorityId, userId)
    return user ? { name: user.display_name, agency: user.agency } : undefined
  }

  async function chronologyOf(trx: Executor, authorityId: string, episodeId: string) {
    const children = await childrenOf(trx, authorityId, episodeId)
    return children.map(child => child.person_id)
  }

  return {
    /** Refuses (logged) a user who may not work the case: asked before a form is read. */
    async authorizeWork(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:work')
    },

    /** The plan in force (or that there is none yet) and its versions, if the user may see the case. */
    async view(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const today = todayIn(clock.now())
      const [rows, { model }] = await Promise.all([
        planVersionsOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      const latestRow = rows.at(-1)
      const plan = latestRow ? await loadVersion(db, authorityId, latestRow, true, today) : null
      await accessLog.record(ctx, 'view', plan ? 'plan' : 'episode', [plan ? plan.planVersionId : episodeId])
      const canWork = can(ctx.actor, 'episode:work', resource) && episode.status === 'open'
      return {
        episode,
        model,
        plan,
        versions: rows.map(row => summaryOf(row, row === latestRow)).reverse(),
        canWork,
        canCreate: canWork && !plan && episode.worker_user_id !== null,
        today,
      }
    },

    /**
     * Starts the plan: version 1, from today, to which the worker adds SMART outcomes and their actions (001 §4:
     * "an outcome focused and specific, measurable, achievable, realistic and time bound, multi-agency plan to
     * be agreed with the family").
     */
    async create(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const errors: FieldError[] = closedError('plan', episode)
      if (!episode.worker_user_id)
        errors.push({ field: 'plan', message: 'Allocate a worker first: the worker agrees the plan with the family' })
      if (errors.length > 0) throw new ValidationError(errors)
      if (await latestPlanVersion(db, authorityId, episodeId))
        throw new ConflictError('The plan has been created already: it is shown below')
      const today = todayIn(clock.now())
      try {
        return await access.transaction(async trx => {
          const at = clock.now()
          const planVersionId = await insertPlanVersion(trx, {
            authorityId,
            episodeId,
            number: 1,
            tafMeetingId: null,
            startedOn: today,
            version: 1,
            by: ctx.actor.userId,
            at,
          })
          await chronology.recordEvent(trx, ctx, {
            familyId: episode.family_id,
            personIds: await chronologyOf(trx, authorityId, episodeId),
            occurredOn: today,
            category: 'Early help',
            summary: 'Plan created: version 1',
            event: chronologyEvents.planCreated,
          })
          await accessLog.record(ctx, 'create', 'plan', [planVersionId], trx)
          return { planVersionId, number: 1 }
        })
      } catch (error) {
        // Two people pressing "Create the plan" at once: the second is told, not given a second plan.
        if (isUniqueViolation(error)) throw new ConflictError('The plan has been created already: it is shown below')
        throw error
      }
    },

    /** What the outcome form needs: the plan in force, the outcome being changed, the needs and outcome areas. */
    async outcomeForm(ctx: RequestContext, episodeId: string, outcomeKey: string | null) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const today = todayIn(clock.now())
      const [latest, identified, { model }] = await Promise.all([
        latestPlanVersion(db, authorityId, episodeId),
        identifiedNeedsOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      if (!latest) {
        if (outcomeKey) throw new NotFoundError()
        return { episode, model, plan: null, outcome: null, needs: [], today }
      }
      const plan = await loadVersion(db, authorityId, latest, true, today)
      const outcome = outcomeKey ? plan.outcomes.find(o => o.outcomeKey === outcomeKey) : null
      if (outcomeKey && !outcome) throw new NotFoundError()
      // The needs of the assessment the plan rests on, and any the outcome answers already from an earlier one.
      const needs = identified.needs.map(need => ({ needId: need.need_id, description: need.description }))
      for (const need of outcome?.needs ?? []) if (!needs.some(n => n.needId === need.needId)) needs.push(need)
      return { episode, model, plan, outcome: outcome ?? null, needs, assessment: identified.assessment, today }
    },

    /** Adds a SMART outcome to the plan in force. */
    async addOutcome(ctx: RequestContext, episodeId: string, input: OutcomeInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const latest = await latestForEdit(db, authorityId, episodeId, input.version)
      const fields = await checkOutcome(ctx, episode, input, null)
      return access.transaction(async trx => {
        const version = await touch(trx, ctx, latest.plan_version_id, input.version)
        const outcomeKey = await insertOutcome(trx, { authorityId, planVersionId: latest.plan_version_id, ...fields })
        await accessLog.record(ctx, 'update', 'plan', [latest.plan_version_id], trx)
        return { outcomeKey, version }
      })
    },

    /** Changes an outcome of the plan in force: its words, measure, date, area, needs or how it stands. */
    async changeOutcome(ctx: RequestContext, episodeId: string, outcomeKey: string, input: OutcomeInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const latest = await latestPlanVersion(db, authorityId, episodeId)
      const saved = latest
        ? (await outcomesOf(db, authorityId, latest.plan_version_id)).find(o => o.outcome_key === outcomeKey)
        : undefined
      if (!latest || !saved) throw new NotFoundError()
      if (latest.version !== input.version) throw new ConflictError()
      const fields = await checkOutcome(ctx, episode, input, saved)
      return access.transaction(async trx => {
        const version = await touch(trx, ctx, latest.plan_version_id, input.version)
        await updateOutcome(trx, { authorityId, planVersionId: latest.plan_version_id, outcomeKey, ...fields })
        await accessLog.record(ctx, 'update', 'plan', [latest.plan_version_id], trx)
        return { outcomeKey, version }
      })
    },

    /** What the action form needs: the plan's outcomes, the action being changed, and who may be named. */
    async actionForm(ctx: RequestContext, episodeId: string, actionKey: string | null) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const today = todayIn(clock.now())
      const [latest, { model }, choices] = await Promise.all([
        latestPlanVersion(db, authorityId, episodeId),
        practiceModels.get(authorityId),
        whoChoices(authorityId, episode),
      ])
      if (!latest) {
        if (actionKey) throw new NotFoundError()
        return { episode, model, plan: null, action: null, choices, today }
      }
      const plan = await loadVersion(db, authorityId, latest, true, today)
      const action = actionKey
        ? plan.outcomes.flatMap(outcome => outcome.actions).find(a => a.actionKey === actionKey)
        : null
      if (actionKey && !action) throw new NotFoundError()
      // Someone named on the action who is no longer a member, the worker or the lead professional stays a choice.
      if (action?.who.personId && !choices.members.some(m => m.personId === action.who.personId))
        choices.members.push({ personId: action.who.personId, name: action.who.name, role: 'parent' })
      if (action?.who.userId && !choices.users.some(u => u.userId === action.who.userId))
        choices.users.push({
          userId: action.who.userId,
          name: action.who.name,
          agency: action.who.agency,
          isWorker: false,
          isLeadProfessional: false,
        })
      return { episode, model, plan, action: action ?? null, choices, today }
    },

    /** Adds an action to an outcome of the plan in force: what, who, by when. */
    async addAction(ctx: RequestContext, episodeId: string, input: ActionInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const latest = await latestForEdit(db, authorityId, episodeId, input.version)
      const fields = await checkAction(ctx, episode, latest.plan_version_id, input, null)
      return access.transaction(async trx => {
        const version = await touch(trx, ctx, latest.plan_version_id, input.version)
        const actionKey = await insertAction(trx, { authorityId, planVersionId: latest.plan_version_id, ...fields })
        await accessLog.record(ctx, 'update', 'plan', [latest.plan_version_id], trx)
        return { actionKey, version }
      })
    },

    /** Changes an action of the plan in force, or how it stands. */
    async changeAction(ctx: RequestContext, episodeId: string, actionKey: string, input: ActionInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const latest = await latestPlanVersion(db, authorityId, episodeId)
      const saved = latest
        ? (await actionsOf(db, authorityId, latest.plan_version_id)).find(a => a.action_key === actionKey)
        : undefined
      if (!latest || !saved) throw new NotFoundError()
      if (latest.version !== input.version) throw new ConflictError()
      const fields = await checkAction(ctx, episode, latest.plan_version_id, input, saved)
      return access.transaction(async trx => {
        const version = await touch(trx, ctx, latest.plan_version_id, input.version)
        await updateAction(trx, { authorityId, planVersionId: latest.plan_version_id, actionKey, ...fields })
        await accessLog.record(ctx, 'update', 'plan', [latest.plan_version_id], trx)
        return { actionKey, version }
      })
    },

    /** One version as it stood (read only unless it is the plan in force), with the list of versions. */
    async version(ctx: RequestContext, episodeId: string, planVersionId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:read')
      const row = await findPlanVersion(db, authorityId, episodeId, planVersionId)
      if (!row) throw new NotFoundError()
      const [rows, { model }] = await Promise.all([
        planVersionsOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      const latest = rows.at(-1)!.plan_version_id === planVersionId
      const plan = await loadVersion(db, authorityId, row, latest, todayIn(clock.now()))
      await accessLog.record(ctx, 'view', 'plan', [planVersionId])
      return {
        episode,
        model,
        plan,
        versions: rows.map(r => summaryOf(r, r === rows.at(-1))).reverse(),
      }
    },

    /** What changed in a version from the one before it. */
    async changes(ctx: RequestContext, episodeId: string, planVersionId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:read')
      const row = await findPlanVersion(db, authorityId, episodeId, planVersionId)
      if (!row) throw new NotFoundError()
      const [previousRow, latestRow, { model }] = await Promise.all([
        previousPlanVersion(db, authorityId, episodeId, row.number),
        latestPlanVersion(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      const today = todayIn(clock.now())
      const latest = latestRow?.plan_version_id === planVersionId
      const after = await loadVersion(db, authorityId, row, latest, today)
      const before = previousRow ? await loadVersion(db, authorityId, previousRow, false, today) : null
      const areaLabels = Object.fromEntries(model.outcomeAreas.areas.map(area => [area.code, area.label]))
      await accessLog.record(ctx, 'view', 'plan', [planVersionId])
      return {
        episode,
        model,
        plan: after,
        previous: before ? summaryOf(previousRow!, false) : null,
        changes: before ? planChanges(snapshotOf(before), snapshotOf(after), areaLabels) : null,
      }
    },

    /** The family's copy of the plan in force, in plain English, to print. */
    async familyCopy(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:read')
      const today = todayIn(clock.now())
      const latest = await latestPlanVersion(db, authorityId, episodeId)
      if (!latest) throw new NotFoundError()
      const [plan, nextReview, { model }] = await Promise.all([
        loadVersion(db, authorityId, latest, true, today),
        nextPlannedReview(db, authorityId, episodeId, today),
        practiceModels.get(authorityId),
      ])
      await accessLog.record(ctx, 'view', 'plan', [plan.planVersionId])
      return { episode, model, plan, nextReviewOn: nextReview?.planned_on ?? null, today }
    },

    /**
     * Inside the transaction that records a Team Around the Family review as held: starts the plan's next version
     * from the one in force, linked to the meeting (001 §4: "The TAF plan MUST be reviewed and updated at each TAF
     * review meeting"). Null when the episode has no plan yet.
     */
    async reviseAt(
      trx: Executor,
      ctx: RequestContext,
      input: { episodeId: string; tafMeetingId: string; heldOn: string },
    ): Promise<{ planVersionId: string; number: number } | null> {
      const authorityId = ctx.actor.authorityId
      const already = await planVersionOfMeeting(trx, authorityId, input.tafMeetingId)
      if (already) return { planVersionId: already.plan_version_id, number: already.number }
      const latest = await latestPlanVersion(trx, authorityId, input.episodeId)
      if (!latest) return null
      const episode = await findEpisode(trx, authorityId, input.episodeId)
      if (!episode) throw new NotFoundError()
      // Bumping the version in force locks it: an edit of it waits, then is refused as stale, so nothing typed
      // into the old version is lost from the new one.
      const frozenAt = await touchPlanVersion(trx, {
        authorityId,
        planVersionId: latest.plan_version_id,
        version: null,
        by: ctx.actor.userId,
        at: null,
      })
      const number = latest.number + 1
      const planVersionId = await insertPlanVersion(trx, {
        authorityId,
        episodeId: input.episodeId,
        number,
        tafMeetingId: input.tafMeetingId,
        startedOn: input.heldOn,
        // Versions count on across the plan, so a form loaded before the review cannot match the new version.
        version: (frozenAt ?? latest.version) + 1,
        by: ctx.actor.userId,
        at: clock.now(),
      })
      await copyPlanContents(trx, {
        authorityId,
        fromPlanVersionId: latest.plan_version_id,
        toPlanVersionId: planVersionId,
      })
      const taf = await teamAroundTheFamilyWords(trx, authorityId)
      await chronology.recordEvent(trx, ctx, {
        familyId: episode.family_id,
        personIds: await chronologyOf(trx, authorityId, input.episodeId),
        occurredOn: input.heldOn,
        category: 'Early help',
        summary: `Plan reviewed at the ${taf} review: version ${number}`,
        event: chronologyEvents.planReviewed,
      })
      await accessLog.record(ctx, 'create', 'plan', [planVersionId], trx)
      return { planVersionId, number }
    },

    /**
     * The plan for the case page, for a caller that has already been allowed to read the episode: the version
     * in force in figures (null when there is no plan yet) and how many versions there are.
     */
    async forCase(authorityId: string, episodeId: string) {
      const latest = await latestPlanVersion(db, authorityId, episodeId)
      if (!latest) return { current: null, versions: 0 }
      const counts = await planCounts(db, authorityId, latest.plan_version_id, todayIn(clock.now()))
      return {
        current: {
          planVersionId: latest.plan_version_id,
          number: latest.number,
          startedOn: latest.started_on,
          ...counts,
          updatedAt: latest.updated_at,
        },
        versions: latest.number,
      }
    },
  }
}

export type PlanService = ReturnType<typeof createPlanService>
export type PlanView = Awaited<ReturnType<PlanService['view']>>
