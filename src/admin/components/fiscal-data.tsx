import { Text } from "@medusajs/ui"
import { ArrowUpRightOnBox } from "@medusajs/icons"
import { useFiscalTranslation } from "../lib/i18n"
import type { AdminFiscalReceiptRow } from "../../types/http"

/** ФД · ФП · receipt number · shift, and the OFD link when the service gave one. */
export const FiscalData = ({ receipt }: { receipt: AdminFiscalReceiptRow }) => {
  const { t } = useFiscalTranslation()
  const parts = [
    receipt.fiscal_document_number &&
      `${t("fiscal.fd")} ${receipt.fiscal_document_number}`,
    receipt.fiscal_document_attribute &&
      `${t("fiscal.fp")} ${receipt.fiscal_document_attribute}`,
    receipt.fiscal_receipt_number &&
      `${t("fiscal.receiptNumber")} ${receipt.fiscal_receipt_number}`,
    receipt.shift_number && `${t("fiscal.shift")} ${receipt.shift_number}`,
  ].filter(Boolean)
  if (!parts.length && !receipt.ofd_receipt_url) {
    return null
  }
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1"
      data-testid="fiscal-data"
    >
      {parts.length > 0 && (
        <Text size="small" className="text-ui-fg-subtle font-mono">
          {parts.join(" · ")}
        </Text>
      )}
      {receipt.ofd_receipt_url && (
        <a
          href={receipt.ofd_receipt_url}
          target="_blank"
          rel="noreferrer"
          className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover inline-flex items-center gap-x-1"
        >
          {t("fiscal.ofdLink")}
          <ArrowUpRightOnBox />
        </a>
      )}
    </div>
  )
}
