import { model } from "@medusajs/framework/utils"
import {
  REPORT_DELIVERY_STATUSES,
  REPORT_SCHEDULES,
} from "../../../types/lists"

/**
 * One scheduled report email (docs/architecture.md, "Reports and alerts"): the row is
 * inserted before the email is handed over, once per schedule and period (the unique
 * index), so several servers running the job send it once.
 */
export const FiscalReportDelivery = model
  .define("fiscal_report_delivery", {
    // Primary key, e.g. frdel_01J…
    id: model.id({ prefix: "frdel" }).primaryKey(),
    // Which schedule (REPORT_SCHEDULES).
    kind: model.enum([...REPORT_SCHEDULES]),
    // First Moscow day of the reported period, YYYY-MM-DD.
    period_from: model.text(),
    // Last Moscow day of the reported period, YYYY-MM-DD.
    period_to: model.text(),
    // How far it got (REPORT_DELIVERY_STATUSES).
    status: model.enum([...REPORT_DELIVERY_STATUSES]).default("sending"),
    // Hand-overs tried; a failed one is tried again on the next runs, up to a limit.
    attempts: model.number().default(0),
    // The addresses it went to.
    recipients: model.json(),
    // Why the last hand-over failed, if it did (no email provider, the provider's error).
    error: model.text().nullable(),
    // When the notification module took it.
    sent_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_fiscal_report_delivery_period_unique",
      on: ["kind", "period_from"],
      unique: true,
    },
  ])
