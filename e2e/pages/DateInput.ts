import type { Locator } from '@playwright/test'

/** A calendar date as a person types it into the GOV.UK date input: day, month and year boxes. */
export interface DateParts {
  day: string
  month: string
  year: string
}

/** A date in the boxes the GOV.UK date input shows, by its date's parts. */
export function dateParts(date: Date): DateParts {
  return { day: String(date.getDate()), month: String(date.getMonth() + 1), year: String(date.getFullYear()) }
}

/** A GOV.UK date input: a fieldset named by its legend, with Day, Month and Year boxes. */
export class DateInput {
  readonly day: Locator
  readonly month: Locator
  readonly year: Locator

  constructor(readonly group: Locator) {
    this.day = group.getByLabel('Day', { exact: true })
    this.month = group.getByLabel('Month', { exact: true })
    this.year = group.getByLabel('Year', { exact: true })
  }

  async fill(date: DateParts): Promise<void> {
    await this.day.fill(date.day)
    await this.month.fill(date.month)
    await this.year.fill(date.year)
  }
}
