import type { Actor } from './actor.js'
import { canReadFamily, canUpdateFamily, type FamilyResource } from './families.js'

/** What the episode rules need to know: the family's resource and who works the case. */
export interface EpisodeResource {
  family: FamilyResource
  episodeId: string
  workerUserId: string | null
  leadProfessionalUserId: string | null
}

/** Seeing the case: whoever sees the family (DESIGN §1). */
export function canReadEpisode(actor: Actor, episode: EpisodeResource): boolean {
  return canReadFamily(actor, episode.family)
}

/**
 * Working the case (agreement, assessment, Team Around the Family, plan, sessions, tools): the staff who
 * work the family, and the lead professional named on this episode even when a partner (001 §4: "The Lead
 * Professional (LP) in such cases may not necessarily be the Early Help worker") — a partner works this
 * family's case, and only it.
 */
export function canWorkEpisode(actor: Actor, episode: EpisodeResource): boolean {
  if (canUpdateFamily(actor, episode.family)) return true
  return (
    actor.role === 'partner' && episode.leadProfessionalUserId === actor.userId && canReadFamily(actor, episode.family)
  )
}

/**
 * Management oversight of the case: approving or returning an assessment, supervision entries, letting a
 * meeting go ahead without what should come first. A manager who sees the family (DESIGN §1).
 */
export function canOverseeEpisode(actor: Actor, episode: EpisodeResource): boolean {
  return ['team_manager', 'head_of_service'].includes(actor.role) && canReadFamily(actor, episode.family)
}
