import { kopecksOf, moscowTime, oneLine, rubles, table } from "../format"

describe("money, times and columns", () => {
  it("writes kopecks as rubles with spaced thousands and a comma", () => {
    expect(rubles(123450)).toBe("1 234,50 ₽")
    expect(rubles(5)).toBe("0,05 ₽")
    expect(rubles(100000000)).toBe("1 000 000,00 ₽")
    expect(rubles(-99)).toBe("-0,99 ₽")
    expect(rubles(null)).toBe("—")
  })

  it("reads every form a bigNumber travels in", () => {
    expect(kopecksOf(250)).toBe(250)
    expect(kopecksOf("250")).toBe(250)
    expect(kopecksOf({ value: "250", precision: 20 })).toBe(250)
    expect(kopecksOf(null)).toBeNull()
    expect(kopecksOf("n/a")).toBeNull()
  })

  it("shows instants as Moscow wall time, the next day after 21:00 UTC", () => {
    expect(moscowTime("2026-12-07T21:30:00.000Z")).toBe("2026-12-08 00:30 MSK")
    expect(moscowTime(null)).toBe("—")
  })

  it("aligns columns, money to the right, without padding the last column", () => {
    const text = table(
      [{ title: "ID" }, { title: "TOTAL", align: "right" }, { title: "NOTE" }],
      [
        ["frc_1", "5,00 ₽", "ok"],
        ["frc_22", "1 234,50 ₽", ""],
      ]
    )
    expect(text.split("\n")).toEqual([
      "ID           TOTAL  NOTE",
      "frc_1       5,00 ₽  ok",
      "frc_22  1 234,50 ₽",
    ])
  })

  it("cuts long messages to one line", () => {
    expect(oneLine("a\n  b", 10)).toBe("a b")
    expect(oneLine("x".repeat(20), 10)).toBe(`${"x".repeat(9)}…`)
  })
})
