/**
 * A shop's and a vendor package's code against medusa-fiscal's and medusa-fiscal-emulator's
 * published entry points, compiled under --strict by `npm run test:types`. A declaration
 * that goes missing fails it twice: the import has no types (TS7016), and each
 * `@ts-expect-error` below, which only holds while the import is typed, is then unused.
 */
import { ModuleProvider } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import {
  buildSaleDocument,
  isReceiptError,
  RECEIPT_ORDER_FIELDS,
  type ReceiptOrder,
} from "medusa-fiscal/receipt"
import {
  AbstractFiscalProvider,
  RetryableError,
  vendorText,
  type CheckRequest,
  type FiscalDocument,
  type ProviderCapabilities,
  type ProviderConfigField,
  type RegisterOutcome,
  type RegisterRequest,
  type StatusOutcome,
} from "medusa-fiscal/providers/kit"
import atol, {
  AtolFiscalProvider,
  type AtolOptions,
} from "medusa-fiscal/providers/atol"
import checkonline from "medusa-fiscal/providers/checkonline"
import modulkassa from "medusa-fiscal/providers/modulkassa"
import dreamkas from "medusa-fiscal/providers/dreamkas"
import fiscalModule, { FISCAL_MODULE } from "medusa-fiscal/modules/fiscal"
import { RECEIPT_STATUSES, type ReceiptStatus } from "medusa-fiscal/types/lists"
import { HARNESSES, type RunningHarness } from "medusa-fiscal-emulator"
import {
  ATOL_TEST_INN,
  startAtolEmulator,
  type AtolEmulator,
} from "medusa-fiscal-emulator/atol"

// the receipt engine, as the README's "How receipt lines are computed" uses it
export function preview(order: ReceiptOrder): FiscalDocument | string {
  try {
    return buildSaleDocument(
      order,
      { goodsVat: "standard", shippingVat: "standard" },
      { date: new Date() }
    )
  } catch (e) {
    if (isReceiptError(e)) {
      return e.code
    }
    throw e
  }
}
export const fields: readonly string[] = RECEIPT_ORDER_FIELDS
// @ts-expect-error an order, not its id
preview("order_01")

// a vendor of another package, as the README's "Adding a vendor from your own package"
const configSchema = z.object({ shop_id: z.string().min(1), token: z.string() })

class MyKassaProvider extends AbstractFiscalProvider<
  z.output<typeof configSchema>
> {
  static override identifier = "mykassa"
  static override title = "MyKassa"
  static override configSchema = configSchema
  static override secretFields = ["token"]
  static override configFields: ProviderConfigField[] = [
    { name: "shop_id", type: "string", label: { en: "Shop", ru: "Магазин" } },
  ]

  readonly capabilities: ProviderCapabilities = {
    async: true,
    dedupesExternalId: false,
    callbacks: false,
    ffd: ["1.2"],
    maxLines: 100,
    maxNameLength: 128,
    minCheckIntervalMs: 1000,
    marking: { codes: false, fractional: false, industryRequisites: false },
    corrections: { sell: false, sellRefund: false },
  }

  protected async registerDocument(
    req: RegisterRequest
  ): Promise<RegisterOutcome> {
    if (!this.options_.shop_id) {
      throw new RetryableError({
        provider: "mykassa",
        operation: "register",
        message: vendorText("no shop"),
      })
    }
    return {
      kind: "accepted",
      vendorDocumentId: req.externalId,
      duplicate: false,
    }
  }
  protected async checkDocument(_req: CheckRequest): Promise<StatusOutcome> {
    // @ts-expect-error a status outcome has a kind the pipeline knows
    return { kind: "maybe" }
  }
  protected async probeConnection() {
    return { ok: true, message: "Connected to MyKassa" }
  }
}
export const mykassa = ModuleProvider("fiscal", { services: [MyKassaProvider] })

// the shipped vendors and the module, as medusa-config.ts names them
export const providers = [atol, checkonline, modulkassa, dreamkas]
export const atolOptions: Partial<AtolOptions> = { api_version: 5 }
export const atolClass: typeof AbstractFiscalProvider<any> = AtolFiscalProvider
export const moduleName: "fiscal" = FISCAL_MODULE
export const fiscal = fiscalModule
export const statuses: readonly ReceiptStatus[] = RECEIPT_STATUSES
// @ts-expect-error not a receipt status
export const notAStatus: ReceiptStatus = "sent"

// the emulator in a shop's tests, as the README's "In your shop's tests"
export async function emulate(): Promise<string> {
  const harness: RunningHarness = await HARNESSES.atol.start({ port: 0 })
  const emulator: AtolEmulator = await startAtolEmulator({ port: 0 })
  await Promise.all([harness.close(), emulator.close()])
  // @ts-expect-error the INN is a string of digits
  const inn: number = ATOL_TEST_INN
  return `${inn} ${harness.company.inn}`
}
