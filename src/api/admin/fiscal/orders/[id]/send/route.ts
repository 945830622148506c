import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { sendForOrder } from "../../../../../../pipeline/admin-actions"
import type { AdminFiscalOrderSendResponse } from "../../../../../../types/http/receipts"

/**
 * "Send to KKM": creates the receipts the order is missing (a capture or refund without
 * one), or else retries its failed and invalid ones.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const receipts = await sendForOrder(req.scope, req.params.id)
  res.json({ receipts } satisfies AdminFiscalOrderSendResponse<Date>)
}
