import { Button } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  remedyAction,
  remedyLabelKey,
  type CorrectionPrefill,
  type ReconciliationFinding,
} from "../../lib/reconciliation"
import type { useReceiptActions } from "../../lib/use-receipt-actions"

type Props = {
  finding: ReconciliationFinding
  actions: ReturnType<typeof useReceiptActions>
  onCorrect: (
    prefill: CorrectionPrefill,
    finding: ReconciliationFinding
  ) => void
  onActed: (finding: ReconciliationFinding) => void
}

/** The button that does what the finding asks for. */
export const FindingRemedy = ({
  finding,
  actions,
  onCorrect,
  onActed,
}: Props) => {
  const { t } = useFiscalTranslation()
  const action = remedyAction(finding)
  const label = t(remedyLabelKey(finding.remedy))
  switch (action.kind) {
    case "send":
      return (
        <Button
          size="small"
          variant="secondary"
          data-remedy={finding.remedy}
          isLoading={
            actions.sendToKkm.isPending &&
            actions.sendToKkm.variables === action.orderId
          }
          onClick={() =>
            actions.sendToKkm.mutate(action.orderId, {
              onSuccess: () => onActed(finding),
            })
          }
        >
          {label}
        </Button>
      )
    case "correction":
      return (
        <Button
          size="small"
          variant="secondary"
          data-remedy={finding.remedy}
          onClick={() => onCorrect(action.prefill, finding)}
        >
          {label}
        </Button>
      )
    case "retry":
      return (
        <div className="flex items-center justify-end gap-x-1">
          <Button size="small" variant="secondary" asChild>
            <Link to={`/orders/${action.orderId}`} data-remedy={finding.remedy}>
              {label}
            </Link>
          </Button>
          {action.receiptIds.length > 0 && (
            <Button
              size="small"
              variant="transparent"
              onClick={() =>
                actions.retryMany.mutate(action.receiptIds, {
                  onSuccess: () => onActed(finding),
                })
              }
            >
              {t("actions.retry")}
            </Button>
          )}
        </div>
      )
  }
}
