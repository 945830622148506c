import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminFiscalReceiptResponse } from "../../../../../../types/http/receipts"
import { resellReceipt } from "../../../../../../pipeline/admin-actions"

/** Re-issues a registered sale receipt: a refund of it, then a new sale. Answers with the refund step. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const receipt = await resellReceipt(req.scope, req.params.id)
  res.json({ receipt } satisfies AdminFiscalReceiptResponse<Date>)
}
