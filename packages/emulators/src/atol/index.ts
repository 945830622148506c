/**
 * ATOL Online v4/v5 emulator: a `node:http` server that speaks ATOL's protocol (tokens,
 * validation with ATOL's codes, idempotency on external_id, asynchronous processing, reports,
 * callbacks) with fault injection and a ledger, for tests, the demo and shops' own checks.
 */
export { startAtolEmulator, type AtolEmulator } from "./server"
export type {
  AtolEmulatorOptions,
  AtolEmulatorStats,
  AtolLedgerCorrection,
  AtolLedgerEntry,
} from "./types"
export type {
  AtolFaults,
  AtolFaultsInput,
  AtolFailNext,
  AtolQueuedFault,
  AtolRequestFault,
  AtolFaultTarget,
} from "./faults"
export {
  ATOL_TEST_ACCOUNTS,
  ATOL_TEST_INN,
  ATOL_TEST_PAYMENT_ADDRESS,
  type AtolEmulatorAccount,
  type AtolEmulatorGroup,
} from "./accounts"
export type { CallbackAttempt } from "./callbacks"
export type { AtolLedgerMark } from "./kassa"
export type { ReportRateStats } from "./rate-window"
export { atolEmulatorCli } from "./cli-entry"
