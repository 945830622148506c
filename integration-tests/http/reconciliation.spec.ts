import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import type FiscalModuleService from "../../src/modules/fiscal/service"
import type { AdminReconciliationResponse } from "../../src/types/http/reconciliation"
import { adminHeaders } from "../helpers/admin"
import { atolTestOptions, startTestAtol } from "../helpers/test-app"
import {
  capturePayment,
  placeAuthorizedOrder,
  refundPayment,
  setUpCatalog,
  type Catalog,
} from "../helpers/flows"
import { receiptsOfOrder, settleOrder, setUpStore } from "../helpers/store"

jest.setTimeout(300_000)

/** The reconciliation run as the host app's job runs it (the built plugin). */
const { runReconciliation } = require(
  path.resolve(
    __dirname,
    "../../.medusa/server/src/pipeline/reconciliation/run"
  )
) as typeof import("../../src/pipeline/reconciliation/run")

/** The scheduled job as the host app loads it. */
const reconcileJob = (
  require(
    path.resolve(
      __dirname,
      "../../.medusa/server/src/jobs/reconcile-fiscal-receipts"
    )
  ) as typeof import("../../src/jobs/reconcile-fiscal-receipts")
).default

const EMULATOR_PORT = Number(
  process.env.FISCAL_TEST_RECONCILIATION_PORT || 48_170
)
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

/** The Moscow day of an instant (UTC+3 all year). */
const moscowDay = (at: Date) =>
  new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10)
/** Yesterday and today in Moscow: a movement made a moment ago is in it even across midnight. */
const lastTwoDays = (now: Date) => ({
  from: moscowDay(new Date(now.getTime() - 86_400_000)),
  to: moscowDay(now),
})

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }
    let catalog: Catalog

    const receiptsOf = (orderId: string) =>
      receiptsOfOrder(api, headers, orderId)
    const settle = (orderId: string, count: number) =>
      settleOrder(getContainer(), api, headers, orderId, count)
    const variant = (title: string) => catalog.variants[title].id
    const read = async (query: string): Promise<AdminReconciliationResponse> =>
      (await api.get(`/admin/fiscal/reconciliation?${query}`, headers)).data
    /** Runs with the subscribers off, as if their events were lost. */
    const withReceiptsOff = async <T>(work: () => Promise<T>): Promise<T> => {
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const settings = await fiscal.getSettingsRow()
      await fiscal.updateFiscalSettings({ id: settings.id, enabled: false })
      try {
        return await work()
      } finally {
        await fiscal.updateFiscalSettings({ id: settings.id, enabled: true })
      }
    }
    const refusal = async (request: Promise<unknown>) => {
      const error = await request.then(
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

    it("a captured order whose receipt is registered is not reported; its money counts as registered", async () => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
      ])
      const capture = await capturePayment(api, headers, order.paymentId)
      const [receipt] = await settle(order.id, 1)
      expect(receipt.capture_id).toBe(capture.captureId)

      const now = new Date()
      const period = lastTwoDays(now)
      const { data } = await api.post(
        "/admin/fiscal/reconciliation",
        period,
        headers
      )
      const answer = data as AdminReconciliationResponse
      expect(answer.period).toEqual(period)
      expect(answer.days.map((d) => d.day)).toEqual([period.from, period.to])
      expect(answer.unchecked_days).toEqual([])
      expect(typeof answer.checked_at).toBe("string")
      expect(answer.findings.filter((f) => f.order_id === order.id)).toEqual([])
      const kopecks = Math.round(capture.amount * 100)
      expect(answer.summary.captured).toBeGreaterThanOrEqual(kopecks)
      expect(answer.summary.registered_in).toBe(answer.summary.captured)
      expect(typeof answer.summary.captured).toBe("number")

      // also once the grace a fresh capture has is over: still nothing to report
      await runReconciliation(getContainer(), period, new Date(), {
        graceMinutes: 0,
      })
      const again = await read(`from=${period.from}&to=${period.to}`)
      expect(again.findings.filter((f) => f.order_id === order.id)).toEqual([])
      expect(again.summary.registered_in).toBe(again.summary.captured)
    })

    it("a capture and a refund without a receipt row are money without a receipt, with their amounts and remedies; GET filters by kind", async () => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 2 },
      ])
      const { capture, refund } = await withReceiptsOff(async () => {
        const capture = await capturePayment(api, headers, order.paymentId)
        const refund = await refundPayment(api, headers, order.paymentId, 300)
        return { capture, refund }
      })
      expect(await receiptsOf(order.id)).toEqual([])

      const now = new Date()
      const period = lastTwoDays(now)
      // a movement gets a quarter of an hour to be recorded before it is reported: none here
      await runReconciliation(getContainer(), period, now, { graceMinutes: 0 })
      const today = moscowDay(now)

      const missing = await read(
        `from=${period.from}&to=${period.to}&kind=money_without_receipt`
      )
      const mine = missing.findings.filter((f) => f.order_id === order.id)
      const byMovement = Object.fromEntries(
        mine.map((f) => [f.movement?.kind, f])
      )
      expect(mine).toHaveLength(2)
      expect(byMovement.capture).toMatchObject({
        kind: "money_without_receipt",
        movement: { kind: "capture", id: capture.captureId },
        receipt_ids: [],
        amount: Math.round(capture.amount * 100),
        remedy:
          byMovement.capture.day === today
            ? "issue_receipt"
            : "issue_correction",
      })
      expect(byMovement.refund).toMatchObject({
        kind: "money_without_receipt",
        movement: { kind: "refund", id: refund.refundId },
        amount: 30_000,
      })
      expect(typeof byMovement.capture.order_display_id).toBe("number")
      expect(missing.count).toBe(missing.findings.length)
      expect(
        missing.summary.findings.money_without_receipt
      ).toBeGreaterThanOrEqual(2)
      expect(missing.summary.at_risk).toBeGreaterThanOrEqual(
        Math.round(capture.amount * 100) + 30_000
      )

      // another kind: none of this order's
      const stuck = await read(
        `from=${period.from}&to=${period.to}&kind=stuck_or_failed`
      )
      expect(stuck.findings.filter((f) => f.order_id === order.id)).toEqual([])
      expect(stuck.summary).toEqual(missing.summary)

      // paging
      const first = await read(
        `from=${period.from}&to=${period.to}&kind=money_without_receipt&limit=1&offset=0`
      )
      expect(first.findings).toHaveLength(1)
      expect(first.count).toBe(missing.count)
      expect(first.limit).toBe(1)

      // "Send to KKM" records the missing receipts; once registered, a new run reports nothing
      await api.post(`/admin/fiscal/orders/${order.id}/send`, {}, headers)
      const rows = await settle(order.id, 2)
      expect(rows.map((r) => r.status)).toEqual(["done", "done"])
      await runReconciliation(getContainer(), period, new Date(), {
        graceMinutes: 0,
      })
      const after = await read(`from=${period.from}&to=${period.to}`)
      expect(after.findings.filter((f) => f.order_id === order.id)).toEqual([])
    })

    it("GET reads only stored days: days never run are unchecked; the default range is the last 30 Moscow days", async () => {
      const today = moscowDay(new Date())
      const fresh = await read("")
      expect(fresh.period.to).toBe(today)
      expect(fresh.days).toEqual([])
      expect(fresh.checked_at).toBeNull()
      expect(fresh.unchecked_days).toHaveLength(30)
      expect(fresh.unchecked_days[29]).toBe(today)
      expect(fresh.count).toBe(0)
      expect(fresh.summary.findings).toEqual({
        money_without_receipt: 0,
        receipt_without_money: 0,
        amount_differs: 0,
        stuck_or_failed: 0,
      })

      await runReconciliation(getContainer(), { from: today, to: today })
      const stored = await read("")
      expect(stored.days.map((d) => d.day)).toEqual([today])
      expect(stored.unchecked_days).toHaveLength(29)
      expect(stored.unchecked_days).not.toContain(today)
      expect(stored.checked_at).toBe(stored.days[0].checked_at)

      // the job stores the whole last week, today included
      await reconcileJob(getContainer())
      const week = await read(
        `from=${moscowDay(new Date(Date.now() - 6 * 86_400_000))}&to=${today}`
      )
      expect(week.days).toHaveLength(7)
      expect(week.unchecked_days).toEqual([])
    })

    it("refuses wrong ranges and filters with a 400 saying what is wrong", async () => {
      expect(
        await refusal(
          api.get(
            "/admin/fiscal/reconciliation?from=2026-03-05&to=2026-03-01",
            headers
          )
        )
      ).toContain("must not be before from")
      expect(
        await refusal(
          api.get(
            "/admin/fiscal/reconciliation?from=2025-01-01&to=2026-01-02",
            headers
          )
        )
      ).toContain("at most 366 days")
      expect(
        await refusal(
          api.post(
            "/admin/fiscal/reconciliation",
            { from: "2026-01-01", to: "2026-04-03" },
            headers
          )
        )
      ).toContain("is 93 days; at most 92 days")
      expect(
        await refusal(
          api.get("/admin/fiscal/reconciliation?from=2026-02-30", headers)
        )
      ).toContain("YYYY-MM-DD")
      expect(
        await refusal(
          api.get("/admin/fiscal/reconciliation?kind=everything", headers)
        )
      ).toContain("kind")
      expect(
        await refusal(
          api.post(
            "/admin/fiscal/reconciliation",
            { from: "2026-01-01" },
            headers
          )
        )
      ).toContain("to")
    })
  },
})
