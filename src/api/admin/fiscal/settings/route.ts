import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { FISCAL_MODULE } from "../../../../modules/fiscal"
import type FiscalModuleService from "../../../../modules/fiscal/service"
import type { AdminFiscalSettingsResponse } from "../../../../types/http/settings"
import { FieldErrors, sendFieldErrors } from "./field-errors"
import { requestOrigin } from "./request-origin"
import { AdminFiscalSettingsBody } from "./validators"

/** The settings form: effective values, secrets only as `{ set }`, the callback URL to copy. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  res.json({
    settings: await fiscal.getSettingsView(requestOrigin(req)),
  } satisfies AdminFiscalSettingsResponse)
}

/** Saves the form; invalid fields answer 400 `{ message, fields, codes }`. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const parsed = AdminFiscalSettingsBody.safeParse(req.body ?? {})
  if (!parsed.success) {
    return sendFieldErrors(
      res,
      new FieldErrors().addIssues(parsed.error.issues)
    )
  }
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  try {
    await fiscal.saveSettings(parsed.data)
  } catch (e) {
    if (e instanceof FieldErrors) {
      return sendFieldErrors(res, e)
    }
    throw e
  }
  res.json({
    settings: await fiscal.getSettingsView(requestOrigin(req)),
  } satisfies AdminFiscalSettingsResponse)
}
