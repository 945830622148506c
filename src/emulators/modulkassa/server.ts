import http from "node:http"
import type { AddressInfo } from "node:net"

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

/** Bodies above this are refused with 413; documents are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024

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

function send(res: http.ServerResponse, response: EngineResponse): void {
  if (res.writableEnded || res.destroyed) {
    return
  }
  if (response.body === undefined) {
    res.writeHead(response.status, { "Content-Length": 0, ...response.headers })
    res.end()
    return
  }
  const payload = Buffer.from(JSON.stringify(response.body), "utf8")
  res.writeHead(response.status, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": payload.length,
    ...response.headers,
  })
  res.end(payload)
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        tooLarge = true
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)))
    req.on("error", reject)
  })
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
  const pending = new Set<NodeJS.Timeout>()
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(timer)
        resolve()
      }, ms)
      pending.add(timer)
    })

  const handle = async (
    req: http.IncomingMessage,
    res: http.ServerResponse
  ) => {
    const url = new URL(req.url ?? "/", "http://emulator")
    const method = req.method ?? "GET"
    const body = await readBody(req)
    if (url.pathname.startsWith("/__control/")) {
      send(
        res,
        await handleControl(
          engine,
          method,
          url.pathname,
          url.searchParams,
          body ?? Buffer.alloc(0)
        )
      )
      return
    }
    const route = routeOf(method, url.pathname)
    engine.countRequest(route)
    if (body === null) {
      send(res, { status: 413 })
      return
    }
    const latency = engine.faults.latency()
    if (latency > 0) {
      await sleep(latency)
    }
    const fault =
      route.kind === "other" || route.kind === "dissociate"
        ? undefined
        : engine.faults.pick(route.kind)
    if (fault) {
      engine.countFault(fault)
    }
    switch (fault) {
      case "server_error":
        send(
          res,
          serverError(500, "Internal Server Error", url.pathname, engine.now())
        )
        return
      case "unavailable":
        send(
          res,
          serverError(503, "Service Unavailable", url.pathname, engine.now())
        )
        return
      case "rate_limit":
        send(res, { status: 429, headers: { "Retry-After": "1" } })
        return
      case "hang":
        // Nothing is done and nothing is answered; close() drops the connection.
        return
    }
    const response = engine.handle(
      {
        method,
        pathname: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      },
      route
    )
    if (fault === "process_then_hang") {
      return
    }
    if (fault === "process_then_drop") {
      req.socket.destroy()
      return
    }
    send(res, response)
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      send(res, { status: 500, body: { message: error.message } })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host =
    address.family === "IPv6" ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}`

  return {
    url,
    port: address.port,
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
    close: async () => {
      engine.shutdown()
      pending.forEach((timer) => clearTimeout(timer))
      pending.clear()
      const closed = new Promise<void>((resolve) =>
        server.close(() => resolve())
      )
      server.closeAllConnections()
      await closed
    },
  }
}
