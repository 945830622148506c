import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { sendRefundsForOrder } from "../../../../../../../pipeline/refund-actions"
import type { AdminFiscalOrderSendResponse } from "../../../../../../../types/http/receipts"

/**
 * "Send to KKM" for an order's refunds only: records the receipts its refunds are missing,
 * or puts its stuck refund receipts back in the queue. The console's
 * `medusa-fiscal refund <order_…>`.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const receipts = await sendRefundsForOrder(req.scope, req.params.id)
  res.json({ receipts } satisfies AdminFiscalOrderSendResponse<Date>)
}
