import type { FiscalSettingsUpdateBody } from "../../../types/http/settings"
import {
  RECEIPT_SETTING_NAMES,
  type ReceiptSettingName,
} from "./receipt-setting-names"
import { applyNotificationUpdate } from "./notifications"
import type { FiscalSettingsRecord } from "./types"

/** Columns of the settings row to write. */
export type SettingsPatch = Record<string, unknown>

/**
 * The columns a settings update writes, apart from the connection: absent parts are left
 * out, `null` clears a column so the plugin option applies again.
 */
export function generalPatch(
  row: Pick<FiscalSettingsRecord, "receipt_defaults" | "notifications">,
  body: FiscalSettingsUpdateBody
): SettingsPatch {
  const patch: SettingsPatch = {}
  const set = (column: string, value: unknown) => {
    if (value !== undefined) {
      patch[column] = value
    }
  }
  set("enabled", body.enabled)
  set("company_inn", body.company?.inn)
  set("company_email", body.company?.email)
  set("company_payment_address", body.company?.payment_address)
  set("company_sno", body.company?.sno)
  if (body.receipt) {
    const defaults: Record<string, unknown> = {
      ...(row.receipt_defaults ?? {}),
    }
    for (const [apiName, value] of Object.entries(body.receipt)) {
      const engineName = RECEIPT_SETTING_NAMES[apiName as ReceiptSettingName]
      if (value === null) {
        delete defaults[engineName]
      } else if (value !== undefined) {
        defaults[engineName] = value
      }
    }
    patch.receipt_defaults = defaults
  }
  set("sell_trigger", body.sell_trigger)
  set("refund_receipts", body.refund_receipts)
  set("cancel_receipts", body.cancel_receipts)
  set("retry_intervals", body.retry?.intervals_minutes)
  set("max_attempts", body.retry?.max_attempts)
  set("retry_daily", body.retry?.retry_daily)
  set("max_status_checks", body.status_checks?.max_checks)
  if (body.notifications) {
    patch.notifications = applyNotificationUpdate(
      row.notifications,
      body.notifications
    )
  }
  return patch
}
