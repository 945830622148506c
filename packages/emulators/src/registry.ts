import { atolEmulatorCli } from "./atol/cli-entry"
import { checkonlineEmulatorCli } from "./checkonline/cli-entry"
import { modulKassaEmulatorCli } from "./modulkassa/cli-entry"
import { dreamkasEmulatorCli } from "./dreamkas/cli-entry"
import { harness as atolHarness } from "./atol/harness"
import { harness as checkonlineHarness } from "./checkonline/harness"
import { harness as modulKassaHarness } from "./modulkassa/harness"
import { harness as dreamkasHarness } from "./dreamkas/harness"
import type { EmulatorHarness } from "./harness"

/** Flags the emulator CLI passes to every vendor, plus `--name value` extras by name. */
export type EmulatorCliArgs = {
  port: number
  host: string
  seed?: number
  delayMs?: number
  extra: Record<string, string | true>
}

/** A started emulator as the CLI sees it. */
export type RunningEmulator = {
  url: string
  /** Lines printed after start: accounts, endpoints, how to drive it. */
  banner: string[]
  close(): Promise<void>
}

/** What a vendor's emulator folder exports for the CLI. */
export type EmulatorCliEntry = {
  /** Vendor name on the command line, e.g. `atol`. */
  name: string
  /** One line for `--help`. */
  description: string
  /** The vendor's own switches for `--help`, e.g. `--legacy-codes (…)`. */
  flags?: string
  start(args: EmulatorCliArgs): Promise<RunningEmulator>
}

/** Emulators the CLI can start: a vendor adds its folder, its imports and a line to each map. */
export const EMULATORS: Record<string, EmulatorCliEntry> = {
  atol: atolEmulatorCli,
  checkonline: checkonlineEmulatorCli,
  modulkassa: modulKassaEmulatorCli,
  dreamkas: dreamkasEmulatorCli,
}

/** Each vendor's harness by provider id, for the demo and the cross-vendor tests. */
export const HARNESSES: Record<string, EmulatorHarness> = {
  atol: atolHarness,
  checkonline: checkonlineHarness,
  modulkassa: modulKassaHarness,
  dreamkas: dreamkasHarness,
}
