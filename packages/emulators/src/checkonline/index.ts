/**
 * Checkonline (Чеконлайн) emulator: an `https` server that speaks the "Complex" protocol
 * (`POST /fr/api/v2/Complex`) with TLS client certificates, the (Group, RequestId, ClientId)
 * answer cache, synchronous registration on emulated cash registers, cloud (FCEError) and device
 * (`Response.Error`) errors, fault injection and a ledger — for tests, the demo and shops' own checks.
 *
 * Where Checkonline publishes nothing [?] (docs/vendors/checkonline.md, "Not confirmed"), the
 * emulator chose, and the choice can be changed through {@link CheckonlineEmulatorOptions} where
 * it matters:
 * - cloud error numbers (1 format, 2 field, 3 group/certificate, 4 device, 5 no free device,
 *   6 internal, 7 repeat in progress, 8 payments) — `catalogue.ts`;
 * - cloud errors are never cached; receipts and final device errors are, forever (`cacheTtlMs`);
 * - a repeat during execution joins it (`concurrentRepeat: "busy"` answers error 7 instead);
 * - a bad certificate is refused by the TLS layer (`clientCertificateCheck: "http"` answers
 *   nginx's 400 pages instead);
 * - `TaxId` 7..12 mean 5 %, 7 %, 5/105, 7/107, 22 %, 22/122 (`taxIds` narrows the table);
 * - field names `Measure` (tag 2108) and `AdditionalAttribute` (tag 1192);
 * - `Date` in Moscow time with a two-digit year; `Device` as `{ Name, Address }`;
 * - limits: 100 positions (`maxLines`), 128-character names, 64-character ids, keys matched
 *   without regard to case, GET on the endpoint answers 405 (a harmless connection check).
 */
export { startCheckonlineEmulator, type CheckonlineEmulator } from "./server"
export type {
  CheckonlineEmulatorOptions,
  CheckonlineEmulatorStats,
  CheckonlineFiscalRecord,
  CheckonlineLedgerEntry,
  ClientCertificateCheck,
  ConcurrentRepeat,
} from "./types"
export type {
  CheckonlineFaults,
  CheckonlineFaultsInput,
  CheckonlineQueuedFault,
  CheckonlineRequestFault,
  CheckonlineCloudErrorInjection,
  CheckonlineDeviceErrorInjection,
} from "./faults"
export {
  CHECKONLINE_TEST_ENTERPRISES,
  CHECKONLINE_TEST_INN,
  CHECKONLINE_TEST_PLACE,
  DEFAULT_TAX_MODES,
  type CheckonlineEnterprise,
  type CheckonlineEmulatorDevice,
} from "./enterprises"
export {
  FCE_ERRORS,
  NON_FATAL_DEVICE_ERRORS,
  TAX_MODE_NOT_REGISTERED,
  type FceErrorName,
} from "./catalogue"
export {
  DEFAULT_TAX_IDS,
  lineTotal,
  type CheckonlineLedgerMark,
} from "./validation"
export {
  CHECKONLINE_TEST_GROUP,
  CHECKONLINE_TEST_CA_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
  CHECKONLINE_TEST_SERVER_CERTIFICATE,
  CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
} from "./test-certificates"
export { checkonlineEmulatorCli } from "./cli-entry"
export { harness } from "./harness"
