import { ReceiptError } from "../errors"
import type {
  ReceiptOrder,
  ReceiptOrderItem,
  ReceiptRefund,
  ReceiptShippingMethod,
} from "../order-input"
import type { ReceiptSettingsInput } from "../settings"
import type { FiscalDocument, FiscalLine } from "../types"

export const SETTINGS: ReceiptSettingsInput = {
  goodsVat: "standard",
  shippingVat: "standard",
}

/** Settings without the vendor's limits, for property tests of any size. */
export const UNLIMITED: ReceiptSettingsInput = {
  goodsVat: "standard",
  shippingVat: "standard",
  maxLines: 1_000_000,
  maxLineAmount: Number.MAX_SAFE_INTEGER,
}

export const DATE_2026 = "2026-03-14T10:00:00+03:00"
export const DATE_2025 = "2025-06-14T10:00:00+03:00"

let counter = 0

export function item(fields: Partial<ReceiptOrderItem> = {}): ReceiptOrderItem {
  counter++
  return {
    id: `item_${counter}`,
    title: `Товар ${counter}`,
    quantity: 1,
    unit_price: 100,
    total: 100,
    metadata: null,
    variant: { metadata: null },
    product: { metadata: null },
    ...fields,
  }
}

/** A line item of marked goods (Честный знак): its product says `fiscal_marked`. */
export function markedItem(
  fields: Partial<ReceiptOrderItem> = {}
): ReceiptOrderItem {
  return item({
    ...fields,
    product: {
      ...fields.product,
      metadata: { ...fields.product?.metadata, fiscal_marked: true },
    },
  })
}

/** The staff-entered codes of items, as the pipeline passes them to the engine. */
export function codesOf(
  ...entries: [ReceiptOrderItem, string[]][]
): Record<string, string[]> {
  return Object.fromEntries(entries.map(([line, codes]) => [line.id, codes]))
}

export function shipping(
  fields: Partial<ReceiptShippingMethod> = {}
): ReceiptShippingMethod {
  counter++
  return {
    id: `ship_${counter}`,
    name: "Курьер",
    total: 300,
    metadata: null,
    ...fields,
  }
}

/** An order without payment collections: the paid amount is its `total`. */
export function order(fields: Partial<ReceiptOrder> = {}): ReceiptOrder {
  counter++
  const base: ReceiptOrder = {
    id: `order_${counter}`,
    display_id: counter,
    currency_code: "rub",
    email: "buyer@example.com",
    items: [],
    shipping_methods: [],
    ...fields,
  }
  if (fields.total === undefined) {
    const lines = [...(base.items ?? []), ...(base.shipping_methods ?? [])]
    const sum = lines.reduce(
      (acc, line) => acc + Math.round(Number(line?.total ?? 0) * 100),
      0
    )
    base.total = sum / 100
  }
  return base
}

/** Payment collections with one capture of `amount` rubles and refunds. */
export function paidWith(
  amount: number,
  capturedAt = "2026-03-14T10:00:00Z",
  refunds: ReceiptRefund[] = []
): ReceiptOrder["payment_collections"] {
  return [
    {
      payments: [
        {
          id: "pay_1",
          captures: [{ id: "capt_1", amount, created_at: capturedAt }],
          refunds,
        },
      ],
    },
  ]
}

/** Thousandths of a quantity as printed on a line. */
export function milliOf(line: FiscalLine): number {
  return Math.round(line.quantity * 1000)
}

/** The ФФД 1.2 line sum, computed apart from the engine: round half up. */
export function expectedSum(price: number, milli: number): number {
  return Number((BigInt(price) * BigInt(milli) * 2n + 1000n) / 2000n)
}

export function codePoints(text: string): number {
  return Array.from(text).length
}

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Problems with a document's arithmetic and names; [] when it is valid. */
export function documentProblems(
  document: FiscalDocument,
  maxNameLength = 128
): string[] {
  const problems: string[] = []
  const fail = (message: string) => problems.push(message)
  const linesTotal = sumOf(document.lines)
  const paymentsTotal = sumOf(document.payments)
  if (!(document.total > 0)) fail(`total ${document.total}`)
  if (linesTotal !== document.total) {
    fail(`Σ lines ${linesTotal} ≠ ${document.total}`)
  }
  if (paymentsTotal !== document.total) {
    fail(`Σ payments ${paymentsTotal} ≠ ${document.total}`)
  }
  if (document.lines.length === 0) fail("no lines")
  document.lines.forEach((line, index) => {
    const at = `line ${index}`
    const milli = milliOf(line)
    if (!Number.isSafeInteger(line.price) || line.price < 0) {
      fail(`${at}: price ${line.price}`)
    }
    if (!Number.isSafeInteger(line.sum) || line.sum < 0) {
      fail(`${at}: sum ${line.sum}`)
    }
    if (milli <= 0 || Math.abs(line.quantity * 1000 - milli) > 1e-7) {
      fail(`${at}: quantity ${line.quantity}`)
    }
    if (expectedSum(line.price, milli) !== line.sum) {
      fail(`${at}: ${line.price} × ${line.quantity} ≠ ${line.sum}`)
    }
    // Visible: something besides spaces, format characters and marks.
    const visible = /[^\s\p{Cf}\p{M}]/u.test(line.name)
    if (codePoints(line.name) > maxNameLength || !visible) {
      fail(`${at}: name ${JSON.stringify(line.name)}`)
    }
    if (LONE_SURROGATE.test(line.name)) fail(`${at}: broken surrogate`)
    const wholeUnits = milli % 1000 === 0
    if (line.mark_code !== undefined && wholeUnits && line.quantity !== 1) {
      fail(`${at}: marked with quantity ${line.quantity}`)
    }
  })
  return problems
}

/** Σ of `sum` over lines or payments. */
export function sumOf(entries: readonly { sum: number }[]): number {
  return entries.reduce((total, entry) => total + entry.sum, 0)
}

/** Σ line sums per source `kind:id`. */
export function sumsBySource(document: FiscalDocument): Map<string, number> {
  const sums = new Map<string, number>()
  for (const line of document.lines) {
    const key = `${line.source.kind}:${line.source.id}`
    sums.set(key, (sums.get(key) ?? 0) + line.sum)
  }
  return sums
}

/** Lines grouped per source `kind:id`, in order. */
export function linesBySource(
  document: FiscalDocument
): Map<string, FiscalLine[]> {
  const groups = new Map<string, FiscalLine[]>()
  for (const line of document.lines) {
    const key = `${line.source.kind}:${line.source.id}`
    groups.set(key, [...(groups.get(key) ?? []), line])
  }
  return groups
}

/** Lines as [price, quantity, sum] in kopecks, for table assertions. */
export function priced(document: FiscalDocument): [number, number, number][] {
  return document.lines.map((line) => [line.price, line.quantity, line.sum])
}

/** The ReceiptError `run` throws; fails the test when it throws nothing or something else. */
export function errorOf(run: () => unknown): ReceiptError {
  try {
    run()
  } catch (error) {
    if (error instanceof ReceiptError) {
      return error
    }
    throw error
  }
  throw new Error("expected a ReceiptError")
}
