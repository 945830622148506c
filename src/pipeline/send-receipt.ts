import { isReceiptError, type FiscalDocument } from "../lib/receipt"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
  isFiscalProviderError,
} from "../modules/fiscal/errors"
import { missingCompanyFields } from "../modules/fiscal/settings/effective-settings"
import type {
  FiscalCompany,
  FiscalProvider,
} from "../modules/fiscal/types/provider"
import type {
  ClaimedReceipt,
  FiscalReceiptDTO,
} from "../modules/fiscal/types/receipt"
import { buildDocumentFor } from "./build-document"
import { applyStatus } from "./apply-status"
import {
  ProviderSetupError,
  callbackUrlFor,
  exchangeRecorder,
  providerFor,
  type PipelineContext,
} from "./provider-context"
import { nextRetry } from "./retry-schedule"

/** How soon the first status check of an accepted document is due. */
const FIRST_CHECK_DELAY_MS = 2_000
/** How long a refund waits before looking again whether its sale is registered. */
const SALE_WAIT_MS = 15_000

/**
 * Where a row goes back to when it is not finished: `pending` if the vendor certainly does
 * not hold it, else `unknown`, which must still be resolved with the same external id.
 */
function requeueStatus(tx: ClaimedReceipt): "pending" | "unknown" {
  return tx.claimed_from === "pending" ? "pending" : "unknown"
}

/** The order's sale receipt that is still on its way, if a refund has to wait for it. */
async function unfinishedSale(
  ctx: PipelineContext,
  tx: FiscalReceiptDTO
): Promise<FiscalReceiptDTO | undefined> {
  if (tx.type !== "sell_refund" || tx.reason === "resell_refund") {
    return undefined
  }
  const sales = (await ctx.fiscal.listFiscalReceipts({
    order_id: tx.order_id,
    type: "sell",
    status: ["pending", "sending", "wait", "unknown"],
  })) as unknown as FiscalReceiptDTO[]
  return sales[0]
}

/**
 * Sends one claimed receipt and records the outcome (DESIGN §4). Never throws for a
 * vendor or data problem: every outcome ends in a status with a message.
 */
export async function sendReceipt(
  ctx: PipelineContext,
  claimed: ClaimedReceipt
): Promise<FiscalReceiptDTO> {
  const own = { owner: ctx.owner }
  let tx = claimed
  const current = ctx.settings.provider_id
  if (current && tx.provider_id !== current && tx.claimed_from === "pending") {
    const moved = await ctx.fiscal.repointProvider(tx.id, ctx.owner, current)
    if (moved) {
      tx = { ...moved, claimed_from: tx.claimed_from }
    }
  }
  const saleFirst = await unfinishedSale(ctx, tx)
  if (saleFirst) {
    // a refund must never reach the cash register before the sale it refunds
    return ctx.fiscal.transition(
      tx.id,
      requeueStatus(tx),
      {
        uncount_attempt: true,
        error_code: "WAITS_FOR_SALE",
        error_message: `Waits for the sale receipt ${saleFirst.id} (${saleFirst.status}) to be registered first.`,
        error_kind: null,
        next_attempt_at: new Date(ctx.now().getTime() + SALE_WAIT_MS),
      },
      own
    )
  }
  let provider: FiscalProvider
  try {
    provider = providerFor(ctx, tx)
  } catch (e) {
    return postponeForConfig(ctx, tx, "PROVIDER_CONFIG", (e as Error).message)
  }
  const company = ctx.settings.company
  const missing = missingCompanyFields(company)
  if (missing.length) {
    return postponeForConfig(
      ctx,
      tx,
      "COMPANY_CONFIG",
      `The seller's ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not set. Fill in the company in Settings → Fiscalization.`
    )
  }

  let document = tx.document as unknown as FiscalDocument | null
  if (!document) {
    try {
      document = await buildDocumentFor(
        ctx.container,
        tx,
        ctx.settings.receipt,
        provider.capabilities,
        ctx.settings.sell_trigger
      )
    } catch (e) {
      if (isReceiptError(e) && e.code === "INVALID_SETTINGS") {
        return postponeForConfig(ctx, tx, e.code, e.message)
      }
      if (isReceiptError(e)) {
        return ctx.fiscal.transition(
          tx.id,
          "invalid",
          {
            error_code: e.code,
            error_message: e.message,
            error_kind: "invalid_data",
            needs_attention: true,
            next_attempt_at: null,
          },
          own
        )
      }
      throw e
    }
    // written before the request leaves, so a resend after a crash is the same receipt
    await ctx.fiscal.freezeDocument(
      tx.id,
      ctx.owner,
      document as unknown as Record<string, unknown>,
      document.total
    )
  }

  const recorder = exchangeRecorder(ctx, tx)
  const callCtx = { onExchange: recorder.onExchange }
  try {
    // the previous request may have reached a vendor that does not deduplicate: ask first
    const possiblySent = tx.claimed_from !== "pending"
    if (possiblySent && !provider.capabilities.dedupesExternalId) {
      const status = await provider.check(
        {
          externalId: tx.external_id,
          vendorDocumentId: tx.vendor_document_id ?? undefined,
        },
        callCtx
      )
      await recorder.flush(status.kind)
      if (status.kind !== "not_found") {
        return applyStatus(ctx, tx, status, own)
      }
    }
    const outcome = await provider.register(
      {
        externalId: tx.external_id,
        document,
        company: company as FiscalCompany,
        callbackUrl: callbackUrlFor(ctx, tx.provider_id),
      },
      callCtx
    )
    const last = await recorder.flush(outcome.kind)
    const wire = {
      request: toRecord(last?.request),
      response: toRecord(last?.response),
    }
    if (outcome.kind === "registered") {
      return applyStatus(
        ctx,
        tx,
        { kind: "done", fiscal: outcome.fiscal },
        own,
        {
          vendor_document_id: outcome.vendorDocumentId,
          ...wire,
        }
      )
    }
    return ctx.fiscal.transition(
      tx.id,
      "wait",
      {
        vendor_document_id: outcome.vendorDocumentId,
        next_attempt_at: new Date(ctx.now().getTime() + FIRST_CHECK_DELAY_MS),
        reset_status_checks: true,
        error_code: null,
        error_message: null,
        error_kind: null,
        needs_attention: false,
        ...wire,
      },
      own
    )
  } catch (e) {
    const last = await recorder.flush(outcomeOf(e))
    return recordFailure(ctx, tx, e, {
      request: toRecord(last?.request),
      response: toRecord(last?.response),
    })
  }
}

function toRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object"
    ? (value as Record<string, unknown>)
    : undefined
}

function outcomeOf(e: unknown): string {
  return isFiscalProviderError(e) ? e.kind : "error"
}

/**
 * The settings are incomplete: nothing was sent. The row waits on the retry schedule
 * (without using up attempts) so it goes out by itself once the settings are fixed.
 */
async function postponeForConfig(
  ctx: PipelineContext,
  tx: ClaimedReceipt,
  code: string,
  message: string
): Promise<FiscalReceiptDTO> {
  const retry = nextRetry(1, ctx.settings.retry, ctx.now())
  ctx.logger.warn(`fiscal: ${tx.id} postponed: ${message}`)
  return ctx.fiscal.transition(
    tx.id,
    requeueStatus(tx),
    {
      error_code: code,
      error_message: message,
      error_kind: "config",
      needs_attention: true,
      next_attempt_at: retry.at,
      uncount_attempt: true,
    },
    { owner: ctx.owner }
  )
}

async function recordFailure(
  ctx: PipelineContext,
  tx: ClaimedReceipt,
  e: unknown,
  wire: {
    request?: Record<string, unknown>
    response?: Record<string, unknown>
  }
): Promise<FiscalReceiptDTO> {
  const own = { owner: ctx.owner }
  const now = ctx.now()
  const message = e instanceof Error ? e.message : String(e)
  const code = isFiscalProviderError(e) ? (e.code ?? e.kind) : "error"

  if (e instanceof ValidationError) {
    const fields = e.fields.length ? ` Fields: ${e.fields.join(", ")}.` : ""
    return ctx.fiscal.transition(
      tx.id,
      "invalid",
      {
        error_code: code,
        error_message: `${message}${fields}`,
        error_kind: "invalid_data",
        needs_attention: true,
        next_attempt_at: null,
        ...wire,
      },
      own
    )
  }
  if (
    e instanceof AuthError ||
    e instanceof ConfigError ||
    e instanceof ProviderSetupError
  ) {
    return postponeForConfig(ctx, tx, code, message)
  }
  if (e instanceof VendorFailedError) {
    return ctx.fiscal.transition(
      tx.id,
      "failed",
      {
        error_code: code,
        error_message: message,
        error_kind: "vendor_failed",
        needs_attention: true,
        next_attempt_at: null,
        ...wire,
      },
      own
    )
  }
  const retry = nextRetry(tx.attempts, ctx.settings.retry, now)
  const hint =
    e instanceof RetryableError && e.retryAfterMs
      ? new Date(now.getTime() + e.retryAfterMs)
      : null
  const at = retry.at && hint && hint > retry.at ? hint : retry.at
  if (e instanceof IndeterminateError) {
    // the request may have registered the document: resolve it with the same external id
    return ctx.fiscal.transition(
      tx.id,
      "unknown",
      {
        error_code: code,
        error_message: `${message} The receipt will be resolved with the same document id.`,
        error_kind: "indeterminate",
        needs_attention: retry.exhausted,
        next_attempt_at: at ?? new Date(now.getTime() + 24 * 3_600_000),
        ...wire,
      },
      own
    )
  }
  if (!(e instanceof RetryableError)) {
    ctx.logger.error(`fiscal: unexpected error sending ${tx.id}: ${message}`)
  }
  if (retry.exhausted && !retry.at) {
    return ctx.fiscal.transition(
      tx.id,
      tx.claimed_from === "pending" ? "failed" : "unknown",
      {
        error_code: code,
        error_message: `${message} Gave up after ${tx.attempts} attempts; use "Send to KKM" to try again.`,
        error_kind: "retryable",
        needs_attention: true,
        next_attempt_at: null,
        ...wire,
      },
      own
    )
  }
  return ctx.fiscal.transition(
    tx.id,
    requeueStatus(tx),
    {
      error_code: code,
      error_message: message,
      error_kind: "retryable",
      needs_attention: retry.exhausted,
      next_attempt_at: at,
      ...wire,
    },
    own
  )
}
