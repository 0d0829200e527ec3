import { overseesCase, worksCase, worksFamilies, type Allowed } from './roles.js'

/** The permission matrix's lines for Team Around the Family meetings and progression tool records (issue 8), and the spider graph (issue 9). */
export default {
  'GET /episodes/:episodeId/taf-meetings': worksFamilies,
  'GET /episodes/:episodeId/taf-meetings/new': worksCase,
  'POST /episodes/:episodeId/taf-meetings': worksCase,
  'GET /episodes/:episodeId/taf-meetings/:tafMeetingId': worksFamilies,
  'GET /episodes/:episodeId/taf-meetings/:tafMeetingId/held': worksCase,
  'POST /episodes/:episodeId/taf-meetings/:tafMeetingId/held': worksCase,
  'GET /episodes/:episodeId/taf-meetings/:tafMeetingId/cancel': worksCase,
  'POST /episodes/:episodeId/taf-meetings/:tafMeetingId/cancel': worksCase,
  // Letting the initial meeting go ahead without the agreement or the baseline tool: a manager's decision.
  'GET /episodes/:episodeId/taf-meetings/:tafMeetingId/override': overseesCase,
  'POST /episodes/:episodeId/taf-meetings/:tafMeetingId/override': overseesCase,
  'GET /episodes/:episodeId/tools': worksFamilies,
  'GET /episodes/:episodeId/tools/new': worksCase,
  'POST /episodes/:episodeId/tools': worksCase,
  // The spider graph's own form, for its scores, and its chart with the direction of travel (issue 9).
  'GET /episodes/:episodeId/spider-graph': worksFamilies,
  'GET /episodes/:episodeId/spider-graph/new': worksCase,
  'POST /episodes/:episodeId/spider-graph': worksCase,
  // The licensed instruments' results: Graded Care Profile 2, RCADS and SCORE-15 (issue 9).
  'GET /episodes/:episodeId/instruments/:instrument': worksFamilies,
  'GET /episodes/:episodeId/instruments/:instrument/new': worksCase,
  'POST /episodes/:episodeId/instruments/:instrument': worksCase,
  // CSE screening and the safeguarding action a medium or high risk needs (issue 9).
  'GET /episodes/:episodeId/cse-screening': worksFamilies,
  'GET /episodes/:episodeId/cse-screening/new': worksCase,
  'POST /episodes/:episodeId/cse-screening': worksCase,
  'GET /episodes/:episodeId/cse-screening/:toolRecordId/safeguarding-action': worksCase,
  'POST /episodes/:episodeId/cse-screening/:toolRecordId/safeguarding-action': worksCase,
  'GET /api/v1/episodes/:episodeId/taf-meetings': worksFamilies,
  'POST /api/v1/episodes/:episodeId/taf-meetings': worksCase,
  'GET /api/v1/episodes/:episodeId/taf-meetings/:tafMeetingId': worksFamilies,
  'POST /api/v1/episodes/:episodeId/taf-meetings/:tafMeetingId/held': worksCase,
  'POST /api/v1/episodes/:episodeId/taf-meetings/:tafMeetingId/cancel': worksCase,
  'POST /api/v1/episodes/:episodeId/taf-meetings/:tafMeetingId/override': overseesCase,
  'GET /api/v1/episodes/:episodeId/tools': worksFamilies,
  'POST /api/v1/episodes/:episodeId/tools': worksCase,
  'GET /api/v1/episodes/:episodeId/spider-graphs': worksFamilies,
  'POST /api/v1/episodes/:episodeId/spider-graphs': worksCase,
  'GET /api/v1/episodes/:episodeId/instruments/:instrument': worksFamilies,
  'POST /api/v1/episodes/:episodeId/instruments/:instrument': worksCase,
  'GET /api/v1/episodes/:episodeId/cse-screenings': worksFamilies,
  'POST /api/v1/episodes/:episodeId/cse-screenings': worksCase,
  'POST /api/v1/episodes/:episodeId/cse-screenings/:toolRecordId/safeguarding-actions': worksCase,
} satisfies Record<string, Allowed>
