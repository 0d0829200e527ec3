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

/** Builds every service from the database, the clock and the configuration: the one wiring point. */
export function createServices(deps: ServiceDeps) {
  const accessLog = createAccessLogService(deps)
  const auth = createAuthService(deps, accessLog)
  const practiceModels = createPracticeModelService(deps, accessLog)
  const authorities = createAuthorityService(deps, practiceModels)
  const recordAccess = createRecordAccess(deps, accessLog)
  const chronology = createChronologyService(deps, accessLog, recordAccess)
  return {
    accessLog,
    auth,
    sessions: createSessionService(deps),
    staff: createStaffService(deps, accessLog),
    records: createRecordsService(deps, accessLog, recordAccess, chronology),
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
