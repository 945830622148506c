import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type FiscalModuleService from "../../../../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../../../../modules/fiscal/types/receipt"
import type { AdminFiscalReceiptListResponse } from "../../../../types/http/receipts"
import { FISCAL_MODULE } from "../../../../modules/fiscal"
import type { ReceiptBasis } from "../../../../lib/receipt/types"
import { parseBody } from "../helpers"
import { AdminListFiscalReceipts } from "./validators"

/**
 * Lists receipts, newest first, with filters for the receipts list and the order widget.
 * Rows leave out the receipt document and the wire exchange; the detail route has them.
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const q = parseBody(AdminListFiscalReceipts, req.query)
  const filters: Record<string, unknown> = {}
  if (q.status) filters.status = q.status
  if (q.type) filters.type = q.type
  if (q.order_id) filters.order_id = q.order_id
  if (q.vendor_document_id) filters.vendor_document_id = q.vendor_document_id
  if (q.external_id) filters.external_id = q.external_id
  if (q.needs_attention !== undefined)
    filters.needs_attention = q.needs_attention
  if (q.created_after || q.created_before) {
    filters.created_at = {
      ...(q.created_after ? { $gte: q.created_after } : {}),
      ...(q.created_before ? { $lte: q.created_before } : {}),
    }
  }
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  const [receipts, count] = await fiscal.listAndCountFiscalReceipts(filters, {
    skip: q.offset,
    take: q.limit,
    order: { created_at: "DESC" },
  })
  // the frozen receipt and the last wire exchange (with the buyer's contact) belong to
  // the detail view, GET /admin/fiscal/receipts/:id, not to every row of a list; what the
  // receipt is for (its basis) holds no contact and labels the row
  const rows = (receipts as unknown as FiscalReceiptDTO[]).map(
    ({ document, request: _q, response: _r, ...row }) => ({
      ...row,
      basis: (document as { basis?: ReceiptBasis } | null)?.basis ?? null,
    })
  )
  res.json({
    receipts: rows,
    count,
    offset: q.offset,
    limit: q.limit,
  } satisfies AdminFiscalReceiptListResponse<Date>)
}
