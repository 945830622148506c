import { startHttpEmulator } from "../_shared/http-server"
import type { DreamkasEmulatorAccount } from "./accounts"
import { handleControl } from "./control"
import { DreamkasEngine, routeOf } from "./engine"
import { apiError } from "./error-catalogue"
import type { DreamkasFaults, DreamkasFaultsInput } from "./faults"
import type {
  DreamkasEmulatorOptions,
  DreamkasEmulatorStats,
  DreamkasLedgerEntry,
  DuplicateExternalIdMode,
  Vat22Names,
} from "./types"
import type { WebhookSubscription } from "./webhooks"

/** A running emulator. */
export type DreamkasEmulator = {
  /** `http://host:port`, the value for the provider's `base_url`. */
  url: string
  port: number
  /** The seeded tokens and kassas. */
  accounts: readonly DreamkasEmulatorAccount[]
  /** Every operation. */
  ledger(): DreamkasLedgerEntry[]
  /** Changes the fault plan (fields left out keep their value). */
  setFaults(faults: DreamkasFaultsInput): DreamkasFaults
  /** Changes the answer to a repeated externalId or the 22 % names. */
  configure(input: {
    duplicateExternalId?: DuplicateExternalIdMode
    vat22Names?: Vat22Names
  }): { duplicateExternalId: DuplicateExternalIdMode; vat22Names: Vat22Names }
  /** Makes every token (or one) answer 401 from now on. */
  revokeTokens(token?: string): void
  /** Webhook subscriptions of every account. */
  webhooks(): WebhookSubscription[]
  /** Request counters. */
  stats(): DreamkasEmulatorStats
  /** Resolves once nothing is being processed and no webhook is in flight. */
  idle(): Promise<void>
  /** Forgets everything, restores the start configuration and the seeded sequence. */
  reset(): void
  /** Stops listening and drops every open connection, hung ones included. */
  close(): Promise<void>
}

/**
 * Starts a Кабинет Дримкас emulator on `node:http`. Binds 127.0.0.1 and a free port unless
 * told otherwise.
 *
 * @example
 * const dreamkas = await startDreamkasEmulator({ processingDelayMs: 20, seed: 7 })
 * // provider config: { base_url: dreamkas.url, token: DREAMKAS_TEST_TOKEN, device_id: 123456 }
 * await dreamkas.close()
 */
export async function startDreamkasEmulator(
  options: DreamkasEmulatorOptions = {}
): Promise<DreamkasEmulator> {
  const engine = new DreamkasEngine(options)
  const server = await startHttpEmulator({
    port: options.port,
    host: options.host,
    control: (method, pathname, query, body) =>
      handleControl(engine, method, pathname, query, body),
    route: (_method, pathname) => routeOf(pathname),
    countRequest: (route) => engine.countRequest(route),
    tooLarge: () => apiError("BAD_REQUEST", "Тело запроса слишком велико"),
    latency: () => engine.faults.latency(),
    pick: (route) =>
      route.kind === "other" ? undefined : engine.faults.pick(route.kind),
    countFault: (fault) => engine.countFault(fault),
    refuse: (fault) => {
      switch (fault) {
        case "server_error":
          return apiError("INTERNAL_ERROR")
        case "unavailable":
          return apiError("SERVICE_UNAVAILABLE")
        case "rate_limit":
          return apiError("TOO_MANY_REQUESTS")
      }
      return undefined
    },
    handle: (request, route) => engine.handle(request, route),
    internalError: (error) => ({
      status: 500,
      body: { status: 500, code: "INTERNAL_ERROR", message: error.message },
    }),
    shutdown: () => engine.shutdown(),
  })
  const { url } = server

  return {
    url,
    port: server.port,
    accounts: engine.accounts,
    ledger: () => engine.ledger(),
    setFaults: (faults) => {
      const result = engine.faults.set(faults)
      engine.releaseStuck()
      return result
    },
    configure: (input) => engine.configure(input),
    revokeTokens: (token) => engine.revokeTokens(token),
    webhooks: () => engine.webhookSubscriptions(),
    stats: () => engine.stats(),
    idle: () => engine.idle(),
    reset: () => engine.reset(),
    close: server.close,
  }
}
