import http from "node:http"
import type { AddressInfo } from "node:net"

import { handleControl } from "./control"
import { AtolEngine, routeOf, type EngineResponse } from "./engine"
import type { AtolFaults, AtolFaultsInput } from "./faults"
import { atolTimestamp } from "./time"
import type {
  AtolEmulatorOptions,
  AtolEmulatorStats,
  AtolLedgerEntry,
} from "./types"
import type { AtolEmulatorAccount } from "./accounts"

/** Bodies above this are refused with code 40; ATOL receipts are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024

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

function send(res: http.ServerResponse, response: EngineResponse): void {
  if (res.writableEnded || res.destroyed) {
    return
  }
  const payload = Buffer.from(JSON.stringify(response.body), "utf8")
  res.writeHead(response.status, {
    "Content-Type": "application/json; charset=utf-8",
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
    const body = await readBody(req)
    if (url.pathname.startsWith("/__control/")) {
      const method = req.method ?? "GET"
      const payload = body ?? Buffer.alloc(0)
      send(
        res,
        await handleControl(
          engine,
          method,
          url.pathname,
          url.searchParams,
          payload
        )
      )
      return
    }
    const route = routeOf(url.pathname)
    engine.countRequest(route)
    if (body === null) {
      send(res, engine.serviceError(40))
      return
    }
    const latency = engine.faults.latency()
    if (latency > 0) {
      await sleep(latency)
    }
    const fault =
      route.kind === "other" ? undefined : engine.faults.pick(route.kind)
    if (fault) {
      engine.countFault(fault)
    }
    if (fault === "server_error") {
      send(res, engine.serviceError(50))
      return
    }
    if (fault === "rate_limit") {
      send(res, {
        status: 429,
        headers: { "Retry-After": "1" },
        body: { error: null, timestamp: atolTimestamp(engine.now()) },
      })
      return
    }
    if (fault === "hang") {
      // Nothing is done and nothing is answered; close() drops the connection.
      return
    }
    const response = engine.handle(
      {
        method: req.method ?? "GET",
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
