import type {
  AdminFiscalProvider,
  FiscalSettingsView,
  ProviderConfigField,
} from "../../../types/http"

/** Inputs hold text; switches hold booleans. */
export type ConfigValues = Record<string, string | boolean>

/** What the settings form edits; converted to the API body on save. */
export type SettingsForm = {
  enabled: boolean
  provider_id: string
  /** Per provider, so switching the select back and forth keeps what was typed. Secrets: "" = keep. */
  connections: Record<string, ConfigValues>
  company: { inn: string; email: string; payment_address: string; sno: string }
  receipt: {
    goods_vat: string
    shipping_vat: string
    goods_payment_object: string
    shipping_payment_object: string
    goods_measure: string
    shipping_measure: string
    payment_method_mode: string
    payment_type: string
    handover: string
    /** Products with this tag are marked goods; blank: the default ("Честный знак"). */
    marked_product_tag: string
  }
  sell_trigger: string
  refund_receipts: boolean
  cancel_receipts: boolean
  retry_intervals: string
  max_attempts: string
  retry_daily: boolean
  max_status_checks: string
  notifications: NotificationsForm
}

/** Reports and alerts as the form edits them. */
export type NotificationsForm = {
  /** Addresses separated by commas, spaces or new lines. */
  recipients: string
  daily_enabled: boolean
  daily_time: string
  weekly_enabled: boolean
  /** "1" Monday … "7" Sunday. */
  weekly_weekday: string
  weekly_time: string
  alert_emails: boolean
  language: string
}

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v))

export const isSecretField = (
  provider: AdminFiscalProvider,
  field: ProviderConfigField
) => !!field.secret || provider.secretFields.includes(field.name)

function initialConfig(
  provider: AdminFiscalProvider,
  saved: Record<string, unknown> = {}
): ConfigValues {
  const values: ConfigValues = {}
  for (const field of provider.configFields) {
    const value = isSecretField(provider, field)
      ? ""
      : (saved[field.name] ?? field.default)
    values[field.name] = field.type === "boolean" ? value === true : text(value)
  }
  return values
}

export function formFromView(
  view: FiscalSettingsView,
  providers: AdminFiscalProvider[]
): SettingsForm {
  return {
    enabled: view.enabled,
    provider_id: view.provider_id ?? "",
    connections: Object.fromEntries(
      providers.map((p) => [
        p.identifier,
        initialConfig(p, view.connections[p.identifier]?.config),
      ])
    ),
    company: {
      inn: text(view.company.inn),
      email: text(view.company.email),
      payment_address: text(view.company.payment_address),
      sno: text(view.company.sno),
    },
    receipt: {
      goods_vat: text(view.receipt.goods_vat),
      shipping_vat: text(view.receipt.shipping_vat),
      goods_payment_object: text(view.receipt.goods_payment_object),
      shipping_payment_object: text(view.receipt.shipping_payment_object),
      goods_measure: text(view.receipt.goods_measure),
      shipping_measure: text(view.receipt.shipping_measure),
      payment_method_mode: text(view.receipt.payment_method_mode),
      payment_type: text(view.receipt.payment_type),
      handover: text(view.receipt.handover),
      marked_product_tag: text(view.receipt.marked_product_tag),
    },
    sell_trigger: view.sell_trigger,
    refund_receipts: view.refund_receipts,
    cancel_receipts: view.cancel_receipts,
    retry_intervals: view.retry.intervals_minutes.join(", "),
    max_attempts: String(view.retry.max_attempts),
    retry_daily: view.retry.retry_daily,
    max_status_checks: String(view.status_checks.max_checks),
    notifications: notificationsForm(view.notifications),
  }
}

function notificationsForm(
  n: FiscalSettingsView["notifications"]
): NotificationsForm {
  return {
    recipients: n.recipients.join(", "),
    daily_enabled: n.daily_report.enabled,
    daily_time: n.daily_report.time,
    weekly_enabled: n.weekly_report.enabled,
    weekly_weekday: String(n.weekly_report.weekday),
    weekly_time: n.weekly_report.time,
    alert_emails: n.alert_emails,
    language: n.language,
  }
}

/** "a@x.ru, b@x.ru\nc@x.ru" → the addresses, blanks dropped. */
export function recipientList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((r) => r.trim())
    .filter(Boolean)
}

function notificationsBody(n: NotificationsForm): Record<string, unknown> {
  return {
    recipients: recipientList(n.recipients),
    daily_report: { enabled: n.daily_enabled, time: n.daily_time.trim() },
    weekly_report: {
      enabled: n.weekly_enabled,
      weekday: Number(n.weekly_weekday),
      time: n.weekly_time.trim(),
    },
    alert_emails: n.alert_emails,
    language: n.language,
  }
}

/** Problems the form can see before asking the server, by the server's field paths. */
export type ClientErrors = Record<string, "notANumber" | "notIntervals">

/**
 * The connection fields of one provider as the API takes them: numbers as numbers, select
 * values with their original type, blanks as "" (secret: keep; other: use the default).
 * Fields the form does not show (set through the API or the plugin options) are sent back
 * unchanged so a save never drops them.
 */
export function providerConfigBody(
  provider: AdminFiscalProvider,
  values: ConfigValues,
  saved: Record<string, unknown> = {},
  errors: ClientErrors = {}
): Record<string, unknown> {
  const shown = new Set(provider.configFields.map((f) => f.name))
  const body: Record<string, unknown> = Object.fromEntries(
    Object.entries(saved).filter(([name]) => !shown.has(name))
  )
  for (const field of provider.configFields) {
    const value = values[field.name]
    if (typeof value === "boolean") {
      body[field.name] = value
      continue
    }
    const raw = (value ?? "").trim()
    if (raw === "") {
      body[field.name] = ""
    } else if (field.type === "number") {
      const n = Number(raw.replace(",", "."))
      if (Number.isFinite(n)) {
        body[field.name] = n
      } else {
        errors[`provider_config.${field.name}`] = "notANumber"
      }
    } else if (field.type === "select") {
      body[field.name] =
        field.options?.find((o) => String(o.value) === raw)?.value ?? raw
    } else {
      body[field.name] = isSecretField(provider, field) ? value : raw
    }
  }
  return body
}

function wholeNumber(
  value: string,
  key: string,
  errors: ClientErrors
): number | undefined {
  const n = Number(value.trim())
  if (value.trim() === "" || !Number.isInteger(n)) {
    errors[key] = "notANumber"
    return undefined
  }
  return n
}

/** "1, 5, 15" → [1, 5, 15]; fractions allowed (0.5 = 30 seconds). */
function intervals(value: string, errors: ClientErrors): number[] | undefined {
  const parts = value
    .split(/[;,\s]+/)
    .filter(Boolean)
    .map((p) => Number(p.replace(",", ".")))
  if (!parts.length || parts.some((n) => !Number.isFinite(n) || n <= 0)) {
    errors["retry.intervals_minutes"] = "notIntervals"
    return undefined
  }
  return parts
}

/** The API body of the whole form, or the client-side errors that stop it. */
export function bodyFromForm(
  form: SettingsForm,
  providers: AdminFiscalProvider[],
  view: FiscalSettingsView
): { body: Record<string, unknown>; errors: ClientErrors } {
  const errors: ClientErrors = {}
  const provider = providers.find((p) => p.identifier === form.provider_id)
  const receipt = {
    ...form.receipt,
    marked_product_tag: form.receipt.marked_product_tag.trim(),
    goods_measure:
      form.receipt.goods_measure === ""
        ? ""
        : Number(form.receipt.goods_measure),
    shipping_measure:
      form.receipt.shipping_measure === ""
        ? ""
        : Number(form.receipt.shipping_measure),
  }
  const body: Record<string, unknown> = {
    enabled: form.enabled,
    ...(provider
      ? {
          provider_id: provider.identifier,
          provider_config: providerConfigBody(
            provider,
            form.connections[provider.identifier] ?? {},
            view.connections[provider.identifier]?.config,
            errors
          ),
        }
      : {}),
    company: form.company,
    receipt,
    sell_trigger: form.sell_trigger,
    refund_receipts: form.refund_receipts,
    cancel_receipts: form.cancel_receipts,
    retry: {
      intervals_minutes: intervals(form.retry_intervals, errors),
      max_attempts: wholeNumber(
        form.max_attempts,
        "retry.max_attempts",
        errors
      ),
      retry_daily: form.retry_daily,
    },
    status_checks: {
      max_checks: wholeNumber(
        form.max_status_checks,
        "status_checks.max_checks",
        errors
      ),
    },
    notifications: notificationsBody(form.notifications),
  }
  return { body, errors }
}
