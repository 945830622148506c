import {
  PAYMENT_METHODS,
  PAYMENT_OBJECT_CODES,
  VAT_CODES,
  type PaymentObject,
} from "../../../lib/receipt/types"
import { TAXATION_SYSTEMS } from "../../../modules/fiscal/types/provider"
import { ValidationError } from "../../../modules/fiscal/errors"
import {
  CHECKONLINE_CORRECTIONS,
  fromComplexResponse,
  toComplexRequest,
} from "../mappers"
import { gtinAndSerial, toCgnFloat } from "../marking"
import { lineTotalKopecks, registeredAt, toThousandths } from "../wire-format"
import { expectCorrectionRefused } from "../../_shared/__tests__/spec-helpers"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"

const map = (
  document = saleDocument(),
  extra: Partial<Parameters<typeof toComplexRequest>[0]> = {}
) =>
  toComplexRequest({
    externalId: "ftx_1",
    document,
    company: TEST_COMPANY,
    device: "auto",
    ...extra,
  })

/** A document of one line per item, each 1 × 1.00, paid by card. */
function documentOf(lines: ReturnType<typeof line>[]) {
  const total = lines.reduce((sum, l) => sum + l.sum, 0)
  return saleDocument({
    lines,
    total,
    payments: [{ type: "cashless", sum: total }],
  })
}

describe('FiscalDocument → Complex request (docs/vendors/checkonline.md, "Registration request")', () => {
  it("maps the whole request: kopecks, thousandths, codes, contact, place", () => {
    expect(map()).toEqual({
      Device: "auto",
      Password: 1,
      RequestId: "ftx_1",
      DocumentType: 0,
      Lines: [
        {
          Description: "Чайник электрический",
          Qty: 1000,
          Price: 249000,
          TaxId: 11,
          PayAttribute: 4,
          LineAttribute: 1,
        },
        {
          Description: "Доставка курьером",
          Qty: 1000,
          Price: 30000,
          TaxId: 11,
          PayAttribute: 4,
          LineAttribute: 4,
        },
      ],
      NonCash: [279000],
      TaxMode: 1,
      PhoneOrEmail: "buyer@example.com",
      Place: "https://shop.example",
      FullResponse: false,
    })
  })

  it("maps every VAT code to the cash register's TaxId: 1..6 known, 7..12 the documented choice", () => {
    const lines = VAT_CODES.map((vat) => line({ vat, price: 100, sum: 100 }))
    const taxIds = map(documentOf(lines)).Lines.map((l) => l.TaxId)
    expect(
      Object.fromEntries(VAT_CODES.map((vat, i) => [vat, taxIds[i]]))
    ).toEqual({
      vat20: 1,
      vat10: 2,
      vat0: 3,
      none: 4,
      vat120: 5,
      vat110: 6,
      vat5: 7,
      vat7: 8,
      vat105: 9,
      vat107: 10,
      vat22: 11,
      vat122: 12,
    })
  })

  it("per-shop tax_ids override the defaults", () => {
    const lines = [
      line({ vat: "vat22", price: 100, sum: 100 }),
      line({ vat: "vat10", price: 100, sum: 100 }),
    ]
    expect(
      map(documentOf(lines), { taxIds: { vat22: 1 } }).Lines.map((l) => l.TaxId)
    ).toEqual([1, 2])
  })

  it("maps every payment object to its tag 1212 number and every payment method to tag 1214", () => {
    const objects = Object.keys(PAYMENT_OBJECT_CODES) as PaymentObject[]
    const request = map(
      documentOf(
        objects.map((payment_object) =>
          line({ payment_object, price: 100, sum: 100 })
        )
      )
    )
    expect(request.Lines.map((l) => l.LineAttribute)).toEqual(
      objects.map((o) => PAYMENT_OBJECT_CODES[o])
    )
    const methods = map(
      documentOf(
        PAYMENT_METHODS.map((payment_method) =>
          line({ payment_method, price: 100, sum: 100 })
        )
      )
    )
    expect(methods.Lines.map((l) => l.PayAttribute)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ])
  })

  it("maps every taxation system to its TaxMode bit", () => {
    const modes = Object.fromEntries(
      TAXATION_SYSTEMS.map((sno) => [
        sno,
        toComplexRequest({
          externalId: "x",
          document: saleDocument(),
          company: { ...TEST_COMPANY, sno },
          device: "auto",
        }).TaxMode,
      ])
    )
    // tag 1055 bits: ОСН, УСН доход, УСН доход − расход, ЕНВД, ЕСХН, патент
    expect(modes).toEqual({
      osn: 1,
      usn_income: 2,
      usn_income_outcome: 4,
      envd: 8,
      esn: 16,
      patent: 32,
    })
  })

  it("sends fractional quantities in thousandths with the measure code, and checks Price × Qty = sum", () => {
    const weighed = line({
      name: "Яблоки",
      price: 14286,
      quantity: 0.7,
      sum: 10000,
      measure: 11,
    })
    expect(map(documentOf([weighed])).Lines[0]).toEqual({
      Description: "Яблоки",
      Qty: 700,
      Price: 14286,
      TaxId: 11,
      PayAttribute: 4,
      LineAttribute: 1,
      Measure: 11,
    })
    expect(toThousandths(0.001)).toBe(1)
    expect(toThousandths(2.5)).toBe(2500)
    expect(toThousandths(1.0005)).toBeUndefined()
    expect(toThousandths(0)).toBeUndefined()
    expect(() =>
      map(documentOf([line({ quantity: 1.0005, price: 100, sum: 100 })]))
    ).toThrow(ValidationError)
  })

  it("money stays exact: integer kopecks in, integer kopecks on the wire, half-up line totals", () => {
    expect(lineTotalKopecks(3333, 3000)).toBe(9999)
    expect(lineTotalKopecks(1, 500)).toBe(1) // 0.5 kopeck rounds up
    expect(lineTotalKopecks(1, 499)).toBe(0)
    expect(lineTotalKopecks(99_999_999_999, 9_999_999)).toBe(
      999_999_899_990_000
    ) // beyond 2^53 in the product
    const request = map(
      documentOf([
        line({ price: 1, quantity: 3, sum: 3 }),
        line({ price: 999_999_99, sum: 999_999_99 }),
      ])
    )
    expect(request.Lines.map((l) => [l.Price, l.Qty])).toEqual([
      [1, 3000],
      [99999999, 1000],
    ])
    expect(request.NonCash).toEqual([100000002])
  })

  it("puts prepayment offsets in AdvancePayment and cash in Cash", () => {
    const document = saleDocument({
      payments: [
        { type: "prepayment", sum: 200000 },
        { type: "cashless", sum: 50000 },
        { type: "cash", sum: 29000 },
      ],
    })
    expect(map(document)).toMatchObject({
      NonCash: [50000],
      AdvancePayment: 200000,
      Cash: 29000,
    })
  })

  it("refunds are DocumentType 2; the phone is the contact without an email; tag 1192 travels", () => {
    const request = map(
      saleDocument({
        type: "sell_refund",
        customer: { phone: "+79990001122" },
        additional_check_props: "1234567890",
      })
    )
    expect(request).toMatchObject({
      DocumentType: 2,
      PhoneOrEmail: "+79990001122",
      AdditionalAttribute: "1234567890",
    })
  })

  it("cuts names to 128 characters without splitting an emoji", () => {
    const name = `${"🍵".repeat(100)}${"я".repeat(100)}`
    const [mapped] = map(
      documentOf([line({ name, price: 100, sum: 100 })])
    ).Lines
    expect(Array.from(mapped.Description)).toHaveLength(128)
    expect(mapped.Description.startsWith("🍵".repeat(100))).toBe(true)
  })

  it("sends a marking code as CGNFloat: 444D + GTIN (6 bytes) + serial", () => {
    const code = "0104650117240408215Qbag!\u001d93Zjqw"
    const [mapped] = map(
      documentOf([
        line({
          payment_object: "marked_commodity",
          mark_code: code,
          price: 100,
          sum: 100,
        }),
      ])
    ).Lines
    const bytes = Buffer.from(mapped.CGNFloat!, "base64")
    expect(bytes.subarray(0, 2).toString("hex")).toBe("444d")
    expect(bytes.readUIntBE(2, 6)).toBe(4650117240408)
    expect(bytes.subarray(8).toString("ascii")).toBe("5Qbag!")
    expect(mapped.LineAttribute).toBe(33)
    expect(gtinAndSerial("]d2\u001d0104650117240408215Qbag!")).toEqual({
      gtin: "04650117240408",
      serial: "5Qbag!",
    })
    expect(gtinAndSerial("(01)04650117240408(21)5Qbag!")).toEqual({
      gtin: "04650117240408",
      serial: "5Qbag!",
    })
    expect(toCgnFloat("not a code")).toBeUndefined()
    expect(() =>
      map(documentOf([line({ mark_code: "garbage", price: 100, sum: 100 })]))
    ).toThrow(expect.objectContaining({ fields: ["Lines[0].CGNFloat"] }))
  })

  it("refuses sums that do not add up, an empty receipt and a long tag 1192", () => {
    expect(() => map(saleDocument({ total: 279001 }))).toThrow(
      expect.objectContaining({ fields: ["NonCash", "Lines"] })
    )
    expect(() =>
      map(saleDocument({ payments: [{ type: "cashless", sum: 1 }] }))
    ).toThrow(ValidationError)
    expect(() =>
      map(saleDocument({ lines: [], total: 0, payments: [] }))
    ).toThrow(expect.objectContaining({ fields: ["Lines"] }))
    expect(() =>
      map(saleDocument({ additional_check_props: "12345678901234567" }))
    ).toThrow(expect.objectContaining({ fields: ["AdditionalAttribute"] }))
  })

  it("sends Group and ClientId only when set", () => {
    expect(map()).not.toHaveProperty("Group")
    expect(map()).not.toHaveProperty("ClientId")
    expect(map(saleDocument(), { group: "G", clientId: "C" })).toMatchObject({
      Group: "G",
      ClientId: "C",
    })
  })
})

describe("Complex answer → fiscal data", () => {
  const answer = {
    RequestId: "ftx_1",
    DeviceRegistrationNumber: "0000000001012345",
    FNSerialNumber: "9999078902015555",
    DocNumber: 12,
    FiscalDocNumber: 1873,
    FiscalSign: 2837465519,
    GrandTotal: 279000,
    TurnNumber: 41,
    Date: {
      Date: { Day: 14, Month: 3, Year: 26 },
      Time: { Hour: 10, Minute: 16, Second: 31 },
    },
    QR: "t=20260314T1016&s=2790.00&fn=9999078902015555&i=1873&fp=2837465519&n=1",
    Response: { Error: 0, ErrorMessages: [] },
  }

  it("reads numbers as strings (a 10-digit ФП never loses digits) and the Moscow date as UTC", () => {
    expect(fromComplexResponse(answer)).toEqual({
      fiscal_document_number: "1873",
      fiscal_document_attribute: "2837465519",
      fiscal_receipt_number: "12",
      shift_number: "41",
      fn_number: "9999078902015555",
      ecr_registration_number: "0000000001012345",
      registered_at: "2026-03-14T07:16:31.000Z",
      total: 279000,
    })
  })

  it("falls back to the QR code's time, and gives up without ФД or ФП", () => {
    expect(registeredAt(undefined, answer.QR)).toBe("2026-03-14T07:16:00.000Z")
    expect(
      registeredAt(
        {
          Date: { Day: 31, Month: 2, Year: 26 },
          Time: { Hour: 1, Minute: 1, Second: 1 },
        },
        undefined
      )
    ).toBeUndefined()
    expect(
      fromComplexResponse({ ...answer, FiscalSign: undefined })
    ).toBeUndefined()
    expect(
      fromComplexResponse({ ...answer, FiscalDocNumber: undefined })
    ).toBeUndefined()
  })
})

describe('corrections (docs/vendors/checkonline.md, "Corrections")', () => {
  it("declares no correction", () => {
    expect(CHECKONLINE_CORRECTIONS).toEqual({ sell: false, sellRefund: false })
  })

  it.each(["sell_correction", "sell_refund_correction"] as const)(
    "refuses %s as CORRECTIONS_NOT_SUPPORTED, naming the service and ATOL",
    (type) =>
      expectCorrectionRefused(
        map,
        saleDocument(),
        "Checkonline",
        type,
        "DocumentType"
      )
  )
})
