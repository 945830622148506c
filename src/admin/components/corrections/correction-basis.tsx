import { Text } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"
import { formatDay } from "../../lib/reconciliation"
import type { AdminFiscalReceiptRow } from "../../../types/http"

/** The basis of a correction receipt: on whose initiative, the order's number, the day corrected. */
export const CorrectionBasis = ({
  receipt,
}: {
  receipt: Pick<AdminFiscalReceiptRow, "correction">
}) => {
  const { t, language } = useFiscalTranslation()
  const basis = receipt.correction
  if (!basis) {
    return null
  }
  return (
    <Text
      size="small"
      className="text-ui-fg-subtle"
      data-testid="correction-basis"
    >
      {[
        basis.type === "instruction"
          ? t("correction.basisInstruction", {
              number: basis.base_number ?? "—",
            })
          : t("correction.basisSelf"),
        ...(basis.base_date
          ? [
              t("correction.basisDate", {
                day: formatDay(basis.base_date, language),
              }),
            ]
          : []),
      ].join(" · ")}
    </Text>
  )
}
