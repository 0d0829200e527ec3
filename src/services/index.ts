import { sql } from 'kysely'
import { createAccessLogService } from './accessLog.js'
import { createApiTokenService } from './apiTokens.js'
import { createAuthorityService } from './authorities.js'
import { createAuthService } from './auth.js'
import type { ServiceDeps } from './context.js'
import { createDemoService } from './demo.js'
import { createPracticeModelService } from './practiceModels.js'
import { createChronologyService } from './chronology.js'
import { createConsentService } from './consent.js'
import { createRecordAccess } from './recordAccess.js'
import { createRecordsService } from './records.js'
import { createSessionService } from './sessions.js'
import { createStaffService } from './staff.js'
import { createEpisodeService } from './episodes.js'
import { createPanelService } from './panels.js'
import { createRequestService } from './requests.js'
import { createAssessmentService } from './assessments.js'
import { createTafMeetingService } from './tafMeetings.js'
import { createSpiderGraphService } from './spiderGraphs.js'
import { createInstrumentResultService } from './instrumentResults.js'
import { createCseScreeningService } from './cseScreenings.js'
import { createFeedbackService } from './feedback.js'
import { createPlanService } from './plans.js'
import { createWorkSessionService } from './workSessions.js'
import { createProgrammeService } from './programmes.js'
import { createOversightService } from './oversight.js'
import { createCaseService } from './cases.js'

/** Builds every service from the database, the clock and the configuration: the one wiring point. */
export function createServices(deps: ServiceDeps) {
  const accessLog = createAccessLogService(deps)
  const auth = createAuthService(deps, accessLog)
  const practiceModels = createPracticeModelService(deps, accessLog)
  const authorities = createAuthorityService(deps, practiceModels)
  const recordAccess = createRecordAccess(deps, accessLog)
  const chronology = createChronologyService(deps, accessLog, recordAccess)
  const records = createRecordsService(deps, accessLog, recordAccess, chronology)
  const episodes = createEpisodeService(deps, accessLog, recordAccess, chronology, practiceModels)
  const requests = createRequestService(deps, {
    accessLog,
    access: recordAccess,
    chronology,
    practiceModels,
    records,
    episodes,
  })
  const casework = { accessLog, access: recordAccess, chronology, practiceModels }
  const plans = createPlanService(deps, casework)
  const caseServices = {
    assessments: createAssessmentService(deps, casework),
    tafMeetings: createTafMeetingService(deps, casework, plans),
    plans,
    workSessions: createWorkSessionService(deps, casework),
    programmes: createProgrammeService(deps, casework),
    oversight: createOversightService(deps, casework),
    spiderGraphs: createSpiderGraphService(deps, casework),
    instrumentResults: createInstrumentResultService(deps, casework),
    cseScreenings: createCseScreeningService(deps, casework),
    feedback: createFeedbackService(deps, casework),
  }
  const panels = createPanelService(deps, { accessLog, chronology, practiceModels, episodes, requests })
  return {
    accessLog,
    auth,
    sessions: createSessionService(deps),
    staff: createStaffService(deps, accessLog),
    records,
    requests,
    panels,
    episodes,
    ...caseServices,
    cases: createCaseService(deps, { ...caseServices, episodes, practiceModels }),
    chronology,
    consent: createConsentService(deps, accessLog, recordAccess, chronology),
    apiTokens: createApiTokenService(deps, auth, accessLog),
    practiceModels,
    authorities,
    demo: createDemoService(deps, authorities),
    health: {
      /** Whether the database answers. */
      async databaseReachable(): Promise<boolean> {
        try {
          await sql`select 1`.execute(deps.database.db)
          return true
        } catch {
          return false
        }
      },
    },
  }
}

export type Services = ReturnType<typeof createServices>
export type { CurrentUser, RequestContext, ServiceDeps } from './context.js'
