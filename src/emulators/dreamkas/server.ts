import http from "node:http"
import type { AddressInfo } from "node:net"

import type { DreamkasEmulatorAccount } from "./accounts"
import { handleControl } from "./control"
import { DreamkasEngine, routeOf } from "./engine"
import { apiError, type EmulatorResponse } from "./error-catalogue"
import type { DreamkasFaults, DreamkasFaultsInput } from "./faults"
import type {
  DreamkasEmulatorOptions,
  DreamkasEmulatorStats,
  DreamkasLedgerEntry,
  DuplicateExternalIdMode,
  Vat22Names,
} from "./types"
import type { WebhookSubscription } from "./webhooks"

/** Bodies above this are refused with 400; receipts are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024

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

function send(res: http.ServerResponse, response: EmulatorResponse): void {
  if (res.writableEnded || res.destroyed) {
    return
  }
  if (response.body === undefined) {
    res.writeHead(response.status, response.headers)
    res.end()
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
      send(
        res,
        await handleControl(
          engine,
          req.method ?? "GET",
          url.pathname,
          url.searchParams,
          body ?? Buffer.alloc(0)
        )
      )
      return
    }
    const route = routeOf(url.pathname)
    engine.countRequest(route)
    if (body === null) {
      send(res, apiError("BAD_REQUEST", "Тело запроса слишком велико"))
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
    switch (fault) {
      case "server_error":
        send(res, apiError("INTERNAL_ERROR"))
        return
      case "unavailable":
        send(res, apiError("SERVICE_UNAVAILABLE"))
        return
      case "rate_limit":
        send(res, apiError("TOO_MANY_REQUESTS"))
        return
      case "hang":
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
      send(res, {
        status: 500,
        body: { status: 500, code: "INTERNAL_ERROR", message: error.message },
      })
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
