import { worksCase, worksFamilies, type Allowed } from './roles.js'

/**
 * The permission matrix's lines for the plan and its versions (issue 8): whoever sees the family reads the plan,
 * its versions, the changes and the family's copy; those who work the case change it.
 */
export default {
  'GET /episodes/:episodeId/plan': worksFamilies,
  'POST /episodes/:episodeId/plan': worksCase,
  'GET /episodes/:episodeId/plan/outcomes/new': worksCase,
  'POST /episodes/:episodeId/plan/outcomes': worksCase,
  'GET /episodes/:episodeId/plan/outcomes/:outcomeKey': worksCase,
  'POST /episodes/:episodeId/plan/outcomes/:outcomeKey': worksCase,
  'GET /episodes/:episodeId/plan/actions/new': worksCase,
  'POST /episodes/:episodeId/plan/actions': worksCase,
  'GET /episodes/:episodeId/plan/actions/:actionKey': worksCase,
  'POST /episodes/:episodeId/plan/actions/:actionKey': worksCase,
  'GET /episodes/:episodeId/plan/versions/:planVersionId': worksFamilies,
  'GET /episodes/:episodeId/plan/versions/:planVersionId/changes': worksFamilies,
  'GET /episodes/:episodeId/plan/print': worksFamilies,
  'GET /api/v1/episodes/:episodeId/plan': worksFamilies,
  'POST /api/v1/episodes/:episodeId/plan': worksCase,
  'POST /api/v1/episodes/:episodeId/plan/outcomes': worksCase,
  'PUT /api/v1/episodes/:episodeId/plan/outcomes/:outcomeKey': worksCase,
  'POST /api/v1/episodes/:episodeId/plan/actions': worksCase,
  'PUT /api/v1/episodes/:episodeId/plan/actions/:actionKey': worksCase,
  'GET /api/v1/episodes/:episodeId/plan/versions/:planVersionId': worksFamilies,
  'GET /api/v1/episodes/:episodeId/plan/versions/:planVersionId/changes': worksFamilies,
} satisfies Record<string, Allowed>
