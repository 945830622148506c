import { nextRetry } from "../clocks"

const now = new Date("2026-03-01T10:00:00Z")
const minutes = (d: Date | null) =>
  d ? (d.getTime() - now.getTime()) / 60_000 : null
const retry = {
  intervals_minutes: [1, 5, 15, 30, 60],
  max_attempts: 10,
  retry_daily: false,
}

describe("nextRetry", () => {
  it("walks the intervals and repeats the last one", () => {
    expect(
      [1, 2, 3, 4, 5, 6, 9].map((a) => minutes(nextRetry(a, retry, now).at))
    ).toEqual([1, 5, 15, 30, 60, 60, 60])
  })

  it("gives up after max_attempts unless daily retries are on", () => {
    expect(nextRetry(10, retry, now)).toEqual({ at: null, exhausted: true })
    const daily = nextRetry(10, { ...retry, retry_daily: true }, now)
    expect(daily.exhausted).toBe(true)
    expect(minutes(daily.at)).toBe(24 * 60)
  })
})
