import type { z } from "@medusajs/framework/zod"
import {
  AuthError,
  ConfigError,
  RetryableError,
  isFiscalProviderError,
} from "../../modules/fiscal/errors"
import { checkProviderOptions } from "../../modules/fiscal/providers/options-check"
import type {
  CheckRequest,
  FiscalProvider,
  FiscalProviderClass,
  ProviderCallContext,
  ProviderCapabilities,
  ProviderConfigField,
  ProviderDeps,
  RegisterOutcome,
  RegisterRequest,
  StatusOutcome,
} from "../../modules/fiscal/types/provider"
import { scrubText, scrubbingContext } from "./scrub"
import { cleanMessage } from "./vendor-text"

/** The static side every provider class has (see `FiscalProviderClass`). */
type ProviderStatics = {
  identifier: string
  title: string
  configSchema?: z.ZodType
  secretFields: readonly string[]
  configFields: readonly ProviderConfigField[]
}

/** The settings a class's `configSchema` produces. */
export type ConfigOf<C> = C extends { configSchema: infer S extends z.ZodType }
  ? z.output<S>
  : Record<string, unknown>

/** A connection test's answer. */
export type ConnectionTestResult = { ok: boolean; message: string }

/**
 * The base of a cash-register service provider. A subclass states what it is in statics
 * (`identifier`, `title`, `configSchema`, `secretFields`, `configFields`, optionally
 * `endpointFields`, `accountKey` and `prepareConnection`) and implements `registerDocument`,
 * `checkDocument` and `probeConnection`; the base gives it the module's constructor
 * `(deps, options)`, settings validation (also at boot, through Medusa's
 * `validateOptions`), and keeps every configured secret out of what leaves the provider:
 * error messages, connection-test messages and the exchanges reported for the audit log.
 *
 * Export it from a package as `ModuleProvider("fiscal", { services: [YourProvider] })` and
 * list that package in the plugin option `providers`.
 */
export abstract class AbstractFiscalProvider<
  TConfig extends object = Record<string, unknown>,
> implements FiscalProvider {
  /** The vendor type, e.g. `atol`: the default id of an entry. Required. */
  static identifier: string
  /** Human name for the admin, e.g. "ATOL Online". Required. */
  static title: string
  /** Validates and defaults the connection settings; `parseConfig` runs it. */
  static configSchema?: z.ZodType
  /** Config fields that are secrets: stored encrypted, never returned or logged. */
  static secretFields: readonly string[] = []
  /** The connection form of the admin, in display order. */
  static configFields: readonly ProviderConfigField[] = []
  /**
   * Config fields that decide where requests go. A secret saved for one value of them is
   * never sent with another: the admin types it again when one changes.
   */
  static endpointFields: readonly string[] = ["base_url"]

  /** Validates settings with `configSchema`; throws a zod error naming the field. */
  static parseConfig<C extends ProviderStatics>(
    this: C,
    input: unknown
  ): ConfigOf<C> {
    const settings = input ?? {}
    return (
      this.configSchema ? this.configSchema.parse(settings) : { ...settings }
    ) as ConfigOf<C>
  }

  /**
   * Medusa's provider loader calls this at boot with the entry's `options`. Wrong types and
   * unknown fields stop the boot, naming the field (never the value); required fields may
   * be missing, since the admin can fill them in later.
   */
  static validateOptions(this: FiscalProviderClass, options: unknown): void {
    const { problems } = checkProviderOptions(this, options)
    if (problems.length) {
      throw new Error(
        `invalid options of the ${this.title} provider:\n${problems
          .map((p) => `  - ${p}`)
          .join("\n")}`
      )
    }
  }

  abstract readonly capabilities: ProviderCapabilities
  /** Validated connection settings. Hold secrets: never put them in a message. */
  protected readonly options_: TConfig
  protected readonly deps_: ProviderDeps

  /**
   * @param deps - What the module gives every provider (a logger); never the database.
   * @param options - Connection settings, already validated by `parseConfig`.
   */
  constructor(deps: ProviderDeps | undefined, options: TConfig) {
    this.deps_ = deps ?? {}
    this.options_ = options
  }

  /** The vendor type, from the class. */
  get identifier(): string {
    return this.statics_.identifier
  }

  /** Registers a document; a failure's message never carries a configured secret. */
  async register(
    req: RegisterRequest,
    ctx?: ProviderCallContext
  ): Promise<RegisterOutcome> {
    return this.scrubbingErrors_(() =>
      this.registerDocument(req, this.scrubbing_(ctx))
    )
  }

  /** Asks for a document's state; a failure's message never carries a configured secret. */
  async check(
    req: CheckRequest,
    ctx?: ProviderCallContext
  ): Promise<StatusOutcome> {
    return this.scrubbingErrors_(() =>
      this.checkDocument(req, this.scrubbing_(ctx))
    )
  }

  /**
   * Reads a vendor callback; the default: nothing posted to this provider is a notice. A
   * subclass whose vendor posts results overrides it.
   */
  async parseCallback(_req: {
    headers: Record<string, string | string[] | undefined>
    rawBody: Buffer
    url?: string
  }): Promise<{ vendorDocumentId?: string; externalId?: string } | null> {
    return null
  }

  /**
   * Tests credentials and reachability. Never throws: a failure is `{ ok: false }` with
   * {@link explainError}'s reading of it; no secret reaches the message either way, and the
   * message is one bounded line (a vendor's text in it is quoted with `vendorText`).
   */
  async testConnection(
    ctx?: ProviderCallContext
  ): Promise<ConnectionTestResult> {
    try {
      const result = await this.probeConnection(this.scrubbing_(ctx))
      return {
        ok: result.ok,
        message: cleanMessage(this.scrub(result.message)),
      }
    } catch (error) {
      return {
        ok: false,
        message: cleanMessage(this.scrub(this.explainError(error))),
      }
    }
  }

  /** Registers a document at the vendor; throws a `FiscalProviderError` subclass on failure. */
  protected abstract registerDocument(
    req: RegisterRequest,
    ctx?: ProviderCallContext
  ): Promise<RegisterOutcome>

  /** Asks the vendor for a document's state. */
  protected abstract checkDocument(
    req: CheckRequest,
    ctx?: ProviderCallContext
  ): Promise<StatusOutcome>

  /** Proves the connection works; may throw, {@link explainError} words the failure. */
  protected abstract probeConnection(
    ctx?: ProviderCallContext
  ): Promise<ConnectionTestResult>

  /** The service's name in messages for a shop owner; the class's `title` by default. */
  protected get vendorName(): string {
    return this.statics_.title
  }

  /** Where the connection goes (an API base), for messages; unknown by default. */
  protected get serviceUrl(): string | undefined {
    return undefined
  }

  /** The settings that choose {@link serviceUrl}, named in advice about an unreachable service. */
  protected get urlSettings(): string {
    return "host/base_url"
  }

  /**
   * A shop owner's reading of a failed connection test. The default covers what every
   * vendor shares: an unexpected error, an unreachable service, refused credentials or
   * settings (their own message), anything else; a subclass adds its vendor's codes first
   * and falls back on this.
   */
  protected explainError(error: unknown): string {
    if (!isFiscalProviderError(error)) {
      return `${this.vendorName} connection test failed: ${String((error as Error)?.message ?? error)}`
    }
    if (error instanceof RetryableError && error.httpStatus === undefined) {
      const where = this.serviceUrl ? ` at ${this.serviceUrl}` : ""
      return `${this.vendorName} is unreachable${where}: ${error.code ?? "network error"}. Check ${this.urlSettings} and the network.`
    }
    if (error instanceof ConfigError || error instanceof AuthError) {
      return error.message
    }
    return `${this.vendorName} connection test failed: ${error.message}`
  }

  /**
   * The secret values of this connection: the settings named in `secretFields` (or marked
   * secret in the form). A subclass adds secrets it obtains at run time.
   */
  protected secretValues(): string[] {
    const statics = this.statics_
    const names = new Set([
      ...statics.secretFields,
      ...statics.configFields.filter((f) => f.secret).map((f) => f.name),
    ])
    const options = this.options_ as Record<string, unknown>
    return [...names]
      .map((name) => options[name])
      .filter((v): v is string => typeof v === "string" && v !== "")
  }

  /** `text` with every secret of this connection replaced by `***`. */
  protected scrub(text: string): string {
    return scrubText(text, this.secretValues())
  }

  private get statics_(): ProviderStatics {
    return this.constructor as unknown as ProviderStatics
  }

  private scrubbing_(ctx?: ProviderCallContext) {
    return scrubbingContext(ctx, () => this.secretValues())
  }

  private async scrubbingErrors_<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      if (error instanceof Error) {
        error.message = this.scrub(error.message)
      }
      throw error
    }
  }
}
