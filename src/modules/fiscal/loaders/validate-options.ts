import type { LoaderOptions } from "@medusajs/framework/types"
import { parseFiscalOptions } from "../options"
import { parseEncryptionKey } from "../utils/crypto"

/**
 * Stops the application at boot when an option is wrong, with a message that names the
 * option and its allowed values (the options are never echoed: they hold credentials).
 * A malformed encryption key stops it too: nothing in the admin can repair it, and without
 * it every credential saved there is unreadable.
 */
export default async function validateOptionsLoader({
  options,
}: LoaderOptions): Promise<void> {
  const parsed = parseFiscalOptions(options)
  const [source, raw] =
    parsed.encryption_key !== undefined
      ? ["the plugin option `encryption_key`", parsed.encryption_key]
      : [
          "the environment variable FISCAL_ENCRYPTION_KEY",
          process.env.FISCAL_ENCRYPTION_KEY,
        ]
  if (raw === undefined || raw === "") {
    return
  }
  try {
    parseEncryptionKey(raw)
  } catch (e) {
    throw new Error(
      `medusa-fiscal: ${source} is not usable. ${(e as Error).message}`
    )
  }
}
