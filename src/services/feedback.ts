import { createHash, randomBytes } from 'node:crypto'
import { insertChronologyEntry } from '../data/chronology.js'
import { childrenOf } from '../data/episodes.js'
import {
  feedbackLinkEventsOf,
  feedbackLinksOf,
  feedbackOf,
  findFeedbackLink,
  insertFeedback,
  insertFeedbackLink,
  insertFeedbackLinkEvent,
  markFeedbackLinkUsed,
  type FeedbackAnswers,
} from '../data/feedback.js'
import { membersOf } from '../data/people.js'
import {
  feedbackAnswers,
  feedbackRespondents,
  feedbackStages,
  type FeedbackHow,
  type FeedbackRespondent,
} from '../data/schema.js'
import { formatDate, todayIn } from '../lib/dates.js'
import { ValidationError, type FieldError } from '../lib/errors.js'
import { can } from '../policies/index.js'
import type { CaseworkDeps } from './casework.js'
import { chronologyEvents } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'

export { feedbackAnswers, feedbackRespondents, feedbackStages }

/** The three questions the performance framework counts (003 §2), as the family reads them. */
export const feedbackQuestions = [
  { field: 'respected', text: 'Were you treated with respect?' },
  { field: 'listened', text: 'Did we listen to you?' },
  { field: 'helped', text: 'Did we help with the things we agreed to work on?' },
] as const

export const answerLabels = { yes: 'Yes', partly: 'Partly', no: 'No' } as const
export const stageLabels = { midway: 'Midway through the help', closing: 'At the end of the help' } as const
export const howLabels: Record<FeedbackHow, string> = {
  with_worker: 'Answered with the worker',
  written_by_worker: 'Written down by the worker from what the family said',
  own_device: 'Answered by the family on their own device',
  refused: 'The family did not want to answer',
}

/** How long a link lasts unless the worker says otherwise, and the longest it may. */
export const LINK_DAYS = { default: 14, max: 28 } as const

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

export interface FeedbackInput {
  personId: string | null
  stage: string | null
  answeredOn: string | null
  answeredHow: string | null
  respected: string | null
  listened: string | null
  helped: string | null
  whatWasGood: string
  couldBeBetter: string
}

export interface FeedbackLinkInput {
  personId: string | null
  stage: string | null
  validDays: string | null
}

export interface FamilyAnswerInput {
  respected: string | null
  listened: string | null
  helped: string | null
  whatWasGood: string
  couldBeBetter: string
}

/** The three answers, each yes, partly or no, or the field errors saying which is missing. */
function answersOf(input: { respected: string | null; listened: string | null; helped: string | null }) {
  const errors: FieldError[] = []
  const answer = (field: 'respected' | 'listened' | 'helped', question: string) => {
    const found = feedbackAnswers.find(known => known === input[field])
    if (!found) errors.push({ field, message: `Select an answer to “${question}”` })
    return found ?? null
  }
  return {
    errors,
    respected: answer('respected', feedbackQuestions[0].text),
    listened: answer('listened', feedbackQuestions[1].text),
    helped: answer('helped', feedbackQuestions[2].text),
  }
}

/** The link's state for the family's page: answerable, used already, or expired. */
function linkState(link: { used_at: Date | null; expires_at: Date }, now: Date) {
  return link.used_at ? ('used' as const) : link.expires_at <= now ? ('expired' as const) : ('open' as const)
}

/**
 * 'How Was It for You?' (issue 9): the family's view of the help, answered with the worker, written down from what
 * they said, refused, or answered by the family on their own device through a one-time link.
 */
export function createFeedbackService({ database, clock }: ServiceDeps, deps: CaseworkDeps) {
  const { db } = database
  const { access, accessLog, chronology } = deps

  /** Who may answer: the family's current parents and carers, and the children the episode is about. */
  async function respondents(authorityId: string, episode: { episode_id: string; family_id: string }) {
    const [members, children] = await Promise.all([
      membersOf(db, authorityId, episode.family_id),
      childrenOf(db, authorityId, episode.episode_id),
    ])
    const name = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`
    return [
      ...members
        .filter(member => member.left_on === null && (member.role === 'parent' || member.role === 'carer'))
        .map(member => ({ personId: member.person_id, name: name(member), respondent: 'parent' as const })),
      ...children
        .filter(child => child.date_of_birth !== null)
        .map(child => ({ personId: child.person_id, name: name(child), respondent: 'child' as const })),
    ]
  }

  return {
    /** The episode's answers and links, and what the user may do. */
    async view(ctx: RequestContext, episodeId: string) {
      const authorityId = ctx.actor.authorityId
      const { episode, resource } = await access.episode(ctx, episodeId, 'episode:read')
      const [answers, links] = await Promise.all([
        feedbackOf(db, authorityId, episodeId),
        feedbackLinksOf(db, authorityId, episodeId),
      ])
      const events = await feedbackLinkEventsOf(
        db,
        authorityId,
        links.map(link => link.link_id),
      )
      await accessLog.record(ctx, 'view', 'episode', [episodeId])
      const now = clock.now()
      return {
        episode,
        answers,
        links: links.map(link => ({
          ...link,
          state: linkState(link, now),
          uses: events.filter(event => event.link_id === link.link_id),
        })),
        canRecord: can(ctx.actor, 'episode:work', resource) && episode.status === 'open',
      }
    },

    /** The forms' choices: who may answer, and today. */
    async form(ctx: RequestContext, episodeId: string) {
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      return {
        episode,
        people: await respondents(ctx.actor.authorityId, episode),
        today: todayIn(clock.now()),
      }
    },

    /** Records the family's answers as the worker took them, or their refusal (003 action 1.1). */
    async record(ctx: RequestContext, episodeId: string, input: FeedbackInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const people = await respondents(authorityId, episode)
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'personId', message: 'The episode is closed' })
      const person = people.find(candidate => candidate.personId === input.personId)
      if (!person) errors.push({ field: 'personId', message: 'Select who answered' })
      const stage = feedbackStages.find(known => known === input.stage)
      if (!stage) errors.push({ field: 'stage', message: 'Select when in the help it was asked' })
      const how = (['with_worker', 'written_by_worker', 'refused'] as const).find(known => known === input.answeredHow)
      if (!how) errors.push({ field: 'answeredHow', message: 'Select how the family answered' })
      const today = todayIn(clock.now())
      if (!input.answeredOn)
        errors.push({ field: 'answeredOn', anchor: 'answeredOn-day', message: 'Enter the date it was answered' })
      else if (input.answeredOn > today)
        errors.push({ field: 'answeredOn', anchor: 'answeredOn-day', message: 'The date must be today or in the past' })
      else if (input.answeredOn < episode.opened_on)
        errors.push({
          field: 'answeredOn',
          anchor: 'answeredOn-day',
          message: `The date must be on or after the episode opened, ${formatDate(episode.opened_on)}`,
        })
      const answers = how === 'refused' ? null : answersOf(input)
      if (answers) errors.push(...answers.errors)
      if (errors.length > 0) throw new ValidationError(errors)
      return access.transaction(async trx => {
        const feedbackId = await insertFeedback(trx, {
          authorityId,
          episodeId,
          respondent: person!.respondent,
          personId: person!.personId,
          stage: stage!,
          answeredOn: input.answeredOn!,
          answeredHow: how!,
          respected: answers?.respected ?? null,
          listened: answers?.listened ?? null,
          helped: answers?.helped ?? null,
          whatWasGood: (how !== 'refused' && input.whatWasGood.trim()) || null,
          couldBeBetter: (how !== 'refused' && input.couldBeBetter.trim()) || null,
          linkId: null,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await chronology.recordEvent(trx, ctx, {
          familyId: episode.family_id,
          personIds: [person!.personId],
          occurredOn: input.answeredOn!,
          category: 'Early help',
          summary:
            how === 'refused'
              ? `‘How Was It for You?’: ${person!.name} did not want to answer`
              : `‘How Was It for You?’ answered by ${person!.name}`,
          event: chronologyEvents.feedbackAnswered,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
        return feedbackId
      })
    },

    /**
     * Makes a one-time link for one family member to answer on their own device: valid for `validDays`, usable
     * once. The secret is returned once, to show the worker; only its hash is kept.
     */
    async createLink(ctx: RequestContext, episodeId: string, input: FeedbackLinkInput) {
      const authorityId = ctx.actor.authorityId
      const { episode } = await access.episode(ctx, episodeId, 'episode:work')
      const people = await respondents(authorityId, episode)
      const errors: FieldError[] = []
      if (episode.status !== 'open') errors.push({ field: 'personId', message: 'The episode is closed' })
      const person = people.find(candidate => candidate.personId === input.personId)
      if (!person) errors.push({ field: 'personId', message: 'Select who the link is for' })
      const stage = feedbackStages.find(known => known === input.stage)
      if (!stage) errors.push({ field: 'stage', message: 'Select when in the help it is asked' })
      const days = Number(input.validDays)
      if (!input.validDays || !/^\d+$/.test(input.validDays) || days < 1 || days > LINK_DAYS.max)
        errors.push({
          field: 'validDays',
          message: `Enter how many days the link works for, a whole number from 1 to ${LINK_DAYS.max}`,
        })
      if (errors.length > 0) throw new ValidationError(errors)
      const token = randomBytes(24).toString('base64url')
      const now = clock.now()
      const expiresAt = new Date(now.getTime() + days * 24 * 60 * 60 * 1000)
      await access.transaction(async trx => {
        await insertFeedbackLink(trx, {
          authorityId,
          episodeId,
          respondent: person!.respondent,
          personId: person!.personId,
          stage: stage!,
          tokenHash: hashOf(token),
          expiresAt,
          by: ctx.actor.userId,
          at: now,
        })
        await accessLog.record(ctx, 'update', 'episode', [episodeId], trx)
      })
      return { path: `/feedback/${token}`, expiresAt, name: person!.name }
    },

    /**
     * What a family's page may show of a link: the first name and the authority, and whether it can still be
     * answered. Each opening is recorded; a link used or expired is refused, and that is recorded too.
     */
    async openLink(token: string) {
      const link = await findFeedbackLink(db, hashOf(token))
      if (!link) return { state: 'unknown' as const }
      const now = clock.now()
      const state = linkState(link, now)
      await insertFeedbackLinkEvent(db, {
        authorityId: link.authority_id,
        linkId: link.link_id,
        event: state === 'open' ? 'opened' : state === 'used' ? 'refused_used' : 'refused_expired',
        at: now,
      })
      return {
        state,
        firstName: link.given_name,
        respondent: link.respondent as FeedbackRespondent,
        authorityName: link.authority_name,
        expiresAt: link.expires_at,
      }
    },

    /** The family's answers through the link: in one transaction, the link is checked, answered and spent. */
    async answerLink(token: string, input: FamilyAnswerInput) {
      const answers = answersOf(input)
      return db.transaction().execute(async trx => {
        const link = await findFeedbackLink(trx, hashOf(token), true)
        if (!link) return { state: 'unknown' as const }
        const now = clock.now()
        const state = linkState(link, now)
        if (state !== 'open') {
          await insertFeedbackLinkEvent(trx, {
            authorityId: link.authority_id,
            linkId: link.link_id,
            event: state === 'used' ? 'refused_used' : 'refused_expired',
            at: now,
          })
          return { state }
        }
        if (answers.errors.length > 0) throw new ValidationError(answers.errors)
        const answeredOn = todayIn(now)
        await insertFeedback(trx, {
          authorityId: link.authority_id,
          episodeId: link.episode_id,
          respondent: link.respondent,
          personId: link.person_id,
          stage: link.stage,
          answeredOn,
          answeredHow: 'own_device',
          respected: answers.respected,
          listened: answers.listened,
          helped: answers.helped,
          whatWasGood: input.whatWasGood.trim() || null,
          couldBeBetter: input.couldBeBetter.trim() || null,
          linkId: link.link_id,
          by: null,
          at: now,
        })
        await markFeedbackLinkUsed(trx, link.authority_id, link.link_id, now)
        await insertFeedbackLinkEvent(trx, {
          authorityId: link.authority_id,
          linkId: link.link_id,
          event: 'answered',
          at: now,
        })
        // The family has no account: the entry is written in the name of the worker who made the link.
        await insertChronologyEntry(trx, {
          authorityId: link.authority_id,
          entry: {
            familyId: link.family_id,
            personIds: [link.person_id],
            occurredOn: answeredOn,
            category: 'Early help',
            summary: `‘How Was It for You?’ answered by ${link.given_name} ${link.family_name} on their own device`,
            detail: null,
            source: 'Tandem',
            kind: 'system',
            event: chronologyEvents.feedbackAnswered,
          },
          by: link.created_by,
          at: now,
        })
        return { state: 'answered' as const, firstName: link.given_name, authorityName: link.authority_name }
      })
    },
  }
}

export type { FeedbackAnswers }
