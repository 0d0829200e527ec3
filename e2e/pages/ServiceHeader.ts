import type { Locator, Page } from '@playwright/test'

/** The header every page shares: the authority's name, the service navigation, who is signed in. */
export class ServiceHeader {
  readonly banner: Locator
  /** The header's home link, which reads the authority's name once someone has signed in. */
  readonly homeLink: Locator
  readonly navigation: Locator
  readonly navigationLinks: Locator
  // The name and role are plain text, with no role or label to find them by: the layout gives them test ids.
  readonly userName: Locator
  readonly userRole: Locator
  readonly signOutButton: Locator

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner')
    this.homeLink = this.banner.getByRole('link').first()
    this.navigation = this.banner.getByRole('navigation', { name: 'Main' })
    this.navigationLinks = this.navigation.getByRole('link')
    this.userName = this.banner.getByTestId('user-name')
    this.userRole = this.banner.getByTestId('user-role')
    this.signOutButton = this.banner.getByRole('button', { name: 'Sign out' })
  }

  /** A link in the service navigation. */
  navigationLink(name: string): Locator {
    return this.navigation.getByRole('link', { name, exact: true })
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click()
  }
}
