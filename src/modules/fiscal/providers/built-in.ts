import type { ModuleProvider } from "@medusajs/framework/types"
import atol from "../../../providers/atol"
import checkonline from "../../../providers/checkonline"
import dreamkas from "../../../providers/dreamkas"
import modulkassa from "../../../providers/modulkassa"

/**
 * What the module registers when the option `providers` is absent: the vendors this plugin
 * ships, unconfigured (the admin fills in the connection), each under its identifier. They
 * go through the same loader as configured entries; being exports rather than package
 * paths, Medusa's own provider loader leaves them to it.
 */
export const BUILT_IN_PROVIDERS: readonly ModuleProvider[] = [
  atol,
  checkonline,
  dreamkas,
  modulkassa,
].map((resolve) => ({ resolve, options: {} }))
