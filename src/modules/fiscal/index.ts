import { Module } from "@medusajs/framework/utils"
import providersLoader from "./loaders/providers"
import validateOptionsLoader from "./loaders/validate-options"
import FiscalModuleService from "./service"

/** Name of the fiscal module in the Medusa container. */
export const FISCAL_MODULE = "fiscal"

export default Module(FISCAL_MODULE, {
  service: FiscalModuleService,
  loaders: [validateOptionsLoader, providersLoader],
})

export { FiscalModuleService }
