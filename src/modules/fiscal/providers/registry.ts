import fs from "node:fs"
import path from "node:path"
import { createHash } from "node:crypto"
import type {
  FiscalProvider,
  FiscalProviderDefinition,
  ProviderDeps,
} from "../types/provider"

/** Where vendor folders live, relative to this file (the same in src/ and in the build). */
const PROVIDERS_DIR = path.resolve(__dirname, "../../../providers")

function isDefinition(value: unknown): value is FiscalProviderDefinition {
  const v = value as Partial<FiscalProviderDefinition> | undefined
  return (
    !!v &&
    typeof v.identifier === "string" &&
    typeof v.parseConfig === "function" &&
    typeof v.create === "function"
  )
}

/**
 * Knows every cash-register service the plugin can talk to. Vendor folders under
 * `src/providers/` are discovered by their default export, so a new vendor needs no
 * change here; connections are cached per identical configuration, so a token cached by a
 * provider instance survives between jobs.
 */
export class FiscalProviderRegistry {
  private readonly definitions = new Map<string, FiscalProviderDefinition>()
  private readonly instances = new Map<string, FiscalProvider>()

  constructor(definitions: FiscalProviderDefinition[] = []) {
    for (const d of definitions) {
      this.register(d)
    }
  }

  /** Loads every vendor folder that exports a provider definition. */
  static discover(dir = PROVIDERS_DIR): FiscalProviderRegistry {
    const registry = new FiscalProviderRegistry()
    const entries = fs.existsSync(dir)
      ? fs.readdirSync(dir, { withFileTypes: true })
      : []
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith("_")) {
        continue
      }
      const folder = path.join(dir, entry.name)
      const hasIndex = ["index.js", "index.ts"].some((f) =>
        fs.existsSync(path.join(folder, f))
      )
      if (!hasIndex) {
        continue
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(folder) as { default?: unknown }
      if (isDefinition(mod.default)) {
        registry.register(mod.default)
      }
    }
    return registry
  }

  register(definition: FiscalProviderDefinition): void {
    this.definitions.set(definition.identifier, definition)
  }

  /** Identifiers and names of the known providers. */
  list(): {
    identifier: string
    title: string
    secretFields: readonly string[]
  }[] {
    return [...this.definitions.values()].map((d) => ({
      identifier: d.identifier,
      title: d.title,
      secretFields: d.secretFields,
    }))
  }

  has(identifier: string): boolean {
    return this.definitions.has(identifier)
  }

  /** The definition of a provider; throws a message listing the known ones. */
  definition(identifier: string): FiscalProviderDefinition {
    const d = this.definitions.get(identifier)
    if (!d) {
      const known = [...this.definitions.keys()].join(", ") || "none"
      throw new Error(
        `Unknown fiscal provider "${identifier}". Known providers: ${known}.`
      )
    }
    return d
  }

  /**
   * A connection for this configuration. Throws the provider's validation error (naming
   * the field, never its value) when the configuration is incomplete.
   */
  connect(
    identifier: string,
    rawConfig: Record<string, unknown>,
    deps?: ProviderDeps
  ): FiscalProvider {
    const definition = this.definition(identifier)
    const config = definition.parseConfig(rawConfig)
    const key = `${identifier}:${createHash("sha256")
      .update(JSON.stringify(config))
      .digest("hex")}`
    let instance = this.instances.get(key)
    if (!instance) {
      instance = definition.create(config, deps)
      this.instances.set(key, instance)
    }
    return instance
  }
}

let shared: FiscalProviderRegistry | undefined

/** The process-wide registry of the built-in and discovered providers. */
export function providerRegistry(): FiscalProviderRegistry {
  shared ??= FiscalProviderRegistry.discover()
  return shared
}
