/**
 * The closed lists of values the plugin stores, validates and shows, each written once.
 * The DML model (`model.enum([...X])`), the zod schemas (`z.enum(X)`), the TypeScript
 * types (`(typeof X)[number]`) and the admin all take theirs from here.
 *
 * This module has no runtime imports beyond the receipt engine's own dependency-free
 * lists, so the admin bundle can import it without pulling in backend code.
 *
 * The lists that are `fiscal_receipt` columns (status, type, reason, error kind) are
 * check constraints in the database: adding, removing or reordering a value changes the
 * schema and needs a migration (`npm run db:generate`). Their order is the order of the
 * migration snapshot.
 */

export {
  CORRECTION_TYPES,
  HANDOVER_MOMENTS,
  PAYMENT_METHODS,
  PAYMENT_OBJECT_CODES,
  VAT_CODES,
} from "../lib/receipt/types"
export type {
  CorrectionRequest,
  FiscalPaymentType,
  HandoverMoment,
  PaymentMethod,
  PaymentObject,
  VatCode,
} from "../lib/receipt/types"
export type { VatSetting } from "../lib/receipt/vat"

/**
 * Life-cycle states of a receipt (`fiscal_receipt.status`;
 * docs/architecture.md, "The life of a receipt").
 */
export const RECEIPT_STATUSES = [
  "pending",
  "sending",
  "wait",
  "done",
  "unknown",
  "failed",
  "invalid",
  "canceled",
] as const

/** Life-cycle state of a receipt; see {@link RECEIPT_STATUSES}. */
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number]

/** Vendor operations of a receipt (`fiscal_receipt.type`, ФФД tag 1054). */
export const RECEIPT_TYPES = [
  "sell",
  "sell_refund",
  "sell_correction",
  "sell_refund_correction",
] as const

/** The vendor operation of a receipt; see {@link RECEIPT_TYPES}. */
export type ReceiptType = (typeof RECEIPT_TYPES)[number]

/** Why a receipt exists (`fiscal_receipt.reason`). */
export const RECEIPT_REASONS = [
  "payment",
  "refund",
  "cancel",
  "resell_refund",
  "resell_sell",
  "settlement",
  "manual",
  "correction",
  "exchange",
] as const

/** Why a receipt exists; see {@link RECEIPT_REASONS}. */
export type ReceiptReason = (typeof RECEIPT_REASONS)[number]

/**
 * Classes of the last failure of a receipt (`fiscal_receipt.error_kind`). A provider's
 * `auth` failure is not among them: the pipeline records refused credentials as `config`.
 */
export const RECEIPT_ERROR_KINDS = [
  "retryable",
  "indeterminate",
  "vendor_failed",
  "invalid_data",
  "config",
] as const

/** Class of the last failure of a receipt; see {@link RECEIPT_ERROR_KINDS}. */
export type ReceiptErrorKind = (typeof RECEIPT_ERROR_KINDS)[number]

/**
 * Taxation systems of the shop (ФФД tag 1055), in ATOL's names; each provider maps them.
 * In the order the admin offers them: ЕНВД, abolished in 2021, comes last.
 */
export const TAXATION_SYSTEMS = [
  "osn",
  "usn_income",
  "usn_income_outcome",
  "patent",
  "esn",
  "envd",
] as const

/** Taxation system of the shop; see {@link TAXATION_SYSTEMS}. */
export type TaxationSystem = (typeof TAXATION_SYSTEMS)[number]

/**
 * What a receipt's alert is about (`fiscal_alert.state`; docs/architecture.md, "Reports
 * and alerts"): the vendor failed it, the order cannot be fiscalized as it is, or it is
 * flagged for a person otherwise. A receipt is alerted once per state and generation.
 */
export const ALERT_STATES = ["failed", "invalid", "needs_attention"] as const

/** What a receipt's alert is about; see {@link ALERT_STATES}. */
export type AlertState = (typeof ALERT_STATES)[number]

/** The scheduled report emails (`fiscal_report_delivery.kind`). */
export const REPORT_SCHEDULES = ["daily", "weekly"] as const

/** A scheduled report; see {@link REPORT_SCHEDULES}. */
export type ReportSchedule = (typeof REPORT_SCHEDULES)[number]

/** How far a scheduled report's email got (`fiscal_report_delivery.status`). */
export const REPORT_DELIVERY_STATUSES = ["sending", "sent", "failed"] as const

/** How far a scheduled report's email got; see {@link REPORT_DELIVERY_STATUSES}. */
export type ReportDeliveryStatus = (typeof REPORT_DELIVERY_STATUSES)[number]

/** The languages the plugin writes its texts for people in: notices, report emails, the report's CSV. */
export const TEXT_LANGUAGES = ["ru", "en"] as const

/** A language the plugin writes in; see {@link TEXT_LANGUAGES}. */
export type TextLanguage = (typeof TEXT_LANGUAGES)[number]
