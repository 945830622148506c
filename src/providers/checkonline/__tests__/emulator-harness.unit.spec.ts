import { HARNESSES, type RunningHarness } from "medusa-fiscal-emulator"

import { CheckonlineFiscalProvider } from ".."

const harness = HARNESSES.checkonline

const company = {
  email: "shop@example.com",
  payment_address: "https://shop.example",
}
const document = {
  type: "sell" as const,
  lines: [
    {
      name: "Товар",
      price: 10000,
      quantity: 1,
      sum: 10000,
      vat: "vat22" as const,
      payment_method: "full_payment" as const,
      payment_object: "commodity" as const,
      measure: 0,
      source: { kind: "item" as const, id: "i" },
    },
  ],
  payments: [{ type: "cashless" as const, sum: 10000 }],
  total: 10000,
  customer: { email: "buyer@example.com" },
}

describe("emulator harness", () => {
  let running: RunningHarness
  beforeAll(async () => {
    running = await harness.start({ port: 0, processingDelayMs: 1 })
  })
  afterAll(() => running.close())
  beforeEach(() => running.reset())

  it("gives a provider config that registers receipts, and a vendor-neutral ledger", async () => {
    expect(harness.provider).toBe("checkonline")
    expect(running.connection).toMatchObject({
      base_url: running.url,
      timeout_ms: 3_000,
    })
    const provider = new CheckonlineFiscalProvider(
      {},
      CheckonlineFiscalProvider.parseConfig(running.connection)
    )
    const outcome = await provider.register({
      externalId: "ftx_h1",
      document: { ...document, additional_check_props: "123" },
      company: { ...company, ...running.company },
    })
    expect(running.ledger()).toEqual([
      {
        external_id: "ftx_h1",
        vendor_document_id: outcome.vendorDocumentId,
        operation: "sell",
        total: 10000,
        status: "done",
        additional_check_props: "123",
      },
    ])
  })

  it("serverErrorRate and dropAfterProcessingRate apply to registrations", async () => {
    const provider = new CheckonlineFiscalProvider(
      {},
      CheckonlineFiscalProvider.parseConfig(running.connection)
    )
    running.setFaults({ serverErrorRate: 1 })
    await expect(
      provider.register({
        externalId: "ftx_h2",
        document,
        company: { ...company, ...running.company },
      })
    ).rejects.toMatchObject({ kind: "retryable" })
    running.setFaults({ serverErrorRate: 0, dropAfterProcessingRate: 1 })
    await expect(
      provider.register({
        externalId: "ftx_h2",
        document,
        company: { ...company, ...running.company },
      })
    ).rejects.toMatchObject({ kind: "indeterminate" })
    running.setFaults({ dropAfterProcessingRate: 0 })
    await expect(
      provider.register({
        externalId: "ftx_h2",
        document,
        company: { ...company, ...running.company },
      })
    ).resolves.toMatchObject({ kind: "registered" })
    expect(running.ledger()).toHaveLength(1)
  })
})
