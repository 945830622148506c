import { reportQuery, reportRangeProblem, selectionDays } from "../reports"

const TODAY = "2026-12-07"

describe("the report page's period", () => {
  it("shows a preset's days and asks the route by its name", () => {
    expect(selectionDays({ preset: "week" }, TODAY)).toEqual({
      from: "2026-11-30",
      to: "2026-12-06",
    })
    expect(reportQuery({ preset: "yesterday" })).toEqual({
      period: "yesterday",
    })
  })

  it("asks for typed days as they are", () => {
    const sel = {
      preset: null,
      range: { from: "2026-12-01", to: "2026-12-05" },
    } as const
    expect(selectionDays(sel, TODAY)).toEqual(sel.range)
    expect(reportQuery(sel)).toEqual({ from: "2026-12-01", to: "2026-12-05" })
  })

  it.each([
    [{ from: "", to: TODAY }, "invalid"],
    [{ from: "2026-12-05", to: "2026-12-01" }, "reversed"],
    [{ from: "2026-12-08", to: "2026-12-09" }, "future"],
    [{ from: "2025-12-06", to: TODAY }, "tooLong"],
    [{ from: "2025-12-07", to: TODAY }, null],
  ])("%j is %s", (range, problem) => {
    expect(reportRangeProblem(range, TODAY)).toBe(problem)
  })
})
