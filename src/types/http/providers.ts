import type { ProviderConfigField } from "../../modules/fiscal/types/provider"

export type {
  LocalizedText,
  ProviderConfigField,
} from "../../modules/fiscal/types/provider"

/** A cash-register service the plugin knows, with the connection form the admin builds. */
export type AdminFiscalProvider = {
  /**
   * The connection's id: stored in `fiscal_receipt.provider_id` and settings'
   * `provider_id`, the key of `connections` in the settings view, the callback URL's
   * segment. Equals `identifier` unless the `providers` entry set another `id`.
   */
  id: string
  /** The vendor type, e.g. `atol`. */
  identifier: string
  /** Human name, e.g. "ATOL Online". */
  title: string
  /** The connection form, in display order. */
  configFields: readonly ProviderConfigField[]
  /** Config fields that are secrets: write-only in the form. */
  secretFields: readonly string[]
}

/** What `GET /admin/fiscal/providers` answers. */
export type AdminFiscalProviderListResponse = {
  providers: AdminFiscalProvider[]
}
