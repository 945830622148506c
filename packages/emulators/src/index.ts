/**
 * Emulators of the Russian online cash-register services (ATOL Online, Checkonline,
 * МодульКасса, Dreamkas) for tests and demos. Each vendor's own API is under
 * `medusa-fiscal-emulator/<vendor>`; here is the vendor-neutral part: the harnesses and the CLI.
 */
export { HARNESSES, EMULATORS } from "./registry"
export type {
  EmulatorCliArgs,
  EmulatorCliEntry,
  RunningEmulator,
} from "./registry"
export type {
  EmulatorHarness,
  HarnessFaults,
  HarnessLedgerEntry,
  HarnessTaxationSystem,
  RunningHarness,
} from "./harness"
export { runCli, parseCliArgs, type CliOutput } from "./cli"
