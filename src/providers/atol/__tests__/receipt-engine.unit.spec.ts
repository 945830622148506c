import type { AtolEmulator } from "../../../emulators/atol"
import {
  buildSaleDocument,
  type FiscalDocument,
  type ReceiptOrder,
  type ReceiptOrderItem,
  type ReceiptSettingsInput,
} from "../../../lib/receipt"
import { TEST_COMPANY } from "./fixtures"
import { providerFor, resetProcessState, startTestEmulator } from "./harness"

/**
 * The receipt engine's documents for awkward orders must pass ATOL's schema and the KKT checks
 * (Σ sums, price × quantity, VAT sums, payments) in both protocol versions.
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
  paid?: number
): ReceiptOrder {
  seq += 1
  const total =
    paid ??
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

type Case = {
  build: () => ReceiptOrder
  settings?: Partial<ReceiptSettingsInput>
  /** What the engine's document looks like, so the case tests what its name says. */
  shape: (
    lines: [price: number, quantity: number, sum: number, measure: number][]
  ) => void
}

const TRICKY_ORDERS: Record<string, Case> = {
  "3 × 33.33 with a 10 ₽ discount": {
    build: () =>
      order(
        [item({ quantity: 3, unit_price: 33.33, total: 89.99 })],
        [{ name: "Курьер", total: 300 }]
      ),
    shape: (lines) =>
      expect(lines).toEqual([
        [3000, 2, 6000, 0],
        [2999, 1, 2999, 0],
        [30000, 1, 30000, 0],
      ]),
  },
  "7 units for 1000.00": {
    build: () =>
      order([item({ quantity: 7, unit_price: 142.86, total: 1000 })]),
    shape: (lines) =>
      expect(lines.reduce((sum, [, , s]) => sum + s, 0)).toBe(100000),
  },
  "0.01 ₽ lines": {
    build: () =>
      order([
        item({ unit_price: 0.01, total: 0.01 }),
        item({ quantity: 3, unit_price: 0.01, total: 0.03 }),
      ]),
    shape: (lines) =>
      expect(lines).toEqual([
        [1, 1, 1, 0],
        [1, 3, 3, 0],
      ]),
  },
  "free shipping, omitted": {
    build: () =>
      order(
        [item({ unit_price: 500, total: 500 })],
        [{ name: "Самовывоз", total: 0 }]
      ),
    shape: (lines) => expect(lines).toEqual([[50000, 1, 50000, 0]]),
  },
  "free shipping, printed at 0": {
    build: () =>
      order(
        [item({ unit_price: 500, total: 500 })],
        [{ name: "Самовывоз", total: 0 }]
      ),
    settings: { zeroTotalLines: "keep" },
    shape: (lines) =>
      expect(lines).toEqual([
        [50000, 1, 50000, 0],
        [0, 1, 0, 0],
      ]),
  },
  "a 100 % discounted line": {
    build: () =>
      order([
        item({ unit_price: 250, total: 0 }),
        item({ unit_price: 99.9, total: 99.9 }),
      ]),
    settings: { zeroTotalLines: "keep" },
    shape: (lines) =>
      expect(lines).toEqual([
        [0, 1, 0, 0],
        [9990, 1, 9990, 0],
      ]),
  },
  "weighed 0.7 kg for 100.00": {
    build: () =>
      order([
        item({
          title: "Яблоки",
          quantity: 0.7,
          unit_price: 142.86,
          total: 100,
          variant: { metadata: { fiscal_measure: "kg" } },
        }),
      ]),
    shape: (lines) => expect(lines).toEqual([[14286, 0.7, 10000, 11]]),
  },
  "a 200-character name with emoji": {
    build: () =>
      order([
        item({
          title: `🍵 ${"Чай улун молочный 🥛 ".repeat(10)}`.slice(0, 200),
        }),
      ]),
    shape: (lines) => expect(lines).toHaveLength(1),
  },
}

let atol: AtolEmulator

beforeAll(async () => {
  atol = await startTestEmulator({ processingDelayMs: 0 })
})
afterAll(() => atol.close())
beforeEach(() => {
  atol.reset()
  resetProcessState()
})

function documents(): [string, FiscalDocument][] {
  return Object.entries(TRICKY_ORDERS).map(([name, { build, settings }]) => [
    name,
    buildSaleDocument(build(), { ...SETTINGS, ...settings }, { date: PAID_AT }),
  ])
}

it.each(documents())(
  "the engine's document for %s has the expected lines",
  (name, document) => {
    TRICKY_ORDERS[name].shape(
      document.lines.map((l) => [l.price, l.quantity, l.sum, l.measure])
    )
  }
)

it("the engine's name of 128 characters is cut to the 128 UTF-16 units ATOL counts", async () => {
  const [, document] = documents().find(([name]) => name.includes("emoji"))!
  expect(Array.from(document.lines[0].name)).toHaveLength(128)
  expect(document.lines[0].name.length).toBeGreaterThan(128)
  await providerFor(atol).register({
    externalId: "engine-emoji",
    document,
    company: TEST_COMPANY,
  })
  const sent = (
    atol.ledger()[0].payload as { receipt: { items: { name: string }[] } }
  ).receipt.items[0].name
  expect(sent.length).toBeLessThanOrEqual(128)
  expect(document.lines[0].name.startsWith(sent)).toBe(true)
})

describe.each([4, 5] as const)("receipt engine → ATOL v%i → KKT", (version) => {
  it.each(documents())("%s is done", async (name, document) => {
    const provider = providerFor(atol, { version })
    const outcome = await provider.register({
      externalId: `engine-${version}-${name}`,
      document,
      company: TEST_COMPANY,
    })
    await atol.idle()
    const status = await provider.check({
      externalId: name,
      vendorDocumentId: outcome.vendorDocumentId,
    })
    const [entry] = atol.ledger()
    expect({ name, status: entry.status, error: entry.error }).toEqual({
      name,
      status: "done",
      error: null,
    })
    expect(status).toMatchObject({
      kind: "done",
      fiscal: { total: document.total },
    })
  })
})
