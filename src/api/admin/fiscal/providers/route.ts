import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { FISCAL_MODULE } from "../../../../modules/fiscal"
import type FiscalModuleService from "../../../../modules/fiscal/service"
import type { AdminFiscalProviderListResponse } from "../../../../types/http/providers"

/** The cash-register services registered in the fiscal module, with their connection forms. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  res.json({
    providers: fiscal.listProviders(),
  } satisfies AdminFiscalProviderListResponse)
}
