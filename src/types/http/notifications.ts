/**
 * Shapes of the report email route (docs/architecture.md, "Reports and alerts").
 */
import type { FiscalReport, ReportPreset } from "./reports"

/** Body of `POST /admin/fiscal/reports/email`: the period, as the report route takes it. */
export type AdminEmailFiscalReportBody = {
  period?: ReportPreset
  from?: string
  to?: string
}

/** What `POST /admin/fiscal/reports/email` answers: who it went to, and which period. */
export type AdminEmailFiscalReportResponse = {
  recipients: string[]
  period: FiscalReport["period"]
}
