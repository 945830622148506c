import { startHttpEmulator } from "../_shared/http-server"
import { handleControl } from "./control"
import { AtolEngine, routeOf } from "./engine"
import type { AtolFaults, AtolFaultsInput } from "./faults"
import { atolTimestamp } from "./time"
import type {
  AtolEmulatorOptions,
  AtolEmulatorStats,
  AtolLedgerEntry,
} from "./types"
import type { AtolEmulatorAccount } from "./accounts"

/** A running emulator. */
export type AtolEmulator = {
  /** `http://host:port`, the value for the provider's `base_url`. */
  url: string
  port: number
  /** `{url}/possystem/v{version}/`. */
  apiBase(version: 4 | 5): string
  /** The seeded accounts. */
  accounts: readonly AtolEmulatorAccount[]
  /** Registered documents. */
  ledger(): AtolLedgerEntry[]
  /** Changes the fault plan (fields left out keep their value). */
  setFaults(faults: AtolFaultsInput): AtolFaults
  /** Makes every token issued so far expire (the next use answers 11). */
  expireTokens(): void
  /** Request counters and the observed report rate per group. */
  stats(): AtolEmulatorStats
  /** Resolves once nothing is being processed and no callback is in flight. */
  idle(): Promise<void>
  /** Forgets documents, tokens, counters and faults; restarts the seeded sequence. */
  reset(): void
  /** Stops listening and drops every open connection, hung ones included. */
  close(): Promise<void>
}

/**
 * Starts an ATOL Online v4/v5 emulator on `node:http`. Binds 127.0.0.1 and a free port unless
 * told otherwise.
 *
 * @example
 * const atol = await startAtolEmulator({ processingDelayMs: 20, seed: 7 })
 * // provider config: { base_url: atol.url, login: "v5-online-atol-ru", … }
 * await atol.close()
 */
export async function startAtolEmulator(
  options: AtolEmulatorOptions = {}
): Promise<AtolEmulator> {
  const engine = new AtolEngine(options)
  const server = await startHttpEmulator({
    port: options.port,
    host: options.host,
    control: (method, pathname, query, body) =>
      handleControl(engine, method, pathname, query, body),
    route: (_method, pathname) => routeOf(pathname),
    countRequest: (route) => engine.countRequest(route),
    tooLarge: () => engine.serviceError(40),
    latency: () => engine.faults.latency(),
    pick: (route) =>
      route.kind === "other" ? undefined : engine.faults.pick(route.kind),
    countFault: (fault) => engine.countFault(fault),
    refuse: (fault) => {
      switch (fault) {
        case "server_error":
          return engine.serviceError(50)
        case "rate_limit":
          return {
            status: 429,
            headers: { "Retry-After": "1" },
            body: { error: null, timestamp: atolTimestamp(engine.now()) },
          }
      }
      return undefined
    },
    handle: (request, route) => engine.handle(request, route),
    internalError: (error) => ({
      status: 500,
      body: { message: error.message },
    }),
    shutdown: () => engine.shutdown(),
  })
  const { url } = server

  return {
    url,
    port: server.port,
    apiBase: (version) => `${url}/possystem/v${version}/`,
    accounts: engine.accounts,
    ledger: () => engine.ledger(),
    setFaults: (faults) => {
      const result = engine.faults.set(faults)
      engine.releaseStuck()
      return result
    },
    expireTokens: () => engine.expireTokens(),
    stats: () => engine.stats(),
    idle: () => engine.idle(),
    reset: () => engine.reset(),
    close: server.close,
  }
}
