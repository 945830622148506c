import { isFiscalProviderError } from "../modules/fiscal/errors"
import type { WireRecord } from "../modules/fiscal/lifecycle"
import type { WireExchange } from "../modules/fiscal/types/provider"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import { hideCallbackSecret, hideCallbackSecretIn } from "./callback-secret"
import type { PipelineContext } from "./provider-context"

function toRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object"
    ? (value as Record<string, unknown>)
    : undefined
}

/**
 * Collects a provider's exchanges during one step and appends them to the audit log
 * (`fiscal_attempt`), the callback secret masked. `flush` answers the last request and
 * response, which the receipt keeps for support.
 */
export function exchangeRecorder(
  ctx: PipelineContext,
  receipt: FiscalReceiptDTO
) {
  const exchanges: WireExchange[] = []
  const flush = async (outcome: string): Promise<WireRecord> => {
    const secret = ctx.settings.callback.secret
    // the callback URL carries the installation's secret; the audit log must not
    const hide = <T>(value: T): T => hideCallbackSecret(value, secret)
    for (const [i, e] of exchanges.entries()) {
      await ctx.fiscal.recordAttempt({
        receipt_id: receipt.id,
        provider_id: receipt.provider_id,
        operation: e.operation,
        external_id: receipt.external_id,
        generation: receipt.generation,
        method: e.method,
        url: hideCallbackSecretIn(e.url, secret),
        request: hide(e.request),
        response: hide(e.response),
        http_status: e.http_status ?? null,
        duration_ms: e.duration_ms,
        outcome: i === exchanges.length - 1 ? outcome : "intermediate",
        error_message:
          e.error === undefined ? null : hideCallbackSecretIn(e.error, secret),
      })
    }
    const last = exchanges[exchanges.length - 1]
    exchanges.length = 0
    return {
      request: toRecord(hide(last?.request)),
      response: toRecord(hide(last?.response)),
    }
  }
  return {
    onExchange: (e: WireExchange) => {
      exchanges.push(e)
    },
    /** Writes what was collected; `outcome` labels the last exchange. */
    flush,
    /** The same, labelled with the failure's kind. */
    flushError: (e: unknown) =>
      flush(isFiscalProviderError(e) ? e.kind : "error"),
  }
}
