import type { MedusaContainer } from "@medusajs/framework/types"
import { dueReports, type DueReport } from "../../lib/notifications/schedule"
import type FiscalModuleService from "../../modules/fiscal/service"
import { adminUrlOf, emailReport } from "./email"
import { loadFiscalReport } from "./load"

/** What became of one due report. */
export type ScheduledReportOutcome = DueReport & {
  status: "sent" | "failed"
  recipients: string[]
  error?: string
}

/**
 * Emails the scheduled reports that are due (docs/architecture.md, "Reports and alerts"):
 * each is claimed by its delivery row first, so it goes out once however many servers run
 * the job; a failed hand-over is tried again on the next runs, a few times. Reports due but
 * sent, given up or being sent elsewhere are left out of the result.
 */
export async function sendScheduledReports(
  container: MedusaContainer,
  now: Date = new Date()
): Promise<ScheduledReportOutcome[]> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const settings = await fiscal.getEffectiveSettings()
  const { notifications } = settings
  if (!notifications.recipients.length) {
    return []
  }
  const store = fiscal.getNoticeStore()
  const outcomes: ScheduledReportOutcome[] = []
  for (const due of dueReports(now, notifications)) {
    const delivery = await store.claimReportDelivery({
      kind: due.kind,
      period_from: due.from,
      period_to: due.to,
      recipients: notifications.recipients,
    })
    if (!delivery) {
      continue
    }
    try {
      // the presets name the same days at `now` and let the email say "yesterday"
      const report = await loadFiscalReport(
        container,
        { preset: due.kind === "daily" ? "yesterday" : "week" },
        now
      )
      await emailReport(container, {
        report,
        recipients: notifications.recipients,
        language: notifications.language,
        schedule: due.kind,
        adminUrl: adminUrlOf(settings.callback.base_url),
        key: `fiscal-report:${due.kind}:${due.from}`,
      })
      await store.finishReportDelivery(delivery.id, { status: "sent" })
      outcomes.push({
        ...due,
        status: "sent",
        recipients: notifications.recipients,
      })
    } catch (e) {
      const error = (e as Error).message
      await store.finishReportDelivery(delivery.id, { status: "failed", error })
      outcomes.push({
        ...due,
        status: "failed",
        recipients: notifications.recipients,
        error,
      })
    }
  }
  return outcomes
}
