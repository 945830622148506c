/**
 * What a package needs to add a cash-register service to medusa-fiscal
 * (`medusa-fiscal/providers/kit`): the base class, the typed failures the pipeline acts
 * on, and the types of the provider contract.
 *
 * ```ts
 * import { ModuleProvider } from "@medusajs/framework/utils"
 * import { AbstractFiscalProvider } from "medusa-fiscal/providers/kit"
 *
 * class MyKassaProvider extends AbstractFiscalProvider<MyKassaOptions> { … }
 *
 * export default ModuleProvider("fiscal", { services: [MyKassaProvider] })
 * ```
 */
export {
  AbstractFiscalProvider,
  type ConfigOf,
  type ConnectionTestResult,
} from "./base-provider"
export { SCRUBBED, scrubText, scrubValue } from "./scrub"
export { MAX_VENDOR_TEXT, vendorText } from "./vendor-text"
export {
  AuthError,
  ConfigError,
  FiscalProviderError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
  isFiscalProviderError,
  type FiscalErrorKind,
  type FiscalProviderErrorInit,
} from "../../modules/fiscal/errors"
export type {
  CheckRequest,
  FiscalCompany,
  FiscalData,
  FiscalProvider,
  FiscalProviderClass,
  LocalizedText,
  PreparedConnection,
  ProviderCallContext,
  ProviderCapabilities,
  ProviderConfigField,
  ProviderDeps,
  ProviderLogger,
  RegisterOutcome,
  RegisterRequest,
  StatusOutcome,
  WireExchange,
} from "../../modules/fiscal/types/provider"
export type { FiscalDocument } from "../../lib/receipt/types"
