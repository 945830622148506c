import { createHash } from "node:crypto"
import type {
  FiscalProvider,
  FiscalProviderClass,
  PreparedConnection,
  ProviderCallContext,
  ProviderConfigField,
  ProviderDeps,
} from "../types/provider"

/** What the admin's provider list shows of a registered provider. Holds no secret. */
export type FiscalProviderDescription = {
  /** The connection id: `fiscal_receipt.provider_id` and the callback URL's segment. */
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

/**
 * One entry of the plugin option `providers` after loading: the provider's class, the id
 * it was registered under and the entry's options. Connections are built from it and
 * cached per identical configuration, so state a connection keeps (an access token) lives
 * as long as the configuration does.
 */
export class RegisteredFiscalProvider {
  readonly id: string
  readonly service: FiscalProviderClass
  /** The entry's `options`: the base of this connection's settings. Holds secrets. */
  readonly options: Readonly<Record<string, unknown>>
  /** The entry said `is_default: true`. */
  readonly isDefault: boolean
  /** Secret fields: listed in `secretFields` or marked `secret` in the form. */
  readonly secretNames: ReadonlySet<string>
  /** Fields that decide where requests go: a saved secret is sent only with their saved values. */
  readonly endpointNames: readonly string[]

  private readonly deps_: ProviderDeps
  private readonly connections_ = new Map<string, FiscalProvider>()

  constructor(init: {
    id: string
    service: FiscalProviderClass
    options?: Record<string, unknown>
    isDefault?: boolean
    deps?: ProviderDeps
  }) {
    this.id = init.id
    this.service = init.service
    this.options = init.options ?? {}
    this.isDefault = init.isDefault ?? false
    this.deps_ = init.deps ?? {}
    this.secretNames = new Set([
      ...init.service.secretFields,
      ...init.service.configFields
        .filter((field) => field.secret)
        .map((field) => field.name),
    ])
    this.endpointNames = [...(init.service.endpointFields ?? ["base_url"])]
  }

  get identifier(): string {
    return this.service.identifier
  }

  get title(): string {
    return this.service.title
  }

  describe(): FiscalProviderDescription {
    return {
      id: this.id,
      identifier: this.identifier,
      title: this.title,
      configFields: this.service.configFields,
      secretFields: [...this.secretNames],
    }
  }

  /** The form's default of a field, which a blank value stands for. */
  fieldDefault(name: string): unknown {
    return this.service.configFields.find((field) => field.name === name)
      ?.default
  }

  /** Validates settings with the provider's rules; throws its (zod) error naming the field. */
  parseConfig(settings: Record<string, unknown>): unknown {
    return this.service.parseConfig(settings)
  }

  /** The connection for these settings, shared by every caller with identical ones. */
  connect(settings: Record<string, unknown>): FiscalProvider {
    const config = this.parseConfig(settings)
    const key = createHash("sha256")
      .update(JSON.stringify(config) ?? "")
      .digest("hex")
    let connection = this.connections_.get(key)
    if (!connection) {
      connection = this.create(config)
      this.connections_.set(key, connection)
    }
    return connection
  }

  /** A connection of its own for validated settings (a test of a form nobody saved yet). */
  create(config: unknown): FiscalProvider {
    return new this.service(this.deps_, config)
  }

  /** The provider's one-time step when a connection is saved; null when it has none. */
  async prepareConnection(
    config: unknown,
    ctx?: ProviderCallContext
  ): Promise<PreparedConnection> {
    return this.service.prepareConnection
      ? this.service.prepareConnection(config, ctx)
      : null
  }
}
