import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retryTransaction } from "../../../../../../pipeline/admin-actions"
import { requestPromptProcessing } from "../../../../../../pipeline/prompt"

/** Puts a failed, invalid or postponed receipt back in the queue now. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const transaction = await retryTransaction(req.scope, req.params.id)
  requestPromptProcessing(req.scope)
  res.json({ transaction })
}
