import http from "node:http"
import type { AddressInfo } from "node:net"

import {
  EMULATOR_PLACEHOLDER_VAT_TAGS,
  MODULKASSA_TEST_ACCOUNTS,
  startModulKassaEmulator,
  type ModulKassaEmulator,
  type ModulKassaEmulatorOptions,
} from "medusa-fiscal-emulator/modulkassa"
import type { FiscalProvider } from "../../../modules/fiscal/types/provider"
import { TEST_TIMEOUT_MS } from "../../_shared/__tests__/spec-helpers"
import { ModulKassaFiscalProvider } from ".."
import { modulAssociationCache } from "../associate"
import type { ModulKassaOptionsInput } from "../options"
import { requeueCounter } from "../requeue-counter"

export const ACCOUNT = MODULKASSA_TEST_ACCOUNTS[0]
export const POINT = ACCOUNT.retailPoints[0]
export const FOREIGN_POINT = MODULKASSA_TEST_ACCOUNTS[1].retailPoints[0]

export async function startTestEmulator(
  options: ModulKassaEmulatorOptions = {}
): Promise<ModulKassaEmulator> {
  return startModulKassaEmulator({
    processingDelayMs: 10,
    callbackRetryDelayMs: 20,
    ...options,
  })
}

const associations = new WeakMap<
  ModulKassaEmulator,
  { userName: string; password: string }
>()

/** The service credentials of the seeded retail point, issued once per emulator and reused while valid. */
export function serviceCredentials(emulator: ModulKassaEmulator): {
  userName: string
  password: string
} {
  let association = associations.get(emulator)
  const current = emulator.associations()
  if (
    !association ||
    !current.some(
      (a) =>
        a.userName === association!.userName &&
        a.password === association!.password
    )
  ) {
    association = emulator.associate(POINT.id)
    associations.set(emulator, association)
  }
  return association
}

/** Associates again: the credentials earlier providers hold stop working. */
export function rotateAssociation(emulator: ModulKassaEmulator): {
  userName: string
  password: string
} {
  const association = emulator.associate(POINT.id)
  associations.set(emulator, association)
  return association
}

/** A provider for the emulator's seeded retail point, associated unless told otherwise. */
export function providerFor(
  emulator: ModulKassaEmulator,
  overrides: Partial<ModulKassaOptionsInput> & { associated?: boolean } = {}
): ModulKassaFiscalProvider {
  const { associated = true, ...rest } = overrides
  const service = associated ? serviceCredentials(emulator) : undefined
  return new ModulKassaFiscalProvider(
    {},
    ModulKassaFiscalProvider.parseConfig({
      base_url: emulator.url,
      retail_point_id: POINT.id,
      login: ACCOUNT.login,
      password: ACCOUNT.password,
      service_user: service?.userName,
      service_password: service?.password,
      vat_tags: { ...EMULATOR_PLACEHOLDER_VAT_TAGS },
      timeout_ms: TEST_TIMEOUT_MS,
      ...rest,
    })
  ) as ModulKassaFiscalProvider
}

export { exchangeLog } from "../../_shared/__tests__/spec-helpers"

/** Forget process-wide caches between tests. */
export function resetProcessState(): void {
  modulAssociationCache.clear()
  requeueCounter.clear()
}

/** A shop endpoint that records notices and answers `status`. */
export async function startCallbackSink(status = 200): Promise<{
  url: string
  requests: { url: string; contentType: string; body: Buffer }[]
  close(): Promise<void>
}> {
  const requests: { url: string; contentType: string; body: Buffer }[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      requests.push({
        url: req.url ?? "",
        contentType: String(req.headers["content-type"] ?? ""),
        body: Buffer.concat(chunks),
      })
      res.writeHead(status).end("ok")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/fiscal/modulkassa/s3cret`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type { FiscalProvider }
