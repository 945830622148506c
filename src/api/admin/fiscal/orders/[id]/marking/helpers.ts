import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import type { TakenCode, VariantBarcodes } from "../../../../../../lib/marking"
import { RECEIPT_ORDER_FIELDS } from "../../../../../../lib/receipt/order-fields"
import type { ReceiptOrderItem } from "../../../../../../lib/receipt/order-input"
import { itemMarking } from "../../../../../../lib/receipt/positions"
import {
  DEFAULT_RECEIPT_SETTINGS,
  type ReceiptSettings,
} from "../../../../../../lib/receipt/settings"
import { FISCAL_MODULE } from "../../../../../../modules/fiscal"
import type FiscalModuleService from "../../../../../../modules/fiscal/service"
import type { FiscalMarkCodeRow } from "../../../../../../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../../../../../../modules/fiscal/types/receipt"
import { retryReceipt } from "../../../../../../pipeline/admin-actions"
import { requestPromptProcessing } from "../../../../../../pipeline/prompt"
import type {
  AdminFiscalMarkingItem,
  AdminFiscalMarkingSupport,
} from "../../../../../../types/http/marking"

export const fiscalOf = (scope: MedusaContainer) =>
  scope.resolve<FiscalModuleService>(FISCAL_MODULE)

/** What the marking routes read of an order line: also its variant's barcodes. */
type MarkingOrderItem = Omit<ReceiptOrderItem, "variant"> & {
  variant_title?: string | null
  variant?: (NonNullable<ReceiptOrderItem["variant"]> & VariantBarcodes) | null
}

/** An order as the marking routes read it. */
export type MarkingOrder = {
  id: string
  display_id?: number | string | null
  items: MarkingOrderItem[]
}

/**
 * The order as the receipt engine reads it: the same item quantities (Medusa computes an
 * item's quantity and totals only with an order-level total selected), tags and metadata;
 * and the barcodes of each item's variant, which a code's GTIN must match.
 */
const ORDER_FIELDS = [
  ...RECEIPT_ORDER_FIELDS,
  "items.variant.ean",
  "items.variant.upc",
  "items.variant.barcode",
]

/** The order with its items; 404 when there is none. */
export async function loadMarkingOrder(
  scope: MedusaContainer,
  orderId: string
): Promise<MarkingOrder> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ORDER_FIELDS,
    filters: { id: orderId },
  })
  if (!data.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} was not found.`
    )
  }
  const order = data[0] as unknown as MarkingOrder
  return { ...order, items: (order.items ?? []).filter(Boolean) }
}

/** How long a request waits for the lock of a line held by another one, in seconds. */
const LINE_LOCK_TIMEOUT_SECONDS = 15

/**
 * Runs `job` holding the lock of one order line's codes, so that requests for the same line
 * (entering codes, deleting one) take turns: two requests cannot both see room for the
 * same units and together store more codes than the line has. Medusa's locking module
 * locks in this process with its default in-memory provider; with a Redis provider
 * (`@medusajs/medusa/locking-redis`) configured, the lock holds across every server of
 * a cluster. A line still locked after the timeout answers 409 (Medusa's conflict: retry).
 */
export async function withLineLock<T>(
  scope: MedusaContainer,
  lineItemId: string,
  job: () => Promise<T>
): Promise<T> {
  const locking = scope.resolve(Modules.LOCKING)
  let started = false
  try {
    return await locking.execute(
      `fiscal-marking:${lineItemId}`,
      async () => {
        started = true
        return await job()
      },
      { timeout: LINE_LOCK_TIMEOUT_SECONDS }
    )
  } catch (error) {
    if (started) {
      throw error
    }
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `The marking codes of line ${lineItemId} are being changed by another request; ` +
        `try again in a moment.`
    )
  }
}

/** The receipt settings that decide what is marked: the shop's, over the defaults. */
export async function markingSettings(
  scope: MedusaContainer
): Promise<Pick<ReceiptSettings, "markedProductTag" | "goodsPaymentObject">> {
  const settings = await fiscalOf(scope).getEffectiveSettings({
    credentials: false,
  })
  const merged = {
    ...DEFAULT_RECEIPT_SETTINGS,
    ...settings.receipt,
  } as ReceiptSettings
  return {
    markedProductTag: merged.markedProductTag,
    goodsPaymentObject: merged.goodsPaymentObject,
  }
}

/** One line as the routes answer it. */
export function markingItem(
  item: MarkingOrderItem,
  rows: FiscalMarkCodeRow[],
  quantity: number
): AdminFiscalMarkingItem<Date> {
  const codes = rows
    .filter((row) => row.line_item_id === item.id)
    .map((row) => ({ id: row.id, code: row.code, created_at: row.created_at }))
  return {
    item_id: item.id,
    title: item.title || item.product_title || item.id,
    variant_title: item.variant_title ?? null,
    quantity,
    codes,
    missing: Math.max(0, quantity - codes.length),
  }
}

/**
 * The order's marked lines (and lines that hold codes though no longer marked), each with
 * the units that need a code.
 */
export function markingItems(
  order: MarkingOrder,
  rows: FiscalMarkCodeRow[],
  settings: Pick<ReceiptSettings, "markedProductTag" | "goodsPaymentObject">
): AdminFiscalMarkingItem<Date>[] {
  const items: AdminFiscalMarkingItem<Date>[] = []
  for (const item of order.items) {
    const marking = itemMarking(item, settings)
    const hasCodes = rows.some((row) => row.line_item_id === item.id)
    if (marking.marked || hasCodes) {
      items.push(markingItem(item, rows, marking.codes_needed))
    }
  }
  return items
}

/**
 * What the shop's connection can send of marked goods, from its provider's capabilities.
 * Says nothing of the connection's settings but whether it is usable.
 */
export async function markingSupport(
  scope: MedusaContainer
): Promise<AdminFiscalMarkingSupport> {
  const fiscal = fiscalOf(scope)
  const settings = await fiscal.getEffectiveSettings()
  const providerId = settings.provider_id
  const none = {
    codes: false,
    fractional: false,
    industry_requisites: false,
  }
  if (!providerId) {
    return {
      provider_id: null,
      ...none,
      message:
        "No cash-register service is chosen in Settings → Fiscalization, so no receipt " +
        "with marking codes can be sent yet.",
    }
  }
  const title =
    fiscal.listProviders().find((provider) => provider.id === providerId)
      ?.title ?? providerId
  let marking
  try {
    marking = fiscal.connectProvider(providerId, settings).capabilities.marking
  } catch {
    return {
      provider_id: providerId,
      ...none,
      message:
        `The connection to ${title} is not set up completely, so it is not known ` +
        `whether it sends marking codes. Complete it in Settings → Fiscalization.`,
    }
  }
  return {
    provider_id: providerId,
    codes: marking.codes,
    fractional: marking.fractional,
    industry_requisites: marking.industryRequisites,
    message: marking.codes
      ? null
      : `${title} cannot send marking codes: receipts of marked goods cannot be ` +
        `registered through this connection.`,
  }
}

/** Where the stored codes are used, named by their orders' numbers. */
export async function takenCodes(
  scope: MedusaContainer,
  rows: FiscalMarkCodeRow[]
): Promise<Map<string, TakenCode>> {
  const orderIds = [...new Set(rows.map((row) => row.order_id))]
  const numbers = new Map<string, string | number | null>()
  if (orderIds.length) {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "display_id"],
      filters: { id: orderIds },
    })
    for (const order of data as { id: string; display_id?: number }[]) {
      numbers.set(order.id, order.display_id ?? null)
    }
  }
  return new Map(
    rows.map((row) => [
      row.code,
      { order_id: row.order_id, display_id: numbers.get(row.order_id) ?? null },
    ])
  )
}

/**
 * Puts the order's receipts that were refused for missing marking codes back in the
 * queue, so each goes out by itself once its codes are there (a receipt still short of
 * codes comes back with the same message).
 */
export async function resendWaitingForCodes(
  scope: MedusaContainer,
  orderId: string
): Promise<void> {
  const receipts = (await fiscalOf(scope).listFiscalReceipts(
    { order_id: orderId, status: "invalid", error_code: "MARK_CODES_MISSING" },
    { take: null }
  )) as unknown as FiscalReceiptDTO[]
  for (const receipt of receipts) {
    await retryReceipt(scope, receipt.id)
  }
  if (receipts.length) {
    requestPromptProcessing(scope)
  }
}
