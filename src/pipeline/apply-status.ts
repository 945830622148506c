import type { StatusOutcome } from "../modules/fiscal/types/provider"
import type {
  FiscalReceiptDTO,
  TransitionOptions,
  TransitionPatch,
} from "../modules/fiscal/types/receipt"
import { afterDone } from "./resell"
import type { PipelineContext } from "./provider-context"

/**
 * Writes what the vendor said about a document:
 * - `done`: the fiscal data; a finished resell refund starts the resell sale.
 * - `failed`, passing cause (queue timeout, register offline): a new generation is sent
 *   at once under a new external id; the vendor has definitively failed the old one.
 * - `failed`, lasting cause (INN mismatch, wrong taxation system): stays failed with the
 *   vendor's message until a person acts.
 * - `not_found`: the vendor never registered it, so a new generation is safe.
 * - `wait`: the next check is scheduled; after the configured number of checks the row
 *   is flagged for attention and checked only on request (callback or admin).
 */
export async function applyStatus(
  ctx: PipelineContext,
  tx: FiscalReceiptDTO,
  status: StatusOutcome,
  options: TransitionOptions,
  extra: TransitionPatch = {}
): Promise<FiscalReceiptDTO> {
  const now = ctx.now()
  if (
    status.kind !== "not_found" &&
    status.vendorDocumentId &&
    !tx.vendor_document_id &&
    !(status.kind === "failed" && status.transient)
  ) {
    // learned by a lookup after a lost answer: callbacks name documents by this id
    extra = { ...extra, vendor_document_id: status.vendorDocumentId }
  }
  switch (status.kind) {
    case "done": {
      const f = status.fiscal
      const done = await ctx.fiscal.transition(
        tx.id,
        "done",
        {
          ...extra,
          fiscal_document_number: f.fiscal_document_number,
          fiscal_document_attribute: f.fiscal_document_attribute,
          fiscal_receipt_number: f.fiscal_receipt_number ?? null,
          shift_number: f.shift_number ?? null,
          fn_number: f.fn_number ?? null,
          ecr_registration_number: f.ecr_registration_number ?? null,
          registered_at: f.registered_at ? new Date(f.registered_at) : now,
          ofd_receipt_url: f.ofd_receipt_url ?? null,
          error_code: null,
          error_message: null,
          error_kind: null,
          needs_attention: false,
          next_attempt_at: null,
          last_checked_at: now,
        },
        options
      )
      await afterDone(ctx, done)
      return done
    }
    case "failed":
      if (status.transient) {
        return ctx.fiscal.transition(
          tx.id,
          "pending",
          {
            ...extra,
            regenerate: true,
            error_code: status.code,
            error_message: `${status.message} (a passing failure: the receipt is sent again automatically)`,
            error_kind: "retryable",
            next_attempt_at: now,
            last_checked_at: now,
          },
          options
        )
      }
      return ctx.fiscal.transition(
        tx.id,
        "failed",
        {
          ...extra,
          error_code: status.code,
          error_message: status.message,
          error_kind: "vendor_failed",
          needs_attention: true,
          next_attempt_at: null,
          last_checked_at: now,
        },
        options
      )
    case "not_found":
      return ctx.fiscal.transition(
        tx.id,
        "pending",
        {
          ...extra,
          regenerate: true,
          error_code: "NOT_FOUND",
          error_message:
            "The cash-register service has no such document; it is sent again.",
          error_kind: "retryable",
          next_attempt_at: now,
          last_checked_at: now,
        },
        options
      )
    case "wait": {
      const exhausted =
        tx.status_checks >= ctx.settings.status_checks.max_checks
      return ctx.fiscal.transition(
        tx.id,
        "wait",
        {
          ...extra,
          needs_attention: exhausted,
          error_message: exhausted
            ? `The cash-register service is still processing the receipt after ${tx.status_checks} checks. Press "Check status" later or contact the service.`
            : tx.error_message,
          next_attempt_at: exhausted
            ? null
            : new Date(
                now.getTime() +
                  ctx.settings.status_checks.interval_seconds * 1000
              ),
          last_checked_at: now,
        },
        options
      )
    }
  }
}
