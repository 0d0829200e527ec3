import { listChronology } from '../data/chronology.js'
import { concernsAndToolsOf } from '../data/episodes.js'
import { feedbackOf } from '../data/feedback.js'
import { missingConcernTools } from './guardrails.js'
import type { createAssessmentService } from './assessments.js'
import { casePathway, dueNext } from './casePathway.js'
import type { RequestContext, ServiceDeps } from './context.js'
import type { createEpisodeService } from './episodes.js'
import type { createOversightService } from './oversight.js'
import type { createPlanService } from './plans.js'
import type { createPracticeModelService } from './practiceModels.js'
import type { createProgrammeService } from './programmes.js'
import type { createSpiderGraphService } from './spiderGraphs.js'
import { cseToolOf, type createCseScreeningService } from './cseScreenings.js'
import type { createTafMeetingService } from './tafMeetings.js'
import type { createWorkSessionService } from './workSessions.js'

/** How many of the case's chronology entries the case page's timeline shows; the chronology has them all. */
const TIMELINE_LENGTH = 12

/**
 * The case page: one place where a worker sees the family, who is in scope, where the case is in the pathway,
 * what is due next and what has happened (003 §5 found plans, assessments and reviews that could not be found).
 */
export function createCaseService(
  { database }: ServiceDeps,
  deps: {
    episodes: ReturnType<typeof createEpisodeService>
    assessments: ReturnType<typeof createAssessmentService>
    tafMeetings: ReturnType<typeof createTafMeetingService>
    plans: ReturnType<typeof createPlanService>
    workSessions: ReturnType<typeof createWorkSessionService>
    programmes: ReturnType<typeof createProgrammeService>
    oversight: ReturnType<typeof createOversightService>
    spiderGraphs: ReturnType<typeof createSpiderGraphService>
    cseScreenings: ReturnType<typeof createCseScreeningService>
    practiceModels: ReturnType<typeof createPracticeModelService>
  },
) {
  const { db } = database

  return {
    /** Everything the case page shows, if the user may see the family (logged as a view of the episode). */
    async view(ctx: RequestContext, episodeId: string) {
      const found = await deps.episodes.get(ctx, episodeId)
      const authorityId = ctx.actor.authorityId
      const { episode, today } = found
      const [assessment, taf, plan, sessions, programmes, oversight, { model }, chronology] = await Promise.all([
        deps.assessments.forCase(authorityId, episodeId),
        deps.tafMeetings.forCase(authorityId, episodeId),
        deps.plans.forCase(authorityId, episodeId),
        deps.workSessions.forCase(authorityId, episodeId, today),
        deps.programmes.forCase(authorityId, episodeId),
        deps.oversight.forCase(authorityId, episodeId),
        deps.practiceModels.get(authorityId),
        listChronology(db, authorityId, { familyId: episode.family_id }),
      ])
      // The initial TAF's clock starts at the first allocation: reallocating does not restart it.
      const allocatedOn = found.allocations.map(allocation => allocation.allocated_on).sort()[0] ?? null
      const initial = taf.meetings.find(meeting => meeting.kind === 'initial' && meeting.status !== 'cancelled')
      const [spiderGraph, cse, facts, feedback] = await Promise.all([
        deps.spiderGraphs.forCase(authorityId, episodeId, model),
        cseToolOf(model) ? deps.cseScreenings.forEpisode(authorityId, episodeId) : null,
        concernsAndToolsOf(db, authorityId, [episodeId]),
        feedbackOf(db, authorityId, episodeId),
      ])
      const steps = casePathway(
        {
          today,
          allocatedOn,
          agreedOn: found.agreements.map(agreement => agreement.agreed_on).sort()[0] ?? null,
          baselineToolOn:
            taf.tools
              .filter(tool => tool.stage === 'baseline')
              .map(tool => tool.completedOn)
              .sort()[0] ?? null,
          reviewToolOn:
            taf.tools
              .filter(tool => tool.stage === 'review')
              .map(tool => tool.completedOn)
              .sort()
              .at(-1) ?? null,
          assessment: assessment.latest
            ? { status: assessment.latest.status, label: assessment.latest.typeLabel }
            : null,
          initialTafHeldOn: taf.initialHeldOn,
          initialTafPlannedOn: initial?.plannedOn ?? null,
          lastTafHeldOn: taf.lastHeldOn,
          nextReviewPlannedOn:
            taf.meetings.find(meeting => meeting.kind === 'review' && meeting.status === 'planned')?.plannedOn ?? null,
          reviewsHeld: taf.meetings.filter(meeting => meeting.kind === 'review' && meeting.status === 'held').length,
          plan: plan.current ? { number: plan.current.number, outcomes: plan.current.outcomes } : null,
          visitFrequencyDays: sessions.frequency?.everyDays ?? null,
          sessions: {
            count: sessions.count,
            nextDueOn: sessions.frequency?.nextDueOn ?? null,
            overdue: sessions.frequency?.overdue ?? false,
          },
          lastOversightOn: oversight.lastOn,
        },
        model,
      )
      const timeline = chronology
        .filter(entry => entry.occurred_on >= episode.opened_on)
        .sort((a, b) => (a.occurred_on < b.occurred_on ? 1 : a.occurred_on > b.occurred_on ? -1 : 0))
        .slice(0, TIMELINE_LENGTH)
      return {
        ...found,
        model,
        steps,
        dueNext: dueNext(steps),
        assessment,
        taf,
        plan,
        sessions,
        programmes,
        oversight,
        spiderGraph,
        feedback: {
          answered: feedback.filter(one => one.answered_how !== 'refused').length,
          refused: feedback.filter(one => one.answered_how === 'refused').length,
        },
        // Tools the case's concerns call for and it lacks (DESIGN §4): flagged until one is recorded.
        missingTools: episode.status === 'open' ? missingConcernTools(model, facts.get(episodeId)!) : [],
        cse: cse && { label: cseToolOf(model)!.label, count: cse.screenings.length, awaiting: cse.awaiting },
        timeline,
      }
    },
  }
}
