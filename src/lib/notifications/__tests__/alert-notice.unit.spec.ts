import {
  alertEmail,
  alertFeedNotice,
  type AlertForNotice,
} from "../alert-notice"

const alert = (n: number, patch: Partial<AlertForNotice> = {}) => ({
  receipt_id: `frec_${n}`,
  order_id: `order_${n}`,
  order_display_id: n,
  state: "failed" as const,
  error_code: "2009",
  error_message: `ИНН не совпадает (${n}). Проверьте ИНН в настройках.`,
  ...patch,
})

describe("alertFeedNotice", () => {
  it("one alert names its order, its state and the reason", () => {
    expect(alertFeedNotice([alert(12)], "ru")).toEqual({
      title: "Чек не пробит: заказ #12",
      description: expect.stringContaining("ИНН не совпадает (12)"),
    })
    expect(alertFeedNotice([alert(7, { state: "invalid" })], "en").title).toBe(
      "Receipt cannot be made: order #7"
    )
    expect(
      alertFeedNotice(
        [alert(7, { state: "needs_attention", order_display_id: null })],
        "en"
      ).title
    ).toBe("Receipt needs attention: order order_7")
  })

  it("several fold into one notice that counts them and names the first orders", () => {
    const many = Array.from({ length: 8 }, (_, i) => alert(i + 1))
    const notice = alertFeedNotice(many, "en")
    expect(notice.title).toBe("8 receipts need attention")
    expect(notice.description).toContain("#1, #2, #3, #4, #5 and 3 more")
    expect(alertFeedNotice(many, "ru").title).toBe(
      "Чеков, требующих внимания: 8"
    )
  })

  it("an order with two alerts is named once", () => {
    const notice = alertFeedNotice(
      [alert(1), alert(1, { receipt_id: "frec_9" })],
      "en"
    )
    expect(notice.description).toMatch(/Orders: #1\. /)
  })

  it("cuts a long message in the feed", () => {
    const long = alertFeedNotice(
      [alert(1, { error_message: "x".repeat(1000) })],
      "en"
    )
    expect(long.description.length).toBeLessThan(400)
  })
})

describe("alertEmail", () => {
  it("lists every alert with its receipt, state and message; the HTML is escaped", () => {
    const email = alertEmail(
      [alert(1), alert(2, { error_message: "<b>bad</b>" })],
      "en"
    )
    expect(email.subject).toBe("2 receipts need attention")
    expect(email.text).toContain(
      "order #1, receipt frec_1: failed (2009) — ИНН не совпадает (1)."
    )
    expect(email.html).toContain("&lt;b&gt;bad&lt;/b&gt;")
    expect(email.html).not.toContain("<b>bad</b>")
  })
})
