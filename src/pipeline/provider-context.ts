import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { hostname } from "node:os"
import { randomBytes } from "node:crypto"
import { providerRegistry } from "../modules/fiscal/providers/registry"
import type FiscalModuleService from "../modules/fiscal/service"
import type { EffectiveFiscalSettings } from "../modules/fiscal/settings/effective-settings"
import type {
  FiscalProvider,
  WireExchange,
} from "../modules/fiscal/types/provider"
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
export class ProviderSetupError extends Error {}

/** The connection a receipt is sent through; the message names what to fix. */
export function providerFor(
  ctx: PipelineContext,
  tx: Pick<FiscalReceiptDTO, "provider_id">
): FiscalProvider {
  const registry = providerRegistry()
  if (!registry.has(tx.provider_id)) {
    throw new ProviderSetupError(
      `The fiscal provider "${tx.provider_id}" is not installed. Choose a provider in Settings → Fiscalization.`
    )
  }
  const config =
    tx.provider_id === ctx.settings.provider_id
      ? ctx.settings.provider_config
      : (ctx.fiscal.getOptions().connections[tx.provider_id] ?? {})
  try {
    return registry.connect(tx.provider_id, config, { logger: ctx.logger })
  } catch (e) {
    const issues = (
      e as { issues?: { path: PropertyKey[]; message: string }[] }
    ).issues
    const detail = issues
      ? issues
          .map((i) => `${i.path.map(String).join(".")}: ${i.message}`)
          .join("; ")
      : (e as Error).message
    throw new ProviderSetupError(
      `The ${tx.provider_id} connection is not configured correctly (${detail}). Fix it in Settings → Fiscalization.`
    )
  }
}

/** Collects a provider's exchanges and appends them to the audit log. */
export function exchangeRecorder(ctx: PipelineContext, tx: FiscalReceiptDTO) {
  const exchanges: WireExchange[] = []
  return {
    onExchange: (e: WireExchange) => {
      exchanges.push(e)
    },
    /** Writes what was collected; `outcome` labels the last exchange. */
    flush: async (outcome: string) => {
      const secret = ctx.settings.callback.secret
      // the callback URL carries the installation's secret; the audit log must not
      const hide = <T>(value: T): T =>
        value === undefined || !secret
          ? value
          : (JSON.parse(JSON.stringify(value).split(secret).join("***")) as T)
      for (const [i, e] of exchanges.entries()) {
        await ctx.fiscal.recordAttempt({
          receipt_id: tx.id,
          provider_id: tx.provider_id,
          operation: e.operation,
          external_id: tx.external_id,
          generation: tx.generation,
          method: e.method,
          url: e.url,
          request: hide(e.request),
          response: hide(e.response),
          http_status: e.http_status ?? null,
          duration_ms: e.duration_ms,
          outcome: i === exchanges.length - 1 ? outcome : "intermediate",
          error_message: e.error ?? null,
        })
      }
      const last = exchanges[exchanges.length - 1]
      exchanges.length = 0
      return last
    },
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
