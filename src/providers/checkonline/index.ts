import { ModuleProvider } from "@medusajs/framework/utils"
import { CheckonlineFiscalProvider } from "./service"

/**
 * Checkonline (Чеконлайн), the "Complex" protocol over mutual TLS with synchronous
 * registration, as a provider of the fiscal module:
 * `{ resolve: "medusa-fiscal/providers/checkonline", id: "checkonline", options: { certificate, private_key } }`.
 */
export default ModuleProvider("fiscal", {
  services: [CheckonlineFiscalProvider],
})

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
