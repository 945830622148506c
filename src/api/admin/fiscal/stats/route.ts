import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { FISCAL_MODULE } from "../../../../modules/fiscal"
import type FiscalModuleService from "../../../../modules/fiscal/service"
import type { AdminFiscalStatsResponse } from "../../../../types/http/stats"
import { RECEIPT_STATUSES, type ReceiptStatus } from "../../../../types/lists"

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
    ...RECEIPT_STATUSES.map((status) => countOf({ status })),
  ])
  // one entry per status of the list, so the record is complete
  const by_status = Object.fromEntries(
    RECEIPT_STATUSES.map((s, i) => [s, perStatus[i]])
  ) as Record<ReceiptStatus, number>
  res.json({
    by_status,
    needs_attention: needsAttention,
    total: perStatus.reduce((a, b) => a + b, 0),
  } satisfies AdminFiscalStatsResponse)
}
