import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type FiscalModuleService from "../../../../../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../../../../../modules/fiscal/types/receipt"
import type { AdminFiscalReceiptDetailResponse } from "../../../../../types/http/receipts"

/** One receipt with its exchanges with the vendor, oldest first. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = req.scope.resolve<FiscalModuleService>("fiscal")
  const receipt = await fiscal.getReceipt(req.params.id)
  const attempts = await fiscal.listFiscalAttempts(
    { receipt_id: receipt.id },
    { order: { created_at: "ASC" }, take: 500 }
  )
  const children = (await fiscal.listFiscalReceipts({
    parent_id: receipt.id,
  })) as unknown as FiscalReceiptDTO[]
  res.json({
    receipt,
    attempts,
    children,
  } satisfies AdminFiscalReceiptDetailResponse<Date>)
}
