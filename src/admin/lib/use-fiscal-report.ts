import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query"
import { toast } from "@medusajs/ui"
import { isRussian, useFiscalTranslation } from "./i18n"
import { fiscalKeys } from "./query-keys"
import {
  reportQuery,
  type AdminFiscalReportResponse,
  type ReportSelection,
} from "./reports"
import { FiscalApiError, fiscalFetch } from "./sdk"

/** The fiscal report of a preset or a range of Moscow days. */
export function useFiscalReport(sel: ReportSelection, enabled = true) {
  const query = reportQuery(sel)
  return useQuery({
    queryKey: fiscalKeys.report(query),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () =>
      fiscalFetch<AdminFiscalReportResponse>("/admin/fiscal/reports", {
        query,
      }),
  })
}

/**
 * "Download CSV": the route's file fetched with the admin's session cookie and handed to
 * the browser under the name the route gives it, in the admin's language.
 */
export function useDownloadReportCsv() {
  const { t, language } = useFiscalTranslation()
  return useMutation({
    mutationFn: async (sel: ReportSelection) => {
      const url = new URL("/admin/fiscal/reports", window.location.origin)
      for (const [k, v] of Object.entries(reportQuery(sel))) {
        url.searchParams.set(k, v)
      }
      url.searchParams.set("format", "csv")
      url.searchParams.set("language", isRussian(language) ? "ru" : "en")
      const res = await fetch(url, { credentials: "include" })
      if (!res.ok) {
        const data = await res.json().catch(() => ({}))
        throw new FiscalApiError(
          (data as { message?: string }).message || `HTTP ${res.status}`,
          res.status
        )
      }
      const name =
        /filename="([^"]+)"/.exec(
          res.headers.get("content-disposition") ?? ""
        )?.[1] ?? "fiscal-report.csv"
      const href = URL.createObjectURL(await res.blob())
      const a = document.createElement("a")
      a.href = href
      a.download = name
      document.body.appendChild(a)
      a.click()
      a.remove()
      // the click has handed the file over; the address is no longer needed
      setTimeout(() => URL.revokeObjectURL(href), 0)
      return name
    },
    onError: (e: Error) =>
      toast.error(t("reports.downloadFailed"), { description: e.message }),
  })
}
