import { ModuleProvider } from "@medusajs/framework/utils"
import { AtolFiscalProvider } from "./service"

/**
 * ATOL Online, v4 (ФФД 1.05) and v5 (ФФД 1.2), as a provider of the fiscal module:
 * `{ resolve: "medusa-fiscal/providers/atol", id: "atol", options: { login, password, group } }`.
 */
export default ModuleProvider("fiscal", { services: [AtolFiscalProvider] })

export { AtolFiscalProvider } from "./service"
export {
  ATOL_HOSTS,
  atolOptionsSchema,
  type AtolHost,
  type AtolOptions,
  type AtolOptionsInput,
} from "./options"
export {
  toAtolCorrection,
  toAtolRegistration,
  toAtolRequest,
  fromAtolPayload,
  ATOL_CORRECTIONS,
} from "./mappers"
export { isTransientFailure } from "./kkt-failures"
export type { AtolApiVersion } from "./types"
