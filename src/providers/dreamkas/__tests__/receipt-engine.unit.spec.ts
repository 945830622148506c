import type { DreamkasEmulator } from "../../../emulators/dreamkas"
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
 * The receipt engine's documents for awkward orders must pass the emulator's checks (Σ
 * priceSum = total = Σ payments, priceSum = price × quantity, SCALABLE thousandths, taxSum,
 * name length) and be printed.
 */

const PAID_AT = "2026-03-14T10:00:00+03:00"
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
  shipping: { name: string; total: number }[] = [],
  refunds: { id: string; amount: number; created_at: string }[] = []
): ReceiptOrder {
  seq += 1
  const total =
    [...items, ...shipping].reduce(
      (sum, line) => sum + Math.round(Number(line.total) * 100),
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
            refunds,
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

let dreamkas: DreamkasEmulator

beforeAll(async () => {
  dreamkas = await startTestEmulator({ processingDelayMs: 0 })
})
afterAll(() => dreamkas.close())
beforeEach(() => {
  dreamkas.reset()
  resetProcessState()
})

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
