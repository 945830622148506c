import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { hostname } from "node:os"
import { randomBytes } from "node:crypto"
import type FiscalModuleService from "../modules/fiscal/service"
import type { EffectiveFiscalSettings } from "../modules/fiscal/settings/effective-settings"
import type { FiscalProvider } from "../modules/fiscal/types/provider"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"

/** Identifies this process as a lease owner. */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`
}

/** Everything one pipeline run needs. */
export type PipelineContext = {
  container: MedusaContainer
  fiscal: FiscalModuleService
  logger: Logger
  settings: EffectiveFiscalSettings
  owner: string
  now: () => Date
}

export async function pipelineContext(
  container: MedusaContainer,
  owner = workerId()
): Promise<PipelineContext> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  return {
    container,
    fiscal,
    logger: container.resolve(ContainerRegistrationKeys.LOGGER),
    settings: await fiscal.getEffectiveSettings(),
    owner,
    now: () => new Date(),
  }
}

/** Thrown when the provider cannot be set up from the current settings. */
export { ProviderSetupError } from "../modules/fiscal/errors"

/**
 * The connection a receipt is sent through, from the fiscal module's registered providers;
 * throws `ProviderSetupError` with a message that names what to fix.
 */
export function providerFor(
  ctx: PipelineContext,
  receipt: Pick<FiscalReceiptDTO, "provider_id">
): FiscalProvider {
  return ctx.fiscal.connectProvider(receipt.provider_id, ctx.settings)
}

/** The callback URL a vendor should post results to, when the shop's public URL is known. */
export function callbackUrlFor(
  ctx: PipelineContext,
  providerId: string
): string | undefined {
  const base = ctx.settings.callback.base_url
  if (!base) {
    return undefined
  }
  return `${base.replace(/\/+$/, "")}/hooks/fiscal/${providerId}/${ctx.settings.callback.secret}`
}
