import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type FiscalModuleService from "../../../../../../modules/fiscal/service"
import { resellReceipt } from "../../../../../../pipeline/admin-actions"
import type { AdminFiscalReceiptResponse } from "../../../../../../types/http/receipts"

/** "Resell" on an order: re-issues its current registered sale receipt. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = req.scope.resolve<FiscalModuleService>("fiscal")
  const sales = await fiscal.listFiscalReceipts(
    { order_id: req.params.id, type: "sell", status: "done" },
    { order: { created_at: "DESC" } }
  )
  if (!sales.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Order ${req.params.id} has no registered sale receipt to re-issue.`
    )
  }
  const receipt = await resellReceipt(req.scope, sales[0].id)
  res.json({ receipt } satisfies AdminFiscalReceiptResponse<Date>)
}
