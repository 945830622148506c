import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import type {
  ReceiptErrorKind,
  ReceiptReason,
  ReceiptStatus,
  ReceiptType,
} from "../types/lists"

/**
 * The events the plugin emits on Medusa's event bus (docs/architecture.md, "Events"), for
 * the shop's own subscribers; the plugin's alerts listen to the last two.
 */
export const FiscalEvents = {
  /** A receipt became `done`: registered at the cash register (or settled by a handover receipt). */
  RECEIPT_REGISTERED: "fiscal.receipt.registered",
  /** A receipt became `failed` (the vendor refused it) or `invalid` (the order cannot be fiscalized as it is). */
  RECEIPT_FAILED: "fiscal.receipt.failed",
  /** A receipt was flagged for a person: retries ran out, it waits on a failed one, its check never ends. */
  RECEIPT_NEEDS_ATTENTION: "fiscal.receipt.needs_attention",
} as const

/** The name of one of {@link FiscalEvents}. */
export type FiscalEventName = (typeof FiscalEvents)[keyof typeof FiscalEvents]

/**
 * The data of every fiscal event: the receipt as it is after the change. Money is in
 * integer kopecks; no buyer contact and no credential is in it.
 */
export type FiscalReceiptEventData = {
  /** The receipt (`fiscal_receipt.id`). */
  id: string
  order_id: string
  type: ReceiptType
  reason: ReceiptReason
  status: ReceiptStatus
  /** Its status before the change. */
  previous_status: ReceiptStatus
  needs_attention: boolean
  /** Kopecks; null when the document was never built. */
  total: number | null
  /** The connection it goes through. */
  provider_id: string
  /** The id the vendor knows it by (ours); a new generation gets a new one. */
  external_id: string
  generation: number
  /** Its cause, e.g. `capture:capt_…`, `refund:ref_…`. */
  source_key: string
  payment_id: string | null
  capture_id: string | null
  refund_id: string | null
  error_code: string | null
  /** What went wrong and what to do. */
  error_message: string | null
  error_kind: ReceiptErrorKind | null
  /** The fiscal data of a registered receipt; null otherwise. */
  fiscal: {
    document_number: string | null
    document_attribute: string | null
    receipt_number: string | null
    shift_number: string | null
    fn_number: string | null
    ecr_registration_number: string | null
    /** ISO date-time. */
    registered_at: string | null
    ofd_receipt_url: string | null
  } | null
}

/** One event to emit. */
export type FiscalEvent = {
  name: FiscalEventName
  data: FiscalReceiptEventData
}

/**
 * The events a change of a receipt from `before` to `after` makes: entering `done`,
 * entering `failed` or `invalid` (or failing again in a new generation), becoming flagged.
 * Pure.
 */
export function eventsOfChange(
  before: Pick<
    FiscalReceiptDTO,
    "status" | "needs_attention" | "generation" | "error_code"
  >,
  after: FiscalReceiptDTO
): FiscalEvent[] {
  const data = eventData(after, before.status)
  const events: FiscalEvent[] = []
  if (after.status === "done" && before.status !== "done") {
    events.push({ name: FiscalEvents.RECEIPT_REGISTERED, data })
  }
  const failed = after.status === "failed" || after.status === "invalid"
  if (
    failed &&
    (before.status !== after.status ||
      before.generation !== after.generation ||
      before.error_code !== after.error_code)
  ) {
    events.push({ name: FiscalEvents.RECEIPT_FAILED, data })
  }
  if (after.needs_attention && !before.needs_attention) {
    events.push({ name: FiscalEvents.RECEIPT_NEEDS_ATTENTION, data })
  }
  return events
}

/** The event data of a receipt. */
export function eventData(
  receipt: FiscalReceiptDTO,
  previousStatus: ReceiptStatus
): FiscalReceiptEventData {
  return {
    id: receipt.id,
    order_id: receipt.order_id,
    type: receipt.type,
    reason: receipt.reason,
    status: receipt.status,
    previous_status: previousStatus,
    needs_attention: receipt.needs_attention,
    total: receipt.total === null ? null : Number(receipt.total),
    provider_id: receipt.provider_id,
    external_id: receipt.external_id,
    generation: receipt.generation,
    source_key: receipt.source_key,
    payment_id: receipt.payment_id,
    capture_id: receipt.capture_id,
    refund_id: receipt.refund_id,
    error_code: receipt.error_code,
    error_message: receipt.error_message,
    error_kind: receipt.error_kind,
    fiscal:
      receipt.status === "done"
        ? {
            document_number: receipt.fiscal_document_number,
            document_attribute: receipt.fiscal_document_attribute,
            receipt_number: receipt.fiscal_receipt_number,
            shift_number: receipt.shift_number,
            fn_number: receipt.fn_number,
            ecr_registration_number: receipt.ecr_registration_number,
            registered_at: receipt.registered_at
              ? new Date(receipt.registered_at).toISOString()
              : null,
            ofd_receipt_url: receipt.ofd_receipt_url,
          }
        : null,
  }
}

/**
 * Emits the events of a receipt's change. Called after the change is written; an event bus
 * that fails is logged and does not undo the change: the alerts job finds receipts whose
 * alert was never recorded (docs/architecture.md, "Reports and alerts").
 */
export async function emitReceiptEvents(
  { container, logger }: { container: MedusaContainer; logger: Logger },
  before: Parameters<typeof eventsOfChange>[0],
  after: FiscalReceiptDTO
): Promise<void> {
  const events = eventsOfChange(before, after)
  if (!events.length) {
    return
  }
  try {
    const bus = container.resolve(Modules.EVENT_BUS)
    await bus.emit(events)
  } catch (e) {
    logger.warn(
      `fiscal: the events of receipt ${after.id} (${events
        .map((e) => e.name)
        .join(", ")}) could not be emitted: ${(e as Error).message}`
    )
  }
}
