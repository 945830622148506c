import { isAtolDate, isAtolTimestamp } from "../time"
import { Checker, childPath, type SchemaIssue } from "./checker"
import {
  PAYMENT_METHODS,
  PAYMENT_TYPES,
  RETIRED_VATS,
  SNO,
  V4_PAYMENT_OBJECTS,
  V4_VATS,
  V5_MARK_CODE_KINDS,
  V5_MEASURES,
  V5_PAYMENT_OBJECTS,
  V5_VATS,
} from "./enums"

/**
 * Limits of the registration request (docs/vendors/atol.md, "Registration request",
 * "Limits"; ATOL's v4 JSON schema).
 */
export const LIMITS = {
  externalId: 128,
  callbackUrl: 256,
  items: 100,
  payments: 10,
  vats: 6,
  name: 128,
  /** Max price and line sum: 8 integer and 2 fractional digits, ≤ 42 949 672.95. */
  money: 42_949_672.95,
  /** Max receipt total, payment and VAT sum in ATOL's schema. */
  total: 100_000_000,
  quantity: 99_999.999,
} as const

const TOTAL_RULE = { required: true, min: 0, max: LIMITS.total, decimals: 2 }
const INN = /^(\d{10}|\d{12})$/
const PHONE = /^([^\s\\]{0,17}|\+[^\s\\]{1,18})$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

type Version = 4 | 5

function checkClient(
  c: Checker,
  parent: string,
  client: Record<string, unknown>,
  v: Version
) {
  const email = c.string(parent, "email", client.email, { max: 64 })
  const phone = c.string(parent, "phone", client.phone, {
    max: 64,
    pattern: PHONE,
  })
  if (!email && !phone) {
    // ATOL's schema: anyOf { email required } | { phone required } (tag 1008).
    c.issue("NotAnyOf", parent)
  }
  c.string(parent, "name", client.name, { max: 256 })
  c.string(parent, "inn", client.inn, { pattern: INN })
  if (v === 5) {
    c.string(parent, "birthdate", client.birthdate, {
      pattern: /^\d{2}\.\d{2}\.\d{4}$/,
    })
    c.string(parent, "citizenship", client.citizenship, { pattern: /^\d{3}$/ })
    c.string(parent, "document_code", client.document_code, {
      pattern: /^\d{2}$/,
    })
    c.string(parent, "document_data", client.document_data, { max: 64 })
    c.string(parent, "address", client.address, { max: 256 })
  }
}

function checkCompany(
  c: Checker,
  parent: string,
  company: Record<string, unknown>
) {
  c.string(parent, "email", company.email, { required: true, max: 64 })
  c.string(parent, "sno", company.sno, { oneOf: SNO })
  c.string(parent, "inn", company.inn, { required: true, pattern: INN })
  c.string(parent, "payment_address", company.payment_address, {
    required: true,
    min: 1,
    max: 256,
  })
  c.string(parent, "location", company.location, { min: 1, max: 256 })
}

function checkVat(c: Checker, path: string, value: unknown, v: Version) {
  if (value === undefined || value === null) {
    c.issue("PropertyRequired", path)
    return
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    c.issue("ObjectExpected", path)
    return
  }
  const vat = value as Record<string, unknown>
  c.string(path, "type", vat.type, {
    required: true,
    oneOf: v === 4 ? V4_VATS : V5_VATS,
  })
  c.number(path, "sum", vat.sum, { min: 0, max: LIMITS.total, decimals: 2 })
}

function checkMarkCode(c: Checker, parent: string, value: unknown) {
  const markCode = c.object(parent, "mark_code", value)
  if (!markCode) {
    return
  }
  const path = childPath(parent, "mark_code")
  const kinds = Object.keys(markCode)
  // Exactly one kind of code per position (tag 1163 subtags 1300..1309).
  if (kinds.length !== 1 || !(kinds[0] in V5_MARK_CODE_KINDS)) {
    c.issue("NotOneOf", path)
    return
  }
  const kind = kinds[0]
  const code = c.string(path, kind, markCode[kind], { required: true, min: 1 })
  if (code === undefined) {
    return
  }
  if (kind === "gs1m") {
    // gs1m carries the whole code base64-encoded, GS separators included.
    // Canonical base64 only: what decodes must encode back to the same text.
    const decoded =
      BASE64.test(code) && code.length % 4 === 0
        ? Buffer.from(code, "base64")
        : undefined
    if (
      !decoded ||
      decoded.length === 0 ||
      decoded.toString("base64") !== code
    ) {
      c.issue("PatternMismatch", childPath(path, kind))
    } else if (decoded.length > V5_MARK_CODE_KINDS.gs1m) {
      c.issue("StringTooLong", childPath(path, kind))
    }
  } else if (code.length > V5_MARK_CODE_KINDS[kind]) {
    c.issue("StringTooLong", childPath(path, kind))
  }
}

/**
 * Tags 1293/1294: the part of a marked package sold, whole numbers with
 * 0 < numerator < denominator (docs/vendors/atol.md, "Marked goods").
 */
function checkMarkQuantity(
  c: Checker,
  parent: string,
  item: Record<string, unknown>
) {
  const fraction = c.object(parent, "mark_quantity", item.mark_quantity)
  if (!fraction) {
    return
  }
  const path = childPath(parent, "mark_quantity")
  const rule = { required: true, integer: true, min: 1 }
  const numerator = c.number(path, "numerator", fraction.numerator, rule)
  const denominator = c.number(path, "denominator", fraction.denominator, rule)
  if (
    numerator !== undefined &&
    denominator !== undefined &&
    numerator >= denominator
  ) {
    c.issue("NumberTooBig", childPath(path, "numerator"))
  }
  if (item.mark_code === undefined || item.mark_code === null) {
    // A part of a package is a part of one marked unit [I: the emulator's reading].
    c.issue("PropertyRequired", childPath(parent, "mark_code"))
  }
}

/** Tag 1262: the federal body, "001"…"073" in ФНС's table. */
const FEDERAL_ID = /^(0[0-6]\d|07[0-3])$/

/**
 * Tag 1260: industry requisites, each `{federal_id, date DD.MM.YYYY, number, value}`
 * (docs/vendors/atol.md, "Marked goods").
 */
function checkSectoralItemProps(c: Checker, parent: string, value: unknown) {
  const props = c.array(parent, "sectoral_item_props", value, { min: 1 })
  props?.forEach((entry, i) => {
    const path = childPath(childPath(parent, "sectoral_item_props"), i)
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      c.issue("ObjectExpected", path)
      return
    }
    const prop = entry as Record<string, unknown>
    const federalId = c.string(path, "federal_id", prop.federal_id, {
      required: true,
    })
    if (
      federalId !== undefined &&
      (!FEDERAL_ID.test(federalId) || federalId === "000")
    ) {
      c.issue("PatternMismatch", childPath(path, "federal_id"))
    }
    const date = c.string(path, "date", prop.date, { required: true })
    if (date !== undefined && !isAtolDate(date)) {
      c.issue("PatternMismatch", childPath(path, "date"))
    }
    c.string(path, "number", prop.number, { required: true, min: 1, max: 32 })
    c.string(path, "value", prop.value, { required: true, min: 1, max: 256 })
  })
}

/**
 * v4 (ФФД 1.05) has only `nomenclature_code`; the v5 marking fields are refused as unknown
 * properties [I: the emulator's choice, so a client that sends them to a v4 group learns it].
 */
const V5_ONLY_MARKING = ["mark_code", "mark_quantity", "sectoral_item_props"]

function checkItem(
  c: Checker,
  path: string,
  item: Record<string, unknown>,
  v: Version
) {
  c.string(path, "name", item.name, {
    required: true,
    min: 1,
    max: LIMITS.name,
  })
  const price = c.number(path, "price", item.price, {
    required: true,
    min: 0,
    max: LIMITS.money,
    decimals: 2,
  })
  const quantity = c.number(path, "quantity", item.quantity, {
    required: true,
    above: 0,
    max: LIMITS.quantity,
    decimals: 3,
  })
  c.number(path, "sum", item.sum, {
    required: true,
    min: 0,
    max: LIMITS.money,
    decimals: 2,
  })
  if (
    price !== undefined &&
    quantity !== undefined &&
    price * quantity > LIMITS.money + 0.005
  ) {
    // Price × quantity must not exceed the maximum either (docs/vendors/atol.md, "Limits").
    c.issue("NumberTooBig", childPath(path, "price"))
  }
  c.string(path, "payment_method", item.payment_method, {
    required: true,
    oneOf: PAYMENT_METHODS,
  })
  checkVat(c, childPath(path, "vat"), item.vat, v)
  c.string(path, "user_data", item.user_data, { max: 64 })
  if (v === 4) {
    c.string(path, "payment_object", item.payment_object, {
      required: true,
      oneOf: V4_PAYMENT_OBJECTS,
    })
    c.string(path, "measurement_unit", item.measurement_unit, { max: 16 })
    c.string(path, "nomenclature_code", item.nomenclature_code, { max: 150 })
    for (const key of V5_ONLY_MARKING) {
      if (item[key] !== undefined) {
        c.issue("NoAdditionalPropertiesAllowed", childPath(path, key))
      }
    }
    return
  }
  c.number(path, "payment_object", item.payment_object, {
    required: true,
    integer: true,
    oneOf: V5_PAYMENT_OBJECTS,
  })
  c.number(path, "measure", item.measure, {
    required: true,
    integer: true,
    oneOf: V5_MEASURES,
  })
  checkMarkCode(c, path, item.mark_code)
  c.string(path, "mark_processing_mode", item.mark_processing_mode, {
    pattern: /^0$/,
  })
  checkMarkQuantity(c, path, item)
  checkSectoralItemProps(c, path, item.sectoral_item_props)
  // A marked position is one unit, unless sold wholesale; a part of a package keeps
  // quantity 1 and says the part in mark_quantity. A weighed package (measure other than
  // pieces, ФФД 1.2 "мерный товар") carries its weight [I: the emulator's reading]
  // (docs/vendors/atol.md, "Marked goods").
  const piece = item.measure === 0 || item.mark_quantity !== undefined
  const marked =
    item.mark_code !== undefined && item.wholesale !== true && piece
  if (marked && quantity !== undefined && quantity !== 1) {
    c.issue("NumberTooBig", childPath(path, "quantity"))
  }
  c.boolean(path, "wholesale", item.wholesale)
  c.number(path, "planned_status", item.planned_status, {
    integer: true,
    min: 1,
    max: 6,
  })
}

function checkPayments(c: Checker, parent: string, value: unknown) {
  const payments = c.array(parent, "payments", value, {
    required: true,
    min: 1,
    max: LIMITS.payments,
  })
  payments?.forEach((entry, i) => {
    const path = childPath(childPath(parent, "payments"), i)
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      c.issue("ObjectExpected", path)
      return
    }
    const payment = entry as Record<string, unknown>
    c.number(path, "type", payment.type, {
      required: true,
      integer: true,
      oneOf: PAYMENT_TYPES,
    })
    // The 2023 doc lets `sum` be omitted (the total is used), so it is optional here.
    c.number(path, "sum", payment.sum, {
      min: 0,
      max: LIMITS.total,
      decimals: 2,
    })
  })
}

function checkVats(
  c: Checker,
  parent: string,
  value: unknown,
  v: Version,
  required: boolean
) {
  const vats = c.array(parent, "vats", value, {
    required,
    min: 1,
    max: LIMITS.vats,
  })
  vats?.forEach((entry, i) =>
    checkVat(c, childPath(childPath(parent, "vats"), i), entry, v)
  )
}

function checkItems(
  c: Checker,
  parent: string,
  value: unknown,
  v: Version,
  required: boolean
) {
  const items = c.array(parent, "items", value, {
    required,
    min: 1,
    max: LIMITS.items,
  })
  items?.forEach((entry, i) => {
    const path = childPath(childPath(parent, "items"), i)
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      c.issue("ObjectExpected", path)
      return
    }
    checkItem(c, path, entry as Record<string, unknown>, v)
  })
}

function checkReceiptExtras(
  c: Checker,
  parent: string,
  receipt: Record<string, unknown>,
  v: Version
) {
  c.string(parent, "cashier", receipt.cashier, { max: 64 })
  c.string(parent, "additional_check_props", receipt.additional_check_props, {
    max: 16,
  })
  c.string(parent, "device_number", receipt.device_number, { min: 1, max: 20 })
  const userProps = c.object(
    parent,
    "additional_user_props",
    receipt.additional_user_props
  )
  if (userProps) {
    const path = childPath(parent, "additional_user_props")
    c.string(path, "name", userProps.name, { required: true, max: 64 })
    c.string(path, "value", userProps.value, { required: true, max: 256 })
  }
  if (v === 5) {
    c.boolean(parent, "internet", receipt.internet)
    c.number(parent, "timezone", receipt.timezone, {
      integer: true,
      min: 1,
      max: 11,
    })
    c.string(parent, "cashier_inn", receipt.cashier_inn, { pattern: INN })
  }
}

function checkReceipt(
  c: Checker,
  receipt: Record<string, unknown>,
  v: Version,
  operation: string
) {
  const parent = "#/receipt"
  const client = c.object(parent, "client", receipt.client, true)
  if (client) {
    checkClient(c, childPath(parent, "client"), client, v)
  }
  const company = c.object(parent, "company", receipt.company, true)
  if (company) {
    checkCompany(c, childPath(parent, "company"), company)
  }
  checkItems(c, parent, receipt.items, v, true)
  checkPayments(c, parent, receipt.payments)
  checkVats(c, parent, receipt.vats, v, false)
  c.number(parent, "total", receipt.total, TOTAL_RULE)
  checkReceiptExtras(c, parent, receipt, v)
  if (operation === "sell" || operation === "buy") {
    retiredVats(c, receipt)
  }
}

/** 18 % is refused in sell/buy since 01.02.2019 with IncomingValidationException. */
function retiredVats(c: Checker, receipt: Record<string, unknown>) {
  const items = Array.isArray(receipt.items) ? receipt.items : []
  items.forEach((item, i) => {
    const type = (item as { vat?: { type?: unknown } } | null)?.vat?.type
    if ((RETIRED_VATS as readonly unknown[]).includes(type)) {
      c.issue("NotInEnumeration", `#/receipt.items[${i}].vat.type`)
    }
  })
}

function checkCorrection(
  c: Checker,
  correction: Record<string, unknown>,
  v: Version
) {
  const parent = "#/correction"
  const company = c.object(parent, "company", correction.company, true)
  if (company) {
    const path = childPath(parent, "company")
    c.string(path, "email", company.email, { max: 64 })
    c.string(path, "sno", company.sno, { oneOf: SNO })
    c.string(path, "inn", company.inn, { required: true, pattern: INN })
    c.string(path, "payment_address", company.payment_address, {
      required: true,
      max: 256,
    })
  }
  const info = c.object(
    parent,
    "correction_info",
    correction.correction_info,
    true
  )
  if (info) {
    const path = childPath(parent, "correction_info")
    c.string(path, "type", info.type, {
      required: true,
      oneOf: ["self", "instruction"],
    })
    const baseDate = c.string(path, "base_date", info.base_date, {
      required: true,
    })
    if (baseDate !== undefined && !isAtolDate(baseDate)) {
      c.issue("PatternMismatch", childPath(path, "base_date"))
    }
    // v4 requires the number always; ФФД 1.2 only for an order of the tax office (tag 1179).
    c.string(path, "base_number", info.base_number, {
      required: v === 4 || info.type === "instruction",
      min: 1,
      max: 32,
    })
    c.string(path, "base_name", info.base_name, { max: 256 })
  }
  checkPayments(c, parent, correction.payments)
  // v4 corrections carry only payments and VAT totals; v5 ones are full receipts
  // (docs/vendors/atol.md, "Registration request").
  checkVats(c, parent, correction.vats, v, v === 4)
  if (v === 5) {
    checkItems(c, parent, correction.items, v, true)
    c.number(parent, "total", correction.total, TOTAL_RULE)
    const client = c.object(parent, "client", correction.client)
    if (client) {
      checkClient(c, childPath(parent, "client"), client, v)
    }
  }
}

/**
 * Every schema issue of a registration body. An empty list means ATOL would accept it and
 * hand it to a KKT, which may still fail it (see `kkt.ts`).
 */
export function validateRegistration(
  body: Record<string, unknown>,
  apiVersion: Version,
  operation: string
): SchemaIssue[] {
  const c = new Checker()
  c.string("#/", "external_id", body.external_id, {
    required: true,
    min: 1,
    max: LIMITS.externalId,
  })
  const timestamp = c.string("#/", "timestamp", body.timestamp, {
    required: true,
  })
  if (timestamp !== undefined && !isAtolTimestamp(timestamp)) {
    c.issue("PatternMismatch", "#/timestamp")
  }
  const service = c.object("#/", "service", body.service)
  if (service) {
    // A URL that fails ATOL's mask only produces a warning; its length is a schema rule.
    c.string("#/service", "callback_url", service.callback_url, {
      max: LIMITS.callbackUrl,
    })
  }
  if (apiVersion === 5) {
    c.boolean("#/", "ism_optional", body.ism_optional)
  }
  if (operation.endsWith("_correction")) {
    const correction = c.object("#/", "correction", body.correction, true)
    if (correction) {
      checkCorrection(c, correction, apiVersion)
    }
  } else {
    const receipt = c.object("#/", "receipt", body.receipt, true)
    if (receipt) {
      checkReceipt(c, receipt, apiVersion, operation)
    }
  }
  return c.issues
}

/** Issues of a `getToken` body: login and pass at most 100 characters, source optional. */
export function validateTokenRequest(
  body: Record<string, unknown>
): SchemaIssue[] {
  const c = new Checker()
  c.string("#/", "login", body.login, {
    required: true,
    min: 1,
    max: 100,
    pattern: /^\S+$/,
  })
  c.string("#/", "pass", body.pass, { required: true, min: 1, max: 100 })
  c.string("#/", "source", body.source, { max: 100 })
  return c.issues
}
