import { toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useFiscalTranslation } from "./i18n"
import { fiscalKeys } from "./query-keys"
import { fiscalFetch } from "./sdk"
import type {
  AdminFiscalBulkCheckResponse,
  AdminFiscalBulkRetryResponse,
  AdminFiscalOrderSendResponse,
  AdminFiscalReceiptResponse,
  AdminFiscalReceiptRow,
} from "../../types/http"

/**
 * The receipt actions with their toasts: success says what happens next, a refusal shows
 * the server's reason (the 400 message). Every action refreshes the lists and counts.
 */
export function useReceiptActions() {
  const queryClient = useQueryClient()
  const { t } = useFiscalTranslation()

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: fiscalKeys.receipts() }),
      queryClient.invalidateQueries({ queryKey: fiscalKeys.stats() }),
    ])
  const refused = (e: Error) =>
    toast.error(t("toast.refused"), { description: e.message })
  const statusText = (r: Pick<AdminFiscalReceiptRow, "status">) =>
    t(`status.${r.status}`)

  const sendToKkm = useMutation({
    mutationFn: (orderId: string) =>
      fiscalFetch<AdminFiscalOrderSendResponse>(
        `/admin/fiscal/orders/${orderId}/send`,
        {
          method: "POST",
        }
      ),
    onSuccess: () => toast.success(t("toast.sent")),
    onError: refused,
    onSettled: refresh,
  })

  const checkStatus = useMutation({
    mutationFn: (id: string) =>
      fiscalFetch<AdminFiscalReceiptResponse>(
        `/admin/fiscal/receipts/${id}/check`,
        {
          method: "POST",
        }
      ),
    onSuccess: ({ receipt }) =>
      toast.success(t("toast.checked", { status: statusText(receipt) })),
    onError: refused,
    onSettled: refresh,
  })

  const resell = useMutation({
    mutationFn: (id: string) =>
      fiscalFetch<AdminFiscalReceiptResponse>(
        `/admin/fiscal/receipts/${id}/resell`,
        {
          method: "POST",
        }
      ),
    onSuccess: () => toast.success(t("toast.resellStarted")),
    onError: refused,
    onSettled: refresh,
  })

  const checkMany = useMutation({
    mutationFn: (ids: string[]) =>
      fiscalFetch<AdminFiscalBulkCheckResponse>(
        "/admin/fiscal/receipts/check",
        {
          method: "POST",
          body: { ids },
        }
      ),
    onSuccess: ({ receipts }) =>
      toast.success(
        t("toast.checkedMany", {
          count: receipts.length,
          done: receipts.filter((r) => r.status === "done").length,
        })
      ),
    onError: refused,
    onSettled: refresh,
  })

  const retryMany = useMutation({
    mutationFn: (ids: string[]) =>
      fiscalFetch<AdminFiscalBulkRetryResponse>(
        "/admin/fiscal/receipts/retry",
        {
          method: "POST",
          body: { ids },
        }
      ),
    onSuccess: ({ results }) => {
      const failed = results.filter((r) => r.error)
      const title = t("toast.retriedMany", {
        count: results.length - failed.length,
        total: results.length,
      })
      if (failed.length) {
        toast.warning(title, {
          description: failed.map((r) => r.error).join("\n"),
        })
      } else {
        toast.success(title)
      }
    },
    onError: refused,
    onSettled: refresh,
  })

  return { sendToKkm, checkStatus, resell, checkMany, retryMany }
}
