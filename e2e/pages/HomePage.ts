import type { Locator, Page } from '@playwright/test'
import { ServiceHeader } from './ServiceHeader.js'

/** Each role's home page: the header says who is signed in, the h1 says what the role looks after. */
export class HomePage {
  readonly header: ServiceHeader
  readonly heading: Locator
  readonly userName: Locator
  readonly userRole: Locator

  constructor(readonly page: Page) {
    this.header = new ServiceHeader(page)
    this.heading = page.getByRole('heading', { level: 1 })
    this.userName = this.header.userName
    this.userRole = this.header.userRole
  }

  async goto(): Promise<void> {
    await this.page.goto('/')
  }
}
