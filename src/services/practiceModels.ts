import type { Executor } from '../data/database.js'
import {
  findPracticeModel,
  findPracticeModelVersion,
  insertPracticeModel,
  insertPracticeModelChange,
  listPracticeModelChanges,
  updatePracticeModel,
} from '../data/practiceModels.js'
import { countListUsage, type ListUsage, type UsageTable } from '../data/practiceModelUsage.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { authorize } from '../policies/index.js'
import {
  isCseScreeningTool,
  listCodesIn,
  listItemReferences,
  listItems,
  practiceModelChanges,
  practiceModelList,
  practiceModelLists,
  timescaleRules,
  upgradePracticeModel,
  validatePracticeModel,
  withListItems,
  type ListItem,
  type PracticeModel,
  type PracticeModelListKey,
  type TimescaleKey,
} from '../practice-models/index.js'
import type { createAccessLogService } from './accessLog.js'
import type { RequestContext, ServiceDeps } from './context.js'

/** Each authority's practice model: read by every part of the pathway, changed by administrators, every change recorded. */
export function createPracticeModelService(
  { database, clock }: ServiceDeps,
  accessLog: ReturnType<typeof createAccessLogService>,
) {
  const { db } = database

  async function load(ex: Executor, authorityId: string) {
    const row = await findPracticeModel(ex, authorityId)
    if (!row) throw new NotFoundError('This authority has no practice model yet')
    const checked = validatePracticeModel(row.model)
    if ('errors' in checked) throw new Error(`The stored practice model of ${authorityId} is invalid`)
    return { model: checked.model, version: row.version, updatedAt: row.updated_at }
  }

  /**
   * Validates, saves if still at the version loaded, and records each changed value: one transaction. A model that
   * leaves out an item records still use is refused like any invalid one (issue 5, acceptance 2: "an unknown outcome
   * area" is refused), whichever page or import it comes from.
   */
  async function save(ctx: RequestContext, version: number, candidate: unknown, summary: string) {
    const checked = validatePracticeModel(candidate)
    const authorityId = ctx.actor.authorityId
    await db.transaction().execute(async trx => {
      const current = await load(trx, authorityId)
      // Against a newer model than the editor saw, what is "left out" may be what someone else added: a conflict.
      const stale = current.version !== version
      const inUse = stale ? [] : await itemsStillInUse(trx, authorityId, current.model, upgradePracticeModel(candidate))
      if ('errors' in checked) throw new ValidationError([...checked.errors, ...inUse])
      if (stale) throw new ConflictError()
      if (inUse.length > 0) throw new ValidationError(inUse)
      const changes = practiceModelChanges(current.model, checked.model)
      if (changes.length === 0) return
      const at = clock.now()
      const saved = await updatePracticeModel(trx, {
        authorityId,
        expectedVersion: version,
        model: checked.model,
        at,
        by: ctx.actor.userId,
      })
      if (!saved) throw new ConflictError()
      await insertPracticeModelChange(trx, {
        authorityId,
        at,
        by: ctx.actor.userId,
        version: version + 1,
        summary,
        changes,
      })
      await accessLog.record(ctx, 'update', 'practice_model', [null], trx)
    })
  }

  /** A problem for each item of `current` that `candidate` leaves out while records still point at it. */
  async function itemsStillInUse(
    ex: Executor,
    authorityId: string,
    current: PracticeModel,
    candidate: unknown,
  ): Promise<FieldError[]> {
    const problems: FieldError[] = []
    for (const list of practiceModelLists) {
      const kept = listCodesIn(candidate, list)
      // A document without the list at all is the schema's to refuse.
      if (!kept) continue
      const left = listItems(current, list).filter(item => !kept.includes(item.code))
      if (left.length === 0) continue
      const usage = await countListUsage(
        ex,
        authorityId,
        list.key,
        left.map(item => item.code),
      )
      for (const item of left) {
        const uses = usage.filter(use => use.code === item.code)
        if (uses.length > 0)
          problems.push({
            field: list.path.join('.'),
            message: `The ${list.singular} “${item.label}” (${item.code}) cannot be removed: it is used by ${inWords(usedBy(uses))}`,
          })
      }
    }
    return problems
  }

  // Every page reads the model; validating its document each time costs more than the page's own queries.
  // The validated model is kept per authority and version: a one-row version check says whether it is still
  // the one in the database (another server may have changed it), so no server ever reads a stale model.
  const validated = new Map<string, Awaited<ReturnType<typeof load>>>()

  return {
    /** The model an authority works to now. Frozen: it is shared, so change a copy. */
    async get(authorityId: string) {
      const current = await findPracticeModelVersion(db, authorityId)
      const cached = validated.get(authorityId)
      if (cached && current && cached.version === current.version) return cached
      const loaded = await load(db, authorityId)
      const frozen = { ...loaded, model: deepFreeze(loaded.model) }
      validated.set(authorityId, frozen)
      return frozen
    },

    /** Gives an authority its first model, e.g. a preset (setting up an authority, the demo). */
    async setUp(ex: Executor, authorityId: string, model: PracticeModel, by: string | null) {
      const checked = validatePracticeModel(model)
      if ('errors' in checked) throw new ValidationError(checked.errors)
      const at = clock.now()
      await insertPracticeModel(ex, { authorityId, model: checked.model, at, by })
      await insertPracticeModelChange(ex, {
        authorityId,
        at,
        by,
        version: 1,
        summary: model.preset ? `Set up from the ${model.preset} preset` : 'Set up',
        changes: [],
      })
    },

    /** The whole model and its history, for the administrator's page. */
    async forAdministration(ctx: RequestContext) {
      authorize(ctx.actor, 'practiceModel:manage')
      const [current, history] = await Promise.all([
        load(db, ctx.actor.authorityId),
        listPracticeModelChanges(db, ctx.actor.authorityId),
      ])
      return { ...current, history }
    },

    /** Changes timescale values; takes effect for clocks from now on (DESIGN §4: configurable per authority). */
    async updateTimescales(ctx: RequestContext, version: number, values: Partial<Record<TimescaleKey, number>>) {
      authorize(ctx.actor, 'practiceModel:manage')
      const { model } = await load(db, ctx.actor.authorityId)
      const timescales = structuredClone(model.timescales)
      for (const { key } of timescaleRules) {
        const value = values[key]
        if (value !== undefined) timescales[key] = { ...timescales[key], value } as never
      }
      // The CSE screening's age is held on its tool too, and the schema wants the two the same: one form changes both.
      const age = timescales.cseScreeningFromAge.value
      const progressionTools = model.progressionTools.map(tool =>
        isCseScreeningTool(tool) && tool.when === 'age_from' ? { ...tool, age } : tool,
      )
      await save(ctx, version, { ...model, timescales, progressionTools }, 'Timescales changed')
    },

    /** Changes the words the interface uses: lead professional or lead practitioner, the panel's name, … */
    async updateVocabulary(ctx: RequestContext, version: number, vocabulary: PracticeModel['vocabulary']) {
      authorize(ctx.actor, 'practiceModel:manage')
      const { model } = await load(db, ctx.actor.authorityId)
      await save(ctx, version, { ...model, vocabulary: { ...model.vocabulary, ...vocabulary } }, 'Words changed')
    },

    /** Changes the labels and descriptions of the levels of need; their codes stay, as records refer to them. */
    async updateLevelsOfNeed(
      ctx: RequestContext,
      version: number,
      levels: { code: string; label: string; description: string | undefined }[],
    ) {
      authorize(ctx.actor, 'practiceModel:manage')
      const { model } = await load(db, ctx.actor.authorityId)
      const byCode = new Map(levels.map(level => [level.code, level]))
      const levelsOfNeed = model.levelsOfNeed.map(level => {
        const change = byCode.get(level.code)
        if (!change) return level
        const { description: _old, ...rest } = level
        return { ...rest, label: change.label, ...(change.description ? { description: change.description } : {}) }
      })
      await save(ctx, version, { ...model, levelsOfNeed }, 'Levels of need changed')
    },

    /**
     * One of the model's lists (front door outcomes, panel decisions, services, …) for its page: each item with what
     * uses it, records and other parts of the model; an item nothing uses may be removed.
     */
    async listForAdministration(ctx: RequestContext, key: PracticeModelListKey) {
      authorize(ctx.actor, 'practiceModel:manage')
      const list = practiceModelList(key)
      const { model, version } = await load(db, ctx.actor.authorityId)
      const usage = await countListUsage(db, ctx.actor.authorityId, key)
      const items = listItems(model, list).map(item => ({
        item,
        /** Why the item cannot be removed, if it cannot: "it is used by 2 episodes and named by …". */
        inUse: whereUsed(
          usedBy(usage.filter(use => use.code === item.code)),
          listItemReferences(model, key, item.code),
        ),
      }))
      return { model, version, list, items }
    },

    /**
     * Changes the labels and descriptions of a list's items, and adds one if given. Codes stay, as records point at
     * them; the new item is checked by the model's schema like any change, and applies to new records from now on.
     */
    async updateList(
      ctx: RequestContext,
      version: number,
      key: PracticeModelListKey,
      change: { items: { code: string; label: string; description?: string }[]; add?: ListItem },
    ) {
      authorize(ctx.actor, 'practiceModel:manage')
      const list = practiceModelList(key)
      const { model } = await load(db, ctx.actor.authorityId)
      const edits = new Map(change.items.map(item => [item.code, item]))
      const items: ListItem[] = listItems(model, list).map(item => {
        const edit = edits.get(item.code)
        if (!edit) return item
        const { description: _old, ...rest } = item
        return { ...rest, label: edit.label, ...(edit.description ? { description: edit.description } : {}) }
      })
      if (change.add) items.push(change.add)
      const summary = change.add ? `${list.label}: “${change.add.label}” added` : `${list.label} changed`
      await save(ctx, version, withListItems(model, list, items), summary)
    },

    /** Removes an item from a list; refused, saying where, while records or other parts of the model use it. */
    async removeListItem(ctx: RequestContext, version: number, key: PracticeModelListKey, code: string) {
      authorize(ctx.actor, 'practiceModel:manage')
      const list = practiceModelList(key)
      const { model } = await load(db, ctx.actor.authorityId)
      const items = listItems(model, list)
      const item = items.find(candidate => candidate.code === code)
      if (!item) throw new NotFoundError(`There is no ${list.singular} with the code ${code}`)
      // Said here with everything that uses it; saving checks the records again, in its transaction.
      const inUse = whereUsed(
        usedBy(await countListUsage(db, ctx.actor.authorityId, key, [code])),
        listItemReferences(model, key, code),
      )
      if (inUse)
        throw new ValidationError([
          {
            field: list.path.join('.'),
            message: `The ${list.singular} “${item.label}” (${code}) cannot be removed: ${inUse}`,
          },
        ])
      const remaining = items.filter(candidate => candidate !== item)
      await save(ctx, version, withListItems(model, list, [...remaining]), `${list.label}: “${item.label}” removed`)
    },

    /** Replaces the whole model (an import, or a future full editor), validated like any change. */
    update(ctx: RequestContext, version: number, candidate: unknown, summary = 'Practice model changed') {
      authorize(ctx.actor, 'practiceModel:manage')
      return save(ctx, version, candidate, summary)
    },
  }
}

/** What each table's records are called, one and many, where the pages say what uses an item. */
const recordWords: Record<UsageTable, [string, string]> = {
  support_request: ['request for support', 'requests for support'],
  front_door_decision: ['front door decision', 'front door decisions'],
  panel_decision: ['panel decision', 'panel decisions'],
  episode: ['episode', 'episodes'],
  assessment: ['assessment', 'assessments'],
  assessment_entry: ['assessment entry', 'assessment entries'],
  assessment_need: ['need identified by an assessment', 'needs identified by assessments'],
  plan_outcome: ['plan outcome', 'plan outcomes'],
  progression_tool_record: ['progression tool record', 'progression tool records'],
  programme_delivery: ['programme delivery', 'programme deliveries'],
}

/** "3 episodes", "1 panel decision": the records that use a code. */
function usedBy(uses: ListUsage[]): string[] {
  return uses.map(use => {
    const [one, many] = recordWords[use.table]
    return `${use.count} ${use.count === 1 ? one : many}`
  })
}

/** "it is used by 2 episodes and named by the progression tool …", or undefined if nothing uses the item. */
function whereUsed(records: string[], references: string[]): string | undefined {
  const parts = [
    ...(records.length > 0 ? [`used by ${inWords(records)}`] : []),
    ...(references.length > 0 ? [`named by ${inWords(references)}`] : []),
  ]
  return parts.length > 0 ? `it is ${parts.join(' and ')}` : undefined
}

/** "a", "a and b", "a, b and c". */
function inWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/** Freezes an object and everything in it, so a shared model cannot be changed by accident. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
