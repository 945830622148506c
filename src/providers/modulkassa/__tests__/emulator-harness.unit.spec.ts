import { HARNESSES } from "medusa-fiscal-emulator"

import type { FiscalDocument } from "../../../lib/receipt/types"
import { ModulKassaFiscalProvider } from ".."

const harness = HARNESSES.modulkassa

describe("emulator harness", () => {
  it("starts an associated emulator the provider connects to, and maps the ledger", async () => {
    const running = await harness.start({ port: 0, processingDelayMs: 0 })
    try {
      const provider = new ModulKassaFiscalProvider(
        {},
        ModulKassaFiscalProvider.parseConfig(running.connection)
      )
      expect((await provider.testConnection()).ok).toBe(true)
      const document: FiscalDocument = {
        type: "sell",
        lines: [
          {
            name: "Чай",
            price: 12345,
            quantity: 1,
            sum: 12345,
            vat: "vat22",
            payment_method: "full_payment",
            payment_object: "commodity",
            measure: 0,
            source: { kind: "item", id: "i1" },
          },
        ],
        payments: [{ type: "cashless", sum: 12345 }],
        total: 12345,
        customer: { email: "buyer@example.com" },
      }
      const company = {
        ...running.company,
        email: "shop@example.com",
        payment_address: "https://shop.example",
      }
      const outcome = await provider.register({
        externalId: "ftx_h1",
        document,
        company,
      })
      await provider.register({
        externalId: "ftx_h2",
        document: { ...document, type: "sell_refund" },
        company,
      })
      for (
        let i = 0;
        i < 100 && running.ledger().some((d) => d.status !== "done");
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(running.ledger()).toEqual([
        {
          external_id: "ftx_h1",
          vendor_document_id: outcome.vendorDocumentId,
          operation: "sell",
          total: 12345,
          status: "done",
          additional_check_props: null,
        },
        expect.objectContaining({
          external_id: "ftx_h2",
          operation: "sell_refund",
        }),
      ])
      running.setFaults({ serverErrorRate: 1 })
      await expect(provider.check({ externalId: "ftx_h1" })).rejects.toThrow(
        /500/
      )
      running.reset()
      expect(running.ledger()).toEqual([])
      expect((await provider.testConnection()).ok).toBe(true)
    } finally {
      await running.close()
    }
  })
})
