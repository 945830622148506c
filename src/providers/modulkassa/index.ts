import { ModuleProvider } from "@medusajs/framework/utils"
import { ModulKassaFiscalProvider } from "./service"

/**
 * МодульКасса (Modulpos), "API фискализации документов" v2.0, as a provider of the fiscal
 * module: `{ resolve: "medusa-fiscal/providers/modulkassa", id: "modulkassa", options: {
 * retail_point_id, login, password } }`. Saving the connection in the admin associates the
 * retail point once and stores the service credentials it issues (`prepareConnection`).
 */
export default ModuleProvider("fiscal", {
  services: [ModulKassaFiscalProvider],
})

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
