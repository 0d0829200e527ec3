import { worksCase, worksFamilies, type Allowed } from './roles.js'

/**
 * The permission matrix's lines for sessions (PARA) and visit frequency (issue 8). Whoever sees the family reads
 * its sessions; those who work the case record and change them and agree the visit frequency. The matrix's episode
 * has no worker yet: those allowed get the form, or a 400 saying to allocate a worker first.
 */
export default {
  'GET /episodes/:episodeId/sessions': worksFamilies,
  'GET /episodes/:episodeId/sessions/new': worksCase,
  'POST /episodes/:episodeId/sessions': worksCase,
  'GET /episodes/:episodeId/sessions/:workSessionId': worksFamilies,
  'GET /episodes/:episodeId/sessions/:workSessionId/edit': worksCase,
  'POST /episodes/:episodeId/sessions/:workSessionId/edit': worksCase,
  'GET /episodes/:episodeId/visit-frequency': worksCase,
  'POST /episodes/:episodeId/visit-frequency': worksCase,
  'GET /api/v1/episodes/:episodeId/sessions': worksFamilies,
  'POST /api/v1/episodes/:episodeId/sessions': worksCase,
  'GET /api/v1/episodes/:episodeId/sessions/:workSessionId': worksFamilies,
  'PUT /api/v1/episodes/:episodeId/sessions/:workSessionId': worksCase,
  'GET /api/v1/episodes/:episodeId/visit-frequency': worksFamilies,
  'POST /api/v1/episodes/:episodeId/visit-frequency': worksCase,
} satisfies Record<string, Allowed>
