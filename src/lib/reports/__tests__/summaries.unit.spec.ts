import { reportHtml } from "../html"
import { reportSubject } from "../subject"
import { reportText } from "../text"
import { plainRubles, rubles } from "../format"
import { problem, report } from "./fixture"

describe("money as text", () => {
  it("groups rubles and keeps kopecks exact", () => {
    expect(rubles(123456789, "ru")).toBe("1\u00a0234\u00a0567,89\u00a0₽")
    expect(rubles(123456789, "en")).toBe("₽1,234,567.89")
    expect(rubles(-5, "en")).toBe("-₽0.05")
    expect(plainRubles(100)).toBe("1.00")
  })
})

describe("reportText", () => {
  it("says the period, the counts, each problem and the money without a receipt", () => {
    const text = reportText(report(), "en")
    expect(text).toContain("Fiscal receipts: 2026-12-07 (today)")
    expect(text).toContain("Generated: 2026-12-07 14:00 MSK")
    expect(text).toContain("Receipts: 14 · ₽22,400.00")
    expect(text).toContain(
      "Registered: Sale 10 · ₽20,000.00; Refund 1 · ₽900.00"
    )
    expect(text).toContain(
      "  • Order #12 · Sale · Failed · ₽1,500.00 · 2026-12-07 10:30 MSK\n    Payment — E32: Wrong INN"
    )
    expect(text).toContain("Still waiting from earlier days: 3")
    expect(text).toContain("Money without a receipt: 1 · ₽500.00")
    expect(text).toContain("  • 2026-12-07 · Order #13 · capture · ₽500.00")
    expect(text).toContain("Days not reconciled: 2026-12-07")
  })

  it("writes Russian with Moscow dates", () => {
    const text = reportText(
      report({
        period: { from: "2026-11-30", to: "2026-12-06", preset: "week" },
      }),
      "ru"
    )
    expect(text).toContain(
      "Фискальные чеки: 30.11.2026 – 06.12.2026 (последние 7 дней)"
    )
    expect(text).toContain("Требуют внимания: 1")
    expect(text).toContain("Заказ #12 · Приход · Ошибка")
  })

  it("stops a long list with how many more there are", () => {
    const problems = Array.from({ length: 5 }, (_, i) =>
      problem({ receipt_id: `frc_${i}`, order_display_id: 100 + i })
    )
    const text = reportText(report({ problems, problemsCount: 7 }), "en", {
      maxRows: 2,
    })
    expect(text).toContain("Order #101")
    expect(text).not.toContain("Order #102")
    expect(text).toContain("…and 5 more: see the admin")
  })

  it("says when nothing needs a person", () => {
    const text = reportText(
      report({
        problems: [],
        problemsCount: 0,
        unreceipted: [],
        unreceiptedCount: 0,
        unreceiptedTotal: 0,
        reconciledDays: ["2026-12-07"],
      }),
      "en"
    )
    expect(text).toContain("No receipt needs attention.")
    expect(text).toContain("Every day of the period is reconciled.")
  })
})

describe("reportHtml", () => {
  it("escapes every value a vendor or a shop wrote", () => {
    const html = reportHtml(
      report({
        problems: [
          problem({
            error_message: `<script>alert("x")</script>`,
            error_code: "a&b",
            order_display_id: `<b>7</b>`,
          }),
        ],
      }),
      "en"
    )
    expect(html).not.toContain("<script>")
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    expect(html).toContain("<code>a&amp;b</code>")
    expect(html).toContain("#&lt;b&gt;7&lt;/b&gt;")
  })

  it("shows the tables with the amounts and links orders to the admin", () => {
    const html = reportHtml(report(), "ru", {
      adminUrl: "https://shop.example/app/",
    })
    expect(html).toContain(
      `<a href="https://shop.example/app/orders/order_1" style="color:#2563eb">#12</a>`
    )
    expect(html).toContain("Пробит")
    expect(html).toContain("20\u00a0000,00\u00a0₽")
    expect(html).toContain("Деньги без чека: 1")
    expect(html).toContain("Дни без сверки: 07.12.2026")
  })
})

describe("reportSubject", () => {
  it("carries what needs a person", () => {
    expect(reportSubject(report(), "en")).toBe(
      "Fiscal receipts, 2026-12-07 (today) — Receipts: 14, need attention: 4, money without a receipt: ₽500.00"
    )
    expect(
      reportSubject(
        report({
          problems: [],
          problemsCount: 0,
          earlierProblemsCount: 0,
          unreceipted: [],
          unreceiptedCount: 0,
          unreceiptedTotal: 0,
        }),
        "ru"
      )
    ).toBe("Фискальные чеки, 07.12.2026 (сегодня) — Чеков: 14")
  })
})
