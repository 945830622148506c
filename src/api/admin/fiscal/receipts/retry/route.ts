import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminFiscalBulkRetryResponse } from "../../../../../types/http/receipts"
import { retryReceipt } from "../../../../../pipeline/admin-actions"
import { requestPromptProcessing } from "../../../../../pipeline/prompt"
import { AdminFiscalIdsBody, parseBody } from "../../helpers"

/** Retries many receipts; each answers for itself, so one illegal row does not stop the rest. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const { ids } = parseBody(AdminFiscalIdsBody, req.body)
  const results: AdminFiscalBulkRetryResponse<Date>["results"] = []
  for (const id of ids) {
    try {
      results.push({ id, receipt: await retryReceipt(req.scope, id) })
    } catch (e) {
      results.push({ id, error: (e as Error).message })
    }
  }
  requestPromptProcessing(req.scope)
  res.json({ results } satisfies AdminFiscalBulkRetryResponse<Date>)
}
