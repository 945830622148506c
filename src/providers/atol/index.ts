import type { FiscalProviderDefinition } from "../../modules/fiscal/types/provider"
import {
  ATOL_SECRET_FIELDS,
  atolApiBase,
  atolOptionsSchema,
  type AtolOptions,
} from "./options"
import { ATOL_CONFIG_FIELDS } from "./config-fields"
import { AtolFiscalProvider } from "./service"

/** ATOL Online, v4 (ФФД 1.05) and v5 (ФФД 1.2). */
const atolProviderDefinition: FiscalProviderDefinition<AtolOptions> = {
  identifier: AtolFiscalProvider.identifier,
  title: "ATOL Online",
  parseConfig: (input) => atolOptionsSchema.parse(input),
  secretFields: ATOL_SECRET_FIELDS,
  configFields: ATOL_CONFIG_FIELDS,
  // external_id is unique per group of one installation (PROTOCOLS §1.8).
  accountKey: (config) =>
    `atol|${atolApiBase(config)}|${config.login}|${config.group}`,
  create: (config, deps) => new AtolFiscalProvider(config, deps),
}

export default atolProviderDefinition

export { AtolFiscalProvider } from "./service"
export {
  ATOL_HOSTS,
  atolOptionsSchema,
  type AtolHost,
  type AtolOptions,
  type AtolOptionsInput,
} from "./options"
export { toAtolRegistration, fromAtolPayload } from "./mappers"
export { isTransientFailure } from "./kkt-failures"
export type { AtolApiVersion } from "./types"
