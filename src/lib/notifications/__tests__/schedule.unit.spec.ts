import { dueReports, isoWeekday } from "../schedule"

const settings = (
  daily: { enabled: boolean; time: string },
  weekly: { enabled: boolean; weekday: number; time: string }
) => ({ daily_report: daily, weekly_report: weekly })

/** 2026-12-07 is a Monday; 06:00 UTC is 09:00 in Moscow. */
const mondayNineMoscow = new Date("2026-12-07T06:00:00Z")

describe("dueReports", () => {
  it("the daily report is about yesterday and due from its Moscow time on", () => {
    const s = settings(
      { enabled: true, time: "09:00" },
      { enabled: false, weekday: 1, time: "09:00" }
    )
    expect(dueReports(new Date("2026-12-07T05:59:00Z"), s)).toEqual([])
    expect(dueReports(mondayNineMoscow, s)).toEqual([
      { kind: "daily", from: "2026-12-06", to: "2026-12-06" },
    ])
    // still due late in the evening: a server that was down sends it when it is back
    expect(dueReports(new Date("2026-12-07T20:59:00Z"), s)).toEqual([
      { kind: "daily", from: "2026-12-06", to: "2026-12-06" },
    ])
    // after Moscow midnight it is the next day's report
    expect(dueReports(new Date("2026-12-07T21:30:00Z"), s)).toEqual([])
  })

  it("the weekly report is the seven days up to yesterday, on its weekday only", () => {
    const s = settings(
      { enabled: false, time: "09:00" },
      { enabled: true, weekday: 1, time: "08:30" }
    )
    expect(dueReports(mondayNineMoscow, s)).toEqual([
      { kind: "weekly", from: "2026-11-30", to: "2026-12-06" },
    ])
    expect(dueReports(new Date("2026-12-08T06:00:00Z"), s)).toEqual([])
  })

  it("Moscow's day, not UTC's, decides the weekday and yesterday", () => {
    // 22:30 UTC on Sunday is 01:30 on Monday in Moscow
    const s = settings(
      { enabled: true, time: "01:00" },
      { enabled: true, weekday: 1, time: "01:00" }
    )
    expect(dueReports(new Date("2026-12-06T22:30:00Z"), s)).toEqual([
      { kind: "daily", from: "2026-12-06", to: "2026-12-06" },
      { kind: "weekly", from: "2026-11-30", to: "2026-12-06" },
    ])
  })

  it("nothing is due when both are off", () => {
    expect(
      dueReports(
        mondayNineMoscow,
        settings(
          { enabled: false, time: "00:00" },
          { enabled: false, weekday: 1, time: "00:00" }
        )
      )
    ).toEqual([])
  })
})

describe("isoWeekday", () => {
  it("counts Monday as 1 and Sunday as 7", () => {
    expect(isoWeekday("2026-12-07")).toBe(1)
    expect(isoWeekday("2026-12-13")).toBe(7)
  })
})
