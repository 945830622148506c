import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import {
  parseMarkCode,
  validateCodeBatch,
  variantGtins,
} from "../../../../../../lib/marking"
import { itemMarking } from "../../../../../../lib/receipt/positions"
import type {
  AdminFiscalMarkingErrorResponse,
  AdminFiscalMarkingItemResponse,
  AdminFiscalOrderMarkingResponse,
} from "../../../../../../types/http/marking"
import { parseBody } from "../../../helpers"
import {
  fiscalOf,
  loadMarkingOrder,
  markingItem,
  markingItems,
  markingSettings,
  markingSupport,
  resendWaitingForCodes,
  takenCodes,
  withLineLock,
} from "./helpers"

/** The order's marked lines with the codes entered, and what the connection can send. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const order = await loadMarkingOrder(req.scope, req.params.id)
  const [rows, settings, marking] = await Promise.all([
    fiscalOf(req.scope).listOrderMarkCodes(order.id),
    markingSettings(req.scope),
    markingSupport(req.scope),
  ])
  res.json({
    items: markingItems(order, rows, settings),
    marking,
  } satisfies AdminFiscalOrderMarkingResponse<Date>)
}

/** Body of the POST: codes for one line. */
export const AdminFiscalMarkingCodesBody = z.strictObject({
  item_id: z.string().min(1),
  codes: z.array(z.string().max(1000)).min(1).max(1000),
})

/**
 * Stores marking codes for one line, all or nothing: every code valid and of the item's
 * product, none used in the shop before, none twice, no more than the units without a
 * code. The line's codes are read, checked and stored holding its lock (`withLineLock`),
 * so two requests for the line cannot together store more codes than it has units.
 * Receipts of the order that waited for codes are put back in the queue.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const body = parseBody(AdminFiscalMarkingCodesBody, req.body)
  const fiscal = fiscalOf(req.scope)
  const order = await loadMarkingOrder(req.scope, req.params.id)
  const settings = await markingSettings(req.scope)
  const item = order.items.find((entry) => entry.id === body.item_id)
  const marking = item ? itemMarking(item, settings) : null

  const check = async () => {
    const rows = await fiscal.listOrderMarkCodes(order.id)
    const entered = rows.filter((row) => row.line_item_id === body.item_id)
    const normalized = body.codes.flatMap((raw) => {
      const parsed = parseMarkCode(raw)
      return parsed.ok ? [parsed.value.code] : []
    })
    const taken = await takenCodes(
      req.scope,
      await fiscal.findMarkCodes(normalized)
    )
    return validateCodeBatch({
      raw: body.codes,
      item:
        item && marking
          ? {
              id: item.id,
              title: item.title || item.product_title || item.id,
              variantTitle: item.variant_title ?? null,
              marked: marking.marked,
              quantity: marking.codes_needed,
              entered: entered.length,
              gtins: variantGtins(item.variant),
            }
          : null,
      itemId: body.item_id,
      taken,
      orderId: order.id,
    })
  }

  const result = await withLineLock(req.scope, body.item_id, async () => {
    const checked = await check()
    if (!checked.ok) {
      return checked
    }
    try {
      await fiscal.addMarkCodes({
        order_id: order.id,
        line_item_id: body.item_id,
        codes: checked.codes.map(({ code, gtin }) => ({ code, gtin })),
      })
    } catch (error) {
      // a request for another line stored one of the codes meanwhile: the unique index
      // refused it
      const again = await check()
      if (!again.ok) {
        return again
      }
      throw error
    }
    return checked
  })
  if (!result.ok) {
    return res.status(400).json({
      type: "invalid_data",
      message: result.message,
      errors: result.errors,
    } as AdminFiscalMarkingErrorResponse)
  }
  await resendWaitingForCodes(req.scope, order.id)
  const stored = await fiscal.listOrderMarkCodes(order.id)
  res.json({
    item: markingItem(item!, stored, marking!.codes_needed),
  } satisfies AdminFiscalMarkingItemResponse<Date>)
}
