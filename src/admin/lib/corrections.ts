/**
 * The correction form's pure part: what may be corrected, the basis it takes (tags 1173,
 * 1178, 1179) and what will be registered (docs/fiscal-rules.md, "Corrections").
 */
import type {
  AdminCreateCorrectionBody,
  AdminOrderCorrectionsResponse,
  CorrectionSupport,
} from "../../types/http"
import { isDay, moscowDay } from "./reconciliation"

export type CorrectionTarget = AdminCreateCorrectionBody["target"]

/** `capture:capt_1`, `refund:ref_1`, `receipt:fr_1`: a target as a select's value. */
export const targetKey = (target: CorrectionTarget) =>
  `${target.kind}:${target.id}`

/** One entry of "What to correct". */
export type CorrectionOption = {
  key: string
  target: CorrectionTarget
  /** The correction it takes. */
  type: "sell_correction" | "sell_refund_correction"
  /** Kopecks the correction registers. */
  amount: number
  /** The settlement's Moscow day: tag 1178 unless the staff give another. */
  day: string | null
  /** ФД of the receipt taken back. */
  fiscalDocumentNumber: string | null
  enabled: boolean
  /** Why it may not be corrected, when it may not. */
  reason: string | null
  /** True when the service registers no correction of this type. */
  unsupported: boolean
}

const supports = (
  supported: CorrectionSupport,
  type: CorrectionOption["type"]
) => (type === "sell_correction" ? supported.sell : supported.sell_refund)

/** True when the active service registers some correction. */
export const supportsCorrections = (supported: CorrectionSupport) =>
  supported.sell || supported.sell_refund

/**
 * Every capture and refund of the order, then every registered sale receipt: the ones a
 * correction may stand for now enabled, the others with the server's reason.
 */
export function correctionOptions(
  data: AdminOrderCorrectionsResponse
): CorrectionOption[] {
  const movements = data.movements.map((m): CorrectionOption => {
    const type =
      m.kind === "capture" ? "sell_correction" : "sell_refund_correction"
    const unsupported = !supports(data.supported, type)
    return {
      key: targetKey({ kind: m.kind, id: m.id }),
      target: { kind: m.kind, id: m.id },
      type,
      amount: m.amount,
      day: m.day,
      fiscalDocumentNumber: null,
      enabled: m.correctable && !unsupported,
      reason: m.reason,
      unsupported,
    }
  })
  const receipts = data.receipts.map((r): CorrectionOption => {
    const unsupported = !data.supported.sell_refund
    return {
      key: targetKey({ kind: "receipt", id: r.id }),
      target: { kind: "receipt", id: r.id },
      type: "sell_refund_correction",
      amount: r.total,
      day: r.registered_at ? moscowDay(r.registered_at) : null,
      fiscalDocumentNumber: r.fiscal_document_number,
      enabled: r.correctable && !unsupported,
      reason: r.reason,
      unsupported,
    }
  })
  return [...movements, ...receipts]
}

/**
 * The entry the form opens with: the one asked for when it may be corrected, else the
 * first that may.
 */
export function initialOption(
  options: CorrectionOption[],
  wanted?: CorrectionTarget
): CorrectionOption | undefined {
  const asked = wanted
    ? options.find((o) => o.key === targetKey(wanted))
    : undefined
  return asked?.enabled ? asked : options.find((o) => o.enabled)
}

export type CorrectionFormValues = {
  key: string
  type: "self" | "instruction"
  baseNumber: string
  baseDate: string
}

export type CorrectionFormErrors = Partial<
  Record<
    "key" | "baseNumber" | "baseDate",
    "required" | "invalidDate" | "future"
  >
>

/** What is wrong with the form, field by field; empty when it may be sent. */
export function validateCorrection(
  values: CorrectionFormValues,
  today: string
): CorrectionFormErrors {
  const errors: CorrectionFormErrors = {}
  if (!values.key) {
    errors.key = "required"
  }
  if (values.type === "instruction" && !values.baseNumber.trim()) {
    errors.baseNumber = "required"
  }
  if (!values.baseDate) {
    errors.baseDate = "required"
  } else if (!isDay(values.baseDate)) {
    errors.baseDate = "invalidDate"
  } else if (values.baseDate > today) {
    errors.baseDate = "future"
  }
  return errors
}

/** The request of the form: the number is sent only for a correction by order. */
export function correctionBody(
  option: CorrectionOption,
  values: CorrectionFormValues
): AdminCreateCorrectionBody {
  return {
    target: option.target,
    type: values.type,
    ...(values.type === "instruction"
      ? { base_number: values.baseNumber.trim() }
      : {}),
    base_date: values.baseDate,
  }
}
