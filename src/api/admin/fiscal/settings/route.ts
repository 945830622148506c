import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { FISCAL_MODULE } from "../../../../modules/fiscal"
import type FiscalModuleService from "../../../../modules/fiscal/service"
import { providerRegistry } from "../../../../modules/fiscal/providers/registry"
import { FieldErrors, sendFieldErrors } from "./field-errors"
import { requestOrigin } from "./request-origin"
import { saveSettings } from "./save"
import { buildSettingsView } from "./view"

/** The settings form: effective values, secrets only as `{ set }`, the callback URL to copy. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  const settings = await buildSettingsView(
    fiscal,
    providerRegistry(),
    requestOrigin(req)
  )
  res.json({ settings })
}

/** Saves the form; invalid fields answer 400 `{ message, fields, codes }`. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  try {
    await saveSettings(fiscal, providerRegistry(), req.body)
  } catch (e) {
    if (e instanceof FieldErrors) {
      return sendFieldErrors(res, e)
    }
    throw e
  }
  const settings = await buildSettingsView(
    fiscal,
    providerRegistry(),
    requestOrigin(req)
  )
  res.json({ settings })
}
