import type { Executor } from '../data/database.js'
import {
  findPracticeModel,
  findPracticeModelVersion,
  insertPracticeModel,
  insertPracticeModelChange,
  listPracticeModelChanges,
  updatePracticeModel,
} from '../data/practiceModels.js'
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.js'
import { authorize } from '../policies/index.js'
import {
  practiceModelChanges,
  timescaleRules,
  validatePracticeModel,
  type PracticeModel,
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

  /** Validates, saves if still at the version loaded, and records each changed value: one transaction. */
  async function save(ctx: RequestContext, version: number, candidate: unknown, summary: string) {
    const checked = validatePracticeModel(candidate)
    if ('errors' in checked) throw new ValidationError(checked.errors)
    const authorityId = ctx.actor.authorityId
    await db.transaction().execute(async trx => {
      const current = await load(trx, authorityId)
      if (current.version !== version) throw new ConflictError()
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
      await save(ctx, version, { ...model, timescales }, 'Timescales changed')
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

    /** Replaces the whole model (an import, or a future full editor), validated like any change. */
    update(ctx: RequestContext, version: number, candidate: unknown, summary = 'Practice model changed') {
      authorize(ctx.actor, 'practiceModel:manage')
      return save(ctx, version, candidate, summary)
    },
  }
}

/** Freezes an object and everything in it, so a shared model cannot be changed by accident. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
