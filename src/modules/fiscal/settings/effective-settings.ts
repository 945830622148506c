import type {
  NotificationSettings,
  NotificationSettingsUpdate,
} from "../../../types/http/settings"
import type { FiscalOptions } from "../options"
import { resolveNotificationSettings } from "./notifications"
import type { FiscalCompany } from "../types/provider"

/** The stored settings row, as far as resolution reads it. */
export type FiscalSettingsRow = {
  enabled: boolean | null
  provider_id: string | null
  provider_config: Record<string, unknown> | null
  company_inn: string | null
  company_email: string | null
  company_payment_address: string | null
  company_sno: string | null
  receipt_defaults: Record<string, unknown> | null
  sell_trigger: string | null
  refund_receipts: boolean | null
  cancel_receipts: boolean | null
  retry_intervals: number[] | null
  max_attempts: number | null
  retry_daily: boolean | null
  max_status_checks: number | null
  callback_secret: string | null
  /** What the admin saved of the reports and alerts; absent fields fall back. */
  notifications: NotificationSettingsUpdate | null
}

/**
 * What the pipeline runs with: built-in defaults, overridden by the plugin options,
 * overridden by what the admin saved. Holds decrypted credentials: internal only, never
 * returned by an API.
 */
export type EffectiveFiscalSettings = {
  enabled: boolean
  provider_id: string | null
  /** Connection settings of `provider_id`, secrets included. */
  provider_config: Record<string, unknown>
  company: Partial<FiscalCompany>
  /** Overrides of the receipt engine's settings. */
  receipt: Record<string, unknown>
  sell_trigger: "payment_captured" | "order_placed"
  refund_receipts: boolean
  cancel_receipts: boolean
  retry: {
    intervals_minutes: number[]
    max_attempts: number
    retry_daily: boolean
  }
  status_checks: { interval_seconds: number; max_checks: number }
  callback: { base_url?: string; secret: string }
  /** Reports and alerts. */
  notifications: NotificationSettings
  /**
   * Why the credentials saved in the admin could not be read (no key, a wrong key), when
   * they could not: the connection then lacks them, and each receipt says so when it is
   * sent. Never holds a secret.
   */
  credentials_problem?: string
}

const pick = <T>(...values: (T | null | undefined)[]): T | undefined =>
  values.find((v) => v !== null && v !== undefined) as T | undefined

/** What the effective settings are made of. */
export type EffectiveSettingsSources = {
  /** The validated plugin options. */
  options: FiscalOptions
  /** The `options` of each registered provider's entry, by id. */
  providerOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  /** The provider new receipts go to by configuration (`provider` or `is_default`). */
  defaultProviderId?: string
  /** The stored row, if any. */
  row: FiscalSettingsRow | null
  /** Its decrypted credentials (they belong to the row's provider). */
  credentials: Record<string, unknown>
  /** The secret callback URLs carry. */
  callbackSecret: string
}

/**
 * Merges, from weakest to strongest: built-in defaults ← plugin options (the provider's
 * entry options for the connection) ← the row the admin saved ← its decrypted credentials.
 */
export function resolveEffectiveSettings({
  options,
  providerOptions,
  defaultProviderId,
  row,
  credentials,
  callbackSecret,
}: EffectiveSettingsSources): EffectiveFiscalSettings {
  const provider_id = pick(row?.provider_id, defaultProviderId) ?? null
  const fromOptions = provider_id ? (providerOptions[provider_id] ?? {}) : {}
  const company: Partial<FiscalCompany> = {
    ...options.company,
    ...(row?.company_inn ? { inn: row.company_inn } : {}),
    ...(row?.company_email ? { email: row.company_email } : {}),
    ...(row?.company_payment_address
      ? { payment_address: row.company_payment_address }
      : {}),
    ...(row?.company_sno
      ? { sno: row.company_sno as FiscalCompany["sno"] }
      : {}),
  }
  return {
    enabled: pick(row?.enabled, options.enabled) ?? true,
    provider_id,
    provider_config: {
      ...fromOptions,
      ...(row?.provider_config ?? {}),
      ...credentials,
    },
    company,
    receipt: { ...options.receipt, ...(row?.receipt_defaults ?? {}) },
    sell_trigger:
      (pick(
        row?.sell_trigger,
        options.sell_trigger
      ) as EffectiveFiscalSettings["sell_trigger"]) ?? "payment_captured",
    refund_receipts:
      pick(row?.refund_receipts, options.refund_receipts) ?? true,
    cancel_receipts:
      pick(row?.cancel_receipts, options.cancel_receipts) ?? true,
    retry: {
      intervals_minutes:
        row?.retry_intervals && row.retry_intervals.length
          ? row.retry_intervals
          : options.retry.intervals_minutes,
      max_attempts: pick(row?.max_attempts, options.retry.max_attempts) ?? 10,
      retry_daily: pick(row?.retry_daily, options.retry.retry_daily) ?? false,
    },
    status_checks: {
      interval_seconds: options.status_checks.interval_seconds,
      max_checks:
        pick(row?.max_status_checks, options.status_checks.max_checks) ?? 120,
    },
    callback: {
      base_url: options.callback.base_url,
      secret: callbackSecret,
    },
    notifications: resolveNotificationSettings(
      options.notifications,
      row?.notifications
    ),
  }
}

/** True when the company fields every receipt needs are present. */
export function missingCompanyFields(
  company: Partial<FiscalCompany>
): string[] {
  return (["inn", "email", "payment_address", "sno"] as const).filter(
    (f) => !company[f]
  )
}
