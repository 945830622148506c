import type { DreamkasEmulator } from "medusa-fiscal-emulator/dreamkas"
import {
  buildRefundDocument,
  buildSaleDocument,
  type FiscalDocument,
} from "../../../lib/receipt"
import {
  coreTrickyOrders,
  ENGINE_SETTINGS as SETTINGS,
  PAID_AT,
} from "../../../lib/receipt/__tests__/fixtures/tricky-orders"
import { TEST_COMPANY } from "./fixtures"
import { providerFor, resetProcessState, startTestEmulator } from "./harness"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

/**
 * The receipt engine's documents for awkward orders must pass the emulator's checks (Σ
 * priceSum = total = Σ payments, priceSum = price × quantity, SCALABLE thousandths, taxSum,
 * name length) and be printed.
 */

const TRICKY_ORDERS = coreTrickyOrders()

let dreamkas: DreamkasEmulator

useEmulator(
  () => startTestEmulator({ processingDelayMs: 0 }),
  (e) => (dreamkas = e),
  resetProcessState
)

function saleDocuments(): [string, FiscalDocument][] {
  return Object.entries(TRICKY_ORDERS).map(([name, build]) => [
    name,
    buildSaleDocument(build(), SETTINGS, { date: PAID_AT }),
  ])
}

async function registerAndSettle(name: string, document: FiscalDocument) {
  const provider = providerFor(dreamkas)
  const outcome = await provider.register({
    externalId: `engine-${name}`,
    document,
    company: TEST_COMPANY,
  })
  await dreamkas.idle()
  const status = await provider.check({
    externalId: `engine-${name}`,
    vendorDocumentId: outcome.vendorDocumentId,
  })
  const [entry] = dreamkas.ledger()
  return { status, entry }
}

it.each(saleDocuments())(
  "receipt engine → Dreamkas: %s is printed",
  async (name, document) => {
    const { status, entry } = await registerAndSettle(name, document)
    expect({ name, status: entry.status, error: entry.error }).toEqual({
      name,
      status: "SUCCESS",
      error: null,
    })
    expect(status).toMatchObject({
      kind: "done",
      fiscal: { total: document.total },
    })
  }
)

it("the weighed order is a SCALABLE position of 700 thousandths at the price per kilogram", async () => {
  const [, document] = saleDocuments().find(([name]) =>
    name.startsWith("weighed")
  )!
  const { entry } = await registerAndSettle("weighed", document)
  const [position] = (entry.payload as { positions: Record<string, unknown>[] })
    .positions
  expect(position).toMatchObject({
    type: "SCALABLE",
    quantity: 700,
    price: 14286,
    priceSum: 10000,
  })
})

it("the engine's 128-character name with emoji is cut to 128 UTF-16 units and accepted", async () => {
  const [, document] = saleDocuments().find(([name]) => name.includes("emoji"))!
  expect(Array.from(document.lines[0].name)).toHaveLength(128)
  expect(document.lines[0].name.length).toBeGreaterThan(128)
  const { entry } = await registerAndSettle("emoji", document)
  const sent = (entry.payload as { positions: { name: string }[] }).positions[0]
    .name
  expect(sent.length).toBeLessThanOrEqual(128)
  expect(document.lines[0].name.startsWith(sent)).toBe(true)
  expect(entry.status).toBe("SUCCESS")
})

it("a partial refund of the discounted order is printed as REFUND", async () => {
  const input = TRICKY_ORDERS["3 × 33.33 with a 10 ₽ discount"]()
  const refund = {
    id: "ref_1",
    amount: 300,
    created_at: "2026-03-20T10:00:00+03:00",
  }
  input.payment_collections![0]!.payments![0]!.refunds = [refund]
  const document = buildRefundDocument(input, refund, SETTINGS)
  const { status, entry } = await registerAndSettle("refund", document)
  expect(entry).toMatchObject({
    type: "REFUND",
    status: "SUCCESS",
    total: 30000,
  })
  expect(status.kind).toBe("done")
})
