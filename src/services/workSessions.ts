import type { Executor } from '../data/database.js'
import { childrenOf } from '../data/episodes.js'
import { membersOf } from '../data/people.js'
import { workSessionKinds, type WorkSessionKind } from '../data/schema.js'
import {
  currentPlanOutcomes,
  currentVisitFrequency,
  findWorkSession,
  insertVisitFrequency,
  insertWorkSession,
  outcomeWords,
  outcomesWorkedIn,
  peopleSeenIn,
  sessionDatesOf,
  updateWorkSession,
  visitFrequenciesOf,
  workSessionsOf,
} from '../data/workSessions.js'
import { addDays, formatDate, todayIn } from '../lib/dates.js'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'

export { workSessionKinds, type WorkSessionKind }

/** The types of session as the forms and pages name them. */
export const workSessionKindLabels: Record<WorkSessionKind, string> = {
  'home visit': 'Home visit',
  school: 'At school',
  office: 'At the office',
  phone: 'Phone call',
  virtual: 'Video call',
  community: 'In the community',
}

/** The intervals the visit frequency form offers, in days; any other interval from 1 to 92 days may be agreed. */
export const visitIntervals = [7, 14, 21, 28] as const
export const MAX_VISIT_INTERVAL_DAYS = 92

/** "every week", "every 2 weeks", "every 10 days". */
export function intervalWords(everyDays: number): string {
  if (everyDays === 1) return 'every day'
  if (everyDays === 7) return 'every week'
  if (everyDays % 7 === 0 && everyDays <= 28) return `every ${everyDays / 7} weeks`
  return `every ${everyDays} days`
}

/** Where the sessions stand against the visit frequency agreed for the case. */
export interface VisitFrequencyStatus {
  everyDays: number
  agreedOn: string
  /** The latest session of the episode, whenever it was held; null when there has been none. */
  lastSessionOn: string | null
  /** The next session is due by this day: one interval after the last session, or after the agreement if later. */
  nextDueOn: string
  /** Today is after the day the next session was due by. */
  overdue: boolean
  /** How many days after it; 0 when not overdue. */
  daysOverdue: number
  /** Whole intervals since the agreement: how many sessions there should have been by today. */
  expected: number
  /** Sessions held on or after the day it was agreed. */
  held: number
}

const DAY_MS = 24 * 60 * 60 * 1000
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS)

/**
 * Sessions against the agreed visit frequency (003 action plan 3.5: "Contact level with families is proportionate
 * to needs of the case … agree visit frequency in all Early Help cases and record this clearly"). The clock runs
 * from the last session, or from the agreement when no session has been held since: a session on the day it is
 * due is on time, the day after it is a day overdue. A pure function of its arguments (ISO dates).
 */
export function sessionsAgainstFrequency(
  agreement: { everyDays: number; agreedOn: string },
  sessionDates: readonly string[],
  today: string,
): VisitFrequencyStatus {
  const { everyDays, agreedOn } = agreement
  const past = sessionDates.filter(date => date <= today)
  const lastSessionOn = past.reduce<string | null>(
    (latest, date) => (latest === null || date > latest ? date : latest),
    null,
  )
  const from = lastSessionOn !== null && lastSessionOn > agreedOn ? lastSessionOn : agreedOn
  const nextDueOn = addDays(from, everyDays)
  const daysOverdue = Math.max(0, daysBetween(nextDueOn, today))
  return {
    everyDays,
    agreedOn,
    lastSessionOn,
    nextDueOn,
    overdue: daysOverdue > 0,
    daysOverdue,
    expected: today >= agreedOn ? Math.floor(daysBetween(agreedOn, today) / everyDays) : 0,
    held: past.filter(date => date >= agreedOn).length,
  }
}

/** A session as the form gives it: text as typed, the ticked boxes as lists. */
export interface WorkSessionForm {
  heldOn: string | null
  kind: string | null
  personIds: string[]
  seenAloneIds: string[]
  outcomeKeys: string[]
  purpose: string
  action: string
  reflection: string
  analysis: string
}

/** A visit frequency agreement as the form gives it: one of the intervals, or 'other' with a number of days. */
export interface VisitFrequencyForm {
  interval: string | null
  otherDays: string | null
  agreedOn: string | null
  notes: string
}

type Member = Awaited<ReturnType<typeof membersOf>>[number]
type Person = { personId: string; givenName: string; familyName: string; role: string; current: boolean }

const isChild = (person: Person) => person.role === 'child'
const unique = (values: string[]) => [...new Set(values)]

/** Working the case: sessions recorded with PARA and the agreed visit frequency (issue 8). */
export function createWorkSessionService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology, practiceModels } = deps

  /**
   * Who may be recorded as seen: the family's current members (not an unborn baby), and anyone already recorded on
   * the session, even if they have since left the family (they stay on the session they were seen in).
   */
  async function peopleOf(authorityId: string, familyId: string, alreadySeenIds: string[] = []): Promise<Person[]> {
    return (await membersOf(db, authorityId, familyId))
      .filter(
        (member: Member) =>
          member.role !== 'unborn child' && (member.left_on === null || alreadySeenIds.includes(member.person_id)),
      )
      .map(member => ({
        personId: member.person_id,
        givenName: member.given_name,
        familyName: member.family_name,
        role: member.role,
        current: member.left_on === null,
      }))
      .filter((person, index, all) => all.findIndex(other => other.personId === person.personId) === index)
  }

  /** Each session with who was seen and the plan outcomes it worked towards. */
  async function withDetails<S extends { work_session_id: string }>(authorityId: string, episodeId: string, rows: S[]) {
    const ids = rows.map(row => row.work_session_id)
    const [seen, worked] = await Promise.all([
      peopleSeenIn(db, authorityId, ids),
      outcomesWorkedIn(db, authorityId, ids),
    ])
    const words = await outcomeWords(db, authorityId, episodeId, unique(worked.map(row => row.outcome_key)))
    return rows.map(row => ({
      ...row,
      seen: seen
        .filter(person => person.work_session_id === row.work_session_id)
        .map(person => ({
          personId: person.person_id,
          givenName: person.given_name,
          familyName: person.family_name,
          seenAlone: person.seen_alone,
        })),
      outcomes: worked
        .filter(outcome => outcome.work_session_id === row.work_session_id)
        .map(outcome => ({ outcomeKey: outcome.outcome_key, outcome: words.get(outcome.outcome_key) ?? 'An outcome' })),
    }))
  }

  async function frequencyOf(ex: Executor, authorityId: string, episodeId: string, today: string) {
    const [agreement, dates] = await Promise.all([
      currentVisitFrequency(ex, authorityId, episodeId),
      sessionDatesOf(ex, authorityId, episodeId),
    ])
    return {
      dates,
      frequency: agreement
        ? sessionsAgainstFrequency({ everyDays: agreement.every_days, agreedOn: agreement.agreed_on }, dates, today)
        : null,
    }
  }

  /**
   * Checks a session against the rules and the family (every problem together) and gives what to save. 001 §4:
   * sessions are "planned and focused and are based on the goals in the TAF plan/s": each is recorded with PARA.
   */
  function checkSession(
    episode: { status: string; worker_user_id: string | null; opened_on: string },
    people: Person[],
    outcomeKeys: string[],
    input: WorkSessionForm,
  ) {
    const errors: FieldError[] = []
    const dateError = (message: string) => errors.push({ field: 'heldOn', anchor: 'heldOn-day', message })
    if (episode.status !== 'open') dateError('The episode is closed')
    else if (!episode.worker_user_id)
      dateError('Allocate a worker first: sessions are recorded once the case is allocated')
    if (!input.heldOn) dateError('Enter the date of the session')
    else if (input.heldOn > todayIn(clock.now())) dateError('The date must be today or in the past')
    else if (input.heldOn < episode.opened_on)
      dateError(`The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`)
    if (!(workSessionKinds as readonly string[]).includes(input.kind ?? ''))
      errors.push({ field: 'kind', message: 'Select the type of session' })
    const known = new Map(people.map(person => [person.personId, person]))
    const seenIds = unique([...input.personIds, ...input.seenAloneIds])
    const aloneIds = unique(input.seenAloneIds)
    if (seenIds.length === 0) errors.push({ field: 'personIds', message: 'Select who was seen' })
    else if (input.personIds.some(id => !known.has(id)))
      errors.push({ field: 'personIds', message: 'Select people who are members of the family' })
    if (aloneIds.some(id => !known.has(id) || !isChild(known.get(id)!)))
      errors.push({ field: 'seenAloneIds', message: 'Select children of the family' })
    const keys = unique(input.outcomeKeys)
    if (keys.some(key => !outcomeKeys.includes(key)))
      errors.push({ field: 'outcomeKeys', message: 'Select outcomes of the plan' })
    const para = [
      ['purpose', 'Enter the purpose of the session'],
      ['action', 'Enter what was done in the session'],
      ['reflection', 'Enter the reflection on the session'],
      ['analysis', 'Enter the analysis: what the session means for the plan'],
    ] as const
    for (const [field, message] of para) if (!input[field].trim()) errors.push({ field, message })
    if (errors.length > 0) throw new ValidationError(errors)
    // Adults first, then children by age, as the family's members are listed.
    const seen = people.filter(person => seenIds.includes(person.personId))
    return {
      heldOn: input.heldOn!,
      kind: input.kind as WorkSessionKind,
      purpose: input.purpose.trim(),
      action: input.action.trim(),
      reflection: input.reflection.trim(),
      analysis: input.analysis.trim(),
      seen: seen.map(person => ({ personId: person.personId, seenAlone: aloneIds.includes(person.personId) })),
      outcomeKeys: keys,
      // "Home visit: seen Ava, Ben (seen alone)".
      summary: `${workSessionKindLabels[input.kind as WorkSessionKind]}: ${input.kind === 'phone' ? 'spoke with' : 'seen'} ${seen
        .map(person => `${person.givenName}${aloneIds.includes(person.personId) ? ' (seen alone)' : ''}`)
        .join(', ')}`,
    }
  }

  /** The choices the session form offers: the family's people, its children, and the plan's outcomes. */
  async function formChoices(
    authorityId: string,
    episode: { episode_id: string; family_id: string },
    session?: { seen: { personId: string }[]; outcomes: { outcomeKey: string; outcome: string }[] },
  ) {
    const [people, plan, { model }] = await Promise.all([
      peopleOf(
        authorityId,
        episode.family_id,
        (session?.seen ?? []).map(person => person.personId),
      ),
      currentPlanOutcomes(db, authorityId, episode.episode_id),
      practiceModels.get(authorityId),
    ])
    const outcomes = plan.outcomes.map(outcome => ({ outcomeKey: outcome.outcome_key, outcome: outcome.outcome }))
    // An outcome a later plan version dropped stays linked to the sessions that worked towards it.
    for (const linked of session?.outcomes ?? [])
      if (!outcomes.some(outcome => outcome.outcomeKey === linked.outcomeKey)) outcomes.push(linked)
    return {
      people,
      children: people.filter(person => isChild(person)),
      plan: plan.plan,
      outcomes,
      model,
      today: todayIn(clock.now()),
    }
  }

  async function sessionOf(authorityId: string, episodeId: string, workSessionId: string) {
    const row = await findWorkSession(db, authorityId, episodeId, workSessionId)
    if (!row) throw new NotFoundError()
    const [session] = await withDetails(authorityId, episodeId, [row])
    return session!
  }

  return {
    kinds: workSessionKinds,
    kindLabels: workSessionKindLabels,
    intervals: visitIntervals,

    /** The episode's sessions, newest first, and where they stand against the agreed visit frequency. */
    async list(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const today = todayIn(clock.now())
      const [rows, { frequency }, agreements, { model }] = await Promise.all([
        workSessionsOf(db, authorityId, episodeId),
        frequencyOf(db, authorityId, episodeId, today),
        visitFrequenciesOf(db, authorityId, episodeId),
        practiceModels.get(authorityId),
      ])
      const sessions = await withDetails(authorityId, episodeId, rows)
      const ids = sessions.map(session => session.work_session_id)
      if (ids.length > 0) await accessLog.record(ctx, 'view', 'session', ids)
      else await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const canWork = can(ctx.actor, 'episode:work', resource) && episode.status === 'open'
      return {
        episode,
        model,
        sessions,
        frequency,
        agreement: agreements[0] ?? null,
        agreements,
        canRecord: canWork && episode.worker_user_id !== null,
        canAgreeFrequency: canWork && episode.worker_user_id !== null,
        today,
      }
    },

    /** One session, if the user may see the family's case. */
    async get(ctx: RequestContext, episodeId: string, workSessionId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const session = await sessionOf(authorityId, episodeId, workSessionId)
      const { model } = await practiceModels.get(authorityId)
      await accessLog.record(ctx, 'view', 'session', [workSessionId])
      return {
        episode,
        model,
        session,
        canEdit: can(ctx.actor, 'episode:work', resource) && episode.status === 'open',
      }
    },

    /** Refuses (logged) a user who may not work the case: asked before a form is read. */
    async authorizeWork(ctx: RequestContext, episodeId: string) {
      await access.episode(ctx, episodeId, 'episode:work')
    },

    /** What the form for a new session offers. */
    async newForm(ctx: RequestContext, episodeId: string) {
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      return { episode, ...(await formChoices(ctx.actor.authorityId, episode)) }
    },

    /** What the form for changing a session offers, and the session as saved. */
    async editForm(ctx: RequestContext, episodeId: string, workSessionId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const session = await sessionOf(authorityId, episodeId, workSessionId)
      await accessLog.record(ctx, 'view', 'session', [workSessionId])
      return { episode, session, ...(await formChoices(authorityId, episode, session)) }
    },

    /**
     * Records a session with the family, by the user who held it: PARA (000 and 001 §4: "Purpose; Action;
     * Reflection; Analysis"), who was seen, which children were seen alone, and the plan outcomes it worked towards.
     */
    async record(ctx: RequestContext, episodeId: string, input: WorkSessionForm) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const [people, plan] = await Promise.all([
        peopleOf(authorityId, episode.family_id),
        currentPlanOutcomes(db, authorityId, episodeId),
      ])
      const session = checkSession(
        episode,
        people,
        plan.outcomes.map(outcome => outcome.outcome_key),
        input,
      )
      return access.transaction(async trx => {
        const at = clock.now()
        const workSessionId = await insertWorkSession(trx, {
          ...session,
          authorityId,
          episodeId,
          workerUserId: ctx.actor.userId,
          by: ctx.actor.userId,
          at,
        })
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: session.seen.map(person => person.personId),
          occurredOn: session.heldOn,
          category: 'Early help',
          summary: session.summary,
          detail: `Purpose: ${session.purpose}`,
          event: chronologyEvents.sessionRecorded,
        })
        await accessLog.record(ctx, 'create', 'session', [workSessionId], trx)
        return workSessionId
      })
    },

    /** Changes a session, if no one else has since it was read. */
    async update(
      ctx: RequestContext,
      episodeId: string,
      workSessionId: string,
      version: number,
      input: WorkSessionForm,
    ) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const saved = await sessionOf(authorityId, episodeId, workSessionId)
      if (saved.version !== version) throw new ConflictError()
      const [people, plan] = await Promise.all([
        peopleOf(
          authorityId,
          episode.family_id,
          saved.seen.map(person => person.personId),
        ),
        currentPlanOutcomes(db, authorityId, episodeId),
      ])
      const outcomeKeys = unique([
        ...plan.outcomes.map(outcome => outcome.outcome_key),
        ...saved.outcomes.map(outcome => outcome.outcomeKey),
      ])
      const session = checkSession(episode, people, outcomeKeys, input)
      await access.transaction(async trx => {
        const changed = await updateWorkSession(trx, {
          ...session,
          authorityId,
          workSessionId,
          version,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        if (!changed) throw new ConflictError()
        await accessLog.record(ctx, 'update', 'session', [workSessionId], trx)
      })
    },

    /** The visit frequency agreements of the episode (the one that stands first) and the sessions against it. */
    async frequency(ctx: RequestContext, episodeId: string, action: 'episode:read' | 'episode:work' = 'episode:read') {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, action)
      const today = todayIn(clock.now())
      const [agreements, { frequency }, { model }] = await Promise.all([
        visitFrequenciesOf(db, authorityId, episodeId),
        frequencyOf(db, authorityId, episodeId, today),
        practiceModels.get(authorityId),
      ])
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      return { episode, model, agreements, agreement: agreements[0] ?? null, frequency, today }
    },

    /**
     * Records how often the worker will see the family, agreed with the manager (003 action plan 3.5: "Team Managers
     * and front line staff agree visit frequency in all Early Help cases and record this clearly"). The latest
     * agreement stands; earlier ones are kept.
     */
    async agreeFrequency(ctx: RequestContext, episodeId: string, input: VisitFrequencyForm) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const errors: FieldError[] = []
      let everyDays: number | null = null
      if (episode.status !== 'open') errors.push({ field: 'interval', message: 'The episode is closed' })
      else if (!episode.worker_user_id)
        errors.push({ field: 'interval', message: 'Allocate a worker first: the visit frequency is agreed with them' })
      if (input.interval === 'other') {
        const days = (input.otherDays ?? '').trim()
        if (!days) errors.push({ field: 'otherDays', message: 'Enter the number of days between sessions' })
        else if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_VISIT_INTERVAL_DAYS)
          errors.push({
            field: 'otherDays',
            message: `The number of days must be a whole number from 1 to ${MAX_VISIT_INTERVAL_DAYS}`,
          })
        else everyDays = Number(days)
      } else if ((visitIntervals as readonly number[]).map(String).includes(input.interval ?? '')) {
        everyDays = Number(input.interval)
      } else errors.push({ field: 'interval', message: 'Select how often the family will be seen' })
      const dateError = (message: string) => errors.push({ field: 'agreedOn', anchor: 'agreedOn-day', message })
      if (!input.agreedOn) dateError('Enter the date it was agreed')
      else if (input.agreedOn > todayIn(clock.now())) dateError('The date must be today or in the past')
      else if (input.agreedOn < episode.opened_on)
        dateError(`The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`)
      if (errors.length > 0) throw new ValidationError(errors)
      const notes = input.notes.trim() || null
      return access.transaction(async trx => {
        const visitFrequencyId = await insertVisitFrequency(trx, {
          authorityId,
          episodeId,
          everyDays: everyDays!,
          agreedOn: input.agreedOn!,
          notes,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        const children = await childrenOf(trx, authorityId, episodeId)
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: children.map(child => child.person_id),
          occurredOn: input.agreedOn!,
          category: 'Early help',
          summary: `Visit frequency agreed: ${intervalWords(everyDays!)}`,
          detail: notes,
          event: chronologyEvents.visitFrequencyAgreed,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
        return visitFrequencyId
      })
    },

    /**
     * For the case page, which has already been allowed to read the episode: how many sessions, the last, and where
     * they stand against the agreed visit frequency (null when none has been agreed).
     */
    async forCase(
      authorityId: string,
      episodeId: string,
      today: string,
    ): Promise<{ count: number; lastSessionOn: string | null; frequency: VisitFrequencyStatus | null }> {
      const { dates, frequency } = await frequencyOf(db, authorityId, episodeId, today)
      const lastSessionOn = dates.reduce<string | null>(
        (latest, date) => (latest === null || date > latest ? date : latest),
        null,
      )
      return { count: dates.length, lastSessionOn, frequency }
    },
  }
}
