import { toast } from "@medusajs/ui"
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { useFiscalTranslation } from "./i18n"
import { fiscalKeys } from "./query-keys"
import type {
  DayRange,
  FindingKind,
  ReconciliationResponse,
} from "./reconciliation"
import { fiscalFetch } from "./sdk"

export type ReconciliationParams = DayRange & {
  kind?: FindingKind
  offset: number
  limit: number
}

/** The stored reconciliation of a range: totals, days, a page of findings. */
export function useReconciliation(
  params: ReconciliationParams,
  enabled = true
) {
  const query = { ...params, kind: params.kind || undefined }
  return useQuery({
    queryKey: fiscalKeys.reconciliationReport(query),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () =>
      fiscalFetch<ReconciliationResponse>("/admin/fiscal/reconciliation", {
        query,
      }),
  })
}

/** "Check now": reconciles the range at once, then the page reads the new report. */
export function useCheckReconciliation() {
  const queryClient = useQueryClient()
  const { t } = useFiscalTranslation()
  return useMutation({
    mutationFn: (range: DayRange) =>
      fiscalFetch<ReconciliationResponse>("/admin/fiscal/reconciliation", {
        method: "POST",
        body: { from: range.from, to: range.to },
      }),
    onSuccess: ({ summary }) => {
      const found = Object.values(summary.findings).reduce((a, b) => a + b, 0)
      if (found > 0) {
        toast.warning(t("reconciliation.checkedWithFindings", { count: found }))
      } else {
        toast.success(t("reconciliation.checkedClean"))
      }
    },
    onError: (e: Error) =>
      toast.error(t("reconciliation.checkFailed"), { description: e.message }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: fiscalKeys.reconciliation() }),
  })
}
