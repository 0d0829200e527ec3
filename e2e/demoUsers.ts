// The demo users the server seeds (src/services/demo.ts), written out again on purpose: the tests state
// what a user should see, rather than read it from the code under test.

export const DEMO_PASSWORD = 'walnut-harbour-lantern'

export const roles = [
  'practitioner',
  'team_manager',
  'head_of_service',
  'front_door',
  'panel_chair',
  'partner',
  'qa_auditor',
  'performance_analyst',
  'admin',
] as const

export type Role = (typeof roles)[number]

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

/** Each role's home page heading (src/routes/home/home.njk). */
export const homeHeadings: Record<Role, string> = {
  practitioner: 'Your caseload',
  team_manager: 'Your team',
  head_of_service: 'Your service',
  front_door: 'Front door',
  panel_chair: 'Your panel',
  partner: 'Families you work with',
  qa_auditor: 'Case file audits',
  performance_analyst: 'Performance',
  admin: 'Administration',
}

/**
 * The service navigation each role is given, in order: what the policies let the role do. The front door,
 * the panel and the user's own requests take the authority's words (see `words` below).
 */
const navigationTemplate: Record<Role, string[]> = {
  practitioner: ['Home', 'Families', 'Search', 'Episodes', 'REQUESTS', 'Your account'],
  team_manager: ['Home', 'Families', 'Search', 'Episodes', 'REQUESTS', 'Your account'],
  head_of_service: [
    'Home',
    'Families',
    'Search',
    'FRONT_DOOR',
    'PANEL',
    'Episodes',
    'REQUESTS',
    'Access log',
    'Your account',
  ],
  front_door: ['Home', 'Families', 'Search', 'FRONT_DOOR', 'PANEL', 'REQUESTS', 'Your account'],
  panel_chair: ['Home', 'Families', 'Search', 'PANEL', 'Your account'],
  partner: ['Home', 'Families', 'Search', 'REQUESTS', 'Your account'],
  qa_auditor: ['Home', 'Your account'],
  performance_analyst: ['Home', 'Your account'],
  admin: ['Home', 'Access log', 'Users', 'Teams and areas', 'Practice model', 'Your account'],
}

const authorities = [
  {
    slug: 'derby',
    name: 'Derby City Council',
    words: { FRONT_DOOR: 'Front door', PANEL: "Vulnerable Children's Meeting", REQUESTS: 'Your requests for support' },
    staff: {
      practitioner: 'Priya Sandhu',
      team_manager: 'Gareth Allsop',
      head_of_service: 'Helen Marsh',
      front_door: 'Dev Kapoor',
      panel_chair: 'Ruth Beeston',
      partner: 'Tom Ridley',
      qa_auditor: 'Ann Whitworth',
      performance_analyst: 'Sam Okafor',
      admin: 'Liz Carver',
    },
  },
  {
    slug: 'durham',
    name: 'Durham County Council',
    words: { FRONT_DOOR: 'MASH', PANEL: 'Early help allocation meeting', REQUESTS: 'Your referrals' },
    staff: {
      practitioner: 'Kerry Armstrong',
      team_manager: 'Neil Robson',
      head_of_service: 'Joanne Pattinson',
      front_door: 'Craig Tennant',
      panel_chair: 'Lesley Hodgson',
      partner: 'Mark Elliott',
      qa_auditor: 'Wendy Bainbridge',
      performance_analyst: 'Chris Lumsden',
      admin: 'Paula Dodds',
    },
  },
  {
    slug: 'leeds',
    name: 'Leeds City Council',
    words: { FRONT_DOOR: 'Duty and Advice', PANEL: 'Guidance and support meeting', REQUESTS: 'Your conversations' },
    staff: {
      practitioner: 'Aisha Rahman',
      team_manager: 'Dave Holroyd',
      head_of_service: 'Margaret Firth',
      front_door: 'Imran Hussain',
      panel_chair: 'Julie Sutcliffe',
      partner: 'Rachel Ackroyd',
      qa_auditor: 'Steve Crowther',
      performance_analyst: 'Nadia Mahmood',
      admin: 'Gary Lister',
    },
  },
] as const satisfies {
  slug: string
  name: string
  words: Record<'FRONT_DOOR' | 'PANEL' | 'REQUESTS', string>
  staff: Record<Role, string>
}[]

export type AuthoritySlug = (typeof authorities)[number]['slug']

export interface DemoUser {
  authoritySlug: AuthoritySlug
  authorityName: string
  role: Role
  roleLabel: string
  homeHeading: string
  navigationLinks: string[]
  name: string
  email: string
}

/** All 27 demo users: every role in each of Derby, Durham and Leeds. */
export const demoUsers: DemoUser[] = authorities.flatMap(authority =>
  roles.map(role => ({
    authoritySlug: authority.slug,
    authorityName: authority.name,
    role,
    roleLabel: roleLabels[role],
    homeHeading: homeHeadings[role],
    navigationLinks: navigationTemplate[role].map(link =>
      link in authority.words ? authority.words[link as keyof typeof authority.words] : link,
    ),
    name: authority.staff[role],
    email: `${role.replace(/_/g, '-')}@${authority.slug}.tandem.example`,
  })),
)

/** The demo user with this role in this authority. */
export function demoUser(authoritySlug: AuthoritySlug, role: Role): DemoUser {
  const user = demoUsers.find(candidate => candidate.authoritySlug === authoritySlug && candidate.role === role)
  if (!user) throw new Error(`No demo ${role} in ${authoritySlug}`)
  return user
}
