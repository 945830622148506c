import type { EmulatorCliEntry } from "../registry"
import { startAtolEmulator } from "./server"

/** `medusa-fiscal-emulator atol [--port 4010] [--host 127.0.0.1] [--seed 1] [--delay 1000] [--legacy-codes] [--observe-rate]` */
export const atolEmulatorCli: EmulatorCliEntry = {
  name: "atol",
  description: "ATOL Online v4 (ФФД 1.05) and v5 (ФФД 1.2)",
  flags:
    "--legacy-codes (old negative KKT error codes), --observe-rate (count report-rate excess instead of answering 429)",
  async start(args) {
    const emulator = await startAtolEmulator({
      port: args.port,
      host: args.host,
      seed: args.seed,
      processingDelayMs: args.delayMs ?? 1000,
      legacyKktCodes: args.extra["legacy-codes"] === true,
      reportRateLimit:
        args.extra["observe-rate"] === true ? "observe" : "enforce",
    })
    const banner = [`ATOL Online emulator listening on ${emulator.url}`]
    for (const account of emulator.accounts) {
      for (const group of account.groups) {
        banner.push(
          `  v${group.api_version}: base_url ${emulator.url}  login ${account.login}  password ${account.password}  group ${group.code}  INN ${group.inn}`
        )
      }
    }
    banner.push(
      `  API:     ${emulator.url}/possystem/v5/  (and /possystem/v4/)`,
      `  ledger:  GET  ${emulator.url}/__control/ledger`,
      `  faults:  POST ${emulator.url}/__control/faults  e.g. {"next":[{"fault":"process_then_drop","on":"register"}]}`,
      `  reset:   POST ${emulator.url}/__control/reset`
    )
    return { url: emulator.url, banner, close: () => emulator.close() }
  },
}
