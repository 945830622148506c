import {
  PAYMENT_OBJECT_CODES,
  VAT_CODES,
  type FiscalDocument,
  type PaymentObject,
  type VatCode,
} from "../../../lib/receipt/types"
import { ConfigError, ValidationError } from "../../../modules/fiscal/errors"
import type { TaxationSystem } from "../../../modules/fiscal/types/provider"
import { modulDocumentId, uuidV5 } from "../document-id"
import {
  MODULKASSA_CORRECTIONS,
  fromModulFiscalInfo,
  toModulDocument,
  type ModulMappingInput,
} from "../mappers"
import { parseGs1Mark, toNomenclatureCode } from "../marking"
import { DOCUMENTED_VAT_TAGS, vatTagTable } from "../options"
import { readDocumentStatus } from "../status"
import {
  formatModulDateTime,
  kopecksToRubles,
  parseModulDateTime,
  rublesToKopecks,
  toModulQuantity,
} from "../wire-format"
import { expectCorrectionRefused } from "../../_shared/__tests__/spec-helpers"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"

const ALL_TAGS: Record<VatCode, number> = {
  ...(DOCUMENTED_VAT_TAGS as Record<VatCode, number>),
  vat5: 90005,
  vat7: 90007,
  vat22: 90022,
  vat105: 90105,
  vat107: 90107,
  vat122: 90122,
}

function map(
  document: FiscalDocument,
  overrides: Partial<ModulMappingInput> = {}
) {
  return toModulDocument({
    documentId: "doc-1",
    externalId: "ftx_1",
    document,
    company: TEST_COMPANY,
    vatTags: ALL_TAGS,
    printReceipt: false,
    now: new Date("2026-05-01T09:00:00Z"),
    ...overrides,
  })
}

function single(overrides: Parameters<typeof line>[0]): FiscalDocument {
  const l = line(overrides)
  return saleDocument({
    lines: [l],
    payments: [{ type: "cashless", sum: l.sum }],
    total: l.sum,
  })
}

describe('vatTag (docs/vendors/modulkassa.md, "Enumerations and mapping")', () => {
  it.each([
    ["vat20", 1102],
    ["vat10", 1103],
    ["vat0", 1104],
    ["none", 1105],
    ["vat120", 1106],
    ["vat110", 1107],
  ] as const)("%s → %i, documented", (vat, tag) => {
    expect(
      map(single({ vat }), { vatTags: vatTagTable({ vat_tags: undefined }) })
        .inventPositions[0].vatTag
    ).toBe(tag)
  })

  it("every VAT code maps through the table, the new rates by the shop's vat_tags", () => {
    for (const vat of VAT_CODES) {
      expect(map(single({ vat })).inventPositions[0].vatTag).toBe(ALL_TAGS[vat])
    }
  })

  it.each(["vat5", "vat7", "vat22", "vat105", "vat107", "vat122"] as const)(
    "%s without a configured tag → ConfigError naming vat_tags",
    (vat) => {
      const error = (() => {
        try {
          map(single({ vat }), {
            vatTags: vatTagTable({ vat_tags: undefined }),
          })
        } catch (e) {
          return e as ConfigError
        }
      })()
      expect(error).toBeInstanceOf(ConfigError)
      expect(error!.message).toContain(`{"${vat}": <code>}`)
    }
  )

  it("vat_tags may override a documented code", () => {
    expect(vatTagTable({ vat_tags: { vat20: 7 } }).vat20).toBe(7)
  })
})

describe("payment objects and methods", () => {
  const expected: Record<PaymentObject, string | null> = {
    commodity: "commodity",
    excise: "excise",
    job: "job",
    service: "service",
    gambling_bet: "gambling_bet",
    gambling_prize: "gambling_prize",
    lottery: "lottery",
    lottery_prize: "lottery_prize",
    intellectual_activity: "intellectual_activity",
    payment: "payment",
    agent_commission: "agent_commission",
    award: null,
    another: "another",
    property_right: "property_right",
    non_operating_gain: "non-operating_gain",
    insurance_premium: "insurance_premium",
    sales_tax: "sales_tax",
    resort_fee: "resort_fee",
    deposit: null,
    expense: null,
    marked_excise_without_code: "excise",
    marked_excise: "excise",
    marked_commodity_without_code: "commodity",
    marked_commodity: "commodity",
  }

  it.each(Object.keys(PAYMENT_OBJECT_CODES) as PaymentObject[])(
    "%s",
    (object) => {
      const document = single({ payment_object: object })
      if (expected[object] === null) {
        expect(() => map(document)).toThrow(ValidationError)
      } else {
        expect(map(document).inventPositions[0].paymentObject).toBe(
          expected[object]
        )
      }
    }
  )

  it("passes the payment method through (ATOL v4 strings)", () => {
    for (const method of [
      "full_prepayment",
      "prepayment",
      "advance",
      "full_payment",
      "partial_payment",
      "credit",
      "credit_payment",
    ] as const) {
      expect(
        map(single({ payment_method: method })).inventPositions[0].paymentMethod
      ).toBe(method)
    }
  })

  it("maps payments: cashless → CARD, cash → CASH, prepayment offset → PREPAID", () => {
    const document = saleDocument({
      payments: [
        { type: "cashless", sum: 100000 },
        { type: "cash", sum: 79000 },
        { type: "prepayment", sum: 100000 },
      ],
    })
    expect(map(document).moneyPositions).toEqual([
      { paymentType: "CARD", sum: 1000 },
      { paymentType: "CASH", sum: 790 },
      { paymentType: "PREPAID", sum: 1000 },
    ])
  })
})

describe("document", () => {
  it("a whole sale", () => {
    expect(
      map(saleDocument(), {
        responseUrl: "https://shop.example/hook",
        cashier: { name: "Кассир" },
      })
    ).toEqual({
      id: "doc-1",
      docNum: "ftx_1",
      docType: "SALE",
      checkoutDateTime: "2026-03-14T10:16:05+03:00",
      email: "buyer@example.com",
      taxMode: "COMMON",
      printReceipt: false,
      responseURL: "https://shop.example/hook?external_id=ftx_1",
      cashierName: "Кассир",
      inventPositions: [
        {
          name: "Чайник электрический",
          price: 2490,
          quantity: 1,
          vatTag: 90022,
          paymentObject: "commodity",
          paymentMethod: "full_payment",
        },
        {
          name: "Доставка курьером",
          price: 300,
          quantity: 1,
          vatTag: 90022,
          paymentObject: "service",
          paymentMethod: "full_payment",
        },
      ],
      moneyPositions: [{ paymentType: "CARD", sum: 2790 }],
    })
  })

  it("a refund is RETURN; without a settlement date the time is now, in Moscow", () => {
    const body = map(
      saleDocument({ type: "sell_refund", settled_at: undefined })
    )
    expect(body.docType).toBe("RETURN")
    expect(body.checkoutDateTime).toBe("2026-05-01T12:00:00+03:00")
  })

  it.each([
    ["osn", "COMMON"],
    ["usn_income", "SIMPLIFIED"],
    ["usn_income_outcome", "SIMPLIFIED_WITH_EXPENSE"],
    ["envd", "ENVD"],
    ["esn", "COMMON_AGRICULTURAL"],
    ["patent", "PATENT"],
  ] as const)("taxation %s → %s", (sno: TaxationSystem, taxMode) => {
    expect(
      map(saleDocument(), { company: { ...TEST_COMPANY, sno } }).taxMode
    ).toBe(taxMode)
  })

  it("email wins over phone; a phone goes into `email` as +7XXXXXXXXXX", () => {
    expect(
      map(
        saleDocument({ customer: { email: "a@b.ru", phone: "+79001234567" } })
      ).email
    ).toBe("a@b.ru")
    expect(
      map(saleDocument({ customer: { phone: "+79001234567" } })).email
    ).toBe("+79001234567")
    expect(() =>
      map(saleDocument({ customer: { phone: "89001234567" } }))
    ).toThrow(/\+7 and 10 digits/)
    expect(() => map(saleDocument({ customer: {} }))).toThrow(ValidationError)
  })

  it("a fractional quantity keeps 3 decimals; price and sum are exact rubles", () => {
    const body = map(
      single({
        name: "Яблоки",
        price: 14286,
        quantity: 0.7,
        sum: 10000,
        measure: 11,
      })
    )
    expect(body.inventPositions[0]).toMatchObject({
      price: 142.86,
      quantity: 0.7,
    })
    expect(body.moneyPositions[0].sum).toBe(100)
    expect(toModulQuantity(1.23456)).toBe(1.235)
  })

  it("cuts a long name to 128 UTF-16 units without splitting an emoji", () => {
    const name = `${"я".repeat(127)}🍵 чай`
    const body = map(single({ name }))
    expect(body.inventPositions[0].name).toBe("я".repeat(127))
    expect(
      map(single({ name: "x".repeat(200) })).inventPositions[0].name
    ).toHaveLength(128)
  })

  it("a marked line carries the code as ФФД 1.05 tag 1162 hex", () => {
    const mark =
      "0104601234567890" +
      "21ABCDEFGHIJKLM" +
      "\u001d91EE06\u001d92" +
      "Y".repeat(44)
    const body = map(
      single({ payment_object: "marked_commodity", mark_code: mark })
    )
    expect(body.inventPositions[0]).toMatchObject({
      paymentObject: "commodity",
      nomenclatureCode:
        "44 4D 04 2F 4E F3 B2 D2 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D",
    })
    expect(() =>
      map(
        single({
          payment_object: "marked_commodity",
          mark_code: "not a GS1 code",
        })
      )
    ).toThrow(
      expect.objectContaining({
        fields: ["inventPositions[0].nomenclatureCode"],
      })
    )
  })

  it("refuses 0 or more than 100 positions and a document without payments", () => {
    expect(() => map(saleDocument({ lines: [] }))).toThrow(ValidationError)
    expect(() =>
      map(saleDocument({ lines: Array.from({ length: 101 }, () => line()) }))
    ).toThrow(/1\.\.100 positions/)
    expect(() => map(saleDocument({ payments: [] }))).toThrow(ValidationError)
  })
})

describe("marking codes", () => {
  it.each([
    [
      "with GS separators",
      "0104607428716301215abcde\u001d93dGVz",
      "44 4D 04 30 C0 26 E7 0D 35 61 62 63 64 65",
    ],
    [
      "without separators, 93 tail",
      "0104607428716301215abcde93dGVz",
      "44 4D 04 30 C0 26 E7 0D 35 61 62 63 64 65",
    ],
    [
      "with the ]d2 prefix",
      "]d20104607428716301215abcde",
      "44 4D 04 30 C0 26 E7 0D 35 61 62 63 64 65",
    ],
    [
      "without separators, 91/92 tail",
      "0104601234567890" + "21ABCDEFGHIJKLM" + "91EE06" + "92" + "Z".repeat(44),
      "44 4D 04 2F 4E F3 B2 D2 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D",
    ],
  ])("%s", (_name, code, hex) => {
    expect(toNomenclatureCode(code)).toBe(hex)
  })

  it("refuses what is not 01 GTIN 21 serial, or a serial above 20 characters", () => {
    expect(parseGs1Mark("0204601234567890")).toBeUndefined()
    expect(parseGs1Mark(`010460123456789021${"A".repeat(21)}`)).toBeUndefined()
    expect(toNomenclatureCode("hello")).toBeUndefined()
  })
})

describe("money and dates at the wire", () => {
  it.each([
    [1, 0.01],
    [10, 0.1],
    [30, 0.3],
    [279000, 2790],
    [123456789, 1234567.89],
    [900719925474099, 9007199254740.99],
  ])("%i kopecks ↔ %d rubles, exactly", (kopecks, rubles) => {
    expect(kopecksToRubles(kopecks)).toBe(rubles)
    expect(JSON.stringify(kopecksToRubles(kopecks))).toBe(String(rubles))
    expect(rublesToKopecks(rubles)).toBe(kopecks)
  })

  it("reads sums sent as strings (the doc's own example) and refuses garbage", () => {
    expect(rublesToKopecks("57.00")).toBe(5700)
    expect(rublesToKopecks("0,1")).toBe(10)
    expect(rublesToKopecks("x")).toBeUndefined()
    expect(() => kopecksToRubles(1.5)).toThrow(RangeError)
  })

  it("formats checkoutDateTime in Moscow time and reads every offset style of the doc", () => {
    expect(formatModulDateTime(new Date("2026-12-31T22:30:00Z"))).toBe(
      "2027-01-01T01:30:00+03:00"
    )
    expect(parseModulDateTime("2020-02-26T00:31:19.000+0000")).toBe(
      "2020-02-26T00:31:19.000Z"
    )
    expect(parseModulDateTime("2020-02-26T07:32:19+07:00")).toBe(
      "2020-02-26T00:32:19.000Z"
    )
    expect(parseModulDateTime("2019-09-18T14:41:04Z")).toBe(
      "2019-09-18T14:41:04.000Z"
    )
    expect(parseModulDateTime("2019-09-18T14:41:04")).toBe(
      "2019-09-18T11:41:04.000Z"
    )
    expect(parseModulDateTime("yesterday")).toBeUndefined()
  })
})

describe("fiscal data and statuses", () => {
  const info = {
    shiftNumber: 29,
    checkNumber: 77,
    kktNumber: "99921192",
    fnNumber: "9999078902015555",
    fnDocNumber: 46,
    fnDocMark: 3705514822,
    date: "2020-02-26T00:31:19.000+0000",
    sum: "57.00",
    checkType: "SALE",
    qr: "t=20200226T073119&s=57.00&fn=92&i=0000000046&fp=92&n=1",
    ecrRegistrationNumber: "0000000001012345",
  }

  it("FiscalInfo → FiscalData; a 10-digit ФПД keeps every digit", () => {
    expect(fromModulFiscalInfo(info)).toEqual({
      fiscal_document_number: "46",
      fiscal_document_attribute: "3705514822",
      fiscal_receipt_number: "77",
      shift_number: "29",
      fn_number: "9999078902015555",
      ecr_registration_number: "0000000001012345",
      registered_at: "2020-02-26T00:31:19.000Z",
      total: 5700,
    })
    expect(fromModulFiscalInfo({ fnDocNumber: 46 })).toBeUndefined()
    expect(fromModulFiscalInfo(null)).toBeUndefined()
  })

  it.each([
    ["QUEUED", "wait"],
    ["PENDING", "wait"],
    ["REQUEUED", "wait"],
    ["queued", "wait"],
    ["PRINTED", "done"],
    ["WAIT_FOR_CALLBACK", "done"],
    ["COMPLETED", "done"],
    ["completed", "done"],
    ["FAILED", "failed"],
    ["SOMETHING", "unreadable"],
  ])("%s → %s", (status, kind) => {
    expect(
      readDocumentStatus({
        status,
        fiscalInfo: info,
        failureInfo: { type: "FN_EXPIRED", message: "x" },
      }).kind
    ).toBe(kind)
  })

  it("WAIT_FOR_CALLBACK without FiscalInfo is wait; COMPLETED without it is unreadable", () => {
    expect(readDocumentStatus({ status: "WAIT_FOR_CALLBACK" }).kind).toBe(
      "wait"
    )
    expect(
      readDocumentStatus({ status: "COMPLETED", fiscalInfo: null }).kind
    ).toBe("unreadable")
    expect(readDocumentStatus("nope").kind).toBe("unreadable")
  })

  it.each([
    [{ type: "FN_GENERIC_FAILURE", message: "Ошибка ФН" }, true],
    [{ type: "FN_MEMORY_OVERFLOW", message: "timeout" }, false],
    [{ type: "FN_EXPIRED", message: "" }, false],
    [{ type: "NON_FN_FAILURE", message: "Нет связи с ККТ" }, true],
    [{ type: "NON_FN_FAILURE", message: "Connection timed out" }, true],
    [{ type: "NON_FN_FAILURE", message: "Чек оплачен не полностью" }, false],
  ])("failure %j transient: %p", (failureInfo, transient) => {
    expect(readDocumentStatus({ status: "FAILED", failureInfo })).toMatchObject(
      { kind: "failed", code: failureInfo.type, transient }
    )
  })

  it("a FAILED without FailureInfo takes the message", () => {
    expect(
      readDocumentStatus({ status: "FAILED", message: "Касса недоступна" })
    ).toEqual({
      kind: "failed",
      state: "FAILED",
      code: "FAILED",
      message: "Касса недоступна",
      transient: true,
    })
  })
})

describe("document ids", () => {
  it("derives RFC 4122 v5 UUIDs: stable per external id, distinct per generation", () => {
    expect(uuidV5("ftx_01JD5S3B5Q8X0Z7W1V2N3M4K5L")).toBe(
      "0975aba5-54fb-566d-9420-17dadce07cc5"
    )
    expect(uuidV5("ftx_01JD5S3B5Q8X0Z7W1V2N3M4K5L-1")).toBe(
      "5de0f41c-40a7-58e4-8986-b2cf26573ef5"
    )
    expect(modulDocumentId("ftx_1", "external_id")).toBe("ftx_1")
  })
})

describe('corrections (docs/vendors/modulkassa.md, "Corrections")', () => {
  it("declares no correction", () => {
    expect(MODULKASSA_CORRECTIONS).toEqual({ sell: false, sellRefund: false })
  })

  it.each(["sell_correction", "sell_refund_correction"] as const)(
    "refuses %s as CORRECTIONS_NOT_SUPPORTED, naming the service and ATOL",
    (type) =>
      expectCorrectionRefused(
        map,
        saleDocument(),
        "МодульКасса",
        type,
        "docType"
      )
  )
})
