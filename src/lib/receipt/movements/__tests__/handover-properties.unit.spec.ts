import fc from "fast-check"
import {
  PPM,
  at,
  captureStep,
  itemsArbitrary,
  money,
  planItems,
  rubles,
} from "./plans"
import {
  UNLIMITED as SETTINGS,
  documentProblems,
} from "../../__tests__/helpers"
import { isReceiptError } from "../../errors"
import type { ReceiptFulfillment, ReceiptOrder } from "../../order-input"
import type { FiscalDocument } from "../../types"
import {
  buildCaptureDocument,
  isCollectedOnHandover,
} from "../capture-document"
import { buildHandoverDocument } from "../handover-document"
import { replayLedger } from "../ledger"
import { buildRefundReceipt } from "../refund-document"

const PREPAY = { ...SETTINGS, paymentMethodMode: "prepayment" as const }

/** A step of prepayment mode: money in, goods out, or the order canceled before any leave. */
type Step =
  | { kind: "capture"; share: number; rest: boolean }
  | { kind: "ship"; share: number }
  | { kind: "cancel" }

const planArbitrary = fc.record({
  items: itemsArbitrary,
  shipping: fc.integer({ min: 0, max: 50_000 }),
  steps: fc.array(
    fc.oneof(
      captureStep,
      fc.record({
        kind: fc.constant("ship" as const),
        share: fc.integer({ min: 1, max: PPM }),
      }),
      fc.record({ kind: fc.constant("cancel" as const) })
    ),
    { minLength: 1, maxLength: 8 }
  ),
})

describe("prepayment mode: receipts at payment and at handover", () => {
  it("money registered = captured − refunded + taken at handovers and not captured yet; each unit handed over is settled exactly once", () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const items = planItems(plan.items)
        const captures: { id: string; amount: number; created_at: string }[] =
          []
        const refunds: { id: string; amount: number; created_at: string }[] = []
        const fulfillments: ReceiptFulfillment[] = []
        const order = (): ReceiptOrder => ({
          id: "order_1",
          currency_code: "rub",
          email: "buyer@example.com",
          items,
          shipping_methods: plan.shipping
            ? [{ id: "ship_1", name: "Курьер", total: rubles(plan.shipping) }]
            : [],
          payment_collections: [
            { payments: [{ id: "pay_1", captures, refunds }] },
          ],
          returns: [],
          fulfillments,
        })
        const total =
          items.reduce((sum, i) => sum + Math.round(Number(i.total) * 100), 0) +
          plan.shipping
        const documents: FiscalDocument[] = []
        const shipped = new Map<string, number>()
        let captured = 0
        let refunded = 0
        let canceled = false

        plan.steps.forEach((step: Step, index) => {
          const time = at(index + 1)
          if (canceled) {
            return
          }
          if (step.kind === "capture") {
            const due = total - captured
            if (due <= 0) {
              return
            }
            const amount = step.rest
              ? due
              : Math.max(1, Math.floor((due * step.share) / PPM))
            const id = `cap_${index}`
            captures.push({ id, amount: rubles(amount), created_at: time })
            documents.push(
              buildCaptureDocument(order(), id, PREPAY, { prior: documents })
            )
            captured += amount
            return
          }
          if (step.kind === "cancel") {
            // Medusa cancels only an order with nothing fulfilled, refunding what it took
            if (fulfillments.length || captured === 0) {
              return
            }
            canceled = true
            const id = `ref_${index}`
            refunds.push({ id, amount: rubles(captured), created_at: time })
            documents.push(
              buildRefundReceipt(order(), id, PREPAY, { prior: documents })
            )
            refunded += captured
            return
          }
          const parcel = items
            .map((item) => {
              const left = Number(item.quantity) - (shipped.get(item.id) ?? 0)
              return {
                line_item_id: item.id,
                quantity: Math.min(left, Math.ceil((left * step.share) / PPM)),
              }
            })
            .filter((entry) => entry.quantity > 0)
          if (!parcel.length) {
            return
          }
          const id = `ful_${index}`
          fulfillments.push({
            id,
            created_at: time,
            shipped_at: time,
            items: parcel,
          })
          for (const entry of parcel) {
            shipped.set(
              entry.line_item_id,
              (shipped.get(entry.line_item_id) ?? 0) + entry.quantity
            )
          }
          try {
            documents.push(
              buildHandoverDocument(order(), id, PREPAY, { prior: documents })
            )
          } catch (e) {
            // a parcel of free goods only: nothing to settle
            if (!isReceiptError(e) || e.code !== "AMOUNT_OUT_OF_RANGE") {
              throw e
            }
          }
        })

        for (const document of documents) {
          // the record of a capture a settlement took has no lines: nothing is sent for it
          if (!isCollectedOnHandover(document)) {
            expect(documentProblems(document)).toEqual([])
          }
        }
        const ledger = replayLedger(documents)
        expect(ledger.unmatched).toBe(0)
        expect(documents.reduce((sum, d) => sum + money(d), 0)).toBe(
          captured - refunded + ledger.collected
        )
        // every unit handed over is on exactly one settlement, at most what was ordered
        const settledUnits = new Map<string, number>()
        for (const document of documents) {
          if (document.basis?.kind !== "handover") {
            continue
          }
          for (const line of document.lines) {
            expect(line.payment_method).toBe("full_payment")
            if (line.source.kind === "item") {
              settledUnits.set(
                line.source.id,
                (settledUnits.get(line.source.id) ?? 0) + line.quantity
              )
            }
          }
        }
        for (const item of items) {
          const units = settledUnits.get(item.id) ?? 0
          const kopecks = Math.round(Number(item.total) * 100)
          if (kopecks >= Number(item.quantity)) {
            expect(units).toBe(shipped.get(item.id) ?? 0)
          } else {
            // cheaper than a kopeck a unit: a unit left at no price is not a settlement
            expect(units).toBeLessThanOrEqual(shipped.get(item.id) ?? 0)
          }
        }
        // everything paid and shipped: nothing is left only prepaid
        const allShipped = items.every(
          (item) => shipped.get(item.id) === Number(item.quantity)
        )
        if (allShipped && captured === total && !canceled) {
          expect(ledger.advance.reduce((sum, e) => sum + e.left, 0)).toBe(0)
          expect(
            ledger.settled.filter(
              (e) => e.line.payment_method !== "full_payment"
            )
          ).toEqual([])
          expect(ledger.collected).toBe(0)
        }
      }),
      { numRuns: 300 }
    )
  })
})
