import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminFiscalReceiptResponse } from "../../../../../../types/http/receipts"
import { retryReceipt } from "../../../../../../pipeline/admin-actions"
import { requestPromptProcessing } from "../../../../../../pipeline/prompt"

/** Puts a failed, invalid or postponed receipt back in the queue now. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const receipt = await retryReceipt(req.scope, req.params.id)
  requestPromptProcessing(req.scope)
  res.json({ receipt } satisfies AdminFiscalReceiptResponse<Date>)
}
