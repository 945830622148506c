import {
  isCollectedOnHandover,
  isReceiptError,
  type FiscalDocument,
} from "../lib/receipt"
import type { Happening } from "../modules/fiscal/lifecycle"
import { missingCompanyFields } from "../modules/fiscal/settings/effective-settings"
import type {
  FiscalCompany,
  FiscalProvider,
} from "../modules/fiscal/types/provider"
import type {
  ClaimedReceipt,
  FiscalReceiptDTO,
} from "../modules/fiscal/types/receipt"
import { applyDecision } from "./apply-decision"
import { buildDocumentFor } from "./build-document"
import {
  EXCHANGE_RETURN,
  EXCHANGE_SALE,
  comesBefore,
  isResell,
} from "./order-sequence"
import { exchangeRecorder } from "./exchange-recorder"
import type { HeldLeases } from "./lease-heartbeat"
import {
  ProviderSetupError,
  callbackUrlFor,
  credentialsProblem,
  providerFor,
  type PipelineContext,
} from "./provider-context"

/**
 * The receipt of the same order this one has to wait for, if any: any receipt waits for
 * those before it in the order's sequence, and a refund also for every other sale of its
 * order. Each receipt is built from what the earlier ones registered (docs/architecture.md,
 * "A receipt per money movement"), and a refund never reaches the cash register before the
 * sale it refunds. Resell steps follow their own chain.
 */
async function unregisteredEarlier(
  ctx: PipelineContext,
  receipt: FiscalReceiptDTO
): Promise<FiscalReceiptDTO | undefined> {
  if (isResell(receipt)) {
    return undefined
  }
  const rows = (await ctx.fiscal.listFiscalReceipts(
    { order_id: receipt.order_id },
    { order: { created_at: "ASC" }, take: null }
  )) as unknown as FiscalReceiptDTO[]
  const byId = new Map(rows.map((row) => [row.id, row]))
  return rows.find(
    (row) =>
      row.id !== receipt.id &&
      row.status !== "done" &&
      !isResell(row) &&
      (comesBefore(row, receipt, byId) ||
        (receipt.type === "sell_refund" &&
          row.type === "sell" &&
          // an exchange's credit refund goes before its surcharge sale, its new-goods sale
          // after its refund
          row.id !== receipt.parent_id &&
          !row.source_key.startsWith(EXCHANGE_SALE)))
  )
}

/** The exchange receipt that goes with `receipt`, recorded once by its key. */
async function ensureExchangeReceipt(
  ctx: PipelineContext,
  receipt: FiscalReceiptDTO,
  kind: "return" | "sale"
): Promise<FiscalReceiptDTO> {
  const { receipt: row } = await ctx.fiscal.ensureReceipt({
    source_key:
      kind === "return"
        ? `${EXCHANGE_RETURN}${receipt.capture_id}`
        : `${EXCHANGE_SALE}${receipt.refund_id}`,
    order_id: receipt.order_id,
    payment_id: receipt.payment_id,
    capture_id: kind === "return" ? receipt.capture_id : null,
    refund_id: kind === "sale" ? receipt.refund_id : null,
    type: kind === "return" ? "sell_refund" : "sell",
    reason: "exchange",
    provider_id: receipt.provider_id,
    parent_id: receipt.id,
  })
  return row
}

/**
 * Sends one claimed receipt: claim → build → call the vendor → decide → one
 * `transition()`. Never throws for a vendor or data problem: every outcome ends in a
 * status with a message (docs/architecture.md, "The life of a receipt").
 */
export async function sendReceipt(
  ctx: PipelineContext,
  claimed: ClaimedReceipt,
  held?: HeldLeases
): Promise<FiscalReceiptDTO> {
  if (held && !held.holds(claimed.id)) {
    return leaseLost(ctx, claimed.id, "before its turn in the batch")
  }
  let receipt = claimed
  const current = ctx.settings.provider_id
  if (
    current &&
    receipt.provider_id !== current &&
    receipt.claimed_from === "pending"
  ) {
    // rows created before a provider was chosen, or before the shop switched, go to the
    // current one: the vendor certainly does not hold a row claimed from pending
    const moved = await ctx.fiscal.repointProvider(
      receipt.id,
      ctx.owner,
      current
    )
    if (moved) {
      receipt = { ...moved, claimed_from: receipt.claimed_from }
    }
  }
  const happened = await attemptSend(ctx, receipt)
  if (happened === LEASE_LOST) {
    return leaseLost(ctx, receipt.id, "before the vendor call")
  }
  return applyDecision(ctx, receipt, happened)
}

/** Marks a step that stopped because another worker may hold the receipt now. */
const LEASE_LOST = Symbol("lease lost")

/**
 * This worker's lease on the receipt ran out and it must not touch the receipt again: it
 * may belong to another worker now, which resolves it with the same external id. Nothing
 * was sent by this step; the receipt is answered as it is stored.
 */
async function leaseLost(
  ctx: PipelineContext,
  id: string,
  when: string
): Promise<FiscalReceiptDTO> {
  ctx.logger.warn(
    `fiscal: ${id}: this worker's lease ran out ${when}; left to the worker that holds it now`
  )
  return ctx.fiscal.getReceipt(id)
}

/**
 * Fences the lease right before an irreversible vendor call: extends it only if this
 * worker still holds it, and gives the provider the deadline by which every request must
 * be over (docs/architecture.md, "Exactly once").
 */
async function fence(
  ctx: PipelineContext,
  receipt: FiscalReceiptDTO
): Promise<number | null> {
  await ctx.hooks.beforeFence?.(receipt)
  const fencedAt = Date.now()
  const held = await ctx.fiscal.holdLeases({
    ids: [receipt.id],
    owner: ctx.owner,
    leaseMs: ctx.leaseMs,
    now: new Date(fencedAt),
  })
  if (!held.includes(receipt.id)) {
    return null
  }
  await ctx.hooks.afterFence?.(receipt)
  // a margin under the lease for clocks and the database round trip
  return fencedAt + ctx.leaseMs - Math.min(5_000, ctx.leaseMs / 4)
}

/** One attempt at the vendor; what happened, for the decision. */
async function attemptSend(
  ctx: PipelineContext,
  receipt: ClaimedReceipt
): Promise<Happening | typeof LEASE_LOST> {
  const earlier = await unregisteredEarlier(ctx, receipt)
  if (earlier) {
    return { kind: "waits_for_earlier", earlier }
  }
  const unreadable = credentialsProblem(ctx, receipt)
  if (unreadable) {
    return unreadable
  }
  let provider: FiscalProvider
  try {
    provider = providerFor(ctx, receipt)
  } catch (e) {
    if (e instanceof ProviderSetupError) {
      return {
        kind: "settings_problem",
        code: "PROVIDER_CONFIG",
        message: e.message,
      }
    }
    throw e
  }
  const company = ctx.settings.company
  const missing = missingCompanyFields(company)
  if (missing.length) {
    return {
      kind: "settings_problem",
      code: "COMPANY_CONFIG",
      message: `The seller's ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not set. Fill in the company in Settings → Fiscalization.`,
    }
  }

  let document = receipt.document as unknown as FiscalDocument | null
  if (!document) {
    try {
      const built = await buildDocumentFor(
        ctx.container,
        receipt,
        ctx.settings.receipt,
        provider.capabilities,
        ctx.settings.sell_trigger
      )
      if ("exchangeReturnFirst" in built) {
        // the surcharge of an exchange: the returned goods' credit is registered first
        const first = await ensureExchangeReceipt(ctx, receipt, "return")
        return { kind: "waits_for_earlier", earlier: first }
      }
      document = built
    } catch (e) {
      if (isReceiptError(e)) {
        return { kind: "build_error", error: e }
      }
      throw e
    }
    // written before the request leaves, so a resend after a crash is the same receipt
    const frozen = await ctx.fiscal.freezeDocument(
      receipt.id,
      ctx.owner,
      document as unknown as Record<string, unknown>,
      document.total
    )
    if (!frozen) {
      // another worker holds the row now (and froze its own copy): never send this one
      return LEASE_LOST
    }
  }

  if (isCollectedOnHandover(document)) {
    return { kind: "collected_on_handover" }
  }

  if (
    document.type === "sell_refund" &&
    document.basis?.credit &&
    receipt.refund_id
  ) {
    // money back in an exchange: the new goods are paid by the credit this refund leaves
    await ensureExchangeReceipt(ctx, receipt, "sale")
  }

  const deadline = await fence(ctx, receipt)
  if (deadline === null) {
    return LEASE_LOST
  }
  const recorder = exchangeRecorder(ctx, receipt)
  const callCtx = { onExchange: recorder.onExchange, deadline }
  try {
    // the previous request may have reached a vendor that does not deduplicate: ask first
    const possiblySent = receipt.claimed_from !== "pending"
    if (possiblySent && !provider.capabilities.dedupesExternalId) {
      const status = await provider.check(
        {
          externalId: receipt.external_id,
          vendorDocumentId: receipt.vendor_document_id ?? undefined,
        },
        callCtx
      )
      await recorder.flush(status.kind)
      if (status.kind !== "not_found") {
        return { kind: "status", status }
      }
    }
    const outcome = await provider.register(
      {
        externalId: receipt.external_id,
        document,
        company: company as FiscalCompany,
        callbackUrl: callbackUrlFor(ctx, receipt.provider_id),
      },
      callCtx
    )
    return {
      kind: "registered",
      outcome,
      wire: await recorder.flush(outcome.kind),
    }
  } catch (e) {
    return { kind: "error", error: e, wire: await recorder.flushError(e) }
  }
}
