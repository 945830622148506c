import { DEFAULT_GROUP_SNO, type AtolEmulatorGroup } from "./accounts"
import { kktFailure, type KktFailure } from "./error-catalogue"
import { VAT_RATE } from "./validation/enums"

type Item = {
  price?: unknown
  quantity?: unknown
  sum?: unknown
  vat?: { type?: unknown; sum?: unknown }
  mark_code?: Record<string, unknown>
}
type Payment = { type?: unknown; sum?: unknown }
type Vat = { type?: unknown; sum?: unknown }

/** A registration body after schema validation: a receipt or a correction. */
export type RegistrationBody = {
  receipt?: Record<string, unknown>
  correction?: Record<string, unknown>
}

function kopecks(rubles: unknown): number {
  return typeof rubles === "number" ? Math.round(rubles * 100) : 0
}

function thousandths(quantity: unknown): number {
  return typeof quantity === "number" ? Math.round(quantity * 1000) : 0
}

/** `numerator / denominator` rounded half up, for non-negative integers. */
function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator))
}

/**
 * VAT inside a gross sum in kopecks, sum × r / (100 + r)
 * (docs/vendors/atol.md, "Enumerations and mapping").
 */
function vatOf(sumKopecks: number, type: string): number {
  const rate = VAT_RATE[type] ?? 0
  return rate === 0 ? 0 : divideHalfUp(sumKopecks * rate, 100 + rate)
}

/** The receipt or correction object of a body. */
function documentOf(body: RegistrationBody): Record<string, unknown> {
  return body.receipt ?? body.correction ?? {}
}

function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : []
}

export function itemsOf(body: RegistrationBody): Item[] {
  return listOf<Item>(documentOf(body).items)
}

/** The total as the KKT computes it: Σ item sums, or Σ payments for a v4 correction. */
export function kktTotalKopecks(body: RegistrationBody): number {
  const items = itemsOf(body)
  if (items.length > 0) {
    return items.reduce((sum, item) => sum + kopecks(item.sum), 0)
  }
  return listOf<Payment>(documentOf(body).payments).reduce(
    (sum, payment) => sum + kopecks(payment?.sum),
    0
  )
}

/** The agent's checks: the INN and taxation system the kassas are registered for. */
function checkCompany(
  doc: Record<string, unknown>,
  group: AtolEmulatorGroup,
  legacy: boolean
): KktFailure | undefined {
  const company = (doc.company ?? {}) as { inn?: unknown; sno?: unknown }
  if (company.inn !== group.inn) {
    return kktFailure("innMismatch", legacy, String(company.inn), group.inn)
  }
  const allowedSno = group.sno ?? DEFAULT_GROUP_SNO
  if (typeof company.sno === "string" && !allowedSno.includes(company.sno)) {
    return kktFailure("badSno", legacy)
  }
  return undefined
}

/**
 * Each line: ФФД 1.2 wants tag 1043 = 1079 × 1023, one kopeck of rounding tolerated
 * (docs/fiscal-rules.md, "Sums to the kopeck"); a line VAT sum, when given, must be the VAT
 * inside the line sum.
 */
function checkLines(items: Item[], legacy: boolean): KktFailure | undefined {
  for (const item of items) {
    const sum = kopecks(item.sum)
    const expected = divideHalfUp(
      kopecks(item.price) * thousandths(item.quantity),
      1000
    )
    if (Math.abs(sum - expected) > 1) {
      return kktFailure("badPrice", legacy)
    }
    const declared = item.vat?.sum
    if (declared !== undefined && declared !== null) {
      if (
        Math.abs(kopecks(declared) - vatOf(sum, String(item.vat?.type))) > 1
      ) {
        return kktFailure("badVatSum", legacy)
      }
    }
  }
  return undefined
}

/** Receipt-level VAT totals must match the lines of each rate, a kopeck per line tolerated. */
function checkVatTotals(
  items: Item[],
  vats: Vat[],
  legacy: boolean
): KktFailure | undefined {
  const byType = new Map<string, { expected: number; lines: number }>()
  for (const item of items) {
    const type = String(item.vat?.type)
    const entry = byType.get(type) ?? { expected: 0, lines: 0 }
    byType.set(type, {
      expected: entry.expected + vatOf(kopecks(item.sum), type),
      lines: entry.lines + 1,
    })
  }
  for (const vat of vats) {
    const entry = byType.get(String(vat?.type))
    const declared = vat?.sum
    if (declared === undefined || declared === null) {
      continue
    }
    if (
      Math.abs(kopecks(declared) - (entry?.expected ?? 0)) > (entry?.lines ?? 0)
    ) {
      return kktFailure("badVatSum", legacy)
    }
  }
  return undefined
}

/** Total vs Σ sums, and whether the payments cover the total the KKT computed. */
function checkTotals(
  body: RegistrationBody,
  doc: Record<string, unknown>,
  legacy: boolean
): KktFailure | undefined {
  const total = kktTotalKopecks(body)
  const declared = doc.total
  if (itemsOf(body).length > 0 && typeof declared === "number") {
    // The total may be rounded, by at most 99 kopecks
    // (docs/vendors/atol.md, "Registration request").
    if (Math.abs(kopecks(declared) - total) > 99) {
      return kktFailure("badTotal", legacy)
    }
  }
  const payments = listOf<Payment>(doc.payments)
  // A payment without `sum` stands for the whole total (doc 2023).
  const amount = (p: Payment) =>
    p.sum === undefined || p.sum === null ? total : kopecks(p.sum)
  const cashless = payments
    .filter((p) => p.type !== 0)
    .reduce((sum, p) => sum + amount(p), 0)
  const paid = payments.reduce((sum, p) => sum + amount(p), 0)
  if (cashless > total) {
    return kktFailure("cashlessOverTotal", legacy)
  }
  // Cash may exceed the total (change is given), but the total must be paid in full.
  if (paid < total) {
    return kktFailure("notFullyPaid", legacy)
  }
  return undefined
}

/**
 * The checks a real KKT (or ATOL's agent in front of it) makes after the schema passed
 * (docs/vendors/atol.md, "The emulator"; docs/fiscal-rules.md, "Sums to the kopeck"). The
 * first failure wins, in the order the agent and then the driver would meet them.
 */
export function runKktChecks(
  body: RegistrationBody,
  group: AtolEmulatorGroup,
  legacyCodes: boolean
): KktFailure | undefined {
  const doc = documentOf(body)
  const items = itemsOf(body)
  return (
    checkCompany(doc, group, legacyCodes) ??
    checkLines(items, legacyCodes) ??
    (items.length > 0
      ? checkVatTotals(items, listOf<Vat>(doc.vats), legacyCodes)
      : undefined) ??
    checkTotals(body, doc, legacyCodes)
  )
}
