import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type FiscalModuleService from "../../../../../modules/fiscal/service"
import { adminUrlOf, emailReport } from "../../../../../pipeline/reports/email"
import { loadFiscalReport } from "../../../../../pipeline/reports/load"
import type { AdminEmailFiscalReportResponse } from "../../../../../types/http/notifications"
import { parseBody } from "../../helpers"
import { AdminGetFiscalReport, reportQueryOf } from "../validators"

/** Body: the period only. */
const AdminEmailFiscalReport = AdminGetFiscalReport.pick({
  period: true,
  from: true,
  to: true,
})

/**
 * `POST /admin/fiscal/reports/email`: emails the report of a period to the recipients of
 * Settings → Fiscalization now, as the scheduled emails go (template `fiscal-report`). A
 * shop checks its email provider with it. 400 without recipients; the notification
 * module's refusal (no provider for `email`) is answered with what to configure.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const body = parseBody(AdminEmailFiscalReport, req.body)
  const now = new Date()
  const query = reportQueryOf(body, now)
  const fiscal = req.scope.resolve<FiscalModuleService>("fiscal")
  const settings = await fiscal.getEffectiveSettings()
  const { recipients, language } = settings.notifications
  if (!recipients.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "No report recipients are set: add addresses in Settings → Fiscalization → Reports and alerts."
    )
  }
  const report = await loadFiscalReport(req.scope, query, now)
  try {
    await emailReport(req.scope, {
      report,
      recipients,
      language,
      schedule: "manual",
      adminUrl: adminUrlOf(settings.callback.base_url),
      // every press is a new email
      key: `fiscal-report:manual:${now.toISOString()}`,
    })
  } catch (e) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `The report was not emailed: ${(e as Error).message}`
    )
  }
  res.json({
    recipients,
    period: report.period,
  } satisfies AdminEmailFiscalReportResponse)
}
