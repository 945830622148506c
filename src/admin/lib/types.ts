/** Shapes of the plugin's admin API, as the admin reads them. */

export type ReceiptStatus =
  | "pending"
  | "sending"
  | "wait"
  | "done"
  | "unknown"
  | "failed"
  | "invalid"
  | "canceled"

export type ReceiptType =
  "sell" | "sell_refund" | "sell_correction" | "sell_refund_correction"

export type ReceiptReason =
  | "payment"
  | "refund"
  | "cancel"
  | "resell_refund"
  | "resell_sell"
  | "settlement"
  | "manual"
  | "correction"

/** A bigNumber column as the API serializes it. */
export type Amount = number | string | { value?: string | number } | null

export type Receipt = {
  id: string
  order_id: string
  type: ReceiptType
  reason: ReceiptReason
  source_key: string
  status: ReceiptStatus
  total: Amount
  created_at: string
  registered_at: string | null
  next_attempt_at: string | null
  fiscal_document_number: string | null
  fiscal_document_attribute: string | null
  fiscal_receipt_number: string | null
  shift_number: string | null
  ofd_receipt_url: string | null
  error_code: string | null
  error_message: string | null
  error_kind: string | null
  needs_attention: boolean
  parent_id: string | null
  attempts: number
}

export type ReceiptsResponse = {
  receipts: Receipt[]
  count: number
  offset: number
  limit: number
}

export type ReceiptStats = {
  by_status: Record<ReceiptStatus, number>
  needs_attention: number
  total: number
}

export type LocalizedText = { en: string; ru: string }

export type ProviderConfigField = {
  name: string
  type:
    "string" | "password" | "number" | "select" | "boolean" | "textarea" | "url"
  label: LocalizedText
  help?: LocalizedText
  required?: boolean
  secret?: boolean
  options?: { value: string | number; label: LocalizedText }[]
  default?: string | number | boolean
}

export type ProviderDefinition = {
  identifier: string
  title: string
  configFields: ProviderConfigField[]
  secretFields: string[]
}

export type SecretState = { set: boolean }

export type FiscalSettingsView = {
  enabled: boolean
  provider_id: string | null
  provider_config: Record<string, unknown>
  provider_secrets: Record<string, SecretState>
  connections: Record<
    string,
    { config: Record<string, unknown>; secrets: Record<string, SecretState> }
  >
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
  callback: { url: string | null; base_url: string | null }
  encryption_configured: boolean
  credentials_readable: boolean
}
