import path from "node:path"

/** An entry of the plugin option `providers`, as medusa-config holds it. */
export type ProviderEntry = {
  resolve: string
  id?: string
  options?: Record<string, unknown>
  is_default?: boolean
}

/** The built plugin's provider folders (what `medusa-fiscal/providers/<vendor>` maps to). */
const BUILT_PROVIDERS = path.resolve(
  __dirname,
  "../../.medusa/server/src/providers"
)

/**
 * A vendor shipped with the plugin. A shop writes `medusa-fiscal/providers/<vendor>`; the
 * test app has the plugin by path rather than in node_modules (so does the `medusa exec`
 * process a test starts there), hence the path of the built folder.
 */
export function builtInProvider(
  vendor: string,
  options: Record<string, unknown> = {},
  id = vendor
): ProviderEntry {
  return { resolve: path.join(BUILT_PROVIDERS, vendor), id, options }
}

/** A provider package from outside the plugin (integration-tests/fixtures), by its path. */
export const FAKE_PROVIDER_PACKAGE = path.resolve(
  __dirname,
  "../fixtures/fake-fiscal-provider"
)
