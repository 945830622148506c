import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { FISCAL_MODULE } from "../../../../modules/fiscal"
import type FiscalModuleService from "../../../../modules/fiscal/service"
import type { ReceiptStatus } from "../../../../modules/fiscal/types/receipt"

const STATUSES: ReceiptStatus[] = [
  "pending",
  "sending",
  "wait",
  "done",
  "unknown",
  "failed",
  "invalid",
  "canceled",
]

/** Receipts per status and how many need a person, for the top of the receipts list. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  const countOf = async (filters: Record<string, unknown>) =>
    (
      await fiscal.listAndCountFiscalReceipts(filters, {
        take: 1,
        select: ["id"],
      })
    )[1]
  const [needsAttention, ...perStatus] = await Promise.all([
    countOf({ needs_attention: true }),
    ...STATUSES.map((status) => countOf({ status })),
  ])
  const by_status = Object.fromEntries(
    STATUSES.map((s, i) => [s, perStatus[i]])
  )
  res.json({
    by_status,
    needs_attention: needsAttention,
    total: perStatus.reduce((a, b) => a + b, 0),
  })
}
