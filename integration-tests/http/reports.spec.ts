import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import path from "node:path"
import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import type FiscalModuleService from "../../src/modules/fiscal/service"
import type {
  AdminFiscalReportResponse,
  FiscalReport,
} from "../../src/types/http/reports"
import { adminHeaders } from "../helpers/admin"
import { atolTestOptions, startTestAtol } from "../helpers/test-app"
import {
  capturePayment,
  getOrder,
  placeAuthorizedOrder,
  refundPayment,
  setUpCatalog,
  type Catalog,
} from "../helpers/flows"
import { settleOrder, setUpStore, type Tx } from "../helpers/store"

jest.setTimeout(600_000)

const EMULATOR_PORT = Number(process.env.FISCAL_TEST_REPORTS_PORT || 48_190)
process.env.FISCAL_TEST_OPTIONS = JSON.stringify(
  atolTestOptions(EMULATOR_PORT, { timeoutMs: 5_000 })
)

let emulator: AtolEmulator

beforeAll(async () => {
  emulator = await startTestAtol(EMULATOR_PORT)
})

afterAll(async () => {
  await emulator?.close()
})

const DAY_MS = 86_400_000
/** The Moscow day of an instant (UTC+3 all year). */
const moscowDay = (at: Date | number) =>
  new Date(new Date(at).getTime() + 3 * 3_600_000).toISOString().slice(0, 10)
/** Yesterday and today in Moscow: receipts made a moment ago are in it even across midnight. */
const lastTwoDays = () => ({
  from: moscowDay(Date.now() - DAY_MS),
  to: moscowDay(Date.now()),
})
/** A receipt's total as the receipts API answers it, in kopecks. */
const kopecksOf = (total: unknown) =>
  Number(
    typeof total === "object" && total !== null
      ? (total as { value: unknown }).value
      : total
  )

/** Raw SQL for what no API does: moving a row back in time. */
const sql = (container: MedusaContainer, text: string, params: unknown[]) =>
  container
    .resolve<{
      raw: (
        q: string,
        b: unknown[]
      ) => Promise<{ rows: Record<string, unknown>[] }>
    }>(ContainerRegistrationKeys.PG_CONNECTION)
    .raw(text, params)

/** The CSV's records, read by RFC 4180's rules (quotes doubled, CRLF between records). */
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
      out.push([...row, field])
      row = []
      field = ""
      i++
    } else {
      field += c
    }
  }
  return out
}

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }
    let catalog: Catalog

    const variant = (title: string) => catalog.variants[title].id
    const fiscal = () => getContainer().resolve<FiscalModuleService>("fiscal")
    const report = async (query: string): Promise<FiscalReport> =>
      (
        (await api.get(`/admin/fiscal/reports?${query}`, headers))
          .data as AdminFiscalReportResponse
      ).report
    /** The CSV file as bytes: the BOM, then the records. */
    const csvOf = async (query: string) => {
      const res = await api.get(`/admin/fiscal/reports?${query}&format=csv`, {
        ...headers,
        // the bytes as sent: decoding text would drop the byte order mark
        responseType: "arraybuffer",
      })
      const bytes = Buffer.from(res.data as ArrayBuffer)
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      return {
        headers: res.headers,
        records: parseCsv(bytes.subarray(3).toString("utf8")),
      }
    }
    /** An order captured in full whose sale receipt is registered. */
    const registeredSale = async (quantity = 1) => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity },
      ])
      const capture = await capturePayment(api, headers, order.paymentId)
      const [receipt] = await settleOrder(
        getContainer(),
        api,
        headers,
        order.id,
        1
      )
      const { display_id } = (await getOrder(api, headers, order.id)) as {
        display_id?: number
      }
      return { order, capture, receipt, displayId: display_id ?? null }
    }
    /** Sets a receipt the way the pipeline leaves one that needs a person. */
    const force = (receipt: Tx, patch: Record<string, unknown>) =>
      fiscal().updateFiscalReceipts({
        id: receipt.id,
        // not due: no worker looks at it again while the test reads it
        next_attempt_at: null,
        ...patch,
      })
    const refusal = async (query: string) => {
      const error = await api
        .get(`/admin/fiscal/reports?${query}`, headers)
        .then(
          () => null,
          (e: { response?: { status: number; data: { message: string } } }) => e
        )
      expect(error?.response?.status).toBe(400)
      return error!.response!.data.message
    }

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
      const store = await setUpStore(api, headers)
      catalog = await setUpCatalog(api, headers, store)
      await emulator.reset()
    })

    it("counts and sums the period's receipts per status and type, lists the ones that need a person with their orders, and counts the earlier ones", async () => {
      // A: a sale and a refund, both registered
      const a = await registeredSale(2)
      await refundPayment(api, headers, a.order.paymentId, 300)
      const aRows = await settleOrder(
        getContainer(),
        api,
        headers,
        a.order.id,
        2
      )
      const aRefund = aRows.find((r) => r.type === "sell_refund")!
      // B: its sale failed at the vendor; C: stuck in processing, flagged
      const b = await registeredSale()
      await force(b.receipt, {
        status: "failed",
        needs_attention: true,
        error_code: "E_TEST_INN",
        error_message: "The vendor refused the INN: check it in the settings",
        error_kind: "vendor_failed",
      })
      const c = await registeredSale()
      await force(c.receipt, {
        status: "wait",
        needs_attention: true,
        error_code: null,
        error_message:
          "No answer after every check: look at it in the vendor's account",
        error_kind: "indeterminate",
      })
      // D: invalid, recorded three days ago: before the period
      const d = await registeredSale()
      await force(d.receipt, {
        status: "invalid",
        needs_attention: true,
        error_code: "invalid_data",
        error_message: "The order has no items",
        error_kind: "invalid_data",
      })
      const moved = await sql(
        getContainer(),
        `UPDATE fiscal_receipt SET created_at = created_at - interval '3 days' WHERE id = ? RETURNING created_at`,
        [d.receipt.id]
      )
      const dDay = moscowDay(new Date(moved.rows[0].created_at as string))

      const period = lastTwoDays()
      const r = await report(`from=${period.from}&to=${period.to}`)
      const sale = (x: { capture: { amount: number } }) =>
        Math.round(x.capture.amount * 100)
      expect(r.period).toEqual({ ...period, preset: null })
      expect(r.totals).toEqual({
        count: 4,
        total: sale(a) + 30_000 + sale(b) + sale(c),
      })
      expect(kopecksOf(aRefund.total)).toBe(30_000)
      expect(r.by_status.done).toEqual({ count: 2, total: sale(a) + 30_000 })
      expect(r.by_status.failed).toEqual({ count: 1, total: sale(b) })
      expect(r.by_status.wait).toEqual({ count: 1, total: sale(c) })
      expect(r.by_status.invalid).toEqual({ count: 0, total: 0 })
      expect(r.by_type.sell).toEqual({
        count: 3,
        total: sale(a) + sale(b) + sale(c),
      })
      expect(r.registered_by_type.sell).toEqual({ count: 1, total: sale(a) })
      expect(r.registered_by_type.sell_refund).toEqual({
        count: 1,
        total: 30_000,
      })
      expect(r.by_status_type).toEqual([
        { status: "wait", type: "sell", count: 1, total: sale(c) },
        { status: "done", type: "sell", count: 1, total: sale(a) },
        { status: "done", type: "sell_refund", count: 1, total: 30_000 },
        { status: "failed", type: "sell", count: 1, total: sale(b) },
      ])
      expect(r.problems).toEqual([
        expect.objectContaining({
          receipt_id: b.receipt.id,
          order_id: b.order.id,
          order_display_id: b.displayId,
          type: "sell",
          reason: "payment",
          status: "failed",
          needs_attention: true,
          total: sale(b),
          error_code: "E_TEST_INN",
          error_message: "The vendor refused the INN: check it in the settings",
          error_kind: "vendor_failed",
        }),
        expect.objectContaining({
          receipt_id: c.receipt.id,
          order_id: c.order.id,
          order_display_id: c.displayId,
          status: "wait",
          needs_attention: true,
          error_code: null,
        }),
      ])
      expect(typeof b.displayId).toBe("number")
      expect(r.problems_count).toBe(2)
      expect(r.earlier_problems_count).toBe(1)
      expect(r.unreceipted).toEqual([])
      expect(r.unreceipted_count).toBe(0)
      expect(r.unreconciled_days).toEqual([period.from, period.to])

      // the day D was recorded: D is its problem, nothing is earlier
      const thatDay = await report(`from=${dDay}&to=${dDay}`)
      expect(thatDay.totals).toEqual({ count: 1, total: sale(d) })
      expect(thatDay.problems.map((p) => [p.receipt_id, p.status])).toEqual([
        [d.receipt.id, "invalid"],
      ])
      expect(thatDay.problems[0].order_display_id).toBe(d.displayId)
      expect(thatDay.earlier_problems_count).toBe(0)

      // today: the named period, its days, the receipts of today
      const before = moscowDay(Date.now())
      const today = await report("period=today")
      if (before === moscowDay(Date.now())) {
        expect(today.period).toEqual({
          from: before,
          to: before,
          preset: "today",
        })
        expect(
          today.totals.count +
            (await report(`from=${period.from}&to=${period.from}`)).totals.count
        ).toBe(4)
      }
      const week = await report("period=week")
      expect(week.period.preset).toBe("week")
      expect(week.period.from <= dDay && dDay <= week.period.to).toBe(true)
      expect(week.problems.map((p) => p.receipt_id)).toContain(d.receipt.id)

      // the CSV: a file with a BOM, a header, the status × type rows, then the problems
      const csv = await csvOf(`from=${period.from}&to=${period.to}&language=en`)
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(csv.headers["content-disposition"]).toBe(
        `attachment; filename="fiscal-report-${period.from}-${period.to}.csv"`
      )
      const records = csv.records
      expect(records[0].slice(0, 6)).toEqual([
        "Section",
        "Day",
        "Status",
        "Receipt type",
        "Count",
        "Amount, RUB",
      ])
      const rubles = (k: number) => (k / 100).toFixed(2)
      expect(records.slice(1).map((row) => row.slice(0, 6))).toEqual([
        ["Receipts", "", "Processing", "Sale", "1", rubles(sale(c))],
        ["Receipts", "", "Registered", "Sale", "1", rubles(sale(a))],
        ["Receipts", "", "Registered", "Refund", "1", "300.00"],
        ["Receipts", "", "Failed", "Sale", "1", rubles(sale(b))],
        [
          "Needs attention",
          moscowDay(new Date(r.problems[0].created_at)),
          "Failed",
          "Sale",
          "1",
          rubles(sale(b)),
        ],
        [
          "Needs attention",
          moscowDay(new Date(r.problems[1].created_at)),
          "Processing",
          "Sale",
          "1",
          rubles(sale(c)),
        ],
      ])
      expect(records[5].slice(6)).toEqual([
        `#${b.displayId}`,
        b.order.id,
        b.receipt.id,
        "",
        "Payment",
        "E_TEST_INN",
        "The vendor refused the INN: check it in the settings",
      ])
      // Russian headers by default
      const ru = await csvOf(`from=${period.from}&to=${period.to}`)
      expect(ru.records[0][5]).toBe("Сумма, руб.")
    })

    it("money without a receipt comes from the stored reconciliation of the period's days", async () => {
      const settings = await fiscal().getSettingsRow()
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
      ])
      // the subscribers off, as if the capture's event was lost
      await fiscal().updateFiscalSettings({ id: settings.id, enabled: false })
      let capture: { captureId: string; amount: number }
      try {
        capture = await capturePayment(api, headers, order.paymentId)
      } finally {
        await fiscal().updateFiscalSettings({ id: settings.id, enabled: true })
      }
      // a day old: past the grace a fresh capture has before it is reported
      const { rows } = await sql(
        getContainer(),
        `UPDATE capture SET created_at = created_at - interval '1 day' WHERE id = ? RETURNING created_at`,
        [capture.captureId]
      )
      const day = moscowDay(new Date(rows[0].created_at as string))
      const { display_id } = (await getOrder(api, headers, order.id)) as {
        display_id?: number
      }
      const period = { from: day, to: moscowDay(Date.now()) }

      const unchecked = await report(`from=${period.from}&to=${period.to}`)
      expect(unchecked.unreceipted).toEqual([])
      expect(unchecked.unreceipted_count).toBe(0)
      expect(unchecked.unreconciled_days[0]).toBe(day)
      expect(unchecked.totals.count).toBe(0)

      await api.post("/admin/fiscal/reconciliation", period, headers)
      const r = await report(`from=${period.from}&to=${period.to}`)
      const kopecks = Math.round(capture!.amount * 100)
      expect(r.unreceipted).toEqual([
        {
          day,
          order_id: order.id,
          order_display_id: display_id,
          movement: { kind: "capture", id: capture!.captureId },
          amount: kopecks,
        },
      ])
      expect(r.unreceipted_count).toBe(1)
      expect(r.unreceipted_total).toBe(kopecks)
      expect(r.unreconciled_days).toEqual([])

      // a period without that day has none
      const dayAfter = moscowDay(
        new Date(rows[0].created_at as string).getTime() + DAY_MS
      )
      if (dayAfter <= period.to) {
        const later = await report(`from=${dayAfter}&to=${period.to}`)
        expect(later.unreceipted).toEqual([])
        expect(later.unreceipted_total).toBe(0)
      }

      const { records: csv } = await csvOf(
        `from=${period.from}&to=${period.to}&language=en`
      )
      expect(csv.slice(1)).toEqual([
        [
          "Money without a receipt",
          day,
          "",
          "",
          "1",
          (kopecks / 100).toFixed(2),
          `#${display_id}`,
          order.id,
          "",
          `capture ${capture!.captureId}`,
          "",
          "",
          "",
        ],
      ])
    })

    it("refuses wrong periods with a 400 saying what is wrong", async () => {
      expect(await refusal("from=2026-13-01&to=2026-12-31")).toBe(
        "from: must be a day written YYYY-MM-DD (a Moscow calendar day)"
      )
      expect(await refusal("from=2026-12-05&to=2026-12-01")).toBe(
        "to: must not be before from (2026-12-05), got 2026-12-01"
      )
      expect(await refusal("from=2025-01-01&to=2026-01-02")).toBe(
        "to: the period 2025-01-01 to 2026-01-02 is 367 days; a report covers at most 366 days"
      )
      expect(await refusal("period=month")).toBe(
        "period: must be one of today, yesterday, week"
      )
      expect(await refusal("period=week&from=2026-12-01")).toBe(
        "period: give either a period or from and to, not both"
      )
      expect(await refusal("to=2026-12-01")).toBe(
        "from: required when to is given"
      )
      expect(await refusal("format=xlsx")).toBe("format: must be json or csv")
      expect(await refusal("days=7")).toMatch(/days/)
      // a leap year is one period
      const leap = await report("from=2028-01-01&to=2028-12-31")
      expect(leap.period).toEqual({
        from: "2028-01-01",
        to: "2028-12-31",
        preset: null,
      })
      expect(leap.totals).toEqual({ count: 0, total: 0 })
      // only for the admin
      const anonymous = await api
        .get("/admin/fiscal/reports?period=today")
        .then(
          () => null,
          (e: { response?: { status: number } }) => e
        )
      expect(anonymous?.response?.status).toBe(401)
    })
  },
})
