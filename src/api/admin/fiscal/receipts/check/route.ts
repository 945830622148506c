import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminFiscalBulkCheckResponse } from "../../../../../types/http/receipts"
import { checkReceipts } from "../../../../../pipeline/admin-actions"
import { AdminFiscalIdsBody, parseBody } from "../../helpers"

/** Checks many receipts now; rows that are not waiting are returned unchanged. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const { ids } = parseBody(AdminFiscalIdsBody, req.body)
  const receipts = await checkReceipts(req.scope, ids)
  res.json({ receipts } satisfies AdminFiscalBulkCheckResponse<Date>)
}
