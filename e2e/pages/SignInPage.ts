import type { Locator, Page } from '@playwright/test'
import { ServiceHeader } from './ServiceHeader.js'

/** The sign-in page, also where signing out lands. */
export class SignInPage {
  readonly header: ServiceHeader
  readonly heading: Locator
  readonly emailInput: Locator
  readonly passwordInput: Locator
  readonly signInButton: Locator
  readonly errorSummary: Locator
  readonly signedOutBanner: Locator

  constructor(readonly page: Page) {
    this.header = new ServiceHeader(page)
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in to Tandem' })
    this.emailInput = page.getByLabel('Email address')
    // Exact: the password input's "Show password" button carries the word too.
    this.passwordInput = page.getByLabel('Password', { exact: true })
    this.signInButton = page.getByRole('button', { name: 'Sign in' })
    this.errorSummary = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'There is a problem' }) })
    this.signedOutBanner = page.getByRole('alert', { name: 'Success' })
  }

  async goto(returnTo?: string): Promise<void> {
    await this.page.goto(returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in')
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.emailInput.fill(email)
    await this.passwordInput.fill(password)
    await this.signInButton.click()
  }
}
