import {
  PeriodError,
  addDays,
  chunkPeriod,
  instantsOf,
  isDay,
  lastDays,
  periodLength,
  resolvePeriod,
  uncheckedDays,
  upToToday,
} from "../period"

// 2026-03-10 01:30 in Moscow, still the 9th in UTC
const NOW = new Date("2026-03-09T22:30:00Z")
const LIMITS = { maxDays: 366, defaultDays: 30 }

describe("days of a reconciliation period", () => {
  it("reads only real days written YYYY-MM-DD", () => {
    expect(isDay("2026-02-28")).toBe(true)
    expect(isDay("2024-02-29")).toBe(true)
    expect(isDay("2026-02-29")).toBe(false)
    expect(isDay("2026-13-01")).toBe(false)
    expect(isDay("2026-1-01")).toBe(false)
    expect(isDay("today")).toBe(false)
  })

  it("counts days across months, leap years and both ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29")
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28")
    expect(periodLength({ from: "2026-01-01", to: "2026-01-01" })).toBe(1)
    expect(periodLength({ from: "2024-01-01", to: "2024-12-31" })).toBe(366)
  })

  it("the last n days end today in Moscow", () => {
    expect(lastDays(7, NOW)).toEqual({ from: "2026-03-04", to: "2026-03-10" })
  })

  it("a period is cut at today; one starting after today has nothing to run", () => {
    expect(upToToday({ from: "2026-03-01", to: "2026-03-31" }, NOW)).toEqual({
      from: "2026-03-01",
      to: "2026-03-10",
    })
    expect(upToToday({ from: "2026-03-11", to: "2026-03-31" }, NOW)).toBeNull()
  })

  it("a year runs in consecutive rounds, none longer than asked, none missing a day", () => {
    const rounds = chunkPeriod({ from: "2025-03-11", to: "2026-03-10" }, 31)
    expect(rounds).toHaveLength(12)
    expect(rounds[0]).toEqual({ from: "2025-03-11", to: "2025-04-10" })
    expect(rounds[rounds.length - 1].to).toBe("2026-03-10")
    for (let i = 1; i < rounds.length; i++) {
      expect(rounds[i].from).toBe(addDays(rounds[i - 1].to, 1))
    }
    expect(rounds.every((r) => periodLength(r) <= 31)).toBe(true)
    expect(chunkPeriod({ from: "2026-03-10", to: "2026-03-10" }, 31)).toEqual([
      { from: "2026-03-10", to: "2026-03-10" },
    ])
  })

  it("a period spans Moscow midnights", () => {
    expect(instantsOf({ from: "2026-03-01", to: "2026-03-02" })).toEqual({
      start: new Date("2026-02-28T21:00:00Z"),
      end: new Date("2026-03-02T21:00:00Z"),
    })
  })

  it("unchecked days are the days up to today without a stored result", () => {
    expect(
      uncheckedDays(
        { from: "2026-03-08", to: "2026-03-12" },
        ["2026-03-09"],
        NOW
      )
    ).toEqual(["2026-03-08", "2026-03-10"])
    expect(
      uncheckedDays({ from: "2026-03-11", to: "2026-03-12" }, [], NOW)
    ).toEqual([])
  })
})

describe("resolvePeriod", () => {
  it("defaults to the last 30 Moscow days", () => {
    expect(resolvePeriod({}, NOW, LIMITS)).toEqual({
      from: "2026-02-09",
      to: "2026-03-10",
    })
    expect(resolvePeriod({ to: "2026-01-31" }, NOW, LIMITS)).toEqual({
      from: "2026-01-02",
      to: "2026-01-31",
    })
    expect(resolvePeriod({ from: "2026-03-01" }, NOW, LIMITS)).toEqual({
      from: "2026-03-01",
      to: "2026-03-10",
    })
  })

  it("refuses a period ending before it starts, naming both days", () => {
    expect(() =>
      resolvePeriod({ from: "2026-03-05", to: "2026-03-01" }, NOW, LIMITS)
    ).toThrow(
      new PeriodError(
        "to: must not be before from (2026-03-05), got 2026-03-01"
      )
    )
  })

  it("refuses a period longer than the limit, saying how long it is", () => {
    expect(() =>
      resolvePeriod({ from: "2025-01-01", to: "2026-01-02" }, NOW, LIMITS)
    ).toThrow(/is 367 days; at most 366 days at once/)
    expect(
      resolvePeriod({ from: "2024-01-01", to: "2024-12-31" }, NOW, LIMITS)
    ).toEqual({ from: "2024-01-01", to: "2024-12-31" })
  })

  it("refuses what is not a day", () => {
    expect(() => resolvePeriod({ from: "2026-02-30" }, NOW, LIMITS)).toThrow(
      /from: must be a day written YYYY-MM-DD/
    )
  })
})
