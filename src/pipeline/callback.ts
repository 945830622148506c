import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type FiscalModuleService from "../modules/fiscal/service"
import { secretsEqual } from "../modules/fiscal/utils/crypto"
import { processFiscalQueue } from "./process-queue"

type CallbackInput = {
  provider: string
  secret?: string
  headers: Record<string, string | string[] | undefined>
  rawBody?: Buffer
  /** Path and query of the request, with the secret already masked. */
  url?: string
}

type CallbackResult = { status: number; body: Record<string, unknown> }

/**
 * Handles a vendor's result notice: checks the installation secret in constant time,
 * lets the provider name the document, and schedules an immediate status check of it.
 * Nothing the body claims is written: the check asks the vendor.
 */
export async function handleFiscalCallback(
  container: MedusaContainer,
  input: CallbackInput
): Promise<CallbackResult> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  // the secret before anything else: anyone can post here, so a request without the right
  // one costs a read of that one value and a comparison, never settings or decryption
  if (
    !input.secret ||
    !secretsEqual(input.secret, await fiscal.getCallbackSecret())
  ) {
    return { status: 401, body: { message: "Unauthorized" } }
  }
  if (!fiscal.hasProvider(input.provider)) {
    return { status: 404, body: { message: "Unknown provider" } }
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const settings = await fiscal.getEffectiveSettings()
  let named: { vendorDocumentId?: string; externalId?: string } | null = null
  try {
    const provider = fiscal.connectProvider(input.provider, settings)
    named = provider.parseCallback
      ? await provider.parseCallback({
          headers: input.headers,
          rawBody: input.rawBody ?? Buffer.alloc(0),
          url: input.url,
        })
      : null
  } catch (e) {
    logger.warn(
      `fiscal: a ${input.provider} callback could not be read: ${(e as Error).message}`
    )
  }
  if (!named) {
    // not a notice about one of our documents: acknowledged so the vendor stops retrying
    return { status: 200, body: { accepted: false } }
  }
  const filters: Record<string, unknown> = { provider_id: input.provider }
  if (named.vendorDocumentId) {
    filters.vendor_document_id = named.vendorDocumentId
  } else {
    filters.external_id = named.externalId
  }
  const [receipt] = await fiscal.listFiscalReceipts(filters, { take: 1 })
  if (!receipt) {
    return { status: 200, body: { accepted: false } }
  }
  setImmediate(() => {
    processFiscalQueue(container, { checkIds: [receipt.id] }).catch((e) =>
      logger.error(
        `fiscal: callback check of ${receipt.id} failed: ${(e as Error).message}`
      )
    )
  })
  return { status: 200, body: { accepted: true } }
}
