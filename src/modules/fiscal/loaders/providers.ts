import { asValue } from "@medusajs/framework/awilix"
import { moduleProviderLoader } from "@medusajs/framework/modules-sdk"
import type {
  LoaderOptions,
  Logger,
  MedusaContainer,
  ModuleProvider,
} from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseFiscalOptions } from "../options"
import { BUILT_IN_PROVIDERS } from "../providers/built-in"
import { FISCAL_PROVIDER_IDS, fiscalProviderKey } from "../providers/keys"
import { checkProviderOptions } from "../providers/options-check"
import { RegisteredFiscalProvider } from "../providers/registered-provider"
import { RegisteredFiscalProviders } from "../providers/registered-providers"
import type { FiscalProviderClass } from "../types/provider"

/** Statics the module reads from a provider class, beyond Medusa's `identifier`. */
const REQUIRED_STATICS = [
  ["title", "string"],
  ["parseConfig", "function"],
  ["secretFields", "object"],
  ["configFields", "object"],
] as const

const URL_SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

function assertProviderClass(service: unknown): FiscalProviderClass {
  if (typeof service !== "function") {
    throw new Error("its `services` entry is not a class")
  }
  const klass = service as unknown as Record<string, unknown>
  const name = service.name || "its class"
  if (typeof klass.identifier !== "string" || !klass.identifier) {
    throw new Error(`${name} has no static \`identifier\``)
  }
  const lacking = REQUIRED_STATICS.filter(
    ([key, type]) => typeof klass[key] !== type
  ).map(([key]) => `\`${key}\``)
  if (lacking.length) {
    throw new Error(
      `${name} is not a fiscal provider: it lacks the static ${lacking.join(", ")} (extend AbstractFiscalProvider from medusa-fiscal/providers/kit)`
    )
  }
  return service as unknown as FiscalProviderClass
}

/** How an entry is named in a boot error: its id, else its package path. */
function describeEntry(entry: ModuleProvider, index: number): string {
  const what =
    entry.id !== undefined
      ? `id "${entry.id}"`
      : typeof entry.resolve === "string"
        ? `"${entry.resolve}"`
        : "a ModuleProvider export"
  return `providers[${index}] (${what})`
}

/**
 * Registers the cash-register services of the option `providers` in the module's
 * container, the way Medusa's notification and payment modules take theirs: each entry
 * goes through `moduleProviderLoader` (which loads the package and calls the class's
 * `validateOptions`), and is stored under its id with its options. Without the option,
 * the built-in vendors are registered the same way. Stops the boot with a message naming
 * the entry when a provider cannot be registered or the default names none of them.
 */
export default async function providersLoader({
  container,
  options,
  logger,
}: LoaderOptions): Promise<void> {
  const parsed = parseFiscalOptions(options)
  const log: Logger =
    logger ?? container.resolve(ContainerRegistrationKeys.LOGGER)
  const configured = parsed.providers !== undefined
  const entries: readonly ModuleProvider[] =
    parsed.providers ?? BUILT_IN_PROVIDERS

  for (const [index, entry] of entries.entries()) {
    try {
      await moduleProviderLoader({
        container,
        providers: [entry],
        registerServiceFn: async (service, target, details) =>
          register(target, service, {
            id: (details as { id?: string }).id,
            options: (details as { options?: Record<string, unknown> }).options,
            isDefault: entry.is_default === true,
            logger: log,
            warnMissing: configured,
          }),
      })
    } catch (e) {
      throw new Error(
        `medusa-fiscal: ${describeEntry(entry, index)}: ${(e as Error).message}`
      )
    }
  }

  const registered = new RegisteredFiscalProviders(
    container.cradle as Record<string, unknown>,
    parsed.provider
  )
  const ids = registered.ids()
  const named = registered.defaultId()
  if (named !== undefined && !registered.has(named)) {
    throw new Error(
      `medusa-fiscal: the option \`provider\` is "${named}", but no provider has that id; registered: ${ids.join(", ") || "none"}. Add an entry with \`id: "${named}"\` to \`providers\` or choose one of these.`
    )
  }
  const marked = registered.list().filter((p) => p.isDefault)
  if (parsed.provider !== undefined && marked.some((p) => p.id !== named)) {
    throw new Error(
      `medusa-fiscal: the option \`provider\` is "${named}" but the entry with \`is_default: true\` is "${marked[0].id}"; keep one of them.`
    )
  }
}

/** Stores one provider class under its id and adds the id to the module's list. */
function register(
  container: MedusaContainer,
  service: unknown,
  entry: {
    id?: string
    options?: Record<string, unknown>
    isDefault: boolean
    logger: Logger
    warnMissing: boolean
  }
): void {
  const klass = assertProviderClass(service)
  const id = entry.id ?? klass.identifier
  if (!URL_SAFE_ID.test(id)) {
    throw new Error(
      `the id "${id}" is not usable in a callback URL; set an \`id\` of letters, digits, \`_\` or \`-\``
    )
  }
  const key = fiscalProviderKey(id)
  if (container.hasRegistration(key)) {
    throw new Error(
      `another entry already has the id "${id}"; give each entry of \`providers\` its own \`id\``
    )
  }
  const options = entry.options ?? {}
  container.register(
    key,
    asValue(
      new RegisteredFiscalProvider({
        id,
        service: klass,
        options,
        isDefault: entry.isDefault,
        deps: { logger: entry.logger },
      })
    )
  )
  container.registerAdd(FISCAL_PROVIDER_IDS, asValue(id))
  if (entry.warnMissing) {
    const { missing } = checkProviderOptions(klass, options)
    if (missing.length) {
      entry.logger.warn(
        `medusa-fiscal: the "${id}" provider has no ${missing.join(", ")} yet; receipts cannot go through it until they are set in the options or in Settings → Fiscalization.`
      )
    }
  }
}
