import type { createAccessLogService } from './accessLog.js'
import type { createChronologyService } from './chronology.js'
import type { createPracticeModelService } from './practiceModels.js'
import type { RecordAccess } from './recordAccess.js'

/** What the services that work a case are built from, beside the database, the clock and the configuration. */
export interface CaseworkDeps {
  accessLog: ReturnType<typeof createAccessLogService>
  access: RecordAccess
  chronology: ReturnType<typeof createChronologyService>
  practiceModels: ReturnType<typeof createPracticeModelService>
}
