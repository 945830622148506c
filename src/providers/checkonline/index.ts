import type { FiscalProviderDefinition } from "../../modules/fiscal/types/provider"
import { summarizeCertificate } from "./certificates"
import {
  CHECKONLINE_CONFIG_FIELDS,
  CHECKONLINE_SECRET_FIELDS,
  checkonlineEndpoint,
  checkonlineOptionsSchema,
  type CheckonlineOptions,
} from "./options"
import { CheckonlineFiscalProvider } from "./service"

/** Checkonline (Чеконлайн), the "Complex" protocol over mutual TLS; synchronous registration. */
const checkonlineProviderDefinition: FiscalProviderDefinition<CheckonlineOptions> =
  {
    identifier: CheckonlineFiscalProvider.identifier,
    title: "Checkonline (Чеконлайн)",
    parseConfig: (input) => checkonlineOptionsSchema.parse(input),
    secretFields: CHECKONLINE_SECRET_FIELDS,
    configFields: CHECKONLINE_CONFIG_FIELDS,
    // Answers are cached per (Group, RequestId, ClientId) of one installation; the Group defaults
    // to the certificate's, so the certificate (by fingerprint, never its key) names the account.
    accountKey: (config) =>
      [
        "checkonline",
        checkonlineEndpoint(config),
        summarizeCertificate(config.certificate).fingerprint,
        config.group ?? "",
        config.client_id ?? "",
      ].join("|"),
    create: (config, deps) => new CheckonlineFiscalProvider(config, deps),
  }

export default checkonlineProviderDefinition

export { CheckonlineFiscalProvider } from "./service"
export {
  CHECKONLINE_HOSTS,
  CHECKONLINE_CONFIG_FIELDS,
  checkonlineOptionsSchema,
  checkonlineEndpoint,
  type CheckonlineHost,
  type CheckonlineOptions,
  type CheckonlineOptionsInput,
} from "./options"
export { toComplexRequest, fromComplexResponse } from "./mappers"
export { toCgnFloat } from "./marking"
export {
  DEFAULT_TAX_IDS,
  TAX_MODE,
  PAY_ATTRIBUTE,
  DOCUMENT_TYPE,
} from "./wire-format"
export type { ComplexRequest, ComplexResponse, ComplexLine } from "./types"
