import { isFiscalProviderError } from "../modules/fiscal/errors"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import { applyStatus } from "./apply-status"
import {
  exchangeRecorder,
  providerFor,
  type PipelineContext,
} from "./provider-context"

/**
 * Asks the vendor about one claimed `wait` row and records the answer. A failed check
 * (vendor down, timeout) changes nothing but the time of the next check.
 */
export async function checkReceipt(
  ctx: PipelineContext,
  tx: FiscalReceiptDTO
): Promise<FiscalReceiptDTO> {
  const own = { owner: ctx.owner }
  const recorder = exchangeRecorder(ctx, tx)
  try {
    const provider = providerFor(ctx, tx)
    const status = await provider.check(
      {
        externalId: tx.external_id,
        vendorDocumentId: tx.vendor_document_id ?? undefined,
      },
      { onExchange: recorder.onExchange }
    )
    await recorder.flush(status.kind)
    return await applyStatus(ctx, tx, status, own)
  } catch (e) {
    await recorder.flush(isFiscalProviderError(e) ? e.kind : "error")
    const message = e instanceof Error ? e.message : String(e)
    const delayMs = ctx.settings.status_checks.interval_seconds * 1000
    return ctx.fiscal.transition(
      tx.id,
      "wait",
      {
        error_code: isFiscalProviderError(e) ? (e.code ?? e.kind) : "error",
        error_message: `Status check failed: ${message}`,
        next_attempt_at: new Date(ctx.now().getTime() + delayMs),
        last_checked_at: ctx.now(),
      },
      own
    )
  }
}
