import http from "node:http"
import type https from "node:https"
import type { AddressInfo } from "node:net"

import { PendingTimers } from "./background"

/** An answer an emulator writes; `body` is serialised as JSON when present. */
export type EmulatorResponse = {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** One API request as the emulators' engines see it. */
export type EmulatorRequest = {
  method: string
  pathname: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  /** The raw body; empty when none was sent. */
  body: Buffer
}

/** How a vendor's server spells its JSON answers. */
export type JsonStyle = {
  /** The `Content-Type` of JSON answers (vendors differ in spacing and case). */
  contentType: string
  /** Whether an answer without a body says `Content-Length: 0` (Spring does, nginx-style APIs not). */
  emptyContentLength?: boolean
}

/** The most common spelling; ATOL, Checkonline and Dreamkas answer with it. */
export const DEFAULT_JSON_STYLE: JsonStyle = {
  contentType: "application/json; charset=utf-8",
}

/** Bodies above this are refused (the vendor decides how); receipts are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024

/** Writes `response` unless the connection is already answered or gone (a dropped fault). */
export function sendJson(
  res: http.ServerResponse,
  response: EmulatorResponse,
  style: JsonStyle = DEFAULT_JSON_STYLE
): void {
  if (res.writableEnded || res.destroyed) {
    return
  }
  if (response.body === undefined) {
    res.writeHead(
      response.status,
      style.emptyContentLength
        ? { "Content-Length": 0, ...response.headers }
        : response.headers
    )
    res.end()
    return
  }
  const payload = Buffer.from(JSON.stringify(response.body), "utf8")
  res.writeHead(response.status, {
    "Content-Type": style.contentType,
    "Content-Length": payload.length,
    ...response.headers,
  })
  res.end(payload)
}

/**
 * The whole body, or `null` when it exceeds `maxBytes`. The rest is still read (and dropped) so
 * the vendor's refusal can be answered on a healthy connection.
 */
export function readBody(
  req: http.IncomingMessage,
  maxBytes: number = MAX_BODY_BYTES
): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        tooLarge = true
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)))
    req.on("error", reject)
  })
}

/** Listens on `port` (default: a free one) and `host` (default 127.0.0.1); rejects on bind errors. */
export async function listen(
  server: http.Server | https.Server,
  port = 0,
  host = "127.0.0.1"
): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  return server.address() as AddressInfo
}

/** The host part of a URL for a bound address (IPv6 in brackets). */
export function urlHost(address: AddressInfo): string {
  return address.family === "IPv6" ? `[${address.address}]` : address.address
}

/** Stops listening and drops every open connection, hung ones included. */
export async function closeServer(
  server: http.Server | https.Server
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  await closed
}

/** The hooks `serveWithFaults` runs one API request through. */
export type FaultedRequest<F extends string> = {
  /** Extra latency for this request, ms (drawn before the fault, as the dice expect). */
  latency: () => number
  sleep: (ms: number) => Promise<void>
  /** The fault for this request, if any (consumes a queued one). */
  pick: () => F | undefined
  countFault: (fault: F) => void
  /** The vendor's answer to a fault that refuses the work (`server_error`, `rate_limit`…). */
  refuse: (fault: F) => EmulatorResponse | undefined
  /** Does the work and builds the answer. */
  process: () => EmulatorResponse | Promise<EmulatorResponse>
  send: (response: EmulatorResponse) => void
  /** Destroys the connection without an answer. */
  drop: () => void
}

/**
 * Applies latency and the injected fault to one request: a refusing fault answers instead of the
 * work, `hang` answers nothing, `process_then_hang`/`process_then_drop` do the work and then
 * lose the answer, so a client sees every way a real register can fail.
 */
export async function serveWithFaults<F extends string>(
  request: FaultedRequest<F>
): Promise<void> {
  const latency = request.latency()
  if (latency > 0) {
    await request.sleep(latency)
  }
  const fault = request.pick()
  if (fault) {
    request.countFault(fault)
  }
  if (fault === "hang") {
    // Nothing is done and nothing is answered; close() drops the connection.
    return
  }
  const refusal = fault ? request.refuse(fault) : undefined
  if (refusal) {
    request.send(refusal)
    return
  }
  const processed = request.process()
  const response = processed instanceof Promise ? await processed : processed
  if (fault === "process_then_hang") {
    return
  }
  if (fault === "process_then_drop") {
    request.drop()
    return
  }
  request.send(response)
}

/** What an emulator on plain `node:http` with the usual routing supplies to `startHttpEmulator`. */
export type HttpEmulatorSpec<R, F extends string> = {
  port?: number
  host?: string
  style?: JsonStyle
  /** Answers `/__control/*` (its body is empty when none or too large). */
  control: (
    method: string,
    pathname: string,
    query: URLSearchParams,
    body: Buffer
  ) => Promise<EmulatorResponse>
  route: (method: string, pathname: string) => R
  countRequest: (route: R) => void
  /** The vendor's refusal of a body above `MAX_BODY_BYTES`. */
  tooLarge: () => EmulatorResponse
  latency: () => number
  pick: (route: R) => F | undefined
  countFault: (fault: F) => void
  refuse: (fault: F, pathname: string) => EmulatorResponse | undefined
  handle: (request: EmulatorRequest, route: R) => EmulatorResponse
  /** The answer when handling throws (an emulator bug, shown to the client). */
  internalError: (error: Error) => EmulatorResponse
  /** Stops the engine's background work before the server closes. */
  shutdown: () => void
}

/** A started `node:http` emulator. */
export type RunningHttpEmulator = {
  /** `http://host:port`. */
  url: string
  port: number
  /** Stops the engine, cancels latency sleeps, drops every connection. */
  close: () => Promise<void>
}

/**
 * Starts the `node:http` skeleton shared by ATOL, МодульКасса and Dreamkas: control routes,
 * body limit, latency and faults, then the engine. The vendor supplies every answer.
 */
export async function startHttpEmulator<R, F extends string>(
  spec: HttpEmulatorSpec<R, F>
): Promise<RunningHttpEmulator> {
  const timers = new PendingTimers()
  const send = (res: http.ServerResponse, response: EmulatorResponse) =>
    sendJson(res, response, spec.style)

  const handle = async (
    req: http.IncomingMessage,
    res: http.ServerResponse
  ) => {
    const url = new URL(req.url ?? "/", "http://emulator")
    const body = await readBody(req)
    const method = req.method ?? "GET"
    if (url.pathname.startsWith("/__control/")) {
      send(
        res,
        await spec.control(
          method,
          url.pathname,
          url.searchParams,
          body ?? Buffer.alloc(0)
        )
      )
      return
    }
    const route = spec.route(method, url.pathname)
    spec.countRequest(route)
    if (body === null) {
      send(res, spec.tooLarge())
      return
    }
    await serveWithFaults<F>({
      latency: spec.latency,
      sleep: (ms) => timers.sleep(ms),
      pick: () => spec.pick(route),
      countFault: spec.countFault,
      refuse: (fault) => spec.refuse(fault, url.pathname),
      process: () =>
        spec.handle(
          {
            method,
            pathname: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body,
          },
          route
        ),
      send: (response) => send(res, response),
      drop: () => req.socket.destroy(),
    })
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      send(res, spec.internalError(error))
    })
  })
  const address = await listen(server, spec.port, spec.host)
  return {
    url: `http://${urlHost(address)}:${address.port}`,
    port: address.port,
    close: async () => {
      spec.shutdown()
      timers.clear()
      await closeServer(server)
    },
  }
}
