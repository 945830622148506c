import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { sendForOrder } from "../../../../../../pipeline/admin-actions"
import type { AdminFiscalReceiptResponse } from "../../../../../../types/http/receipts"

/** "Send to KKM": creates the order's missing sale receipt or retries the existing one. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const receipt = await sendForOrder(req.scope, req.params.id)
  res.json({ receipt } satisfies AdminFiscalReceiptResponse<Date>)
}
