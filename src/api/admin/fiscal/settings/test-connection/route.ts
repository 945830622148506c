import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { FISCAL_MODULE } from "../../../../../modules/fiscal"
import type FiscalModuleService from "../../../../../modules/fiscal/service"
import { providerRegistry } from "../../../../../modules/fiscal/providers/registry"
import { FieldErrors, scrubSecrets, sendFieldErrors } from "../field-errors"
import {
  loadStoredSecrets,
  mergeProviderConfig,
  parseProviderConfig,
  secretNamesOf,
  splitConfig,
} from "../provider-config"
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
  const { provider_id, provider_config } = parsed.data
  const registry = providerRegistry()
  if (!registry.has(provider_id)) {
    return sendFieldErrors(
      res,
      new FieldErrors().add(
        "provider_id",
        "is not a known provider",
        "unknown_provider"
      )
    )
  }
  const fiscal = req.scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  const definition = registry.definition(provider_id)
  let storedSecrets: Record<string, unknown>
  try {
    storedSecrets = await loadStoredSecrets(
      fiscal,
      await fiscal.getSettingsRow(),
      definition
    )
  } catch (e) {
    if (e instanceof FieldErrors) {
      return sendFieldErrors(res, e)
    }
    throw e
  }
  const { plain, secrets } = splitConfig(definition, provider_config)
  const merged = mergeProviderConfig({
    fromOptions: fiscal.getOptions().connections[provider_id],
    plain,
    storedSecrets,
    newSecrets: secrets,
  })
  const secretValues = [...secretNamesOf(definition)].map(
    (name) => merged[name]
  )
  const result = parseProviderConfig(definition, merged)
  if ("errors" in result) {
    return sendFieldErrors(res, result.errors.scrub(secretValues))
  }
  let outcome: { ok: boolean; message: string }
  try {
    // a fresh connection, not the registry's cached one: this tests the form as typed
    outcome = await definition.create(result.config).testConnection()
  } catch (e) {
    outcome = {
      ok: false,
      message: `Connection test failed: ${(e as Error).message}`,
    }
  }
  res.json({
    ok: outcome.ok,
    message: scrubSecrets(outcome.message, secretValues),
  })
}
