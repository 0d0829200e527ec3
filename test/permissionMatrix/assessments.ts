import { overseesCase, worksCase, worksFamilies, type Allowed } from './roles.js'

/**
 * The permission matrix's lines for the whole-family assessment (issue 8): whoever sees the case reads it; those
 * who work it (not the partner, who is not this episode's lead professional) start, write and submit it; a manager
 * who oversees the case approves or returns it.
 */
export default {
  'GET /episodes/:episodeId/assessments': worksFamilies,
  'GET /episodes/:episodeId/assessments/new': worksCase,
  'POST /episodes/:episodeId/assessments': worksCase,
  'GET /episodes/:episodeId/assessments/:assessmentId': worksFamilies,
  'GET /episodes/:episodeId/assessments/:assessmentId/edit': worksCase,
  'POST /episodes/:episodeId/assessments/:assessmentId/edit': worksCase,
  'POST /episodes/:episodeId/assessments/:assessmentId/submit': worksCase,
  'GET /episodes/:episodeId/assessments/:assessmentId/decision': overseesCase,
  'POST /episodes/:episodeId/assessments/:assessmentId/decision': overseesCase,
  'GET /api/v1/episodes/:episodeId/assessments': worksFamilies,
  'POST /api/v1/episodes/:episodeId/assessments': worksCase,
  'GET /api/v1/episodes/:episodeId/assessments/:assessmentId': worksFamilies,
  'PUT /api/v1/episodes/:episodeId/assessments/:assessmentId': worksCase,
  'POST /api/v1/episodes/:episodeId/assessments/:assessmentId/submit': worksCase,
  'POST /api/v1/episodes/:episodeId/assessments/:assessmentId/decision': overseesCase,
} satisfies Record<string, Allowed>
