import { overseesCase, worksFamilies, type Allowed } from './roles.js'

/**
 * The permission matrix's lines for management oversight (issue 8): whoever sees the case reads it (the worker
 * sees the manager's decisions); only a manager who oversees the case records it.
 */
export default {
  'GET /episodes/:episodeId/oversight': worksFamilies,
  'GET /episodes/:episodeId/oversight/new': overseesCase,
  'POST /episodes/:episodeId/oversight': overseesCase,
  'GET /api/v1/episodes/:episodeId/oversight': worksFamilies,
  'POST /api/v1/episodes/:episodeId/oversight': overseesCase,
} satisfies Record<string, Allowed>
