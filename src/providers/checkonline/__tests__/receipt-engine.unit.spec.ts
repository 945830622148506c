import type { CheckonlineEmulator } from "medusa-fiscal-emulator/checkonline"
import {
  buildRefundDocument,
  buildSaleDocument,
  type FiscalDocument,
  type ReceiptOrder,
} from "../../../lib/receipt"
import {
  coreTrickyOrders,
  ENGINE_SETTINGS as SETTINGS,
  lastSeq,
  PAID_AT,
} from "../../../lib/receipt/__tests__/fixtures/tricky-orders"
import type { RegisterOutcome } from "../../../modules/fiscal/types/provider"
import { TEST_COMPANY } from "./fixtures"
import { externalId, providerFor, startTestEmulator } from "./harness"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

/**
 * The receipt engine's documents for awkward orders must survive Checkonline's wire format:
 * integer kopecks, quantities in thousandths and no line sum — the cash register computes
 * Price × Qty itself, so the engine's sums must be exactly that.
 */

const TRICKY_ORDERS = coreTrickyOrders()

let emulator: CheckonlineEmulator

useEmulator(
  () => startTestEmulator({ processingDelayMs: 0 }),
  (e) => (emulator = e)
)

function sales(): [string, ReceiptOrder, FiscalDocument][] {
  return Object.entries(TRICKY_ORDERS).map(([name, build]) => {
    const o = build()
    return [name, o, buildSaleDocument(o, SETTINGS, { date: PAID_AT })]
  })
}

it.each(sales())(
  "%s: the sale is registered for exactly its total",
  async (_name, _order, document) => {
    const outcome = (await providerFor(emulator).register({
      externalId: externalId(),
      document,
      company: TEST_COMPANY,
    })) as Extract<RegisterOutcome, { kind: "registered" }>
    expect(outcome.kind).toBe("registered")
    expect(outcome.fiscal.total).toBe(document.total)
    const [entry] = emulator.ledger()
    expect(entry).toMatchObject({
      status: "done",
      total: document.total,
      operation: "sell",
    })
  }
)

it.each(sales())(
  "%s: a full refund is registered as возврат прихода",
  async (_name, o, sale) => {
    const refund = buildRefundDocument(
      o,
      { id: `ref_${lastSeq()}`, amount: sale.total / 100, created_at: PAID_AT },
      SETTINGS,
      {
        saleDocument: sale,
      }
    )
    await providerFor(emulator).register({
      externalId: externalId(),
      document: refund,
      company: TEST_COMPANY,
    })
    expect(emulator.ledger()[0]).toMatchObject({
      status: "done",
      operation: "sell_refund",
      total: sale.total,
    })
  }
)

it("the weighed line travels as 700 thousandths of a kilogram; the emoji name arrives whole", async () => {
  const [, , weighed] = sales().find(([name]) => name.startsWith("weighed"))!
  await providerFor(emulator).register({
    externalId: externalId(),
    document: weighed,
    company: TEST_COMPANY,
  })
  const [emoji] = sales()
    .filter(([name]) => name.includes("emoji"))
    .map(([, , d]) => d)
  await providerFor(emulator).register({
    externalId: externalId(),
    document: emoji,
    company: TEST_COMPANY,
  })
  const [first, second] = emulator
    .ledger()
    .map((e) => (e.request as { Lines: Record<string, unknown>[] }).Lines[0])
  expect(first).toMatchObject({ Qty: 700, Price: 14286, Measure: 11 })
  expect(second.Description).toBe(emoji.lines[0].name)
  expect(Array.from(second.Description as string).length).toBeLessThanOrEqual(
    128
  )
})
