import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { sendForRefund } from "../../../../../../pipeline/refund-actions"
import type { AdminFiscalReceiptResponse } from "../../../../../../types/http/receipts"

/**
 * "Send to KKM" for one Medusa refund (`ref_…`): records its receipt when it has none, or
 * puts it back in the queue. The console's `medusa-fiscal refund <ref_…>`.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const receipt = await sendForRefund(req.scope, req.params.id)
  res.json({ receipt } satisfies AdminFiscalReceiptResponse<Date>)
}
