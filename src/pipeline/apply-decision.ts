import {
  decide,
  type ClaimedFrom,
  type Happening,
} from "../modules/fiscal/lifecycle"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import { hideCallbackSecretIn } from "./callback-secret"
import { emitReceiptEvents } from "./events"
import type { PipelineContext } from "./provider-context"
import { afterDone } from "./resell"

/**
 * Decides what `happened` means for a claimed receipt and writes it in one `transition()`,
 * under this worker's lease. The change's events are emitted after the write; what follows
 * a registered receipt (a resell's second step) is started after them.
 */
export async function applyDecision(
  ctx: PipelineContext,
  receipt: FiscalReceiptDTO & { claimed_from: ClaimedFrom },
  happened: Happening
): Promise<FiscalReceiptDTO> {
  const decision = decide({
    row: receipt,
    happened,
    settings: ctx.settings,
    now: ctx.now(),
  })
  // a vendor's error may quote the callback URL sent to it; the receipt and the log must not
  const secret = ctx.settings.callback.secret
  if (decision.patch.error_message) {
    decision.patch.error_message = hideCallbackSecretIn(
      decision.patch.error_message,
      secret
    )
  }
  if (decision.log) {
    ctx.logger[decision.log.level](
      `fiscal: ${hideCallbackSecretIn(decision.log.message, secret)}`
    )
  }
  const next = await ctx.fiscal.transition(
    receipt.id,
    decision.to,
    decision.patch,
    { owner: ctx.owner }
  )
  // the claim already wrote `sending`: the change is from the status it was claimed from
  await emitReceiptEvents(
    ctx,
    { ...receipt, status: receipt.claimed_from },
    next
  )
  if (next.status === "done") {
    await afterDone(ctx, next)
  }
  return next
}
