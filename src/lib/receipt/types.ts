/**
 * The vendor-neutral fiscal document: what the receipt engine produces and what every
 * provider maps to its own wire format. All money is in integer kopecks.
 */

/**
 * The fiscal operation (ФФД tag 1054): a sale, its refund, or a correction receipt (ФФД
 * tag 1173 and the rest in {@link CorrectionInfo}) registering a settlement of either kind
 * that was missed or registered wrongly.
 */
export type FiscalDocumentType =
  "sell" | "sell_refund" | "sell_correction" | "sell_refund_correction"

/** Tag 1173: on the shop's own initiative, or by order of the tax office. */
export const CORRECTION_TYPES = ["self", "instruction"] as const

/**
 * What the staff ask for when they issue a correction (docs/fiscal-rules.md,
 * "Corrections"): the type (1173), the tax office's order number (1179, for
 * `instruction`) and the settlement date (1178) when it is not the movement's own.
 */
export type CorrectionRequest = {
  type: (typeof CORRECTION_TYPES)[number]
  base_number?: string
  /** YYYY-MM-DD; absent: the Moscow date of the money movement corrected. */
  base_date?: string
}

/** ФФД correction data (tags 1173, 1178, 1179). */
export type CorrectionInfo = {
  /** 1173: corrected on the shop's own initiative (`self`) or by order of the tax office (`instruction`). */
  type: "self" | "instruction"
  /** 1178: the date of the settlement being corrected, YYYY-MM-DD (Moscow date). */
  base_date: string
  /** 1179: the number of the tax office's order; required for `instruction`, absent for `self`. */
  base_number?: string
}

/**
 * Every VAT rate of a line (ФФД tag 1199). `vatNNN` are the calculated ("included") rates
 * used for prepayments: 105 = 5/105, 107 = 7/107, 110 = 10/110, 120 = 20/120, 122 = 22/122.
 * `vat20`/`vat120` are valid for settlements before 2026-01-01 only (425-ФЗ raised the
 * standard rate to 22 %). A code added here fails the type check of every provider table
 * keyed by {@link VatCode} until the provider maps it.
 */
export const VAT_CODES = [
  "none",
  "vat0",
  "vat5",
  "vat7",
  "vat10",
  "vat20",
  "vat22",
  "vat105",
  "vat107",
  "vat110",
  "vat120",
  "vat122",
] as const

/** VAT rate of a line; see {@link VAT_CODES}. */
export type VatCode = (typeof VAT_CODES)[number]

/** Every payment method (ФФД tag 1214). */
export const PAYMENT_METHODS = [
  "full_prepayment",
  "prepayment",
  "advance",
  "full_payment",
  "partial_payment",
  "credit",
  "credit_payment",
] as const

/**
 * In `prepayment` mode, the moments the goods may count as handed over, when the
 * settlement receipt ("Полный расчёт" offsetting the prepayment) is due: a fulfillment
 * is created, shipped, or marked delivered.
 */
export const HANDOVER_MOMENTS = [
  "fulfillment_created",
  "shipped",
  "delivered",
] as const

/** See {@link HANDOVER_MOMENTS}. */
export type HandoverMoment = (typeof HANDOVER_MOMENTS)[number]

/** Payment method of a line; see {@link PAYMENT_METHODS}. */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/**
 * Payment object (ФФД tag 1212), by the ФФД 1.2 code it stands for. Names follow ATOL's
 * v4 strings where they exist; the ФФД 1.2-only codes get descriptive names.
 */
export const PAYMENT_OBJECT_CODES = {
  commodity: 1,
  excise: 2,
  job: 3,
  service: 4,
  gambling_bet: 5,
  gambling_prize: 6,
  lottery: 7,
  lottery_prize: 8,
  intellectual_activity: 9,
  payment: 10,
  agent_commission: 11,
  award: 12,
  another: 13,
  property_right: 14,
  non_operating_gain: 15,
  insurance_premium: 16,
  sales_tax: 17,
  resort_fee: 18,
  deposit: 19,
  expense: 20,
  marked_excise_without_code: 30,
  marked_excise: 31,
  marked_commodity_without_code: 32,
  marked_commodity: 33,
} as const

/** Payment object name; see {@link PAYMENT_OBJECT_CODES}. */
export type PaymentObject = keyof typeof PAYMENT_OBJECT_CODES

/** How the buyer paid (ATOL `payments[].type`): money now, or an earlier prepayment offset. */
export type FiscalPaymentType = "cashless" | "prepayment" | "cash"

/**
 * An industry requisite (ФФД 1.2 tag 1260, "отраслевой реквизит предмета расчёта"): the
 * federal body's code, the date and number of the document that introduces it, and the
 * value the document prescribes (e.g. the permit mode of marked goods).
 */
export type IndustryRequisite = {
  /** Federal executive body identifier (tag 1262), "001"…"073". */
  federal_id: string
  /** Date of the founding document (tag 1263), DD.MM.YYYY. */
  date: string
  /** Number of the founding document (tag 1264). */
  number: string
  /** The requisite's value (tag 1265). */
  value: string
}

/** One position of the receipt. */
export type FiscalLine = {
  /** Position name (tag 1030), already cut to the vendor limit by characters. */
  name: string
  /** Unit price in kopecks (tag 1079), never negative. */
  price: number
  /** Quantity (tag 1023); whole for pieces, up to 3 decimals for weighed goods. */
  quantity: number
  /** Line total in kopecks (tag 1043) = round(price × quantity). */
  sum: number
  /** VAT rate (tag 1199). */
  vat: VatCode
  /** Payment method (tag 1214). */
  payment_method: PaymentMethod
  /** Payment object (tag 1212). */
  payment_object: PaymentObject
  /** Measure code of ФФД 1.2 (tag 2108): 0 pieces, 11 kg, 41 l, … */
  measure: number
  /** Marking code (Честный знак) as scanned; a marked line always has quantity 1. */
  mark_code?: string
  /**
   * The part of a marked package sold (tags 1293/1294, ФФД 1.2): `numerator` of
   * `denominator` units, numerator < denominator. Absent when the whole unit is sold.
   */
  mark_quantity?: { numerator: number; denominator: number }
  /** Industry requisites of the position (tag 1260), where the product group needs them. */
  industry_requisites?: IndustryRequisite[]
  /** The Medusa line this position comes from. */
  source: { kind: "item" | "shipping"; id: string }
}

/** One payment of the receipt, in kopecks. */
export type FiscalPayment = { type: FiscalPaymentType; sum: number }

/** Who receives the electronic receipt (tag 1008): email, else phone as +7XXXXXXXXXX. */
export type FiscalCustomer = { email?: string; phone?: string }

/**
 * The money movement a receipt stands for. Kept with the frozen document (providers do not
 * send it): later receipts of the order read it to know what is already registered.
 */
export type ReceiptBasis = {
  /**
   * A capture (money in), a refund (money out), the whole order (placement trigger), the
   * handover of a fulfillment's goods in prepayment mode (`handover`: the settlement
   * receipt offsetting the prepayment), or the goods side of an exchange no money moved
   * for: the returned goods turned into credit before a surcharge is paid
   * (`exchange_return`), the new goods paid by credit after the difference is refunded
   * (`exchange_sale`).
   */
  kind:
    | "capture"
    | "refund"
    | "order"
    | "handover"
    | "exchange_return"
    | "exchange_sale"
  /**
   * Medusa's capture, refund, order or fulfillment id; for the exchange kinds, the
   * movement they belong to.
   */
  id: string
  /**
   * Kopecks of money that moved: the capture or refund amount; for a handover, the money
   * taken at the handover on top of the prepayment (0 when the goods were fully prepaid).
   */
  amount: number
  /**
   * Kopecks of a capture that a settlement receipt already registered as taken at the
   * handover: the capture's own receipt is for the rest only, and none is due when that
   * is nothing (docs/fiscal-rules.md, "Prepayment and the settlement at handover").
   */
  collected?: number
  /** Returns (plain, claim, exchange) whose items a refund receipt lists. */
  return_ids?: string[]
  /** Their numbers as the admin shows them (`display_id`), where Medusa has one. */
  return_numbers?: (number | string)[]
  /** Kopecks of returned goods a refund receipt turns into credit instead of money. */
  credit?: number
}

/** A receipt ready to be sent to any cash-register service. */
export type FiscalDocument = {
  /** Operation: sale, refund of a sale, or a correction of either. */
  type: FiscalDocumentType
  /**
   * Correction data (tags 1173/1178/1179): present exactly when {@link type} is a
   * correction (`sell_correction`, `sell_refund_correction`), absent otherwise.
   */
  correction?: CorrectionInfo
  /** Positions; Σ sum = total. */
  lines: FiscalLine[]
  /** Payments; Σ sum = total. */
  payments: FiscalPayment[]
  /** Receipt total in kopecks. */
  total: number
  /** Where the OFD sends the electronic receipt. */
  customer: FiscalCustomer
  /** Settlement date (ISO 8601) the VAT rates were chosen for. */
  settled_at?: string
  /** Tag 1192: the ФП of the receipt this one re-issues (resell chain). */
  additional_check_props?: string
  /** What the receipt is for; see {@link ReceiptBasis}. */
  basis?: ReceiptBasis
}
