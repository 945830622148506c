import { toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useFiscalTranslation } from "./i18n"
import { fiscalKeys } from "./query-keys"
import { fiscalFetch } from "./sdk"
import type {
  AdminCreateCorrectionBody,
  AdminCreateCorrectionResponse,
  AdminOrderCorrectionsResponse,
} from "../../types/http"

/** What of the order a correction may stand for, and which corrections the service registers. */
export function useOrderCorrections(orderId: string, enabled = true) {
  return useQuery({
    queryKey: fiscalKeys.corrections(orderId),
    enabled: enabled && !!orderId,
    retry: false,
    queryFn: () =>
      fiscalFetch<AdminOrderCorrectionsResponse>(
        `/admin/fiscal/orders/${orderId}/corrections`
      ),
  })
}

/**
 * Issues a correction receipt; on success says so and refreshes the order's receipts, the
 * counts and the reconciliation. A refusal stays with the caller (the form shows it).
 */
export function useCreateCorrection(orderId: string) {
  const queryClient = useQueryClient()
  const { t } = useFiscalTranslation()
  return useMutation({
    mutationFn: (body: AdminCreateCorrectionBody) =>
      fiscalFetch<AdminCreateCorrectionResponse>(
        `/admin/fiscal/orders/${orderId}/corrections`,
        { method: "POST", body }
      ),
    onSuccess: () => {
      toast.success(t("correction.created"))
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: fiscalKeys.receipts() }),
        queryClient.invalidateQueries({ queryKey: fiscalKeys.stats() }),
        queryClient.invalidateQueries({
          queryKey: fiscalKeys.reconciliation(),
        }),
      ])
    },
  })
}
