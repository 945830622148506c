import { ProviderSetupError } from "../errors"
import type { EffectiveFiscalSettings } from "../settings/effective-settings"
import type { FiscalProvider } from "../types/provider"
import { configIssuesOf, describeConfigIssues } from "./config-issues"
import { FISCAL_PROVIDER_IDS, fiscalProviderKey } from "./keys"
import type { RegisteredFiscalProvider } from "./registered-provider"

/** Reads one registration from the module's container (awilix cradle). */
type Cradle = Record<string, unknown>

/**
 * The providers the loader registered in the fiscal module's container, in the order of the
 * option `providers`. Read-only: registration happens once, at boot.
 */
export class RegisteredFiscalProviders {
  private ids_?: string[]

  constructor(
    private readonly cradle_: Cradle,
    /** The option `provider`, if set. */
    private readonly defaultOption_?: string
  ) {}

  /** Registered ids, in registration order. */
  ids(): string[] {
    if (!this.ids_) {
      let ids: string[] = []
      try {
        // registerAdd prepends: the last registered comes first
        ids = [...(this.cradle_[FISCAL_PROVIDER_IDS] as string[])].reverse()
      } catch {
        // nothing registered (an empty `providers` list)
      }
      this.ids_ = ids
    }
    return this.ids_
  }

  has(id: string): boolean {
    return this.ids().includes(id)
  }

  list(): RegisteredFiscalProvider[] {
    return this.ids().map((id) => this.get(id))
  }

  /** The provider registered under `id`; throws {@link ProviderSetupError} when none is. */
  get(id: string): RegisteredFiscalProvider {
    if (!this.has(id)) {
      throw new ProviderSetupError(
        id,
        "not_installed",
        `The fiscal provider "${id}" is not installed (registered: ${this.ids().join(", ") || "none"}). Choose a provider in Settings → Fiscalization.`
      )
    }
    return this.cradle_[fiscalProviderKey(id)] as RegisteredFiscalProvider
  }

  /** Id of the provider new receipts go to by configuration: `provider`, else `is_default`. */
  defaultId(): string | undefined {
    return this.defaultOption_ ?? this.list().find((p) => p.isDefault)?.id
  }

  /**
   * The connection a receipt of provider `id` is sent through. The shop's current provider
   * runs with the effective settings (options ← admin ← stored credentials); any other
   * registered provider (older receipts) with its entry's options. Throws
   * {@link ProviderSetupError} with a message for the admin.
   */
  connect(
    id: string,
    settings: Pick<EffectiveFiscalSettings, "provider_id" | "provider_config">
  ): FiscalProvider {
    const provider = this.get(id)
    const config =
      id === settings.provider_id ? settings.provider_config : provider.options
    try {
      return provider.connect({ ...config })
    } catch (e) {
      const issues = configIssuesOf(e)
      const detail = issues
        ? describeConfigIssues(issues)
        : (e as Error).message
      throw new ProviderSetupError(
        id,
        "invalid_config",
        `The ${id} connection is not configured correctly (${detail}). Fix it in Settings → Fiscalization.`
      )
    }
  }
}
