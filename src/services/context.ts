import type { Database } from '../data/database.js'
import type { Config } from '../config.js'
import type { Clock } from '../lib/clock.js'
import type { Actor } from '../policies/index.js'

/** What every service is built from. */
export interface ServiceDeps {
  database: Database
  clock: Clock
  config: Config
}

/** Who is acting and from where: every change and every read of a personal record is logged with it. */
export interface RequestContext {
  actor: Actor
  ip: string | null
  requestId: string | null
  route: string | null
}

/** The signed-in user as pages show them. */
export interface CurrentUser extends Actor {
  displayName: string
  email: string
  authorityName: string
  authoritySlug: string
  teamName: string | null
  areaName: string | null
  /** The authority's words for its front door, panel and requests, from its practice model. */
  words: { frontDoor: string; panel: string; request: string }
}
