import { ModuleProvider } from "@medusajs/framework/utils"
import { DreamkasFiscalProvider } from "./service"

/**
 * Dreamkas (Дримкас) Кабинет API as a provider of the fiscal module:
 * `{ resolve: "medusa-fiscal/providers/dreamkas", id: "dreamkas", options: { token, device_id } }`.
 */
export default ModuleProvider("fiscal", { services: [DreamkasFiscalProvider] })

export { DreamkasFiscalProvider, decisiveOperation } from "./service"
export { DREAMKAS_CONFIG_FIELDS } from "./config-fields"
export {
  DREAMKAS_DEFAULT_BASE_URL,
  DREAMKAS_DEFAULT_VAT22_NAME,
  DREAMKAS_DEFAULT_VAT122_NAME,
  dreamkasOptionsSchema,
  type DreamkasOptions,
  type DreamkasOptionsInput,
} from "./options"
export {
  toDreamkasReceipt,
  fromDreamkasReceipt,
  SCALABLE_QUANTITY_SCALE,
} from "./mappers"
export { isTransientOperationError } from "./operation-failures"
export { dreamkasTaxName, DREAMKAS_TAX_MODES } from "./taxes"
export type * from "./types"
