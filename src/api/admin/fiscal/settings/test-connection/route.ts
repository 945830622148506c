import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { FISCAL_MODULE } from "../../../../../modules/fiscal"
import type FiscalModuleService from "../../../../../modules/fiscal/service"
import type { FiscalConnectionTestResponse } from "../../../../../types/http/settings"
import { FieldErrors, sendFieldErrors } from "../field-errors"
import { AdminFiscalTestConnectionBody } from "../validators"

/**
 * Tests the connection form as it is, before saving: the posted fields over the stored
 * secrets and the plugin options. Answers `{ ok, message }`; the message never carries a
 * secret, whatever the vendor or the network said.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const parsed = AdminFiscalTestConnectionBody.safeParse(req.body ?? {})
  if (!parsed.success) {
    return sendFieldErrors(
      res,
      new FieldErrors().addIssues(parsed.error.issues)
    )
  }
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  try {
    res.json(
      (await fiscal.testProviderConnection(
        parsed.data
      )) satisfies FiscalConnectionTestResponse
    )
  } catch (e) {
    if (e instanceof FieldErrors) {
      return sendFieldErrors(res, e)
    }
    throw e
  }
}
