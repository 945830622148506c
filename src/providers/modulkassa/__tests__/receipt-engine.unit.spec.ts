import type { ModulKassaEmulator } from "medusa-fiscal-emulator/modulkassa"
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
import { TEST_COMPANY } from "./fixtures"
import { providerFor, resetProcessState, startTestEmulator } from "./harness"

/**
 * The receipt engine's documents for awkward orders must pass МодульКасса's validation and
 * the kassa's checks (Σ positions = Σ payments), and come back with the same total.
 */

const REFUNDED_AT = "2026-03-20T12:00:00+03:00"
const TRICKY_ORDERS = coreTrickyOrders()

let modul: ModulKassaEmulator

beforeAll(async () => {
  // Strict validation: the real service's 400 says nothing, so the emulator's must not pass more.
  modul = await startTestEmulator({
    processingDelayMs: 0,
    validationDetails: true,
  })
})
afterAll(() => modul.close())
beforeEach(() => {
  modul.reset()
  resetProcessState()
})

function documents(): [string, ReceiptOrder, FiscalDocument][] {
  return Object.entries(TRICKY_ORDERS).map(([name, build]) => {
    const o = build()
    return [name, o, buildSaleDocument(o, SETTINGS, { date: PAID_AT })]
  })
}

async function registerAndSettle(externalId: string, document: FiscalDocument) {
  const provider = providerFor(modul)
  await provider.register({ externalId, document, company: TEST_COMPANY })
  await modul.idle()
  return provider.check({ externalId })
}

describe("receipt engine → МодульКасса → kassa", () => {
  it.each(documents())(
    "sale: %s is fiscalized with the engine's total",
    async (name, _order, document) => {
      const status = await registerAndSettle(
        `engine-sale-${name.length}-${lastSeq()}`,
        document
      )
      const [entry] = modul.ledger()
      expect({
        name,
        status: entry.status,
        failure: entry.failureInfo,
      }).toEqual({ name, status: "COMPLETED", failure: null })
      expect(entry.total).toBe(document.total)
      expect(status).toMatchObject({
        kind: "done",
        fiscal: { total: document.total },
      })
    }
  )

  it.each(documents())(
    "full refund: %s is fiscalized as RETURN",
    async (name, o, sale) => {
      const refund = {
        id: `ref_${lastSeq()}`,
        amount: sale.total / 100,
        created_at: REFUNDED_AT,
      }
      const document = buildRefundDocument(o, refund, SETTINGS, {
        saleDocument: sale,
        previousRefunds: [],
      })
      expect(document.total).toBe(sale.total)
      const status = await registerAndSettle(
        `engine-refund-${name.length}-${lastSeq()}`,
        document
      )
      expect(modul.ledger()[0]).toMatchObject({
        docType: "RETURN",
        status: "COMPLETED",
        total: sale.total,
      })
      expect(status.kind).toBe("done")
    }
  )

  it("the 200-character name is cut to 128 UTF-16 units, never half an emoji", async () => {
    const [, , document] = documents().find(([name]) => name.includes("emoji"))!
    await registerAndSettle("engine-emoji", document)
    const sent = (
      modul.ledger()[0].payload as { inventPositions: { name: string }[] }
    ).inventPositions[0].name
    expect(sent.length).toBeLessThanOrEqual(128)
    expect(document.lines[0].name.startsWith(sent)).toBe(true)
    expect(/[\uD800-\uDBFF]$/.test(sent)).toBe(false)
  })

  it("the weighed line is sent as 0.7 at 142.86", async () => {
    const [, , document] = documents().find(([name]) =>
      name.startsWith("weighed")
    )!
    await registerAndSettle("engine-weighed", document)
    expect(
      (modul.ledger()[0].payload as { inventPositions: unknown[] })
        .inventPositions
    ).toEqual([expect.objectContaining({ price: 142.86, quantity: 0.7 })])
  })
})
