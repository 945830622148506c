import { resolveCustomer } from "./contact"
import { assertRubles } from "./currency"
import { assertOrder } from "./input-shape"
import type { ReceiptOrder } from "./order-input"
import {
  resolveReceiptSettings,
  type ReceiptSettings,
  type ReceiptSettingsInput,
} from "./settings"
import type { FiscalCustomer } from "./types"

/**
 * What every sale receipt starts from: the order checked for shape and currency, the
 * settings resolved, and the buyer's contact the electronic receipt goes to.
 */
export function readSaleOrder(
  order: ReceiptOrder,
  settingsInput: ReceiptSettingsInput
): { settings: ReceiptSettings; customer: FiscalCustomer } {
  assertOrder(order)
  const settings = resolveReceiptSettings(settingsInput)
  assertRubles(order)
  return { settings, customer: resolveCustomer(order) }
}
