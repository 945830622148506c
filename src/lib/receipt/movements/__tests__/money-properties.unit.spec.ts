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
import type { ReceiptOrder, ReceiptReturn } from "../../order-input"
import type { FiscalDocument } from "../../types"
import {
  buildCaptureDocument,
  exchangeCreditForCapture,
} from "../capture-document"
import {
  buildExchangeReturnDocument,
  buildExchangeSaleDocument,
} from "../exchange"
import { buildRefundReceipt } from "../refund-document"

/** One money movement of the plan: a capture of a share of what is still due, or a refund. */
type Step =
  | { kind: "capture"; share: number; rest: boolean }
  | { kind: "edit"; price: number; quantity: number }
  | { kind: "refund"; share: number; returnUnit: boolean }
  | { kind: "exchange"; price: number }

const planArbitrary = fc.record({
  items: itemsArbitrary,
  shipping: fc.integer({ min: 0, max: 50_000 }),
  steps: fc.array(
    fc.oneof(
      captureStep,
      fc.record({
        kind: fc.constant("edit" as const),
        price: fc.integer({ min: 1, max: 200_000 }),
        quantity: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({
        kind: fc.constant("exchange" as const),
        price: fc.integer({ min: 1, max: 500_000 }),
      }),
      fc.record({
        kind: fc.constant("refund" as const),
        share: fc.integer({ min: 1, max: PPM }),
        returnUnit: fc.boolean(),
      })
    ),
    { minLength: 1, maxLength: 8 }
  ),
})

describe("the receipts of an order follow its money", () => {
  it("Σ sale receipts − Σ refund receipts = captured − refunded, and no line is refunded beyond what was sold, across captures, edits, returns, refunds and exchanges", () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const items = planItems(plan.items)
        const captures: { id: string; amount: number; created_at: string }[] =
          []
        const refunds: { id: string; amount: number; created_at: string }[] = []
        const returns: ReceiptReturn[] = []
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
          returns,
        })
        const totalOf = () =>
          items.reduce((sum, i) => sum + Math.round(Number(i.total) * 100), 0) +
          plan.shipping
        const documents: FiscalDocument[] = []
        let captured = 0
        let refunded = 0
        const returnedUnits = new Map<string, number>()
        // after an exchange the order's totals are Medusa's to keep; no more captures
        let exchanged = false

        plan.steps.forEach((step: Step, index) => {
          const time = at(index + 1)
          if (step.kind === "exchange") {
            if (exchanged || refunded > 0 || captured !== totalOf()) {
              return
            }
            // one unit of a paid item back, a new item out; the difference moves in money
            const item = items.find(
              (i) => Number(i.quantity) > (returnedUnits.get(i.id) ?? 0)
            )
            const sold = documents
              .flatMap((d) => d.lines)
              .find(
                (l) =>
                  l.source.id === item?.id &&
                  l.payment_method === "full_payment" &&
                  l.price > 0
              )
            if (!item || !sold || sold.price === step.price) {
              return
            }
            exchanged = true
            const received = (returnedUnits.get(item.id) ?? 0) + 1
            returnedUnits.set(item.id, received)
            item.detail = { return_received_quantity: received }
            returns.push({
              id: `ret_${index}`,
              exchange_id: `exch_${index}`,
              created_at: time,
              items: [{ item_id: item.id, quantity: 1 }],
            })
            items.push({
              id: `new_${index}`,
              title: `Обмен ${index}`,
              quantity: 1,
              total: rubles(step.price),
              created_at: time,
            })
            const difference = step.price - sold.price
            const movement = { prior: documents, date: time }
            if (difference > 0) {
              const id = `cap_${index}`
              captures.push({
                id,
                amount: rubles(difference),
                created_at: time,
              })
              if (exchangeCreditForCapture(order(), id, SETTINGS, movement)) {
                documents.push(
                  buildExchangeReturnDocument(order(), SETTINGS, {
                    ...movement,
                    movementId: id,
                  })
                )
              }
              documents.push(
                buildCaptureDocument(order(), id, SETTINGS, {
                  prior: documents,
                })
              )
              captured += difference
            } else {
              const id = `ref_${index}`
              refunds.push({
                id,
                amount: rubles(-difference),
                created_at: time,
              })
              const refund = buildRefundReceipt(order(), id, SETTINGS, movement)
              documents.push(refund)
              expect(refund.basis?.credit).toBe(step.price)
              documents.push(
                buildExchangeSaleDocument(order(), SETTINGS, {
                  prior: documents,
                  movementId: id,
                  date: time,
                })
              )
              refunded -= difference
            }
            return
          }
          if (step.kind === "edit") {
            if (exchanged) {
              return
            }
            items.push({
              id: `added_${index}`,
              title: `Добавлено ${index}`,
              quantity: step.quantity,
              total: rubles(step.price * step.quantity),
              created_at: time,
            })
            return
          }
          if (step.kind === "capture") {
            const due = totalOf() - captured
            if (due <= 0 || refunded > 0 || exchanged) {
              return
            }
            const amount = step.rest
              ? due
              : Math.max(1, Math.floor((due * step.share) / PPM))
            captures.push({
              id: `cap_${index}`,
              amount: rubles(amount),
              created_at: time,
            })
            documents.push(
              buildCaptureDocument(order(), `cap_${index}`, SETTINGS, {
                prior: documents,
              })
            )
            captured += amount
            return
          }
          const left = captured - refunded
          if (left <= 0) {
            return
          }
          if (step.returnUnit) {
            const candidate = items.find(
              (i) => Number(i.quantity) > (returnedUnits.get(i.id) ?? 0)
            )
            if (candidate) {
              returnedUnits.set(
                candidate.id,
                (returnedUnits.get(candidate.id) ?? 0) + 1
              )
              returns.push({
                id: `ret_${index}`,
                created_at: time,
                items: [{ item_id: candidate.id, quantity: 1 }],
              })
            }
          }
          const amount = Math.max(1, Math.floor((left * step.share) / PPM))
          refunds.push({
            id: `ref_${index}`,
            amount: rubles(amount),
            created_at: time,
          })
          documents.push(
            buildRefundReceipt(order(), `ref_${index}`, SETTINGS, {
              prior: documents,
            })
          )
          refunded += amount
        })

        for (const document of documents) {
          expect(documentProblems(document)).toEqual([])
        }
        expect(documents.reduce((sum, d) => sum + money(d), 0)).toBe(
          captured - refunded
        )
        // per line: refunds never exceed what the sale receipts hold for it
        const byLine = new Map<string, number>()
        for (const document of documents) {
          const sign = document.type === "sell" ? 1 : -1
          const offset = document.payments.some((p) => p.type === "prepayment")
          for (const line of document.lines) {
            const key = `${line.source.kind}:${line.source.id}:${line.payment_method}`
            byLine.set(key, (byLine.get(key) ?? 0) + sign * line.sum)
          }
          if (offset) {
            // a settlement uses the advance up: its prepayment lines are spent
            for (const key of [...byLine.keys()]) {
              if (key.endsWith(":prepayment")) {
                byLine.set(key, 0)
              }
            }
          }
        }
        for (const [, left] of byLine) {
          expect(left).toBeGreaterThanOrEqual(0)
        }
      }),
      { numRuns: 300 }
    )
  })
})
