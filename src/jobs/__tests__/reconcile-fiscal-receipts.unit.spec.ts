import type { MedusaContainer } from "@medusajs/framework/types"
import { runReconciliation } from "../../pipeline/reconciliation/run"
import reconcileFiscalReceipts, {
  RECONCILED_DAYS,
  config,
} from "../reconcile-fiscal-receipts"

jest.mock("../../pipeline/reconciliation/run", () => ({
  runReconciliation: jest.fn(),
}))

const run = runReconciliation as jest.MockedFunction<typeof runReconciliation>

function containerWithLogger() {
  const logger = { warn: jest.fn(), error: jest.fn(), info: jest.fn() }
  const container = {
    resolve: () => logger,
  } as unknown as MedusaContainer
  return { container, logger }
}

const summary = (findings: Record<string, number>, atRisk: number) => ({
  period: { from: "2026-03-04", to: "2026-03-10" },
  captured: 0,
  refunded: 0,
  registered_in: 0,
  registered_out: 0,
  at_risk: atRisk,
  findings: {
    money_without_receipt: 0,
    receipt_without_money: 0,
    amount_differs: 0,
    stuck_or_failed: 0,
    ...findings,
  },
})

describe("the reconciliation job", () => {
  beforeEach(() => run.mockReset())

  it("runs daily over the last week of Moscow days, today included", async () => {
    expect(config).toEqual({
      name: "reconcile-fiscal-receipts",
      schedule: "30 0 * * *",
    })
    expect(RECONCILED_DAYS).toBe(7)
    run.mockResolvedValue({ days: [], findings: [], summary: summary({}, 0) })
    const { container, logger } = containerWithLogger()
    await reconcileFiscalReceipts(container)
    const [, period] = run.mock.calls[0]
    const days =
      (new Date(period.to).getTime() - new Date(period.from).getTime()) /
        86_400_000 +
      1
    expect(days).toBe(7)
    expect(logger.warn).not.toHaveBeenCalled()
  })

  it("says in one line what it found and the money at risk", async () => {
    run.mockResolvedValue({
      days: [],
      findings: [],
      summary: summary(
        { money_without_receipt: 2, stuck_or_failed: 1 },
        123456
      ),
    })
    const { container, logger } = containerWithLogger()
    await reconcileFiscalReceipts(container)
    expect(logger.warn).toHaveBeenCalledTimes(1)
    const line = logger.warn.mock.calls[0][0] as string
    expect(line).toContain("2 money_without_receipt, 1 stuck_or_failed")
    expect(line).toContain("1234.56 RUB at risk")
    expect(line).not.toContain("\n")
  })

  it("never throws: a failure is logged", async () => {
    run.mockRejectedValue(new Error("connection terminated"))
    const { container, logger } = containerWithLogger()
    await expect(reconcileFiscalReceipts(container)).resolves.toBeUndefined()
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining("connection terminated")
    )
  })
})
