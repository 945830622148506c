/**
 * Кабинет Дримкас emulator: a `node:http` server that speaks Dreamkas' receipt API (bearer
 * tokens, receipts as asynchronous operations, the fiscal receipt read model, devices,
 * webhooks) with a configurable answer to a repeated externalId, fault injection and a ledger,
 * for tests, the demo and shops' own checks.
 */
export { startDreamkasEmulator, type DreamkasEmulator } from "./server"
export type {
  DreamkasEmulatorOptions,
  DreamkasEmulatorStats,
  DreamkasLedgerEntry,
  DuplicateExternalIdMode,
  OperationStatus,
  Vat22Names,
} from "./types"
export type {
  DreamkasFaults,
  DreamkasFaultsInput,
  DreamkasFailNext,
  DreamkasQueuedFault,
  DreamkasRequestFault,
  DreamkasFaultTarget,
} from "./faults"
export {
  DREAMKAS_TEST_ACCOUNTS,
  DREAMKAS_TEST_DEVICE_ID,
  DREAMKAS_TEST_INN,
  DREAMKAS_TEST_TOKEN,
  type DreamkasEmulatorAccount,
  type DreamkasEmulatorDevice,
} from "./accounts"
export { OPERATION_ERRORS, API_ERRORS } from "./error-catalogue"
export type { EmulatedReceipt } from "./kassa"
export type { DreamkasLedgerMark } from "./validation"
export type { WebhookDelivery, WebhookSubscription } from "./webhooks"
export { dreamkasEmulatorCli } from "./cli-entry"
export { harness } from "./harness"
