import { z } from "@medusajs/framework/zod"
import { TEXT_LANGUAGES } from "../../../types/lists"
import type {
  NotificationSettings,
  NotificationSettingsUpdate,
} from "../../../types/http/settings"

/** Reports and alerts as they are until the shop says otherwise: nothing is emailed. */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  recipients: [],
  daily_report: { enabled: false, time: "09:00" },
  weekly_report: { enabled: false, weekday: 1, time: "09:00" },
  alert_emails: false,
  language: "ru",
}

/** At most this many addresses: a report is one email per address. */
export const MAX_RECIPIENTS = 20

/** A time of day, Moscow, `HH:MM` on the 24-hour clock. */
const timeOfDay = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
    message: "must be a time of day as HH:MM, e.g. 09:00",
  })

const email = z
  .string()
  .trim()
  .pipe(z.email({ message: "must be email addresses" }))

/**
 * Reports and alerts as the plugin option `notifications` and the settings form give them:
 * every field optional, absent ones fall back.
 */
export const notificationSettingsSchema = z.strictObject({
  recipients: z
    .array(email)
    .max(MAX_RECIPIENTS, {
      message: `must be at most ${MAX_RECIPIENTS} addresses`,
    })
    .optional(),
  daily_report: z
    .strictObject({
      enabled: z.boolean().optional(),
      time: timeOfDay.optional(),
    })
    .optional(),
  weekly_report: z
    .strictObject({
      enabled: z.boolean().optional(),
      weekday: z
        .number()
        .int()
        .min(1, { message: "must be 1 (Monday) to 7 (Sunday)" })
        .max(7, { message: "must be 1 (Monday) to 7 (Sunday)" })
        .optional(),
      time: timeOfDay.optional(),
    })
    .optional(),
  alert_emails: z.boolean().optional(),
  language: z.enum(TEXT_LANGUAGES).optional(),
}) satisfies z.ZodType<NotificationSettingsUpdate>

/**
 * Merges, from weakest to strongest: the defaults ← the plugin option ← what the admin
 * saved; each field on its own, so saving one leaves the others to the option.
 */
export function resolveNotificationSettings(
  ...layers: (NotificationSettingsUpdate | null | undefined)[]
): NotificationSettings {
  const out: NotificationSettings = structuredClone(
    DEFAULT_NOTIFICATION_SETTINGS
  )
  for (const layer of layers) {
    if (!layer) {
      continue
    }
    if (layer.recipients) out.recipients = [...layer.recipients]
    Object.assign(out.daily_report, defined(layer.daily_report))
    Object.assign(out.weekly_report, defined(layer.weekly_report))
    if (layer.alert_emails !== undefined) out.alert_emails = layer.alert_emails
    if (layer.language) out.language = layer.language
  }
  return out
}

/**
 * The problems of settings about to be saved, by field: an email that is switched on needs
 * someone to go to.
 */
export function notificationProblems(
  settings: NotificationSettings
): [field: string, message: string, code: string][] {
  const wantsEmail =
    settings.daily_report.enabled ||
    settings.weekly_report.enabled ||
    settings.alert_emails
  if (wantsEmail && !settings.recipients.length) {
    return [
      [
        "notifications.recipients",
        "add at least one address: the report and alert emails are switched on but would go to nobody",
        "recipients_required",
      ],
    ]
  }
  return []
}

/** The row's stored value with the change applied (the column keeps only what was saved). */
export function applyNotificationUpdate(
  stored: NotificationSettingsUpdate | null,
  update: NotificationSettingsUpdate
): NotificationSettingsUpdate {
  const next: NotificationSettingsUpdate = { ...(stored ?? {}) }
  if (update.recipients !== undefined) next.recipients = update.recipients
  if (update.daily_report) {
    next.daily_report = {
      ...next.daily_report,
      ...defined(update.daily_report),
    }
  }
  if (update.weekly_report) {
    next.weekly_report = {
      ...next.weekly_report,
      ...defined(update.weekly_report),
    }
  }
  if (update.alert_emails !== undefined) next.alert_emails = update.alert_emails
  if (update.language !== undefined) next.language = update.language
  return next
}

function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, v]) => v !== undefined)
  ) as Partial<T>
}
