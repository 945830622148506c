/**
 * The vendor's emulator (workspace package medusa-fiscal-emulator), in this process: its
 * harness for the connection, the company and the ledger; its `/__control/` routes for what
 * the harness does not offer (the hang rate, the counters of injected faults, `idle`).
 */
const fs = require("node:fs")
const http = require("node:http")
const https = require("node:https")
const path = require("node:path")
const { root } = require("./processes")

function loadEmulators() {
  if (!fs.existsSync(path.join(root, "packages/emulators/dist/index.js"))) {
    throw new Error(
      "the emulators are not built: npm run build --workspace medusa-fiscal-emulator"
    )
  }
  return require("medusa-fiscal-emulator")
}

/** A started emulator with the control calls a run needs. */
async function startEmulator(vendor, { processingDelayMs }) {
  const { HARNESSES } = loadEmulators()
  const harness = HARNESSES[vendor]
  if (!harness) {
    throw new Error(`medusa-fiscal-emulator has no harness for ${vendor}`)
  }
  const running = await harness.start({ port: 0, processingDelayMs })
  // Checkonline's control routes sit behind the same TLS client certificate as its API
  const tls = running.url.startsWith("https:")
    ? {
        cert: running.connection.certificate,
        key: running.connection.private_key,
        ca: running.connection.ca_certificate,
      }
    : {}

  function control(method, route, body, timeoutMs = 10_000) {
    const url = new URL(`/__control/${route}`, running.url)
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return new Promise((resolve, reject) => {
      const req = (url.protocol === "https:" ? https : http).request(
        url,
        {
          method,
          ...tls,
          headers: payload ? { "content-type": "application/json" } : {},
          timeout: timeoutMs,
        },
        (res) => {
          let text = ""
          res.setEncoding("utf8")
          res.on("data", (d) => (text += d))
          res.on("end", () => {
            if (res.statusCode !== 200) {
              reject(
                new Error(
                  `${method} ${url.pathname}: ${res.statusCode} ${text}`
                )
              )
              return
            }
            resolve(text ? JSON.parse(text) : null)
          })
        }
      )
      req.on("timeout", () =>
        req.destroy(new Error(`${method} ${url.pathname} timed out`))
      )
      req.on("error", reject)
      req.end(payload)
    })
  }

  return {
    vendor,
    url: running.url,
    connection: running.connection,
    company: running.company,
    ledger: () => running.ledger(),
    /** The seeded dice of the fault plan: shares of requests that fail each way. */
    setFaults: (faults) => control("POST", "faults", faults),
    stats: () => control("GET", "stats"),
    /** Resolves once nothing is being processed; false after `ms`. */
    idle: (ms) =>
      control("GET", "idle", undefined, ms).then(
        () => true,
        () => false
      ),
    close: () => running.close(),
  }
}

module.exports = { startEmulator }
