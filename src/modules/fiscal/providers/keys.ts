/**
 * Where the providers loader puts what it registers in the fiscal module's container:
 * one {@link RegisteredFiscalProvider} per id, and the list of ids (`registerAdd`).
 */

/** Container key collecting the ids of the registered providers. */
export const FISCAL_PROVIDER_IDS = "fiscal_provider_ids"

/** Container key of the provider registered under `id`. */
export function fiscalProviderKey(id: string): string {
  return `fp_${id}`
}
