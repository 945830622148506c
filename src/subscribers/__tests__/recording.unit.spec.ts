import fiscalRefundReceipt from "../fiscal-refund-receipt"
import fiscalSaleReceipt from "../fiscal-sale-receipt"

/** A container whose database write fails, as during a PostgreSQL restart. */
function containerWithFailingInsert() {
  const calls = { settings: [] as unknown[] }
  const fiscal = {
    getEffectiveSettings: async (options: unknown) => {
      calls.settings.push(options)
      return {
        enabled: true,
        provider_id: "atol",
        sell_trigger: "order_placed",
        refund_receipts: true,
        cancel_receipts: true,
      }
    },
    ensureReceipt: async () => {
      throw new Error("Connection terminated unexpectedly")
    },
  }
  const query = {
    graph: async () => ({
      data: [
        {
          id: "pay_1",
          refunds: [{ id: "ref_1" }],
          payment_collection: { order: { id: "order_1" } },
        },
      ],
    }),
  }
  const logger = { error: jest.fn(), warn: jest.fn(), info: jest.fn() }
  const container = {
    resolve: (key: string) =>
      key === "fiscal" ? fiscal : key === "query" ? query : logger,
  }
  return { container, calls, logger }
}

describe("recording a cause", () => {
  it("fails the sale event when the row cannot be written, so it can be delivered again", async () => {
    const { container, calls, logger } = containerWithFailingInsert()
    await expect(
      fiscalSaleReceipt({
        event: { name: "order.placed", data: { id: "order_1" } },
        container,
      } as never)
    ).rejects.toThrow("Connection terminated unexpectedly")
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining("could not record the sale receipt")
    )
    // nothing but the database: no credentials are read to record a cause
    expect(calls.settings.length).toBeGreaterThan(0)
    expect(
      calls.settings.every(
        (o) => (o as { credentials?: boolean })?.credentials === false
      )
    ).toBe(true)
  })

  it("fails the refund event likewise", async () => {
    const { container } = containerWithFailingInsert()
    await expect(
      fiscalRefundReceipt({
        event: { name: "payment.refunded", data: { id: "pay_1" } },
        container,
      } as never)
    ).rejects.toThrow("Connection terminated unexpectedly")
  })
})
