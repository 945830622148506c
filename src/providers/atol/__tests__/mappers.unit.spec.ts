import fc from "fast-check"

import { ValidationError } from "../../../modules/fiscal/errors"
import { fromAtolPayload, toAtolRegistration } from "../mappers"
import { vatAmountKopecks } from "../vat"
import {
  formatAtolTimestamp,
  kopecksToRubles,
  parseAtolTimestamp,
} from "../wire-format"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"

const NOW = new Date("2026-03-14T07:16:05Z")

function map(
  apiVersion: 4 | 5,
  document = saleDocument(),
  callbackUrl?: string
) {
  return toAtolRegistration({
    apiVersion,
    externalId: "ftx_01:0",
    document,
    company: TEST_COMPANY,
    callbackUrl,
    internet: true,
    now: NOW,
  })
}

describe("toAtolRegistration v5 (ФФД 1.2)", () => {
  it("maps a sale to ATOL's v5 JSON", () => {
    expect(
      JSON.parse(
        JSON.stringify(
          map(5, saleDocument(), "https://shop.example/hooks/fiscal/atol")
        )
      )
    ).toEqual({
      external_id: "ftx_01:0",
      timestamp: "14.03.2026 10:16:05",
      service: { callback_url: "https://shop.example/hooks/fiscal/atol" },
      receipt: {
        client: { email: "buyer@example.com" },
        company: {
          email: "shop@example.com",
          sno: "osn",
          inn: "5544332219",
          payment_address: "https://v5.online.atol.ru",
        },
        items: [
          {
            name: "Чайник электрический",
            price: 2490,
            quantity: 1,
            sum: 2490,
            payment_method: "full_payment",
            payment_object: 1,
            measure: 0,
            vat: { type: "vat22", sum: 449.02 },
          },
          {
            name: "Доставка курьером",
            price: 300,
            quantity: 1,
            sum: 300,
            payment_method: "full_payment",
            payment_object: 4,
            measure: 0,
            vat: { type: "vat22", sum: 54.1 },
          },
        ],
        payments: [{ type: 1, sum: 2790 }],
        vats: [{ type: "vat22", sum: 503.12 }],
        total: 2790,
        internet: true,
      },
    })
  })

  it("sends marked goods as base64 gs1m with processing mode 0", () => {
    const code = "0104607428716301215abcde\u001d93dGVz"
    const body = map(
      5,
      saleDocument({
        lines: [line({ payment_object: "marked_commodity", mark_code: code })],
        total: 249000,
        payments: [{ type: "cashless", sum: 249000 }],
      })
    )
    const item = body.receipt.items[0] as {
      payment_object: number
      mark_code: { gs1m: string }
      mark_processing_mode: string
    }
    expect(item.payment_object).toBe(33)
    expect(Buffer.from(item.mark_code.gs1m, "base64").toString("utf8")).toBe(
      code
    )
    expect(item.mark_processing_mode).toBe("0")
  })

  it("maps payments (cash 0, cashless 1, prepayment 2), resell props, phone, weighed goods", () => {
    const body = map(
      5,
      saleDocument({
        lines: [
          line({
            price: 10000,
            quantity: 0.7,
            sum: 7000,
            measure: 11,
            vat: "vat10",
          }),
        ],
        payments: [
          { type: "prepayment", sum: 5000 },
          { type: "cash", sum: 1000 },
          { type: "cashless", sum: 1000 },
        ],
        total: 7000,
        customer: { phone: "+79001234567" },
        additional_check_props: "2837465519",
      })
    )
    expect(body.receipt.payments).toEqual([
      { type: 2, sum: 50 },
      { type: 0, sum: 10 },
      { type: 1, sum: 10 },
    ])
    expect(body.receipt.client).toEqual({ phone: "+79001234567" })
    expect(body.receipt.additional_check_props).toBe("2837465519")
    expect(body.receipt.items[0]).toMatchObject({
      price: 100,
      quantity: 0.7,
      sum: 70,
      measure: 11,
      vat: { type: "vat10", sum: 6.36 },
    })
  })

  it("adds VAT per rate across lines and leaves `none` at zero", () => {
    const body = map(
      5,
      saleDocument({
        lines: [
          line({ price: 3333, sum: 3333, vat: "vat20" }),
          line({ price: 3333, sum: 3333, vat: "vat20" }),
          line({ price: 100, sum: 100, vat: "none" }),
        ],
        total: 6766,
        payments: [{ type: "cashless", sum: 6766 }],
      })
    )
    expect(body.receipt.vats).toEqual([
      { type: "vat20", sum: 11.12 },
      { type: "none", sum: 0 },
    ])
  })

  it("cuts names to 128 UTF-16 units, as ATOL counts, without splitting an emoji", () => {
    const odd = map(
      5,
      saleDocument({ lines: [line({ name: `я${"🍵".repeat(100)}` })] })
    ).receipt.items[0]
    expect(odd.name).toBe(`я${"🍵".repeat(63)}`) // 127 units: the 64th emoji would be cut in half
    const even = map(
      5,
      saleDocument({ lines: [line({ name: "🍵".repeat(100) })] })
    ).receipt.items[0]
    expect(even.name).toBe("🍵".repeat(64))
    const plain = map(
      5,
      saleDocument({ lines: [line({ name: "я".repeat(200) })] })
    ).receipt.items[0]
    expect(plain.name).toHaveLength(128)
  })

  it("omits vats when a receipt has more than six rates", () => {
    const vats = [
      "none",
      "vat0",
      "vat5",
      "vat7",
      "vat10",
      "vat20",
      "vat22",
    ] as const
    const body = map(
      5,
      saleDocument({
        lines: vats.map((vat) => line({ vat, price: 100, sum: 100 })),
        total: 700,
      })
    )
    expect(body.receipt.vats).toBeUndefined()
  })

  it("refuses a receipt without lines or with more than 100", () => {
    expect(() => map(5, saleDocument({ lines: [] }))).toThrow(ValidationError)
    const many = Array.from({ length: 101 }, () => line({ price: 1, sum: 1 }))
    expect(() => map(5, saleDocument({ lines: many }))).toThrow(/1\.\.100/)
  })
})

describe("toAtolRegistration v4 (ФФД 1.05)", () => {
  it("uses string payment objects and free-text units, no internet flag", () => {
    const body = map(
      4,
      saleDocument({
        lines: [
          line({ measure: 11, quantity: 0.7, price: 10000, sum: 7000 }),
          line({ payment_object: "non_operating_gain", measure: 255 }),
          line({
            payment_object: "marked_commodity",
            mark_code: "010460742871630121abc",
          }),
        ],
      })
    )
    const items = body.receipt.items as unknown as Record<string, unknown>[]
    expect(items[0]).toMatchObject({
      payment_object: "commodity",
      measurement_unit: "кг",
    })
    expect(items[0].measure).toBeUndefined()
    expect(items[1]).toMatchObject({ payment_object: "non-operating_gain" })
    expect(items[1].measurement_unit).toBeUndefined()
    expect(items[2]).toMatchObject({
      payment_object: "commodity",
      nomenclature_code: "010460742871630121abc",
    })
    expect(body.receipt.internet).toBeUndefined()
  })

  it("refuses a marking code ATOL v4 cannot take", () => {
    const error = (() => {
      try {
        map(4, saleDocument({ lines: [line({ mark_code: "0".repeat(151) })] }))
      } catch (e) {
        return e as ValidationError
      }
    })()
    expect(error).toBeInstanceOf(ValidationError)
    expect(error!.fields).toEqual(["receipt.items[0].nomenclature_code"])
  })
})

describe("wire formats", () => {
  it("writes kopecks as rubles with at most two decimals, exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (kopecks) => {
        const text = JSON.stringify(kopecksToRubles(kopecks))
        const expected = `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, "0")}`
        expect(Number(text).toFixed(2)).toBe(expected)
        expect(text).toMatch(/^\d+(\.\d{1,2})?$/)
      })
    )
    expect(
      JSON.stringify([
        kopecksToRubles(1),
        kopecksToRubles(3333),
        kopecksToRubles(100000),
      ])
    ).toBe("[0.01,33.33,1000]")
    expect(() => kopecksToRubles(1.5)).toThrow(RangeError)
  })

  it("computes VAT as sum × r / (100 + r), half up to the kopeck", () => {
    expect(vatAmountKopecks(1000, "vat22")).toBe(180)
    expect(vatAmountKopecks(1000, "vat122")).toBe(180)
    expect(vatAmountKopecks(20000, "vat20")).toBe(3333)
    expect(vatAmountKopecks(3, "vat20")).toBe(1) // 0.5 → 1
    expect(vatAmountKopecks(5, "vat10")).toBe(0)
    expect(vatAmountKopecks(10500, "vat5")).toBe(500)
    expect(vatAmountKopecks(10700, "vat107")).toBe(700)
    expect(vatAmountKopecks(99999, "vat0")).toBe(0)
    expect(vatAmountKopecks(99999, "none")).toBe(0)
  })

  it("formats and reads timestamps in Moscow time", () => {
    expect(formatAtolTimestamp(new Date("2025-12-31T21:00:00Z"))).toBe(
      "01.01.2026 00:00:00"
    )
    expect(parseAtolTimestamp("01.01.2026 00:00:00")).toBe(
      "2025-12-31T21:00:00.000Z"
    )
    expect(parseAtolTimestamp("2026-01-01")).toBeUndefined()
    expect(parseAtolTimestamp(undefined)).toBeUndefined()
  })
})

describe("fromAtolPayload", () => {
  it("maps a done report's payload to FiscalData", () => {
    expect(
      fromAtolPayload({
        total: 2790,
        fns_site: "www.nalog.gov.ru",
        fn_number: "9999078902015555",
        shift_number: 41,
        receipt_datetime: "14.03.2026 10:16:31",
        fiscal_receipt_number: 12,
        fiscal_document_number: 1873,
        ecr_registration_number: "0000000001012345",
        fiscal_document_attribute: 2837465519,
        ofd_inn: "7709364346",
        ofd_receipt_url:
          "https://consumer.1-ofd.ru/v1?fn=9999078902015555&fp=2837465519&i=1873",
      })
    ).toEqual({
      fiscal_document_number: "1873",
      fiscal_document_attribute: "2837465519",
      fiscal_receipt_number: "12",
      shift_number: "41",
      fn_number: "9999078902015555",
      ecr_registration_number: "0000000001012345",
      registered_at: "2026-03-14T07:16:31.000Z",
      ofd_receipt_url:
        "https://consumer.1-ofd.ru/v1?fn=9999078902015555&fp=2837465519&i=1873",
      total: 279000,
    })
  })
})
