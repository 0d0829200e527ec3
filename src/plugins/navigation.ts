import { plural } from '../lib/words.js'
import { can } from '../policies/index.js'
import type { CurrentUser } from '../services/index.js'

export interface NavigationItem {
  href: string
  text: string
  current?: boolean
  active?: boolean
}

/** Pages that belong under a navigation item though their address does not start with its own. */
const alsoUnder: Record<string, string[]> = { '/admin/teams': ['/admin/areas'], '/families': ['/people'] }

/** The service navigation a user's role gives them: the same rules as the routes. */
export function navigationFor(user: CurrentUser, url: string): NavigationItem[] {
  const path = url.split('?')[0] ?? '/'
  const items: NavigationItem[] = [{ href: '/', text: 'Home' }]
  if (can(user, 'families:list')) items.push({ href: '/families', text: 'Families' })
  if (can(user, 'records:search')) items.push({ href: '/search', text: 'Search' })
  if (can(user, 'frontDoor:queue')) items.push({ href: '/front-door', text: user.words.frontDoor })
  if (can(user, 'panels:list')) items.push({ href: '/panels', text: user.words.panel })
  if (can(user, 'episodes:list')) items.push({ href: '/episodes', text: 'Episodes' })
  if (can(user, 'requests:create')) items.push({ href: '/requests', text: `Your ${plural(user.words.request)}` })
  if (can(user, 'accessLog:search')) items.push({ href: '/access-log', text: 'Access log' })
  if (can(user, 'users:manage')) items.push({ href: '/admin/users', text: 'Users' })
  if (can(user, 'teams:manage')) items.push({ href: '/admin/teams', text: 'Teams and areas' })
  if (can(user, 'practiceModel:manage')) items.push({ href: '/admin/practice-model', text: 'Practice model' })
  items.push({ href: '/account', text: 'Your account' })
  return items.map(item => {
    const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`)
    const matches =
      item.href === '/' ? path === '/' : under(item.href) || (alsoUnder[item.href] ?? []).some(prefix => under(prefix))
    return matches ? { ...item, ...(path === item.href ? { current: true } : { active: true }) } : item
  })
}
