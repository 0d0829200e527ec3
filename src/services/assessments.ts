import {
  assessmentsOf,
  currentNeedsOf,
  decideReview,
  entriesOf,
  findAssessment,
  insertAssessment,
  insertReview,
  latestAssessmentOf,
  lockEpisodeForAssessment,
  needsLinkedToPlans,
  needsOf as needsOfAssessment,
  reviewsOf,
  updateAssessment,
  writeEntries,
  writeNeeds,
} from '../data/assessments.js'
import type { Executor } from '../data/database.js'
import { childrenOf } from '../data/episodes.js'
import { membersOf, relationshipsAmong } from '../data/people.js'
import { assessmentStatuses, type AssessmentStatus } from '../data/schema.js'
import { findUser } from '../data/staff.js'
import { formatDate, todayIn } from '../lib/dates.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import type { PracticeModel } from '../practice-models/schema.js'
import { can } from '../policies/index.js'
import type { RecordType } from './accessLog.js'
import {
  assessedPeople,
  contentOf,
  fields,
  snapshotOf,
  submissionProblems,
  suggestedType,
  type AssessmentContent,
  type AssessmentSnapshot,
  type EntryText,
} from './assessmentContent.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'

export { assessmentStatuses, fields as assessmentFields, type AssessmentContent, type AssessmentSnapshot }

/** The access log's name for an assessment. */
const ASSESSMENT: RecordType = 'assessment'

/** How each status reads on a page. */
export const assessmentStatusLabels: Record<AssessmentStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for approval',
  approved: 'Approved',
  returned: 'Returned for changes',
}

/** The statuses in which the worker may change the content. */
const editable: AssessmentStatus[] = ['draft', 'returned']
/** The statuses of an assessment still being worked: only one at a time per episode. */
const inProgress: AssessmentStatus[] = ['draft', 'submitted', 'returned']

export interface AssessmentStart {
  assessmentType: string | null
  startedOn: string | null
  completingAgency: string
}

/**
 * A change of content: the sections given (others stay as they are) and, when given, every need (blank rows
 * included, and ignored); needs not given stay as they are.
 */
export interface AssessmentChanges {
  entries: EntryText[]
  needs?: { needId: string | null; description: string; outcomeArea: string | null }[] | undefined
}

export interface AssessmentDecision {
  decision: string | null
  comments: string
}

const clean = (text: string | null | undefined) => (text ?? '').trim() || null
const typeLabelOf = (model: PracticeModel, code: string) =>
  model.assessment.types.find(type => type.code === code)?.label ?? code

/**
 * Working the case: the whole-family assessment (issue 8). 001 §4: "The assessment (either early help or single
 * assessment) must be used as the basis of identifying the current needs and risks associated with the family and
 * the basis of an outcome focused … plan". Draft → submitted → approved by a manager, or returned with comments and
 * worked again; each submission is kept as it stood (003 §5: assessments "could not be found", "not updated").
 */
export function createAssessmentService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology, practiceModels } = deps

  /** The children in scope of the episode and the family's current parents and carers, with everyone's names. */
  async function peopleOf(ex: Executor, authorityId: string, episode: { episode_id: string; family_id: string }) {
    const [children, members] = await Promise.all([
      childrenOf(ex, authorityId, episode.episode_id),
      membersOf(ex, authorityId, episode.family_id),
    ])
    const relationships = await relationshipsAmong(
      ex,
      authorityId,
      members.map(member => member.person_id),
    )
    const people = assessedPeople({ children, members, relationships })
    const names = new Map(members.map(member => [member.person_id, `${member.given_name} ${member.family_name}`]))
    return { people, names, childIds: children.map(child => child.person_id) }
  }

  /** The assessment's content as it is saved now, laid out for the people assessed now. */
  async function contentNow(
    ex: Executor,
    authorityId: string,
    episode: { episode_id: string; family_id: string },
    assessmentId: string,
    model: PracticeModel,
  ) {
    const [{ people, names }, entries, needs] = await Promise.all([
      peopleOf(ex, authorityId, episode),
      entriesOf(ex, authorityId, assessmentId),
      needsOfAssessment(ex, authorityId, assessmentId),
    ])
    return contentOf(
      model,
      people,
      entries.map(toEntryText),
      needs.map(need => ({ needId: need.need_id, description: need.description, outcomeArea: need.outcome_area })),
      names,
    )
  }

  async function load(ex: Executor, authorityId: string, episodeId: string, assessmentId: string) {
    const assessment = await findAssessment(ex, authorityId, episodeId, assessmentId)
    if (!assessment) throw new NotFoundError()
    return assessment
  }

  /** Who is named in the chronology as having done it. */
  async function nameOf(ctx: RequestContext) {
    return (await findUser(db, ctx.actor.authorityId, ctx.actor.userId))?.display_name ?? 'a user'
  }

  /**
   * Saves the content (when given) and, if asked, submits it — in one transaction, so a submission that fails
   * its checks saves nothing.
   */
  async function change(
    ctx: RequestContext,
    episodeId: string,
    assessmentId: string,
    version: number,
    changes: AssessmentChanges | null,
    submit: boolean,
  ) {
    const authorityId = ctx.actor.authorityId
    const { episode } = await access.episode(ctx, episodeId, 'episode:work')
    const assessment = await load(db, authorityId, episodeId, assessmentId)
    if (assessment.version !== version) throw new ConflictError(STALE_MESSAGE)
    const { model } = await practiceModels.get(authorityId)
    const [{ people, names, childIds }, savedEntries, savedNeeds] = await Promise.all([
      peopleOf(db, authorityId, episode),
      entriesOf(db, authorityId, assessmentId),
      needsOfAssessment(db, authorityId, assessmentId),
    ])
    const errors: FieldError[] = []
    const firstField = fields.entry(model.assessment.sections[0]!.code)
    if (episode.status !== 'open') errors.push({ field: firstField, message: 'The episode is closed' })
    if (!editable.includes(assessment.status))
      errors.push({
        field: firstField,
        message: 'This assessment is waiting for a decision or approved: only a returned or draft one can be changed',
      })

    // The texts given, each checked against who the section is about.
    const byKey = new Map<string, EntryText>()
    for (const entry of changes?.entries ?? []) {
      const section = model.assessment.sections.find(candidate => candidate.code === entry.section)
      const about = section?.about ?? 'family'
      const subjects =
        about === 'each_child' ? people.children : about === 'each_parent' ? people.parents : ([] as const)
      // Someone no longer in scope (a parent who has left) keeps the text written about them, which may be changed.
      const known =
        section &&
        (about === 'family'
          ? entry.personId === null
          : subjects.some(person => person.personId === entry.personId) ||
            savedEntries.some(saved => saved.section === entry.section && saved.person_id === entry.personId))
      if (!known) {
        errors.push({
          field: 'entries',
          message: `There is no section ‘${entry.section}’${entry.personId ? ' for that person' : ''} in this assessment`,
        })
        continue
      }
      byKey.set(`${entry.section}|${entry.personId ?? ''}`, {
        section: entry.section,
        personId: entry.personId,
        body: clean(entry.body),
        notRecordedReason: about === 'each_parent' ? clean(entry.notRecordedReason) : null,
      })
    }
    const entries = [...byKey.values()]

    // The needs: blank rows are ignored; a saved need left blank (or left out) is removed, unless a plan answers it.
    const savedIds = new Set(savedNeeds.map(need => need.need_id))
    const needs: { needId: string | null; description: string; outcomeArea: string }[] = []
    const needRows: number[] = []
    const needChanges = changes?.needs
    if (needChanges) {
      needChanges.forEach((need, index) => {
        const n = index + 1
        const description = need.description.trim()
        const needId = need.needId && savedIds.has(need.needId) ? need.needId : null
        if (!description) return
        const outcomeArea = (need.outcomeArea ?? '').trim()
        if (outcomeArea && !model.outcomeAreas.areas.some(area => area.code === outcomeArea))
          errors.push({
            field: fields.needOutcomeArea(n),
            message: `Select the outcome area of need ${n} from the list`,
          })
        needs.push({ needId, description, outcomeArea })
        needRows.push(n)
      })
      const kept = new Set(needs.flatMap(need => (need.needId ? [need.needId] : [])))
      const removed = savedNeeds.filter(need => !kept.has(need.need_id))
      const linked = await needsLinkedToPlans(
        db,
        authorityId,
        removed.map(need => need.need_id),
      )
      for (const need of removed.filter(candidate => linked.has(candidate.need_id))) {
        const row = needChanges.findIndex(given => given.needId === need.need_id)
        errors.push({
          field: row === -1 ? 'needs' : fields.needDescription(row + 1),
          message: `The need ‘${need.description}’ is answered by an outcome of the plan, so it cannot be removed: change its words instead`,
        })
      }
    }

    if (submit && errors.length === 0) {
      // What the assessment would hold once saved: the texts given over those saved.
      const given = new Set(entries.map(entry => `${entry.section}|${entry.personId ?? ''}`))
      const merged = [
        ...savedEntries.map(toEntryText).filter(entry => !given.has(`${entry.section}|${entry.personId ?? ''}`)),
        ...entries,
      ]
      const proposed = contentOf(
        model,
        people,
        merged,
        needChanges
          ? needs
          : savedNeeds.map(need => ({
              needId: need.need_id,
              description: need.description,
              outcomeArea: need.outcome_area,
            })),
        names,
      )
      errors.push(...submissionProblems(proposed, needChanges ? needRows : savedNeeds.map(need => need.position)))
    }
    if (errors.length > 0) throw new ValidationError(errors)

    const submitter = submit ? await nameOf(ctx) : null
    await access.transaction(async trx => {
      const at = clock.now()
      const today = todayIn(at)
      const saved = await updateAssessment(trx, {
        authorityId,
        assessmentId,
        version,
        ...(submit ? { status: 'submitted' as const, submittedOn: today } : {}),
        by: ctx.actor.userId,
        at,
      })
      if (!saved) throw new ConflictError(STALE_MESSAGE)
      await writeEntries(trx, authorityId, assessmentId, entries)
      if (needChanges) await writeNeeds(trx, authorityId, assessmentId, needs)
      if (submit) {
        const content = await contentNow(trx, authorityId, episode, assessmentId, model)
        const reviews = await reviewsOf(trx, authorityId, assessmentId)
        const number = reviews.length + 1
        const typeLabel = typeLabelOf(model, assessment.assessment_type)
        await insertReview(trx, {
          authorityId,
          assessmentId,
          number,
          snapshot: snapshotOf(content, {
            type: { code: assessment.assessment_type, label: typeLabel },
            startedOn: assessment.started_on,
            completingAgency: assessment.completing_agency,
          }),
          by: ctx.actor.userId,
          at,
        })
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: childIds,
          occurredOn: today,
          category: 'Early help',
          summary: `${typeLabel} submitted for approval by ${submitter} (version ${number})`,
          event: chronologyEvents.assessmentSubmitted,
        })
      }
      await accessLog.record(ctx, 'update', ASSESSMENT, [assessmentId], trx)
    })
  }

  return {
    /** Refuses (logged) a user who may not work the case: asked before a form is read. */
    async authorizeWork(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:work')
    },

    /** Refuses (logged) a user who may not oversee the case: asked before a decision is read. */
    async authorizeOversee(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:oversee')
    },

    /** The episode's assessments, the latest first, for whoever sees the case. */
    async list(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const [{ model }, rows] = await Promise.all([
        practiceModels.get(authorityId),
        assessmentsOf(db, authorityId, episodeId),
      ])
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const assessments = rows.map(row => ({
        ...row,
        typeLabel: typeLabelOf(model, row.assessment_type),
        statusLabel: assessmentStatusLabels[row.status],
      }))
      return {
        episode,
        model,
        assessments,
        canStart:
          can(ctx.actor, 'episode:work', resource) &&
          episode.status === 'open' &&
          !rows.some(row => inProgress.includes(row.status)),
      }
    },

    /**
     * What the start form needs: the model's types with one offered first, the agency that completes it, and the
     * assessment in progress if there is one (only one at a time); after one is approved, a re-assessment starts
     * from it.
     */
    async startForm(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const [{ model }, rows, user] = await Promise.all([
        practiceModels.get(authorityId),
        assessmentsOf(db, authorityId, episodeId),
        findUser(db, authorityId, ctx.actor.userId),
      ])
      const active = rows.find(row => inProgress.includes(row.status)) ?? null
      const approved = rows.find(row => row.status === 'approved') ?? null
      return {
        episode,
        model,
        types: model.assessment.types,
        active,
        approved: approved ? { ...approved, typeLabel: typeLabelOf(model, approved.assessment_type) } : null,
        suggestedType: approved?.assessment_type ?? suggestedType(model),
        completingAgency: user?.agency || user?.team_name || 'Early help',
        today: todayIn(clock.now()),
      }
    },

    /**
     * Starts an assessment of an allocated, open episode; only one is worked at a time. A re-assessment (after one
     * is approved) starts with the approved one's content, to be brought up to date (003 §5: "the assessment not
     * updated").
     */
    async start(ctx: RequestContext, episodeId: string, input: AssessmentStart) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const { model } = await practiceModels.get(authorityId)
      const rows = await assessmentsOf(db, authorityId, episodeId)
      const today = todayIn(clock.now())
      const errors: FieldError[] = []
      const inProgressError = {
        field: 'assessmentType',
        message: 'This case already has an assessment in progress: finish it before starting another',
      }
      if (episode.status !== 'open') errors.push({ field: 'assessmentType', message: 'The episode is closed' })
      else if (!episode.worker_user_id)
        errors.push({ field: 'assessmentType', message: 'Allocate a worker first: the assessment is part of the work' })
      else if (rows.some(row => inProgress.includes(row.status))) errors.push(inProgressError)
      if (!model.assessment.types.some(type => type.code === input.assessmentType))
        errors.push({ field: 'assessmentType', message: 'Select the type of assessment' })
      if (!input.startedOn)
        errors.push({ field: 'startedOn', anchor: 'startedOn-day', message: 'Enter the date the assessment started' })
      else if (input.startedOn > today)
        errors.push({ field: 'startedOn', anchor: 'startedOn-day', message: 'The date must be today or in the past' })
      else if (input.startedOn < episode.opened_on)
        errors.push({
          field: 'startedOn',
          anchor: 'startedOn-day',
          message: `The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`,
        })
      const agency = input.completingAgency.trim()
      if (!agency) errors.push({ field: 'completingAgency', message: 'Enter the agency completing the assessment' })
      if (errors.length > 0) throw new ValidationError(errors)
      const approved = rows.find(row => row.status === 'approved')
      return access.transaction(async trx => {
        await lockEpisodeForAssessment(trx, authorityId, episodeId)
        const now = await assessmentsOf(trx, authorityId, episodeId)
        if (now.some(row => inProgress.includes(row.status))) throw new ValidationError([inProgressError])
        const at = clock.now()
        const assessmentId = await insertAssessment(trx, {
          authorityId,
          episodeId,
          assessmentType: input.assessmentType!,
          startedOn: input.startedOn!,
          completingAgency: agency,
          workerUserId: ctx.actor.userId,
          by: ctx.actor.userId,
          at,
        })
        if (approved) {
          const [entries, needs] = await Promise.all([
            entriesOf(trx, authorityId, approved.assessment_id),
            needsOfAssessment(trx, authorityId, approved.assessment_id),
          ])
          await writeEntries(trx, authorityId, assessmentId, entries.map(toEntryText))
          await writeNeeds(
            trx,
            authorityId,
            assessmentId,
            needs.map(need => ({ needId: null, description: need.description, outcomeArea: need.outcome_area })),
          )
        }
        await accessLog.record(ctx, 'create', ASSESSMENT, [assessmentId], trx)
        return assessmentId
      })
    },

    /**
     * One assessment as it stands, its versions (each submission and the decision on it), and — when `version` is
     * given — that version as it was submitted. Logged as a view of the assessment.
     */
    async get(ctx: RequestContext, episodeId: string, assessmentId: string, options: { version?: number } = {}) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const assessment = await load(db, authorityId, episodeId, assessmentId)
      const { model } = await practiceModels.get(authorityId)
      const [content, reviews] = await Promise.all([
        contentNow(db, authorityId, episode, assessmentId, model),
        reviewsOf(db, authorityId, assessmentId),
      ])
      const versions = reviews.map(review => ({
        number: review.number,
        submittedAt: review.submitted_at,
        submittedBy: review.submitted_by_name,
        decision: review.decision,
        comments: review.comments,
        decidedAt: review.decided_at,
        decidedBy: review.decided_by_name,
        snapshot: review.snapshot as AssessmentSnapshot,
      }))
      const shown = options.version === undefined ? null : versions.find(v => v.number === options.version)
      if (shown === undefined) throw new NotFoundError()
      await accessLog.record(ctx, 'view', ASSESSMENT, [assessmentId])
      const open = episode.status === 'open'
      const working = can(ctx.actor, 'episode:work', resource)
      return {
        episode,
        model,
        assessment,
        typeLabel: typeLabelOf(model, assessment.assessment_type),
        statusLabel: assessmentStatusLabels[assessment.status],
        content,
        versions,
        shownVersion: shown,
        /** The manager's comments when it was last returned, for the worker to act on. */
        returnedWith: assessment.status === 'returned' ? (versions.at(-1)?.comments ?? null) : null,
        canEdit: working && open && editable.includes(assessment.status),
        canDecide: can(ctx.actor, 'episode:oversee', resource) && open && assessment.status === 'submitted',
        canStartAgain:
          working &&
          open &&
          assessment.status === 'approved' &&
          !(await assessmentsOf(db, authorityId, episodeId)).some(row => inProgress.includes(row.status)),
      }
    },

    /**
     * What the edit page needs, for one who works the case; `editable` false once submitted or approved. Logged as a
     * view unless `log` is false (reading a posted form against the assessment's layout shows nothing).
     */
    async editForm(ctx: RequestContext, episodeId: string, assessmentId: string, { log = true } = {}) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const assessment = await load(db, authorityId, episodeId, assessmentId)
      const { model } = await practiceModels.get(authorityId)
      const [content, reviews] = await Promise.all([
        contentNow(db, authorityId, episode, assessmentId, model),
        reviewsOf(db, authorityId, assessmentId),
      ])
      if (log) await accessLog.record(ctx, 'view', ASSESSMENT, [assessmentId])
      return {
        episode,
        model,
        assessment,
        typeLabel: typeLabelOf(model, assessment.assessment_type),
        statusLabel: assessmentStatusLabels[assessment.status],
        content,
        outcomeAreas: model.outcomeAreas.areas,
        returnedWith: assessment.status === 'returned' ? (reviews.at(-1)?.comments ?? null) : null,
        editable: episode.status === 'open' && editable.includes(assessment.status),
      }
    },

    /** Saves the draft (or the returned assessment) as it is: incomplete content is fine until it is submitted. */
    save(ctx: RequestContext, episodeId: string, assessmentId: string, version: number, changes: AssessmentChanges) {
      return change(ctx, episodeId, assessmentId, version, changes, false)
    },

    /** Saves the content and submits it to the manager, in one step: if it cannot be submitted, nothing is saved. */
    saveAndSubmit(
      ctx: RequestContext,
      episodeId: string,
      assessmentId: string,
      version: number,
      changes: AssessmentChanges,
    ) {
      return change(ctx, episodeId, assessmentId, version, changes, true)
    },

    /** Submits the content as saved to the manager, a new version kept as it stands. */
    submit(ctx: RequestContext, episodeId: string, assessmentId: string, version: number) {
      return change(ctx, episodeId, assessmentId, version, null, true)
    },

    /** What the decision page needs, for a manager who oversees the case. */
    async decisionForm(ctx: RequestContext, episodeId: string, assessmentId: string) {
      await access.episode(ctx, episodeId, 'episode:oversee')
      return this.get(ctx, episodeId, assessmentId)
    },

    /**
     * The manager approves the submitted assessment, or returns it with what needs to change (comments required);
     * the worker then works it again and resubmits, a new version.
     */
    async decide(
      ctx: RequestContext,
      episodeId: string,
      assessmentId: string,
      version: number,
      input: AssessmentDecision,
    ) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:oversee')
      const assessment = await load(db, authorityId, episodeId, assessmentId)
      if (assessment.version !== version) throw new ConflictError(STALE_DECISION_MESSAGE)
      const { model } = await practiceModels.get(authorityId)
      const comments = input.comments.trim()
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'decision', message: 'The episode is closed' })
      else if (assessment.status !== 'submitted')
        errors.push({ field: 'decision', message: 'This assessment is not waiting for a decision' })
      if (input.decision !== 'approve' && input.decision !== 'return')
        errors.push({ field: 'decision', message: 'Select whether you approve the assessment or return it' })
      else if (input.decision === 'return' && !comments)
        errors.push({ field: 'comments', message: 'Enter what needs to change before the assessment can be approved' })
      if (errors.length > 0) throw new ValidationError(errors)
      const approve = input.decision === 'approve'
      const manager = await nameOf(ctx)
      const reviews = await reviewsOf(db, authorityId, assessmentId)
      const number = reviews.at(-1)?.number ?? 0
      await access.transaction(async trx => {
        const at = clock.now()
        const today = todayIn(at)
        const saved = await updateAssessment(trx, {
          authorityId,
          assessmentId,
          version,
          status: approve ? 'approved' : 'returned',
          ...(approve ? { approvedOn: today } : {}),
          by: ctx.actor.userId,
          at,
        })
        if (!saved) throw new ConflictError(STALE_DECISION_MESSAGE)
        const decided = await decideReview(trx, {
          authorityId,
          assessmentId,
          number,
          decision: approve ? 'approved' : 'returned',
          comments: comments || null,
          by: ctx.actor.userId,
          at,
        })
        if (!decided) throw new ConflictError(STALE_DECISION_MESSAGE)
        const children = await childrenOf(trx, authorityId, episodeId)
        const typeLabel = typeLabelOf(model, assessment.assessment_type)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: today,
          category: 'Early help',
          summary: approve
            ? `${typeLabel} approved by ${manager} (version ${number})`
            : `${typeLabel} returned for changes by ${manager} (version ${number})`,
          detail: comments || null,
          event: approve ? chronologyEvents.assessmentApproved : chronologyEvents.assessmentReturned,
        })
        await accessLog.record(ctx, 'update', ASSESSMENT, [assessmentId], trx)
      })
    },

    /**
     * The case page's view of the assessment; the caller has already been allowed to read the case. `latest` is
     * the assessment started last, `count` how many the episode has had.
     */
    async forCase(authorityId: string, episodeId: string) {
      const [{ latest, count }, { model }] = await Promise.all([
        latestAssessmentOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      return {
        latest: latest
          ? {
              assessmentId: latest.assessment_id,
              typeLabel: typeLabelOf(model, latest.assessment_type),
              status: latest.status,
              statusLabel: assessmentStatusLabels[latest.status],
              startedOn: latest.started_on,
              submittedOn: latest.submitted_on,
              approvedOn: latest.approved_on,
            }
          : null,
        count,
      }
    },

    /**
     * The needs the plan answers: those of the episode's latest approved assessment, else of its latest (001 §4).
     * The caller has already been allowed to read the case.
     */
    async needsOf(authorityId: string, episodeId: string) {
      const [needs, { model }] = await Promise.all([
        currentNeedsOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      return needs.map(need => ({
        needId: need.need_id,
        description: need.description,
        outcomeArea: need.outcome_area,
        outcomeAreaLabel: model.outcomeAreas.areas.find(area => area.code === need.outcome_area)?.label ?? '',
      }))
    },
  }
}

const STALE_MESSAGE =
  'Someone else changed this assessment while you were working on it, so your changes were not saved. ' +
  'The form still holds what you typed: open the assessment in another tab to see what they saved, then save again.'

const STALE_DECISION_MESSAGE =
  'The assessment changed since you opened it (it may have been decided already), so your decision was not saved. ' +
  'Check the assessment as it stands now, then decide again.'

function toEntryText(entry: {
  section: string
  person_id: string | null
  body: string | null
  not_recorded_reason: string | null
}): EntryText {
  return {
    section: entry.section,
    personId: entry.person_id,
    body: entry.body,
    notRecordedReason: entry.not_recorded_reason,
  }
}
