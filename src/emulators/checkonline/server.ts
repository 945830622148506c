import https from "node:https"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import type { PeerCertificate, TLSSocket } from "node:tls"

import { handleControl } from "./control"
import { COMPLEX_PATH, CheckonlineEngine, type EngineResponse } from "./engine"
import { enterpriseFor, type CheckonlineEnterprise } from "./enterprises"
import type { CheckonlineFaults, CheckonlineFaultsInput } from "./faults"
import {
  CHECKONLINE_TEST_CA_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
  CHECKONLINE_TEST_SERVER_CERTIFICATE,
  CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
} from "./test-certificates"
import type {
  CheckonlineEmulatorOptions,
  CheckonlineEmulatorStats,
  CheckonlineLedgerEntry,
} from "./types"

/** Receipts are a few kilobytes; anything above this is refused as a malformed request. */
const MAX_BODY_BYTES = 1024 * 1024

/** A running emulator. */
export type CheckonlineEmulator = {
  /** `https://host:port`, the value for the provider's `base_url`. */
  url: string
  port: number
  /** `{url}/fr/api/v2/Complex`. */
  endpoint: string
  /** The CA the provider must trust for this server (`ca_certificate`). */
  caCertificate: string
  enterprises: readonly CheckonlineEnterprise[]
  /**
   * Provider config that connects with the embedded test client certificate (secrets included):
   * `base_url`, `certificate`, `private_key`, `ca_certificate`.
   */
  connection(): Record<string, string>
  /** Executed receipts. */
  ledger(): CheckonlineLedgerEntry[]
  /** Changes the fault plan (fields left out keep their value). */
  setFaults(faults: CheckonlineFaultsInput): CheckonlineFaults
  stats(): CheckonlineEmulatorStats
  /** Resolves once no registration is being executed. */
  idle(): Promise<void>
  /** Forgets cached answers, as if Checkonline's cache had expired. */
  clearCache(): void
  /** Forgets receipts, cached answers, counters and faults; restarts the seeded sequences. */
  reset(): void
  /** Stops listening and drops every open connection, hung ones included. */
  close(): Promise<void>
}

function send(res: ServerResponse, response: EngineResponse): void {
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

/** The page nginx answers under `ssl_verify_client on` (the `http` certificate check). */
function sendCertificatePage(res: ServerResponse, reason: string): void {
  const html =
    `<html>\r\n<head><title>400 ${reason}</title></head>\r\n<body>\r\n` +
    `<center><h1>400 Bad Request</h1></center>\r\n<center>${reason}</center>\r\n</body>\r\n</html>\r\n`
  res.writeHead(400, {
    "Content-Type": "text/html",
    "Content-Length": Buffer.byteLength(html),
  })
  res.end(html)
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
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

function commonNameOf(certificate: PeerCertificate | undefined): string {
  const cn = certificate?.subject?.CN as string | string[] | undefined
  return (Array.isArray(cn) ? cn[0] : cn) ?? ""
}

function hasCertificate(certificate: PeerCertificate | undefined): boolean {
  return !!certificate && Object.keys(certificate).length > 0
}

/**
 * Starts a Checkonline "Complex" emulator: an `https` server that requires a client certificate
 * signed by its CA (the embedded test CA by default). Binds 127.0.0.1 and a free port unless told
 * otherwise.
 *
 * @example
 * const checkonline = await startCheckonlineEmulator({ processingDelayMs: 10 })
 * const provider = checkonlineDefinition.create(checkonlineDefinition.parseConfig(checkonline.connection()))
 * await checkonline.close()
 */
export async function startCheckonlineEmulator(
  options: CheckonlineEmulatorOptions = {}
): Promise<CheckonlineEmulator> {
  const engine = new CheckonlineEngine(options)
  const pending = new Set<NodeJS.Timeout>()
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(timer)
        resolve()
      }, ms)
      pending.add(timer)
    })
  const check = options.clientCertificateCheck ?? "tls"

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket as TLSSocket
    const peer = socket.getPeerCertificate()
    if (!socket.authorized) {
      // Only reachable with the `http` check: the TLS layer let the connection through.
      sendCertificatePage(
        res,
        hasCertificate(peer)
          ? "The SSL certificate error"
          : "No required SSL certificate was sent"
      )
      return
    }
    const commonName = commonNameOf(peer)
    const url = new URL(req.url ?? "/", "https://emulator")
    const body = await readBody(req)
    const method = req.method ?? "GET"
    if (url.pathname.startsWith("/__control/")) {
      send(
        res,
        await handleControl(
          engine,
          method,
          url.pathname,
          body ?? Buffer.alloc(0)
        )
      )
      return
    }
    if (url.pathname !== COMPLEX_PATH) {
      engine.countOther()
      send(res, {
        status: 404,
        body: { ErrorDescription: `Не найдено: ${url.pathname}` },
      })
      return
    }
    if (method !== "POST") {
      engine.countOther()
      // Harmless for a connection check: the certificate is looked up, nothing is executed.
      if (!enterpriseFor(engine.enterprises, commonName, undefined)) {
        send(
          res,
          engine.fce(
            "UNKNOWN_GROUP",
            `Предприятие не найдено: сертификат ${commonName} не зарегистрирован`
          )
        )
        return
      }
      send(res, {
        status: 405,
        headers: { Allow: "POST" },
        body: { ErrorDescription: "Метод не поддерживается: используйте POST" },
      })
      return
    }
    if (body === null) {
      send(
        res,
        engine.fce("BAD_FORMAT", "Неверный формат запроса: тело больше 1 МБ")
      )
      return
    }
    const latency = engine.faults.latency()
    if (latency > 0) {
      await sleep(latency)
    }
    const fault = engine.faults.pick()
    if (fault) {
      engine.countFault(fault)
    }
    switch (fault) {
      case "server_error":
        send(res, engine.fce("INTERNAL"))
        return
      case "no_free_device":
        send(res, engine.fce("NO_FREE_DEVICE"))
        return
      case "hang":
        // Nothing is done and nothing is answered; close() drops the connection.
        return
    }
    const response = await engine.complex(body, commonName)
    if (fault === "process_then_hang") {
      return
    }
    if (fault === "process_then_drop") {
      socket.destroy()
      return
    }
    send(res, response)
  }

  const server = https.createServer(
    {
      cert: options.serverCertificate ?? CHECKONLINE_TEST_SERVER_CERTIFICATE,
      key: options.serverPrivateKey ?? CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
      ca: options.clientCa ?? CHECKONLINE_TEST_CA_CERTIFICATE,
      requestCert: true,
      rejectUnauthorized: check === "tls",
    },
    (req, res) => {
      handle(req, res).catch((error: Error) => {
        send(
          res,
          engine.cloudError(
            6,
            false,
            `Внутренняя ошибка эмулятора: ${error.message}`
          )
        )
      })
    }
  )
  // A refused handshake is the expected answer to a bad certificate, not a server failure.
  server.on("tlsClientError", () => undefined)
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  // The test server certificate names 127.0.0.1 and localhost only.
  const unspecified = address.address === "0.0.0.0" || address.address === "::"
  const host = unspecified
    ? "127.0.0.1"
    : address.family === "IPv6"
      ? `[${address.address}]`
      : address.address
  const url = `https://${host}:${address.port}`
  const caCertificate = options.serverCertificate
    ? ""
    : CHECKONLINE_TEST_CA_CERTIFICATE

  return {
    url,
    port: address.port,
    endpoint: `${url}${COMPLEX_PATH}`,
    caCertificate,
    enterprises: engine.enterprises,
    connection: () => ({
      base_url: url,
      certificate: CHECKONLINE_TEST_CLIENT_CERTIFICATE,
      private_key: CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
      ca_certificate: CHECKONLINE_TEST_CA_CERTIFICATE,
    }),
    ledger: () => engine.ledger(),
    setFaults: (faults) => {
      const result = engine.faults.set(faults)
      engine.releaseStuck()
      return result
    },
    stats: () => engine.stats(),
    idle: () => engine.idle(),
    clearCache: () => engine.clearCache(),
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
