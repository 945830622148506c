import type { ModulKassaEmulator } from "../../../emulators/modulkassa"
import {
  buildRefundDocument,
  buildSaleDocument,
  type FiscalDocument,
  type ReceiptOrder,
  type ReceiptOrderItem,
  type ReceiptSettingsInput,
} from "../../../lib/receipt"
import { TEST_COMPANY } from "./fixtures"
import { providerFor, resetProcessState, startTestEmulator } from "./harness"

/**
 * The receipt engine's documents for awkward orders must pass МодульКасса's validation and
 * the kassa's checks (Σ positions = Σ payments), and come back with the same total.
 */

const PAID_AT = "2026-03-14T10:00:00+03:00"
const REFUNDED_AT = "2026-03-20T12:00:00+03:00"
let seq = 0

function item(fields: Partial<ReceiptOrderItem>): ReceiptOrderItem {
  seq += 1
  return {
    id: `item_${seq}`,
    title: `Товар ${seq}`,
    quantity: 1,
    unit_price: 100,
    total: 100,
    ...fields,
  }
}

function order(
  items: ReceiptOrderItem[],
  shipping: { name: string; total: number }[] = []
): ReceiptOrder {
  seq += 1
  const total =
    [...items, ...shipping].reduce(
      (sum, l) => sum + Math.round(Number(l.total) * 100),
      0
    ) / 100
  return {
    id: `order_${seq}`,
    display_id: seq,
    currency_code: "rub",
    email: "buyer@example.com",
    items,
    shipping_methods: shipping.map((s, i) => ({
      id: `ship_${seq}_${i}`,
      ...s,
    })),
    payment_collections: [
      {
        payments: [
          {
            id: `pay_${seq}`,
            captures: [
              { id: `capt_${seq}`, amount: total, created_at: PAID_AT },
            ],
          },
        ],
      },
    ],
  }
}

const SETTINGS: ReceiptSettingsInput = {
  goodsVat: "standard",
  shippingVat: "standard",
}

const TRICKY_ORDERS: Record<string, () => ReceiptOrder> = {
  "3 × 33.33 with a 10 ₽ discount": () =>
    order(
      [item({ quantity: 3, unit_price: 33.33, total: 89.99 })],
      [{ name: "Курьер", total: 300 }]
    ),
  "7 units for 1000.00": () =>
    order([item({ quantity: 7, unit_price: 142.86, total: 1000 })]),
  "0.01 ₽ lines": () =>
    order([
      item({ unit_price: 0.01, total: 0.01 }),
      item({ quantity: 3, unit_price: 0.01, total: 0.03 }),
    ]),
  "weighed 0.7 kg for 100.00": () =>
    order([
      item({
        title: "Яблоки",
        quantity: 0.7,
        unit_price: 142.86,
        total: 100,
        variant: { metadata: { fiscal_measure: "kg" } },
      }),
    ]),
  "a 200-character name with emoji": () =>
    order([
      item({ title: `🍵 ${"Чай улун молочный 🥛 ".repeat(10)}`.slice(0, 200) }),
    ]),
}

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
        `engine-sale-${name.length}-${seq}`,
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
        id: `ref_${seq}`,
        amount: sale.total / 100,
        created_at: REFUNDED_AT,
      }
      const document = buildRefundDocument(o, refund, SETTINGS, {
        saleDocument: sale,
        previousRefunds: [],
      })
      expect(document.total).toBe(sale.total)
      const status = await registerAndSettle(
        `engine-refund-${name.length}-${seq}`,
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
