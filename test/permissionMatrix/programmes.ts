import { worksCase, worksFamilies, type Allowed } from './roles.js'

/**
 * The permission matrix's lines for evidence-based programmes (issue 8): whoever sees the case reads them; those
 * who work it (not the partner, who is not this episode's lead professional) start and end them.
 */
export default {
  'GET /episodes/:episodeId/programmes': worksFamilies,
  'GET /episodes/:episodeId/programmes/new': worksCase,
  'POST /episodes/:episodeId/programmes': worksCase,
  'GET /episodes/:episodeId/programmes/:programmeDeliveryId/end': worksCase,
  'POST /episodes/:episodeId/programmes/:programmeDeliveryId/end': worksCase,
  'GET /api/v1/episodes/:episodeId/programmes': worksFamilies,
  'POST /api/v1/episodes/:episodeId/programmes': worksCase,
  'POST /api/v1/episodes/:episodeId/programmes/:programmeDeliveryId/end': worksCase,
} satisfies Record<string, Allowed>
