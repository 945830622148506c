import type { Happening } from "../modules/fiscal/lifecycle"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import { applyDecision } from "./apply-decision"
import { exchangeRecorder } from "./exchange-recorder"
import {
  ProviderSetupError,
  credentialsProblem,
  providerFor,
  type PipelineContext,
} from "./provider-context"

/**
 * Asks the vendor about one claimed `wait` receipt: claim → call the vendor → decide →
 * one `transition()`. A failed check changes nothing but the time of the next one.
 */
export async function checkReceipt(
  ctx: PipelineContext,
  receipt: FiscalReceiptDTO
): Promise<FiscalReceiptDTO> {
  const claimed = { ...receipt, claimed_from: "wait" as const }
  return applyDecision(ctx, claimed, await askVendor(ctx, receipt))
}

async function askVendor(
  ctx: PipelineContext,
  receipt: FiscalReceiptDTO
): Promise<Happening> {
  const unreadable = credentialsProblem(ctx, receipt)
  if (unreadable) {
    return unreadable
  }
  const recorder = exchangeRecorder(ctx, receipt)
  try {
    const provider = providerFor(ctx, receipt)
    const status = await provider.check(
      {
        externalId: receipt.external_id,
        vendorDocumentId: receipt.vendor_document_id ?? undefined,
      },
      { onExchange: recorder.onExchange }
    )
    await recorder.flush(status.kind)
    return { kind: "status", status }
  } catch (e) {
    if (e instanceof ProviderSetupError) {
      return {
        kind: "settings_problem",
        code: "PROVIDER_CONFIG",
        message: e.message,
      }
    }
    return { kind: "error", error: e, wire: await recorder.flushError(e) }
  }
}
