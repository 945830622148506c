import { Text } from "@medusajs/ui"
import { ExclamationCircle } from "@medusajs/icons"
import { useFiscalTranslation } from "../lib/i18n"
import { adviceKey } from "../lib/receipts"
import type { AdminFiscalReceiptRow } from "../../types/http"

/** The last failure in the service's words, and what to do about it in the admin's language. */
export const ReceiptError = ({
  receipt,
}: {
  receipt: AdminFiscalReceiptRow
}) => {
  const { t } = useFiscalTranslation()
  const advice = adviceKey(receipt)
  if (!receipt.error_message && !advice) {
    return null
  }
  const severe = receipt.status === "failed" || receipt.status === "invalid"
  return (
    <div
      className={`flex gap-x-2 rounded-md px-3 py-2 ${
        severe ? "bg-ui-tag-red-bg" : "bg-ui-bg-subtle"
      }`}
      data-testid="receipt-error"
    >
      <ExclamationCircle
        className={`mt-0.5 shrink-0 ${severe ? "text-ui-tag-red-icon" : "text-ui-tag-orange-icon"}`}
      />
      <div className="flex flex-col gap-y-1">
        {receipt.error_message && (
          <Text size="small" className="text-ui-fg-base break-words">
            {receipt.error_code &&
            !receipt.error_message.includes(receipt.error_code)
              ? `${receipt.error_code}: `
              : ""}
            {receipt.error_message}
          </Text>
        )}
        {advice && (
          <Text size="small" className="text-ui-fg-subtle">
            {t(advice)}
          </Text>
        )}
      </div>
    </div>
  )
}
