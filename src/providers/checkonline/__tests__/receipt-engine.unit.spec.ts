import type { CheckonlineEmulator } from "../../../emulators/checkonline"
import {
  buildRefundDocument,
  buildSaleDocument,
  type FiscalDocument,
  type ReceiptOrder,
  type ReceiptOrderItem,
  type ReceiptSettingsInput,
} from "../../../lib/receipt"
import type { RegisterOutcome } from "../../../modules/fiscal/types/provider"
import { TEST_COMPANY } from "./fixtures"
import { externalId, providerFor, startTestEmulator } from "./harness"

/**
 * The receipt engine's documents for awkward orders must survive Checkonline's wire format:
 * integer kopecks, quantities in thousandths and no line sum — the cash register computes
 * Price × Qty itself, so the engine's sums must be exactly that.
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
  shipping: { name: string; total: number }[] = []
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

let emulator: CheckonlineEmulator

beforeAll(async () => {
  emulator = await startTestEmulator({ processingDelayMs: 0 })
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

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
      { id: `ref_${seq}`, amount: sale.total / 100, created_at: PAID_AT },
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
