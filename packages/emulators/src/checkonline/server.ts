import https from "node:https"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { PeerCertificate, TLSSocket } from "node:tls"

import {
  closeServer,
  listen,
  readBody,
  sendJson as send,
  serveWithFaults,
  urlHost,
} from "../_shared/http-server"
import { PendingTimers } from "../_shared/background"
import { handleControl } from "./control"
import { COMPLEX_PATH, CheckonlineEngine } from "./engine"
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
  const timers = new PendingTimers()
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
    await serveWithFaults({
      latency: () => engine.faults.latency(),
      sleep: (ms) => timers.sleep(ms),
      pick: () => engine.faults.pick(),
      countFault: (fault) => engine.countFault(fault),
      refuse: (fault) => {
        switch (fault) {
          case "server_error":
            return engine.fce("INTERNAL")
          case "no_free_device":
            return engine.fce("NO_FREE_DEVICE")
        }
        return undefined
      },
      process: () => engine.complex(body, commonName),
      send: (response) => send(res, response),
      drop: () => socket.destroy(),
    })
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
  const address = await listen(server, options.port, options.host)
  // The test server certificate names 127.0.0.1 and localhost only.
  const unspecified = address.address === "0.0.0.0" || address.address === "::"
  const host = unspecified ? "127.0.0.1" : urlHost(address)
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
      timers.clear()
      await closeServer(server)
    },
  }
}
