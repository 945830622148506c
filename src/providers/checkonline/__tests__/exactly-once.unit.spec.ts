import {
  startCheckonlineEmulator,
  type ConcurrentRepeat,
} from "medusa-fiscal-emulator/checkonline"
import {
  IndeterminateError,
  RetryableError,
} from "../../../modules/fiscal/errors"
import type { FiscalProvider } from "../../../modules/fiscal/types/provider"
import { TEST_COMPANY, saleDocument } from "./fixtures"
import { providerFor } from "./harness"

/**
 * What the pipeline relies on: a receipt whose answer was lost, or that two workers send at once,
 * is registered once, because every retry repeats the same RequestId and Checkonline answers
 * repeats from its cache (docs/vendors/checkonline.md, "Idempotency"). The loop below is the
 * pipeline's rule for this provider:
 * Retryable and Indeterminate mean "send the same id again later".
 */
async function sendUntilSettled(
  provider: FiscalProvider,
  id: string
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await provider.register({
        externalId: id,
        document: saleDocument(),
        company: TEST_COMPANY,
      })
      return outcome.vendorDocumentId
    } catch (error) {
      const again =
        error instanceof RetryableError || error instanceof IndeterminateError
      if (!again || attempt >= 30) throw error
    }
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        await work(next)
      }
    })
  )
}

it.each<[ConcurrentRepeat, number]>([
  ["join", 60],
  ["busy", 30],
])(
  "%s: %i receipts, 10 %% server errors, 10 %% lost answers, every event twice, two workers → exactly one receipt each",
  async (concurrentRepeat, count) => {
    const emulator = await startCheckonlineEmulator({
      processingDelayMs: 2,
      seed: 7,
      concurrentRepeat,
      faults: { serverErrorRate: 0.1, dropAfterProcessingRate: 0.1 },
    })
    try {
      const ids = Array.from(
        { length: count },
        (_, i) => `ftx_exactly_once_${concurrentRepeat}_${i}`
      )
      const events = ids.flatMap((id) => [id, id])
      const seen = new Map<string, Set<string>>()
      const worker = async () => {
        const provider = providerFor(emulator)
        await pool(events, 6, async (id) => {
          const vendorId = await sendUntilSettled(provider, id)
          seen.set(id, (seen.get(id) ?? new Set()).add(vendorId))
        })
      }
      await Promise.all([worker(), worker()])

      const done = emulator.ledger().filter((e) => e.status === "done")
      expect(done).toHaveLength(count)
      expect(new Set(done.map((e) => e.request_id)).size).toBe(count)
      expect(
        [...seen.values()].every((vendorIds) => vendorIds.size === 1)
      ).toBe(true)
      const injected = emulator.stats().faults_injected
      expect(injected.server_error).toBeGreaterThan(0)
      expect(injected.process_then_drop).toBeGreaterThan(0)
    } finally {
      await emulator.close()
    }
  },
  20_000
)
