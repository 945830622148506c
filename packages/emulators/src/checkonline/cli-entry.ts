import fs from "node:fs"
import os from "node:os"
import path from "node:path"

import type { EmulatorCliEntry } from "../registry"
import { startCheckonlineEmulator } from "./server"
import {
  CHECKONLINE_TEST_CA_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
} from "./test-certificates"
import type { ClientCertificateCheck, ConcurrentRepeat } from "./types"

/** Writes the public test certificates where a shop owner can paste them from or give them to curl. */
function writeTestCertificates(dir: string): {
  ca: string
  certificate: string
  key: string
} {
  fs.mkdirSync(dir, { recursive: true })
  const files = {
    ca: path.join(dir, "ca.crt"),
    certificate: path.join(dir, "client.crt"),
    key: path.join(dir, "client.key"),
  }
  fs.writeFileSync(files.ca, CHECKONLINE_TEST_CA_CERTIFICATE)
  fs.writeFileSync(files.certificate, CHECKONLINE_TEST_CLIENT_CERTIFICATE)
  fs.writeFileSync(files.key, CHECKONLINE_TEST_CLIENT_PRIVATE_KEY, {
    mode: 0o600,
  })
  return files
}

/**
 * `medusa-fiscal-emulator checkonline [--port 4010] [--host 127.0.0.1] [--seed 1] [--delay 50]
 * [--certs-dir=DIR] [--cert-check=tls|http] [--concurrent-repeat=join|busy]`
 */
export const checkonlineEmulatorCli: EmulatorCliEntry = {
  name: "checkonline",
  description:
    "Checkonline (Чеконлайн) Complex API, synchronous, TLS client certificates",
  flags:
    "--certs-dir=DIR (where the public test certificates are written), --cert-check=tls|http (refuse a certificate in TLS or with nginx-style 400 pages), --concurrent-repeat=join|busy",
  async start(args) {
    const certCheck = args.extra["cert-check"]
    const repeat = args.extra["concurrent-repeat"]
    if (
      certCheck !== undefined &&
      certCheck !== "tls" &&
      certCheck !== "http"
    ) {
      throw new Error("--cert-check must be tls or http")
    }
    if (repeat !== undefined && repeat !== "join" && repeat !== "busy") {
      throw new Error("--concurrent-repeat must be join or busy")
    }
    const emulator = await startCheckonlineEmulator({
      port: args.port,
      host: args.host,
      seed: args.seed,
      processingDelayMs: args.delayMs ?? 50,
      clientCertificateCheck: certCheck as ClientCertificateCheck | undefined,
      concurrentRepeat: repeat as ConcurrentRepeat | undefined,
    })
    const dirFlag = args.extra["certs-dir"]
    const dir =
      typeof dirFlag === "string"
        ? dirFlag
        : path.join(os.tmpdir(), "medusa-fiscal-checkonline")
    let files: ReturnType<typeof writeTestCertificates>
    try {
      files = writeTestCertificates(dir)
    } catch (error) {
      await emulator.close()
      throw error
    }
    const curl = `curl --cacert ${files.ca} --cert ${files.certificate} --key ${files.key}`
    const banner = [
      `Checkonline emulator listening on ${emulator.url}`,
      `  API:      POST ${emulator.endpoint}`,
      `  base_url: ${emulator.url}`,
      `  public test certificates (paste their contents into the provider settings):`,
      `    certificate:    ${files.certificate}`,
      `    private_key:    ${files.key}`,
      `    ca_certificate: ${files.ca}`,
    ]
    for (const enterprise of emulator.enterprises) {
      banner.push(
        `  group ${enterprise.group}: INN ${enterprise.inn}, certificates ${enterprise.certificates.join(", ")}, devices ${enterprise.devices.map((d) => d.name).join(", ")}`
      )
    }
    banner.push(
      `  ledger:  ${curl} ${emulator.url}/__control/ledger`,
      `  faults:  ${curl} -X POST ${emulator.url}/__control/faults -d '{"next":[{"fault":"process_then_drop"}]}'`,
      `  reset:   ${curl} -X POST ${emulator.url}/__control/reset`
    )
    return { url: emulator.url, banner, close: () => emulator.close() }
  },
}
