import type { RequestContext, Services } from '../services/index.js'

/**
 * A route's `preValidation`: refuses (logged, 403) a caller who may not work the episode named in the path before its
 * body is read, so a refusal never says what was wrong with the body.
 */
export const mayWorkOnEpisode =
  (services: Services) => async (request: { params: unknown; requestContext(): RequestContext }) =>
    services.tafMeetings.authorizeWork(
      request.requestContext(),
      String((request.params as Record<string, unknown>).episodeId ?? '').toLowerCase(),
    )
