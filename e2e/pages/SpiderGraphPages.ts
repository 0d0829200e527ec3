import type { Locator, Page } from '@playwright/test'
import { ErrorSummary } from './ErrorSummary.js'

// The spider graph of an episode (issue 9): its chart and direction of travel, and the form that records one.

/** The spider graph page: the direction of travel, the radar chart of the baseline and the latest, and the table. */
export class SpiderGraphPage {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly recordButton: Locator
  readonly direction: Locator
  readonly chart: Locator
  readonly scoresTable: Locator
  readonly onlyBaseline: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.recordButton = page.getByRole('button', { name: 'Record a spider graph' })
    this.direction = page.getByTestId('direction')
    this.chart = page.getByRole('img', { name: /^Spider graph:/ })
    this.scoresTable = page.getByRole('table', { name: 'The worker’s scores, baseline and latest' })
    this.onlyBaseline = page.getByText('Only the baseline has been scored.')
  }

  /** The table's row for one area: its name, baseline, latest, change and direction. */
  row(area: string): Locator {
    return this.scoresTable.getByRole('row').filter({ has: this.page.getByRole('cell', { name: area, exact: true }) })
  }
}

/** The form that records a spider graph: the stage, the date, who took part, and a score per area. */
export class SpiderGraphForm {
  readonly errorSummary: ErrorSummary
  readonly completedWith: Locator
  readonly familyViews: Locator
  readonly save: Locator

  constructor(readonly page: Page) {
    this.errorSummary = new ErrorSummary(page)
    this.completedWith = page.getByLabel('Who in the family took part?', { exact: true })
    this.familyViews = page.getByLabel(/What do the family want the .* meeting to hear\?/)
    this.save = page.getByRole('button', { name: 'Save the spider graph' })
  }

  stage(label: string): Locator {
    return this.page.getByRole('group', { name: 'At which stage?' }).getByLabel(label, { exact: true })
  }

  /** The worker's score box for an area (the label reads "Worker’s score for Health" to a screen reader). */
  workerScore(area: string): Locator {
    return this.page.getByLabel(`Worker’s score for ${area}`, { exact: true })
  }

  /** Scores every area, in the form's order. */
  async scoreAll(scores: Record<string, number | string>): Promise<void> {
    for (const [area, score] of Object.entries(scores)) await this.workerScore(area).fill(String(score))
  }
}
