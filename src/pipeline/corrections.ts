import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { moscowDay } from "../lib/moscow-day"
import type { CorrectionRequest } from "../lib/receipt/types"
import { REVERSAL } from "../lib/reconciliation/classify"
import { resendByAdmin } from "../modules/fiscal/lifecycle"
import type FiscalModuleService from "../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import type {
  AdminCreateCorrectionBody,
  AdminOrderCorrectionsResponse,
  CorrectableMovement,
  CorrectionSupport,
  ReversibleReceipt,
} from "../types/http/corrections"
import { NO_PROVIDER, loadOrderMoney } from "./causes"
import { isResell } from "./order-sequence"
import { requestPromptProcessing } from "./prompt"

/**
 * "Issue correction" on an order (docs/fiscal-rules.md, "Corrections"):
 * - a capture or refund without a registered receipt gets a correction in its own row
 *   (`capture:<id>`, `refund:<id>`): a new row when it has none, its failed or invalid row
 *   turned into the correction otherwise — so the movement keeps exactly one receipt;
 * - a registered sale receipt is taken back whole by `reversal:<receipt id>`;
 * - a movement whose receipt was taken back gets its correct receipt as
 *   `correction:<movement id>`.
 */

/** Source-key prefix of the correction that replaces a receipt taken back. */
export const REISSUE = "correction:"

const IN_FLIGHT = new Set(["pending", "sending", "wait", "unknown"])
const NEVER_REGISTERED = new Set(["failed", "invalid"])

const fiscalOf = (c: MedusaContainer) =>
  c.resolve<FiscalModuleService>("fiscal")

/** Which corrections the active connection registers, and the service's name. */
export async function correctionSupport(container: MedusaContainer): Promise<{
  providerId: string | null
  title: string
  supported: CorrectionSupport
}> {
  const fiscal = fiscalOf(container)
  const settings = await fiscal.getEffectiveSettings()
  const providerId = settings.provider_id ?? null
  const title =
    fiscal.listProviders().find((p) => p.id === providerId)?.title ??
    providerId ??
    "The cash-register service"
  if (!providerId) {
    return { providerId, title, supported: { sell: false, sell_refund: false } }
  }
  try {
    const { corrections } = fiscal.connectProvider(
      providerId,
      settings
    ).capabilities
    return {
      providerId,
      title,
      supported: {
        sell: corrections.sell,
        sell_refund: corrections.sellRefund,
      },
    }
  } catch {
    // a connection that cannot be set up registers nothing; the settings page says why
    return { providerId, title, supported: { sell: false, sell_refund: false } }
  }
}

const label = (row: FiscalReceiptDTO) =>
  row.fiscal_document_number
    ? `receipt ФД ${row.fiscal_document_number}`
    : `receipt ${row.id}`

/** Why a movement may not be corrected now, or null when it may. */
function movementRefusal(
  kind: "capture" | "refund",
  own: FiscalReceiptDTO | undefined,
  reissue: FiscalReceiptDTO | undefined,
  takeBack: FiscalReceiptDTO | undefined,
  coveredByOrderReceipt: boolean,
  supported: boolean,
  title: string
): string | null {
  if (coveredByOrderReceipt) {
    return "The order's receipt registered this payment."
  }
  if (reissue) {
    return `Corrected by ${label(reissue)} (${reissue.status}).`
  }
  if (own?.status === "done") {
    if (!takeBack) {
      return (
        `Registered by ${label(own)}. If that receipt is wrong, take it back first; ` +
        `its correct receipt is issued after.`
      )
    }
    if (takeBack.status !== "done") {
      return `Its receipt is being taken back (${takeBack.status}); wait until that is registered.`
    }
  } else if (own && IN_FLIGHT.has(own.status)) {
    return `Its receipt is on its way to the service (${own.status}).`
  } else if (own && !NEVER_REGISTERED.has(own.status)) {
    return `Its receipt is ${own.status}.`
  }
  if (!supported) {
    return `${title} does not register ${
      kind === "capture" ? "sale" : "refund"
    } correction receipts.`
  }
  return null
}

type OrderState = {
  orderId: string
  money: NonNullable<Awaited<ReturnType<typeof loadOrderMoney>>>
  rows: FiscalReceiptDTO[]
  byKey: Map<string, FiscalReceiptDTO>
  support: Awaited<ReturnType<typeof correctionSupport>>
}

async function loadState(
  container: MedusaContainer,
  orderId: string
): Promise<OrderState> {
  const fiscal = fiscalOf(container)
  const [money, rows, support] = await Promise.all([
    loadOrderMoney(container, orderId),
    fiscal.listFiscalReceipts(
      { order_id: orderId },
      { order: { created_at: "ASC" }, take: null }
    ) as unknown as Promise<FiscalReceiptDTO[]>,
    correctionSupport(container),
  ])
  if (!money) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} was not found.`
    )
  }
  return {
    orderId,
    money,
    rows,
    byKey: new Map(rows.map((row) => [row.source_key, row])),
    support,
  }
}

function movementsOf(state: OrderState): CorrectableMovement<Date>[] {
  const { money, byKey, support } = state
  const whole = byKey.get(`sell:${state.orderId}`)
  const entries = [
    ...money.captures.map((c) => ({ kind: "capture" as const, ...c })),
    ...money.refunds.map((r) => ({ kind: "refund" as const, ...r })),
  ]
  return entries.map((m) => {
    const own = byKey.get(`${m.kind}:${m.id}`)
    const reissue = byKey.get(`${REISSUE}${m.id}`)
    const takeBack = own ? byKey.get(`${REVERSAL}${own.id}`) : undefined
    const coveredByOrderReceipt =
      m.kind === "capture" &&
      !own &&
      !!whole &&
      whole.status !== "canceled" &&
      (!m.createdAt || m.createdAt.getTime() <= whole.created_at.getTime())
    const reason = movementRefusal(
      m.kind,
      own,
      reissue,
      takeBack,
      coveredByOrderReceipt,
      m.kind === "capture"
        ? support.supported.sell
        : support.supported.sell_refund,
      support.title
    )
    const createdAt = m.createdAt ?? new Date()
    return {
      kind: m.kind,
      id: m.id,
      amount: m.amount ?? 0,
      created_at: createdAt,
      day: moscowDay(createdAt),
      receipt: reissue
        ? { id: reissue.id, type: reissue.type, status: reissue.status }
        : own
          ? { id: own.id, type: own.type, status: own.status }
          : null,
      correctable: reason === null,
      reason,
    }
  })
}

function reversiblesOf(state: OrderState): ReversibleReceipt<Date>[] {
  const { rows, byKey, support } = state
  return rows
    .filter(
      (row) =>
        row.status === "done" &&
        (row.type === "sell" || row.type === "sell_correction") &&
        !isResell(row)
    )
    .map((row) => {
      const takeBack = byKey.get(`${REVERSAL}${row.id}`)
      const reason = takeBack
        ? `Taken back by ${label(takeBack)} (${takeBack.status}).`
        : !support.supported.sell_refund
          ? `${support.title} does not register refund correction receipts.`
          : null
      return {
        id: row.id,
        type: row.type,
        total: row.total ?? 0,
        registered_at: row.registered_at,
        fiscal_document_number: row.fiscal_document_number,
        reversed_by: takeBack?.id ?? null,
        correctable: reason === null,
        reason,
      }
    })
}

/** What "Issue correction" offers on an order. */
export async function orderCorrections(
  container: MedusaContainer,
  orderId: string
): Promise<AdminOrderCorrectionsResponse<Date>> {
  const state = await loadState(container, orderId)
  return {
    provider_id: state.support.providerId,
    supported: state.support.supported,
    movements: movementsOf(state),
    receipts: reversiblesOf(state),
  }
}

/** The Moscow date of today, YYYY-MM-DD. */
const moscowToday = () => moscowDay(new Date())

function checkedRequest(body: AdminCreateCorrectionBody): CorrectionRequest {
  const number = body.base_number?.trim()
  if (body.type === "instruction" && !number) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "A correction by order of the tax office needs the order's number (tag 1179)."
    )
  }
  if (body.base_date && body.base_date > moscowToday()) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The settlement date ${body.base_date} is in the future; a correction registers a ` +
        `settlement that has happened.`
    )
  }
  return {
    type: body.type,
    ...(body.type === "instruction" ? { base_number: number } : {}),
    ...(body.base_date ? { base_date: body.base_date } : {}),
  }
}

/**
 * Records a correction receipt and queues it. Refuses, saying why, what the order's
 * state or the active service does not allow (see {@link orderCorrections}).
 */
export async function issueCorrection(
  container: MedusaContainer,
  orderId: string,
  body: AdminCreateCorrectionBody
): Promise<FiscalReceiptDTO> {
  const fiscal = fiscalOf(container)
  const request = checkedRequest(body)
  const state = await loadState(container, orderId)
  const providerId = state.support.providerId ?? NO_PROVIDER
  let receipt: FiscalReceiptDTO
  if (body.target.kind === "receipt") {
    const targetId = body.target.id
    const target = reversiblesOf(state).find((r) => r.id === targetId)
    if (!target) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Receipt ${targetId} is not a registered sale receipt of order ${orderId}; only ` +
          `those can be taken back.`
      )
    }
    refuseWith(target.reason)
    const registered = state.rows.find((row) => row.id === targetId)!
    receipt = await ensureNew(fiscal, {
      source_key: `${REVERSAL}${registered.id}`,
      order_id: orderId,
      payment_id: registered.payment_id,
      type: "sell_refund_correction",
      reason: "correction",
      provider_id: providerId,
      parent_id: registered.id,
      correction: request,
    })
  } else {
    const { kind, id } = body.target
    const movement = movementsOf(state).find(
      (m) => m.kind === kind && m.id === id
    )
    if (!movement) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Order ${orderId} has no ${kind} ${id}.`
      )
    }
    refuseWith(movement.reason)
    const type =
      kind === "capture" ? "sell_correction" : "sell_refund_correction"
    const own = state.byKey.get(`${kind}:${id}`)
    const payment = [...state.money.captures, ...state.money.refunds].find(
      (m) => m.id === id
    )
    if (own && NEVER_REGISTERED.has(own.status)) {
      await fiscal.makeCorrection(own.id, type, request)
      const { to, patch } = resendByAdmin(new Date())
      receipt = await fiscal.transition(own.id, to, patch)
    } else {
      receipt = await ensureNew(fiscal, {
        source_key: own ? `${REISSUE}${id}` : `${kind}:${id}`,
        order_id: orderId,
        payment_id: payment?.paymentId ?? null,
        capture_id: kind === "capture" ? id : null,
        refund_id: kind === "refund" ? id : null,
        type,
        reason: "correction",
        provider_id: providerId,
        correction: request,
      })
    }
  }
  requestPromptProcessing(container)
  return receipt
}

function refuseWith(reason: string | null): void {
  if (reason) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, reason)
  }
}

/** Records the row; a row already under that key means someone was first. */
async function ensureNew(
  fiscal: FiscalModuleService,
  input: Parameters<FiscalModuleService["ensureReceipt"]>[0]
): Promise<FiscalReceiptDTO> {
  const { receipt, created } = await fiscal.ensureReceipt(input)
  if (!created) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${label(receipt)} already stands for this (${receipt.type}, ${receipt.status}); ` +
        `nothing new was recorded.`
    )
  }
  return receipt
}
