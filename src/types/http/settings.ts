/**
 * Shapes of the settings routes (`/admin/fiscal/settings`), shared by the routes and the
 * admin. Nothing here may hold a secret value.
 */
import type { TextLanguage } from "../lists"

/**
 * Reports and alerts (docs/architecture.md, "Reports and alerts"). Times are Moscow time,
 * `HH:MM`; weekdays ISO, 1 Monday … 7 Sunday.
 */
export type NotificationSettings = {
  /** Who gets the report emails and the alert emails. */
  recipients: string[]
  /** Yesterday's report, every day at `time`. */
  daily_report: { enabled: boolean; time: string }
  /** The last seven days' report, on `weekday` at `time`. */
  weekly_report: { enabled: boolean; weekday: number; time: string }
  /** Alerts also go to the recipients by email, not only to the admin's notifications. */
  alert_emails: boolean
  /** The language of the notices and emails. */
  language: TextLanguage
}

/** A change of {@link NotificationSettings}: absent fields stay as saved. */
export type NotificationSettingsUpdate = {
  recipients?: string[]
  daily_report?: Partial<NotificationSettings["daily_report"]>
  weekly_report?: Partial<NotificationSettings["weekly_report"]>
  alert_emails?: boolean
  language?: TextLanguage
}

/** Whether a secret has a value somewhere (options or the encrypted store); never the value. */
export type SecretState = { set: boolean }

/** One provider's connection as the form shows it. */
export type ConnectionView = {
  config: Record<string, unknown>
  secrets: Record<string, SecretState>
}

/** What `GET /admin/fiscal/settings` answers. Holds no secret. */
export type FiscalSettingsView = {
  enabled: boolean
  provider_id: string | null
  /** Non-secret connection fields of `provider_id`. */
  provider_config: Record<string, unknown>
  /** `{ set }` per secret field of `provider_id`. */
  provider_secrets: Record<string, SecretState>
  /** The same for every known provider, so switching the select shows what is configured. */
  connections: Record<string, ConnectionView>
  company: {
    inn: string | null
    email: string | null
    payment_address: string | null
    sno: string | null
  }
  receipt: {
    goods_vat: string | null
    shipping_vat: string | null
    goods_payment_object: string | null
    shipping_payment_object: string | null
    goods_measure: number | null
    shipping_measure: number | null
    payment_method_mode: string | null
    payment_type: string | null
    handover: string | null
    /** Products with this tag are marked goods (Честный знак); default "Честный знак". */
    marked_product_tag: string | null
  }
  sell_trigger: "payment_captured" | "order_placed"
  refund_receipts: boolean
  cancel_receipts: boolean
  retry: {
    intervals_minutes: number[]
    max_attempts: number
    retry_daily: boolean
  }
  status_checks: { max_checks: number; interval_seconds: number }
  callback: {
    /** Where vendors post results; the secret in it is meant to be copied into the vendor's cabinet. */
    url: string | null
    /** The plugin option `callback.base_url`, when set; else the URL uses this request's origin. */
    base_url: string | null
  }
  notifications: NotificationSettings
  /** A key for stored credentials is configured (FISCAL_ENCRYPTION_KEY or `encryption_key`). */
  encryption_configured: boolean
  /** False when credentials are stored but cannot be decrypted with the configured key. */
  credentials_readable: boolean
}

/**
 * Body of `POST /admin/fiscal/settings`: every part optional, absent parts stay as saved;
 * `null` (or a blank text) falls back to the plugin options.
 */
export type FiscalSettingsUpdateBody = {
  enabled?: boolean
  provider_id?: string | null
  /** Connection fields of `provider_id`; a blank or absent secret keeps the stored one. */
  provider_config?: Record<string, unknown>
  company?: {
    inn?: string | null
    email?: string | null
    payment_address?: string | null
    sno?: string | null
  }
  receipt?: Partial<FiscalSettingsView["receipt"]>
  sell_trigger?: FiscalSettingsView["sell_trigger"]
  refund_receipts?: boolean
  cancel_receipts?: boolean
  retry?: Partial<FiscalSettingsView["retry"]>
  status_checks?: { max_checks?: number }
  notifications?: NotificationSettingsUpdate
}

/** Body of `POST /admin/fiscal/settings/test-connection`: the connection form, unsaved. */
export type FiscalConnectionTestBody = {
  provider_id: string
  provider_config: Record<string, unknown>
}

/** What `POST /admin/fiscal/settings/test-connection` answers; the message holds no secret. */
export type FiscalConnectionTestResponse = { ok: boolean; message: string }

/** What `GET` and `POST /admin/fiscal/settings` answer. */
export type AdminFiscalSettingsResponse = { settings: FiscalSettingsView }
