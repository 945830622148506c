import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { hostname } from "node:os"
import { randomBytes } from "node:crypto"
import type FiscalModuleService from "../modules/fiscal/service"
import type { EffectiveFiscalSettings } from "../modules/fiscal/settings/effective-settings"
import type { Happening } from "../modules/fiscal/lifecycle"
import type { FiscalProvider } from "../modules/fiscal/types/provider"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"

/** Identifies this process as a lease owner. */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`
}

/**
 * Points where a run can be observed or held from outside, for diagnostics and for tests
 * that must stop a worker at an exact step (a worker paused past its lease).
 */
export type PipelineHooks = {
  /** The document is built and frozen; the worker is about to fence its lease. */
  beforeFence?: (receipt: FiscalReceiptDTO) => Promise<void>
  /** The lease is fenced; the worker is about to call the vendor. */
  afterFence?: (receipt: FiscalReceiptDTO) => Promise<void>
}

/** Everything one pipeline run needs. */
export type PipelineContext = {
  container: MedusaContainer
  fiscal: FiscalModuleService
  logger: Logger
  settings: EffectiveFiscalSettings
  owner: string
  /** How long a claim or a fence holds a receipt (`worker.lease_seconds`). */
  leaseMs: number
  now: () => Date
  hooks: PipelineHooks
}

export async function pipelineContext(
  container: MedusaContainer,
  owner = workerId(),
  hooks: PipelineHooks = {}
): Promise<PipelineContext> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  return {
    container,
    fiscal,
    logger: container.resolve(ContainerRegistrationKeys.LOGGER),
    settings: await fiscal.getEffectiveSettings(),
    owner,
    leaseMs: fiscal.getOptions().worker.lease_seconds * 1000,
    now: () => new Date(),
    hooks,
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

/**
 * The shop's saved credentials of the receipt's connection cannot be read (no encryption
 * key, a different key): nothing can be sent with them, and the receipt says why.
 */
export function credentialsProblem(
  ctx: PipelineContext,
  receipt: Pick<FiscalReceiptDTO, "provider_id">
): Happening | null {
  const problem = ctx.settings.credentials_problem
  if (!problem || receipt.provider_id !== ctx.settings.provider_id) {
    return null
  }
  return {
    kind: "settings_problem",
    code: "CREDENTIALS_UNREADABLE",
    message: `${problem} Until then no receipt can be sent with the credentials saved in Settings → Fiscalization.`,
  }
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
