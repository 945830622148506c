import type { LoaderOptions } from "@medusajs/framework/types"
import { parseFiscalOptions } from "../options"

/**
 * Stops the application at boot when an option is wrong, with a message that names the
 * option and its allowed values (the options are never echoed: they hold credentials).
 */
export default async function validateOptionsLoader({
  options,
}: LoaderOptions): Promise<void> {
  parseFiscalOptions(options)
}
