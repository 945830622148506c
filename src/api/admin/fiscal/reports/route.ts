import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { reportCsv, reportCsvFileName } from "../../../../lib/reports"
import { loadFiscalReport } from "../../../../pipeline/reports/load"
import type { AdminFiscalReportResponse } from "../../../../types/http/reports"
import { parseBody } from "../helpers"
import { AdminGetFiscalReport, reportQueryOf } from "./validators"

/**
 * `GET /admin/fiscal/reports?period=today|yesterday|week` or `?from=YYYY-MM-DD&to=…`
 * (at most 366 Moscow days): what happened to the shop's receipts in the period
 * (docs/architecture.md, "Reports and alerts"). `format=csv` answers the report as a file
 * (`language=ru|en` for its headers), otherwise `{ report }`.
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const q = parseBody(AdminGetFiscalReport, req.query)
  const now = new Date()
  const report = await loadFiscalReport(req.scope, reportQueryOf(q, now), now)
  if (q.format === "csv") {
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="${reportCsvFileName(report)}"`
    )
    res.status(200).send(reportCsv(report, q.language))
    return
  }
  res.json({ report } satisfies AdminFiscalReportResponse)
}
