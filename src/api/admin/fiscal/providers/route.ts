import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { providerRegistry } from "../../../../modules/fiscal/providers/registry"

/** The cash-register services the plugin knows, with the connection form of each. */
export async function GET(
  _req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const registry = providerRegistry()
  const providers = registry.list().map(({ identifier, title }) => {
    const definition = registry.definition(identifier)
    return {
      identifier,
      title,
      configFields: definition.configFields,
      secretFields: definition.secretFields,
    }
  })
  res.json({ providers })
}
