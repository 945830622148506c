import type { MedusaContainer } from "@medusajs/framework/types"
import {
  reportCsv,
  reportCsvFileName,
  reportHtml,
  reportSubject,
  reportText,
} from "../../lib/reports"
import { FISCAL_TEMPLATES } from "../../lib/notifications/templates"
import type { FiscalReport } from "../../types/http/reports"
import type { TextLanguage } from "../../types/lists"
import { sendNotifications } from "../notify"

/**
 * The `data` of a report email (template `fiscal-report`): the report itself, for a
 * provider that renders its own template, and the words the plugin wrote for it.
 */
export type ReportEmailData = {
  subject: string
  language: TextLanguage
  /** `daily`, `weekly`, or `manual` for one sent from the admin. */
  schedule: "daily" | "weekly" | "manual"
  report: FiscalReport
  /** The admin's address, when the shop's public URL is known; links in the email use it. */
  admin_url: string | null
}

/**
 * Emails a report to each recipient through Medusa's notification module (channel
 * `email`, template `fiscal-report`), with the subject, a text and an HTML body, and the
 * report as a CSV attachment. `key` keeps each recipient's email to one hand-over: a retry
 * sends only to those whose email failed.
 */
export async function emailReport(
  container: MedusaContainer,
  {
    report,
    recipients,
    language,
    schedule,
    adminUrl,
    key,
  }: {
    report: FiscalReport
    recipients: string[]
    language: TextLanguage
    schedule: ReportEmailData["schedule"]
    adminUrl: string | null
    key: string
  }
): Promise<void> {
  const subject = reportSubject(report, language)
  const content = {
    subject,
    text: reportText(report, language),
    html: reportHtml(report, language, { adminUrl: adminUrl ?? undefined }),
  }
  const data: ReportEmailData = {
    subject,
    language,
    schedule,
    report,
    admin_url: adminUrl,
  }
  const csv = Buffer.from(reportCsv(report, language), "utf8").toString(
    "base64"
  )
  await sendNotifications(
    container,
    recipients.map((to) => ({
      to,
      channel: "email",
      template: FISCAL_TEMPLATES.report,
      data,
      content,
      attachments: [
        {
          content: csv,
          filename: reportCsvFileName(report),
          content_type: "text/csv",
          disposition: "attachment",
        },
      ],
      trigger_type: "fiscal.report",
      idempotency_key: `${key}:${to}`,
    }))
  )
}

/** The admin's address from the shop's public URL (`callback.base_url`), when set. */
export function adminUrlOf(baseUrl: string | undefined): string | null {
  return baseUrl ? `${baseUrl.replace(/\/+$/, "")}/app` : null
}
