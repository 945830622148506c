import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type FiscalModuleService from "../../../../../modules/fiscal/service"

/** One receipt with its exchanges with the vendor, oldest first. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = req.scope.resolve<FiscalModuleService>("fiscal")
  const transaction = await fiscal.getTransaction(req.params.id)
  const attempts = await fiscal.listFiscalAttempts(
    { transaction_id: transaction.id },
    { order: { created_at: "ASC" }, take: 500 }
  )
  const children = await fiscal.listFiscalTransactions({
    parent_id: transaction.id,
  })
  res.json({ transaction, attempts, children })
}
