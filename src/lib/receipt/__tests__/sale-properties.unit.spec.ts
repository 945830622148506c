import fc from "fast-check"
import { buildSaleDocument, ReceiptError } from "../index"
import type { ReceiptSettingsInput } from "../settings"
import type { FiscalDocument } from "../types"
import {
  orderArbitrary,
  type GeneratedLine,
  type GeneratedOrder,
} from "./arbitraries"
import {
  DATE_2026,
  UNLIMITED,
  documentProblems,
  linesBySource,
  milliOf,
} from "./helpers"

const LIMITED: ReceiptSettingsInput = {
  goodsVat: "standard",
  shippingVat: "standard",
}

const RUNS = 200

const build = (generated: GeneratedOrder, settings = UNLIMITED) =>
  buildSaleDocument(generated.order, settings, { date: DATE_2026 })

/** The step at which a line keeps one price (see fit-to-paid). */
const stepOf = (line: GeneratedLine) =>
  line.codes || line.milli % 1000 ? 1 : line.milli / 1000

/**
 * Every invariant of a sale document against the order it was built from, as
 * a list of problems (one `expect` per run keeps 120-line runs fast).
 */
function saleProblems(
  generated: GeneratedOrder,
  document: FiscalDocument
): string[] {
  const problems = documentProblems(document)
  const fail = (message: string) => problems.push(message)
  if (document.total !== generated.paid) {
    fail(`total ${document.total} ≠ paid ${generated.paid}`)
  }
  if (document.type !== "sell") fail(`type ${document.type}`)

  const groups = linesBySource(document)
  const difference = generated.paid - generated.linesTotal
  const maxStep = Math.max(...generated.lines.map(stepOf))
  const sources = document.lines.map(
    (line) => `${line.source.kind}:${line.source.id}`
  )
  const expectedOrder = generated.lines
    .map((line) => `${line.kind}:${line.id}`)
    .filter((key) => groups.has(key))
  if ([...new Set(sources)].join() !== expectedOrder.join()) {
    fail("lines out of order")
  }

  for (const line of generated.lines) {
    const key = `${line.kind}:${line.id}`
    const lines = groups.get(key) ?? []
    const sum = lines.reduce((total, part) => total + part.sum, 0)

    // The lines of one order line add up to its total, moved only by the paid
    // difference, never below zero; free lines stay free.
    if (difference === 0 && sum !== line.total) {
      fail(`${key}: ${sum} ≠ total ${line.total}`)
    }
    if (difference < 0) {
      if (sum < 0 || sum > line.total) {
        fail(`${key}: ${sum} outside 0..${line.total}`)
      }
      // In proportion to the line total, within a clean step or two.
      const exact = (-difference * line.total) / generated.linesTotal
      if (Math.abs(line.total - sum - exact) >= stepOf(line) + maxStep + 1) {
        fail(`${key}: took ${line.total - sum}, proportional share ${exact}`)
      }
    }
    if (difference > 0 && (sum < line.total || sum > line.total + difference)) {
      fail(`${key}: ${sum} outside ${line.total}..${line.total + difference}`)
    }
    if (line.total === 0 && sum !== 0) fail(`${key}: free line charged ${sum}`)

    if (sum === 0 && !line.codes) {
      if (lines.length > 0) fail(`${key}: zero line printed`)
      continue
    }
    const object = line.codes
      ? "marked_commodity"
      : line.kind === "item"
        ? "commodity"
        : "service"
    for (const part of lines) {
      if (part.vat !== line.vat) fail(`${key}: vat ${part.vat} ≠ ${line.vat}`)
      if (part.measure !== line.measure) fail(`${key}: measure ${part.measure}`)
      if (part.payment_method !== "full_payment") {
        fail(`${key}: ${part.payment_method}`)
      }
      if (part.payment_object !== object) fail(`${key}: ${part.payment_object}`)
    }
    if (line.codes) {
      // One line per unit, quantity 1, its own code, prices a kopeck apart.
      const codes = lines.map((part) => part.mark_code)
      if (codes.join() !== line.codes.join()) fail(`${key}: codes`)
      if (!lines.every((part) => part.quantity === 1)) {
        fail(`${key}: marked quantity`)
      }
      const prices = lines.map((part) => part.price)
      if (Math.max(...prices) - Math.min(...prices) > 1) {
        fail(`${key}: marked prices ${prices}`)
      }
    } else {
      // One price, or two a kopeck apart, over the whole quantity.
      if (lines.length > 2) fail(`${key}: ${lines.length} lines`)
      const milli = lines.reduce((total, part) => total + milliOf(part), 0)
      if (milli !== line.milli) fail(`${key}: quantity ${milli}`)
      if (lines.length === 2 && lines[0].price - lines[1].price !== 1) {
        fail(`${key}: prices ${lines[0].price} and ${lines[1].price}`)
      }
    }
  }
  return problems
}

describe("buildSaleDocument: properties over random orders", () => {
  it("keeps every invariant: 1–120 lines, any quantity/price/discount", () => {
    fc.assert(
      fc.property(orderArbitrary(120), (generated) => {
        if (generated.paid === 0) {
          expect(() => build(generated)).toThrow(
            expect.objectContaining({ code: "AMOUNT_OUT_OF_RANGE" })
          )
          return
        }
        expect(saleProblems(generated, build(generated))).toEqual([])
      }),
      { numRuns: RUNS }
    )
  })

  it("with vendor limits: a valid document, or the limit that was hit", () => {
    fc.assert(
      fc.property(orderArbitrary(120), (generated) => {
        fc.pre(generated.paid > 0)
        const unlimited = build(generated)
        const tooMany = unlimited.lines.length > 100
        const tooLarge = unlimited.lines.some(
          (line) => Math.max(line.price, line.sum) > 4_294_967_295
        )
        try {
          const document = build(generated, LIMITED)
          expect(tooMany || tooLarge).toBe(false)
          expect(document).toEqual(unlimited)
        } catch (error) {
          expect(error).toBeInstanceOf(ReceiptError)
          const { code } = error as ReceiptError
          const expected =
            code === "TOO_MANY_LINES"
              ? tooMany
              : code === "AMOUNT_OUT_OF_RANGE" && tooLarge
          expect(expected).toBe(true)
        }
      }),
      { numRuns: 60 }
    )
  })

  it("is deterministic", () => {
    fc.assert(
      fc.property(orderArbitrary(20), (generated) => {
        fc.pre(generated.paid > 0)
        expect(build(generated)).toEqual(build(generated))
      }),
      { numRuns: 30 }
    )
  })
})
