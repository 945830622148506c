import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminFiscalReceiptResponse } from "../../../../../../types/http/receipts"
import { checkReceipts } from "../../../../../../pipeline/admin-actions"

/** Asks the vendor about the receipt now and answers with its state afterwards. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const [receipt] = await checkReceipts(req.scope, [req.params.id])
  res.json({ receipt } satisfies AdminFiscalReceiptResponse<Date>)
}
