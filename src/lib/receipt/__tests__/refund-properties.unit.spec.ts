import fc from "fast-check"
import type { PreviousRefund } from "../build-refund-document"
import { buildRefundDocument, buildSaleDocument } from "../index"
import type { ReceiptOrder, ReceiptRefund } from "../order-input"
import type { FiscalDocument, FiscalLine } from "../types"
import { orderArbitrary } from "./arbitraries"
import {
  UNLIMITED,
  DATE_2026,
  documentProblems,
  linesBySource,
  milliOf,
  sumsBySource,
} from "./helpers"

const PPM = 1_000_000

/**
 * A refund plan: each refund's share of the sale total in millionths, whether
 * a last refund takes the rest, how earlier refunds reach the engine (from
 * the order, as Medusa refunds, as sent documents) and whether the sale
 * receipt is passed or rebuilt.
 */
const refundPlan = fc.record({
  shares: fc.array(fc.integer({ min: 1, max: PPM }), {
    minLength: 1,
    maxLength: 4,
  }),
  finishWithRest: fc.boolean(),
  previous: fc.constantFrom("order", "refunds", "documents"),
  passSale: fc.boolean(),
})

const classification = (line: FiscalLine) =>
  [
    line.name,
    line.vat,
    line.payment_method,
    line.payment_object,
    line.measure,
    line.mark_code ?? "",
  ].join("|")

/** Problems of one refund document against the sale it refunds. */
function refundProblems(
  sale: FiscalDocument,
  refund: FiscalDocument,
  amount: number
): string[] {
  const problems = documentProblems(refund)
  const fail = (message: string) => problems.push(message)
  if (refund.type !== "sell_refund") fail(`type ${refund.type}`)
  if (refund.total !== amount) fail(`total ${refund.total} ≠ ${amount}`)
  const saleGroups = linesBySource(sale)
  for (const [key, lines] of linesBySource(refund)) {
    const sold = saleGroups.get(key)
    if (!sold) {
      fail(`${key}: not in the sale`)
      continue
    }
    // Name, VAT, method, object, measure and code of a sale line of the source.
    const allowed = new Set(sold.map(classification))
    for (const line of lines) {
      if (!allowed.has(classification(line))) {
        fail(`${key}: classification ${classification(line)}`)
      }
    }
    // Never more units than were sold.
    const milli = (group: FiscalLine[]) =>
      group.reduce((total, line) => total + milliOf(line), 0)
    if (milli(lines) > milli(sold)) {
      fail(`${key}: quantity ${milli(lines)} > ${milli(sold)}`)
    }
  }
  return problems
}

/** Refund amounts in kopecks following the plan; what is left unrefunded. */
function planAmounts(
  total: number,
  plan: { shares: number[]; finishWithRest: boolean }
): { amounts: number[]; left: number } {
  let left = total
  const amounts: number[] = []
  for (const share of plan.shares) {
    const wanted = Math.max(1, Math.floor((total * share) / PPM))
    const amount = Math.min(left, wanted)
    if (amount > 0) {
      amounts.push(amount)
      left -= amount
    }
  }
  if (plan.finishWithRest && left > 0) {
    amounts.push(left)
    left = 0
  }
  return { amounts, left }
}

describe("buildRefundDocument: properties over random refund sequences", () => {
  it("every refund is valid; together they never exceed a sale line", () => {
    fc.assert(
      fc.property(orderArbitrary(60), refundPlan, (generated, plan) => {
        fc.pre(generated.paid > 0)
        const sale = buildSaleDocument(generated.order, UNLIMITED, {
          date: DATE_2026,
        })
        const sold = sumsBySource(sale)
        const { amounts, left } = planAmounts(sale.total, plan)
        const refunds: ReceiptRefund[] = amounts.map((amount, index) => ({
          id: `ref_${index}`,
          amount: (amount / 100).toFixed(2),
          created_at: new Date(Date.UTC(2026, 3, 1 + index)).toISOString(),
        }))
        const capture = {
          amount: sale.total / 100,
          created_at: "2026-03-14T07:00:00Z",
        }
        const order: ReceiptOrder = {
          ...generated.order,
          payment_collections: [
            {
              payments: [
                {
                  captures: [capture],
                  refunds:
                    plan.previous === "order" ? [...refunds].reverse() : [],
                },
              ],
            },
          ],
        }

        const documents: FiscalDocument[] = []
        const refunded = new Map<string, number>()
        refunds.forEach((refund, index) => {
          const previousRefunds: PreviousRefund[] | undefined =
            plan.previous === "refunds"
              ? refunds.slice(0, index)
              : plan.previous === "documents"
                ? documents.slice(0, index)
                : undefined
          const document = buildRefundDocument(order, refund, UNLIMITED, {
            previousRefunds,
            ...(plan.passSale ? { saleDocument: sale } : {}),
          })
          expect(refundProblems(sale, document, amounts[index])).toEqual([])
          documents.push(document)
          for (const [key, sum] of sumsBySource(document)) {
            refunded.set(key, (refunded.get(key) ?? 0) + sum)
          }
        })

        for (const [key, sum] of refunded) {
          expect(sum).toBeLessThanOrEqual(sold.get(key) ?? 0)
        }
        if (left === 0) {
          // Everything refunded: each sale line came back exactly.
          const paying = [...sold].filter(([, sum]) => sum > 0)
          expect(refunded).toEqual(new Map(paying))
        }
        if (amounts[0] === sale.total) {
          // A full refund mirrors the sale lines.
          const paying = sale.lines.filter((line) => line.sum > 0)
          expect(documents[0].lines).toEqual(paying)
        }
      }),
      { numRuns: 100 }
    )
  })
})
