import { StatusBadge, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useFiscalTranslation } from "../../lib/i18n"
import { fiscalKeys } from "../../lib/query-keys"
import { STATUS_COLOR } from "../../lib/receipts"
import { fiscalFetch } from "../../lib/sdk"
import type { AdminFiscalStatsResponse } from "../../../types/http"
import { RECEIPT_STATUSES, type ReceiptStatus } from "../../../types/lists"

type Props = {
  active: string
  onSelect: (status: ReceiptStatus | "") => void
  onNeedsAttention: () => void
}

/** Receipts per status at a glance ("Failed: 3"); a click filters the list by it. */
export const StatusCounts = ({ active, onSelect, onNeedsAttention }: Props) => {
  const { t } = useFiscalTranslation()
  const { data, isError } = useQuery({
    queryKey: fiscalKeys.stats(),
    queryFn: () => fiscalFetch<AdminFiscalStatsResponse>("/admin/fiscal/stats"),
    refetchInterval: 10_000,
  })
  if (isError) {
    return (
      <Text size="small" className="text-ui-fg-error">
        {t("list.statsError")}
      </Text>
    )
  }
  if (!data) {
    return null
  }
  const shown = RECEIPT_STATUSES.filter((s) => data.by_status[s] > 0)
  return (
    <div
      className="flex flex-wrap items-center gap-2"
      data-testid="receipt-counts"
    >
      <Text size="small" className="text-ui-fg-subtle">
        {t("list.total", { count: data.total })}
      </Text>
      {shown.map((status) => (
        <button
          key={status}
          type="button"
          onClick={() => onSelect(active === status ? "" : status)}
          data-status-count={status}
          aria-pressed={active === status}
          className={active && active !== status ? "opacity-50" : ""}
        >
          <StatusBadge color={STATUS_COLOR[status]}>
            {t(`status.${status}`)}: {data.by_status[status]}
          </StatusBadge>
        </button>
      ))}
      {data.needs_attention > 0 && (
        <button
          type="button"
          onClick={onNeedsAttention}
          data-status-count="needs_attention"
        >
          <StatusBadge color="red">
            {t("list.needsAttention")}: {data.needs_attention}
          </StatusBadge>
        </button>
      )}
    </div>
  )
}
