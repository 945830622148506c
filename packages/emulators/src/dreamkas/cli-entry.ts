import type { EmulatorCliEntry } from "../registry"
import { startDreamkasEmulator } from "./server"
import type { DuplicateExternalIdMode } from "./types"

const DUPLICATE_MODES: DuplicateExternalIdMode[] = [
  "return_existing",
  "conflict_409",
  "accept_new",
]

/**
 * `medusa-fiscal-emulator dreamkas [--port 4010] [--host 127.0.0.1] [--seed 1] [--delay 1000]
 * [--duplicate-external-id=return_existing|conflict_409|accept_new] [--no-vat22]`
 */
export const dreamkasEmulatorCli: EmulatorCliEntry = {
  name: "dreamkas",
  description:
    "Dreamkas (Дримкас) Кабинет API: receipts as operations, webhooks",
  flags:
    "--duplicate-external-id=return_existing|conflict_409|accept_new, --no-vat22 (no names for the 22 % rates)",
  async start(args) {
    const mode = args.extra["duplicate-external-id"]
    if (
      mode !== undefined &&
      !DUPLICATE_MODES.includes(mode as DuplicateExternalIdMode)
    ) {
      throw new Error(
        `--duplicate-external-id must be one of ${DUPLICATE_MODES.join(", ")}`
      )
    }
    const emulator = await startDreamkasEmulator({
      port: args.port,
      host: args.host,
      seed: args.seed,
      processingDelayMs: args.delayMs ?? 1000,
      duplicateExternalId: mode as DuplicateExternalIdMode | undefined,
      vat22Names: args.extra["no-vat22"] === true ? null : undefined,
    })
    const banner = [`Dreamkas emulator listening on ${emulator.url}`]
    for (const account of emulator.accounts) {
      for (const device of account.devices) {
        banner.push(
          `  base_url ${emulator.url}  token ${account.token}  device_id ${device.id} "${device.name}"  INN ${device.inn}`
        )
      }
    }
    banner.push(
      `  API:     ${emulator.url}/api/  (receipts, operations, devices, webhooks)`,
      `  ledger:  GET  ${emulator.url}/__control/ledger`,
      `  faults:  POST ${emulator.url}/__control/faults  e.g. {"next":[{"fault":"process_then_drop","on":"receipt"}]}`,
      `  config:  POST ${emulator.url}/__control/config  e.g. {"duplicateExternalId":"accept_new"}`,
      `  reset:   POST ${emulator.url}/__control/reset`
    )
    return { url: emulator.url, banner, close: () => emulator.close() }
  },
}
