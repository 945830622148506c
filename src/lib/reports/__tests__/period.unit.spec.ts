import {
  ReportPeriodError,
  daysNotStored,
  presetDays,
  resolveReportPeriod,
} from "../period"

// 23:30 UTC on 6 December is already 7 December in Moscow (UTC+3)
const LATE_EVENING_UTC = new Date("2026-12-06T23:30:00Z")
const NOW = new Date("2026-12-07T11:00:00Z")

describe("report periods", () => {
  it("takes the presets from the Moscow day, not the UTC one", () => {
    expect(resolveReportPeriod({ preset: "today" }, LATE_EVENING_UTC)).toEqual({
      from: "2026-12-07",
      to: "2026-12-07",
      preset: "today",
    })
    expect(
      resolveReportPeriod({ preset: "yesterday" }, LATE_EVENING_UTC)
    ).toEqual({ from: "2026-12-06", to: "2026-12-06", preset: "yesterday" })
  })

  it("makes the week the seven days up to yesterday", () => {
    expect(presetDays("week", "2026-12-07")).toEqual({
      from: "2026-11-30",
      to: "2026-12-06",
    })
    expect(presetDays("week", "2026-03-03")).toEqual({
      from: "2026-02-24",
      to: "2026-03-02",
    })
  })

  it("reads nothing asked as today and a lone from as up to today", () => {
    expect(resolveReportPeriod({}, NOW)).toEqual({
      from: "2026-12-07",
      to: "2026-12-07",
      preset: "today",
    })
    expect(resolveReportPeriod({ from: "2026-12-01" }, NOW)).toEqual({
      from: "2026-12-01",
      to: "2026-12-07",
      preset: null,
    })
  })

  it("takes a year, leap or not, and refuses a day more", () => {
    expect(
      resolveReportPeriod({ from: "2028-01-01", to: "2028-12-31" }, NOW)
    ).toEqual({ from: "2028-01-01", to: "2028-12-31", preset: null })
    expect(() =>
      resolveReportPeriod({ from: "2026-01-01", to: "2027-01-02" }, NOW)
    ).toThrow(/367 days; a report covers at most 366 days/)
  })

  it.each([
    [
      { from: "2026-12-32", to: "2026-12-31" },
      /from: must be a day written YYYY-MM-DD/,
    ],
    [{ from: "2026-02-30" }, /from: must be a day/],
    [
      { from: "2026-12-05", to: "2026-12-01" },
      /to: must not be before from \(2026-12-05\), got 2026-12-01/,
    ],
    [{ to: "2026-12-01" }, /from: required when to is given/],
    [{ preset: "week", from: "2026-12-01" }, /either a period or from and to/],
    [{ preset: "month" }, /period: must be one of today, yesterday, week/],
  ])("refuses %j", (query, message) => {
    const run = () => resolveReportPeriod(query as never, NOW)
    expect(run).toThrow(ReportPeriodError)
    expect(run).toThrow(message)
  })

  it("lists the days up to today no run stored, never days to come", () => {
    const period = { from: "2026-12-05", to: "2026-12-09" }
    expect(daysNotStored(period, ["2026-12-05"], NOW)).toEqual([
      "2026-12-06",
      "2026-12-07",
    ])
    expect(
      daysNotStored({ from: "2026-12-08", to: "2026-12-09" }, [], NOW)
    ).toEqual([])
  })
})
