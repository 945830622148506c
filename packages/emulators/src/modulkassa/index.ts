/**
 * МодульКасса emulator: a `node:http` server that speaks "API фискализации документов" v2.0
 * (associations with rotating passwords, validation, a document queue worked through by an
 * emulated kassa, status and re-queue, `responseURL` notices, the kassa's fiscal storage
 * state) with fault injection and a ledger, for tests, the demo and shops' own checks.
 *
 * Where the protocol is silent the emulator chooses, and each choice is an option:
 * - a repeated document id returns the first document (`duplicateIds`);
 * - an unknown id in a status lookup answers 404 (`unknownDocumentStatus`);
 * - the notice to `responseURL` is a JSON POST of the DocumentStatus plus `id` and `docNum`
 *   (`callbackFormat`), repeated twice on failure;
 * - 400 answers have no body (`validationDetails` adds one);
 * - `vatTag` codes for 5 %, 7 %, 22 % are emulator placeholders (`strictVatTags` refuses them).
 */
export { startModulKassaEmulator, type ModulKassaEmulator } from "./server"
export type {
  DuplicateIdRule,
  ModulDocumentState,
  ModulKassaAssociationRecord,
  ModulKassaEmulatorOptions,
  ModulKassaEmulatorStats,
  ModulKassaLedgerEntry,
} from "./types"
export type {
  ModulKassaFaults,
  ModulKassaFaultsInput,
  ModulKassaFailNext,
  ModulKassaQueuedFault,
  ModulKassaRequestFault,
  ModulKassaFaultTarget,
} from "./faults"
export {
  DOCUMENTED_VAT_TAGS,
  EMULATOR_PLACEHOLDER_VAT_TAGS,
  MODULKASSA_TEST_ACCOUNTS,
  MODULKASSA_TEST_INN,
  type ModulKassaEmulatorAccount,
  type ModulKassaEmulatorRetailPoint,
  type ModulKassaFnState,
} from "./accounts"
export type { CallbackAttempt, CallbackFormat } from "./callbacks"
export type { ModulFiscalInfo, ModulFailureInfo } from "./kassa"
export type { ModulKassaLedgerMark } from "./validation"
export { modulKassaEmulatorCli } from "./cli-entry"
