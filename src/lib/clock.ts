/** Where time comes from: injected, so a test can stand on day 43. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stands still until told to move, for tests. */
export class FixedClock implements Clock {
  #now: Date

  constructor(start: Date | string) {
    this.#now = new Date(start)
  }

  now(): Date {
    return new Date(this.#now)
  }

  set(to: Date | string): void {
    this.#now = new Date(to)
  }

  advanceMinutes(minutes: number): void {
    this.#now = new Date(this.#now.getTime() + minutes * 60_000)
  }

  advanceDays(days: number): void {
    this.advanceMinutes(days * 24 * 60)
  }
}
