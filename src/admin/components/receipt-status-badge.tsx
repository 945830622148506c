import { StatusBadge } from "@medusajs/ui"
import { useFiscalTranslation } from "../lib/i18n"
import { STATUS_COLOR } from "../lib/receipts"
import type { ReceiptStatus } from "../../types/lists"

/** The receipt's state as a coloured badge; `data-status` is the raw value for tests and styling. */
export const ReceiptStatusBadge = ({ status }: { status: ReceiptStatus }) => {
  const { t } = useFiscalTranslation()
  return (
    <StatusBadge color={STATUS_COLOR[status] ?? "grey"} data-status={status}>
      {t(`status.${status}`)}
    </StatusBadge>
  )
}
