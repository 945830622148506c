import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import { buildSaleDocument, type FiscalDocument } from "../../../lib/receipt"
import {
  ENGINE_SETTINGS as SETTINGS,
  PAID_AT,
  TRICKY_CASES as TRICKY_ORDERS,
} from "../../../lib/receipt/__tests__/fixtures/tricky-orders"
import { TEST_COMPANY } from "./fixtures"
import { providerFor, resetProcessState, startTestEmulator } from "./harness"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

/**
 * The receipt engine's documents for awkward orders must pass ATOL's schema and the KKT checks
 * (Σ sums, price × quantity, VAT sums, payments) in both protocol versions.
 */

let atol: AtolEmulator

useEmulator(
  () => startTestEmulator({ processingDelayMs: 0 }),
  (e) => (atol = e),
  resetProcessState
)

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
