import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  alertEmail,
  alertFeedNotice,
  type AlertForNotice,
} from "../../lib/notifications/alert-notice"
import { FISCAL_TEMPLATES } from "../../lib/notifications/templates"
import type { FiscalAlertRow } from "../../modules/fiscal/notices/store"
import type FiscalModuleService from "../../modules/fiscal/service"
import type { TextLanguage } from "../../types/lists"
import { sendNotifications } from "../notify"
import { orderNumbers } from "../order-numbers"

/** Alerts folded into one notice at most; more make more notices. */
const ALERTS_PER_NOTICE = 200
/** Notices one delivery run makes at most; the rest wait for the next run. */
const NOTICES_PER_RUN = 10

/** The `data` of an alert email (template `fiscal-alert`). */
export type AlertEmailData = {
  subject: string
  language: TextLanguage
  alerts: AlertForNotice[]
}

/** What a delivery run did. */
export type AlertDelivery = {
  /** Alerts delivered. */
  alerts: number
  /** Feed notices made (one per fold). */
  notices: number
  /** Alerts still waiting for the fold window (not forced). */
  waiting: boolean
}

/**
 * Delivers the alerts waiting (docs/architecture.md, "Reports and alerts"): once the oldest
 * has waited the fold window (`worker.alert_fold_seconds`), or at once with `force`, all
 * waiting alerts become one notice in the admin's feed and, when the shop asked for alert
 * emails, one email per recipient. Alerts are claimed in one statement, so two servers never
 * deliver the same one; a notice the notification module refuses puts them back.
 */
export async function deliverAlerts(
  container: MedusaContainer,
  { force = false, now = new Date() }: { force?: boolean; now?: Date } = {}
): Promise<AlertDelivery> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const store = fiscal.getNoticeStore()
  if (!force) {
    const oldest = await store.oldestUndeliveredAlert()
    const foldMs = fiscal.getOptions().worker.alert_fold_seconds * 1000
    if (!oldest) {
      return { alerts: 0, notices: 0, waiting: false }
    }
    if (now.getTime() - oldest.getTime() < foldMs) {
      return { alerts: 0, notices: 0, waiting: true }
    }
  }
  const { notifications } = await fiscal.getEffectiveSettings()
  const done: AlertDelivery = { alerts: 0, notices: 0, waiting: false }
  for (let i = 0; i < NOTICES_PER_RUN; i++) {
    const claimed = await store.claimAlerts(ALERTS_PER_NOTICE)
    if (!claimed.length) {
      break
    }
    try {
      await notifyFeed(container, claimed, notifications.language)
    } catch (e) {
      await store.releaseAlerts(claimed.map((a) => a.id))
      throw e
    }
    done.alerts += claimed.length
    done.notices += 1
    if (notifications.alert_emails && notifications.recipients.length) {
      await emailAlerts(
        container,
        claimed,
        notifications.recipients,
        notifications.language
      )
    }
  }
  return done
}

async function forNotice(
  container: MedusaContainer,
  alerts: FiscalAlertRow[]
): Promise<AlertForNotice[]> {
  const numbers = await orderNumbers(
    container,
    alerts.map((a) => a.order_id)
  )
  return alerts.map((a) => ({
    receipt_id: a.receipt_id,
    order_id: a.order_id,
    order_display_id: numbers.get(a.order_id) ?? null,
    state: a.state,
    error_code: a.error_code || null,
    error_message: a.error_message,
  }))
}

/** The fold's key: the same alerts handed over again are not a second notice. */
const foldKey = (alerts: FiscalAlertRow[]) =>
  `fiscal-alerts:${alerts[0].id}:${alerts.length}`

async function notifyFeed(
  container: MedusaContainer,
  alerts: FiscalAlertRow[],
  language: TextLanguage
): Promise<void> {
  const listed = await forNotice(container, alerts)
  const notice = alertFeedNotice(listed, language)
  await sendNotifications(container, [
    {
      // the feed is the admin's: every user of it sees the notice
      to: "",
      channel: "feed",
      template: FISCAL_TEMPLATES.feed,
      data: {
        ...notice,
        receipt_ids: alerts.map((a) => a.receipt_id),
        order_ids: [...new Set(alerts.map((a) => a.order_id))],
      },
      trigger_type: "fiscal.alert",
      resource_type: alerts.length === 1 ? "fiscal_receipt" : null,
      resource_id: alerts.length === 1 ? alerts[0].receipt_id : null,
      idempotency_key: foldKey(alerts),
    },
  ])
}

/** The email of delivered alerts; a failure is logged, the feed notice stands. */
async function emailAlerts(
  container: MedusaContainer,
  alerts: FiscalAlertRow[],
  recipients: string[],
  language: TextLanguage
): Promise<void> {
  const listed = await forNotice(container, alerts)
  const content = alertEmail(listed, language)
  const data: AlertEmailData = {
    subject: content.subject,
    language,
    alerts: listed,
  }
  try {
    await sendNotifications(
      container,
      recipients.map((to) => ({
        to,
        channel: "email",
        template: FISCAL_TEMPLATES.alert,
        data,
        content,
        trigger_type: "fiscal.alert",
        idempotency_key: `${foldKey(alerts)}:${to}`,
      }))
    )
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `fiscal: the alert email about ${alerts.length} receipt(s) was not sent: ${(e as Error).message}`
      )
  }
}
