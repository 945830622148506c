import type {
  FiscalProviderDefinition,
  ProviderCallContext,
} from "../../modules/fiscal/types/provider"
import { associate, type ModulKassaAssociation } from "./associate"
import { MODULKASSA_CONFIG_FIELDS } from "./config-fields"
import {
  MODULKASSA_SECRET_FIELDS,
  modulKassaApiBase,
  modulKassaOptionsSchema,
  type ModulKassaOptions,
} from "./options"
import { ModulKassaFiscalProvider } from "./service"

/**
 * МодульКасса's definition, with the association step on top of the common contract: the
 * admin's "Associate" action calls `associate(config)` and stores the returned
 * `service_user`/`service_password` (encrypted) in the connection settings.
 */
export type ModulKassaProviderDefinition =
  FiscalProviderDefinition<ModulKassaOptions> & {
    associate(
      config: unknown,
      ctx?: ProviderCallContext
    ): Promise<ModulKassaAssociation>
  }

/** МодульКасса (Modulpos), "API фискализации документов" v2.0. */
const modulKassaProviderDefinition: ModulKassaProviderDefinition = {
  identifier: ModulKassaFiscalProvider.identifier,
  title: "МодульКасса",
  parseConfig: (input) => modulKassaOptionsSchema.parse(input),
  secretFields: MODULKASSA_SECRET_FIELDS,
  configFields: MODULKASSA_CONFIG_FIELDS,
  // Document ids are the shop's own and belong to the retail point they were sent to.
  accountKey: (config) =>
    `modulkassa|${modulKassaApiBase(config)}|${config.retail_point_id}`,
  create: (config, deps) => new ModulKassaFiscalProvider(config, deps),
  associate: (config, ctx) => associate(config, ctx),
  // Saving a connection with the account login but no service credentials associates the
  // retail point once; later saves keep the stored service credentials (a new association
  // would rotate the password under any running process).
  prepareConnection: async (config, ctx) => {
    if (
      (config.service_user && config.service_password) ||
      !config.login ||
      !config.password
    ) {
      return null
    }
    const { service_user, service_password } = await associate(config, ctx)
    return { service_user, service_password }
  },
}

export default modulKassaProviderDefinition

export { ModulKassaFiscalProvider } from "./service"
export { associate, type ModulKassaAssociation } from "./associate"
export {
  DOCUMENTED_VAT_TAGS,
  MODULKASSA_HOSTS,
  modulKassaOptionsSchema,
  type ModulKassaHost,
  type ModulKassaOptions,
  type ModulKassaOptionsInput,
} from "./options"
export { toModulDocument, fromModulFiscalInfo, responseUrlFor } from "./mappers"
export { readDocumentStatus, isTransientFailure } from "./status"
export { modulDocumentId, uuidV5 } from "./document-id"
export { toNomenclatureCode } from "./marking"
