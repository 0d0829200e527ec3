import type { Role } from '../data/schema.js'

/** The signed-in person (by page or API token) every permission is decided for. */
export interface Actor {
  userId: string
  authorityId: string
  role: Role
  teamId: string | null
  areaId: string | null
}

/** What a user of each role is called in the interface (DESIGN §1). */
export const roleLabels: Record<Role, string> = {
  practitioner: 'Practitioner',
  team_manager: 'Team manager',
  head_of_service: 'Head of service',
  front_door: 'Front door adviser',
  panel_chair: 'Panel chair',
  partner: 'Partner practitioner',
  qa_auditor: 'Quality assurance auditor',
  performance_analyst: 'Performance analyst',
  admin: 'Administrator',
}
