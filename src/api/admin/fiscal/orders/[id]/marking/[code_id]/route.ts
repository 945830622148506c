import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { codeLabel } from "../../../../../../../lib/marking"
import type { FiscalDocument } from "../../../../../../../lib/receipt"
import { itemMarking } from "../../../../../../../lib/receipt/positions"
import type { FiscalMarkCodeRow } from "../../../../../../../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../../../../../../../modules/fiscal/types/receipt"
import type { AdminFiscalMarkingItemResponse } from "../../../../../../../types/http/marking"
import {
  fiscalOf,
  loadMarkingOrder,
  markingItem,
  markingSettings,
  withLineLock,
} from "../helpers"

/**
 * Receipts whose frozen document is sent as it is: registered, being registered, or due to
 * be sent again unchanged. A failed or invalid receipt is rebuilt from the order first.
 */
const REBUILT_STATUSES = new Set(["failed", "invalid", "canceled"])

/**
 * Deletes a marking code of the order (a wrong unit scanned), which frees the code. A code
 * on a receipt that is registered, or is being registered, stays. Takes the lock of the
 * code's line, as entering codes does.
 */
export async function DELETE(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = fiscalOf(req.scope)
  const order = await loadMarkingOrder(req.scope, req.params.id)
  const findRow = async () => {
    const rows = await fiscal.listOrderMarkCodes(order.id)
    const row = rows.find((entry) => entry.id === req.params.code_id)
    if (!row) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Marking code ${req.params.code_id} was not found on order ${order.id}.`
      )
    }
    return { rows, row }
  }
  /** Refuses to delete a code on a receipt that is registered or being registered. */
  const refuseHeldCode = async (row: FiscalMarkCodeRow) => {
    const receipts = (await fiscal.listFiscalReceipts(
      { order_id: order.id },
      { take: null }
    )) as unknown as FiscalReceiptDTO[]
    const holding = receipts.find(
      (receipt) =>
        !REBUILT_STATUSES.has(receipt.status) &&
        (receipt.document as FiscalDocument | null)?.lines?.some(
          (line) => line.mark_code === row.code
        )
    )
    if (holding) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        holding.status === "done"
          ? `Code "${codeLabel(row.code)}" is on receipt ${holding.id}, which is ` +
              `registered: a registered receipt cannot be changed, so the code stays. ` +
              `If the unit came back, its refund receipt lists the code.`
          : `Code "${codeLabel(row.code)}" is on receipt ${holding.id}, which is being ` +
              `sent with it; wait for its result before changing the codes.`
      )
    }
  }
  // the line's lock, as entering codes takes it: the code is read again under it
  const { row: found } = await findRow()
  const { rows, row } = await withLineLock(
    req.scope,
    found.line_item_id,
    async () => {
      const current = await findRow()
      await refuseHeldCode(current.row)
      await fiscal.softDeleteFiscalMarkCodes([current.row.id])
      return current
    }
  )
  const item = order.items.find((entry) => entry.id === row.line_item_id)
  const settings = await markingSettings(req.scope)
  const left = rows.filter((entry) => entry.id !== row.id)
  res.json({
    item: item
      ? markingItem(item, left, itemMarking(item, settings).codes_needed)
      : {
          item_id: row.line_item_id,
          title: row.line_item_id,
          variant_title: null,
          quantity: 0,
          codes: left
            .filter((entry) => entry.line_item_id === row.line_item_id)
            .map((entry) => ({
              id: entry.id,
              code: entry.code,
              created_at: entry.created_at,
            })),
          missing: 0,
        },
  } satisfies AdminFiscalMarkingItemResponse<Date>)
}
