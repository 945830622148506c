import { CSV_BOM, csvField, reportCsv, reportCsvFileName } from "../csv"
import { problem, report } from "./fixture"

/** The CSV's records as arrays of fields, read by RFC 4180's rules. */
function parseCsv(text: string): string[][] {
  const out: string[][] = []
  let row: string[] = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        field += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field)
      out.push(row)
      row = []
      field = ""
      i++
    } else {
      field += c
    }
  }
  return out
}

describe("reportCsv", () => {
  it("starts with the BOM and a header naming the rubles", () => {
    const csv = reportCsv(report(), "en")
    expect(csv.startsWith(CSV_BOM)).toBe(true)
    const [header] = parseCsv(csv.slice(1))
    expect(header).toEqual([
      "Section",
      "Day",
      "Status",
      "Receipt type",
      "Count",
      "Amount, RUB",
      "Order",
      "Order ID",
      "Receipt ID",
      "Money movement",
      "Reason",
      "Error code",
      "Message",
    ])
    expect(parseCsv(reportCsv(report(), "ru").slice(1))[0][5]).toBe(
      "Сумма, руб."
    )
  })

  it("writes the status × type rows, then the problems, then the money without a receipt", () => {
    const records = parseCsv(reportCsv(report(), "en").slice(1))
    expect(records.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual(
      [
        ["Receipts", "Queued", "Sale", "2", "0.00"],
        ["Receipts", "Registered", "Sale", "10", "20000.00"],
        ["Receipts", "Registered", "Refund", "1", "900.00"],
        ["Receipts", "Failed", "Sale", "1", "1500.00"],
        ["Needs attention", "Failed", "Sale", "1", "1500.00"],
        ["Money without a receipt", "", "", "1", "500.00"],
      ]
    )
    expect(records[5]).toEqual([
      "Needs attention",
      "2026-12-07",
      "Failed",
      "Sale",
      "1",
      "1500.00",
      "#12",
      "order_1",
      "frc_1",
      "",
      "Payment",
      "E32",
      "Wrong INN",
    ])
    expect(records[6].slice(0, 10)).toEqual([
      "Money without a receipt",
      "2026-12-07",
      "",
      "",
      "1",
      "500.00",
      "#13",
      "order_2",
      "",
      "capture capt_1",
    ])
    // every record has the header's fields
    expect(new Set(records.map((r) => r.length))).toEqual(new Set([13]))
  })

  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    const csv = reportCsv(
      report({
        problems: [
          problem({
            error_message: 'Bad "INN",\r\ncheck it',
            error_code: "=HYPERLINK(1)",
            total: null,
          }),
        ],
      }),
      "en"
    )
    const row = parseCsv(csv.slice(1))[5]
    expect(row[5]).toBe("")
    expect(row[11]).toBe("'=HYPERLINK(1)")
    expect(row[12]).toBe('Bad "INN",\r\ncheck it')
    expect(csv).toContain('"Bad ""INN"",\r\ncheck it"')
    expect(csvField(" padded")).toBe('" padded"')
    expect(csvField(-150)).toBe("-150")
  })

  it("writes kopecks exactly as rubles", () => {
    const records = parseCsv(
      reportCsv(
        report({
          groups: [{ status: "done", type: "sell", count: 3, total: 1 }],
          problems: [],
          unreceipted: [],
        }),
        "en"
      ).slice(1)
    )
    expect(records[1][5]).toBe("0.01")
  })

  it("names the file after the period", () => {
    expect(
      reportCsvFileName(
        report({
          period: { from: "2026-11-30", to: "2026-12-06", preset: "week" },
        })
      )
    ).toBe("fiscal-report-2026-11-30-2026-12-06.csv")
  })
})
