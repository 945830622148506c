import { startHttpEmulator, type JsonStyle } from "../_shared/http-server"
import type { ModulKassaEmulatorAccount, ModulKassaFnState } from "./accounts"
import { handleControl } from "./control"
import { ModulKassaEngine } from "./engine"
import { routeOf, type EngineResponse } from "./routes"
import type { ModulKassaFaults, ModulKassaFaultsInput } from "./faults"
import type {
  ModulKassaAssociationRecord,
  ModulKassaEmulatorOptions,
  ModulKassaEmulatorStats,
  ModulKassaLedgerEntry,
} from "./types"

/** Spring's spelling; empty answers (400/401/403/404 per the doc) say `Content-Length: 0`. */
const JSON_STYLE: JsonStyle = {
  contentType: "application/json;charset=UTF-8",
  emptyContentLength: true,
}

/** A running emulator. */
export type ModulKassaEmulator = {
  /** `http://host:port`, the value for the provider's `base_url` (it appends `/api/fn`). */
  url: string
  port: number
  /** `{url}/api/fn`, the production-shaped API base; `{url}/fn` answers too. */
  apiBase: string
  /** The seeded accounts and retail points. */
  accounts: readonly ModulKassaEmulatorAccount[]
  /** Issues service credentials for a retail point, as `POST /v1/associate` would. */
  associate(
    retailPointId: string,
    options?: { clientId?: string }
  ): ModulKassaAssociationRecord
  /** Service credentials issued so far (the latest password of each). */
  associations(): ModulKassaAssociationRecord[]
  /** Stored documents. */
  ledger(): ModulKassaLedgerEntry[]
  /** Changes the fault plan (fields left out keep their value). */
  setFaults(faults: ModulKassaFaultsInput): ModulKassaFaults
  /** Sets the kassa state of one retail point, or of all. */
  setFnState(
    status: ModulKassaFnState,
    retailPointId?: string,
    dateTime?: Date
  ): void
  stats(): ModulKassaEmulatorStats
  /** Resolves once nothing is being processed and no notice is in flight. */
  idle(): Promise<void>
  /** Forgets documents, counters and faults (associations too with `{associations: true}`). */
  reset(options?: { associations?: boolean }): void
  /** Stops listening and drops every open connection, hung ones included. */
  close(): Promise<void>
}

/** Spring-style body of an injected server error (the doc documents no 5xx). */
function serverError(
  status: number,
  error: string,
  path: string,
  now: Date
): EngineResponse {
  return { status, body: { timestamp: now.toISOString(), status, error, path } }
}

/**
 * Starts a МодульКасса emulator on `node:http`. Binds 127.0.0.1 and a free port unless told
 * otherwise.
 *
 * @example
 * const modul = await startModulKassaEmulator({ processingDelayMs: 20 })
 * const point = modul.accounts[0].retailPoints[0]
 * const { userName, password } = modul.associate(point.id)
 * // provider config: { base_url: modul.url, retail_point_id: point.id, service_user: userName, service_password: password }
 * await modul.close()
 */
export async function startModulKassaEmulator(
  options: ModulKassaEmulatorOptions = {}
): Promise<ModulKassaEmulator> {
  const engine = new ModulKassaEngine(options)
  const server = await startHttpEmulator({
    port: options.port,
    host: options.host,
    style: JSON_STYLE,
    control: (method, pathname, query, body) =>
      handleControl(engine, method, pathname, query, body),
    route: routeOf,
    countRequest: (route) => engine.countRequest(route),
    tooLarge: () => ({ status: 413 }),
    latency: () => engine.faults.latency(),
    pick: (route) =>
      route.kind === "other" || route.kind === "dissociate"
        ? undefined
        : engine.faults.pick(route.kind),
    countFault: (fault) => engine.countFault(fault),
    refuse: (fault, pathname) => {
      switch (fault) {
        case "server_error":
          return serverError(
            500,
            "Internal Server Error",
            pathname,
            engine.now()
          )
        case "unavailable":
          return serverError(503, "Service Unavailable", pathname, engine.now())
        case "rate_limit":
          return { status: 429, headers: { "Retry-After": "1" } }
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
    apiBase: `${url}/api/fn`,
    accounts: engine.accounts,
    associate: (retailPointId, associateOptions = {}) => {
      const account = engine.accounts.find((a) =>
        a.retailPoints.some((p) => p.id === retailPointId)
      )
      if (!account) {
        throw new Error(`Unknown retail point ${retailPointId}`)
      }
      return engine.issueAssociation(
        retailPointId,
        account.login,
        associateOptions.clientId ?? null
      )
    },
    associations: () => engine.associations(),
    ledger: () => engine.ledger(),
    setFaults: (faults) => {
      const result = engine.faults.set(faults)
      engine.releaseWaiting()
      return result
    },
    setFnState: (status, retailPointId, dateTime) =>
      engine.setFnState(status, retailPointId, dateTime),
    stats: () => engine.stats(),
    idle: () => engine.idle(),
    reset: (resetOptions) => engine.reset(resetOptions),
    close: server.close,
  }
}
