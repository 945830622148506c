import {
  PAYMENT_METHODS,
  PAYMENT_OBJECT_CODES,
  VAT_CODES,
  type PaymentObject,
  type VatCode,
} from "../../../lib/receipt/types"
import { TAXATION_SYSTEMS } from "../../../modules/fiscal/types/provider"
import { ValidationError } from "../../../modules/fiscal/errors"
import {
  DREAMKAS_CORRECTIONS,
  fromDreamkasReceipt,
  toDreamkasReceipt,
  truncateName,
} from "../mappers"
import { DREAMKAS_TAX_MODES, vatInsideKopecks } from "../taxes"
import { expectCorrectionRefused } from "../../_shared/__tests__/spec-helpers"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"

const VAT22 = { vat22: "NDS_22", vat122: "NDS_22_CALCULATED" }

function map(
  document = saleDocument(),
  overrides: Partial<Parameters<typeof toDreamkasReceipt>[0]> = {}
) {
  return toDreamkasReceipt({
    externalId: "ftx_1:0",
    deviceId: 123456,
    document,
    company: TEST_COMPANY,
    timeoutMin: 15,
    vat22Names: VAT22,
    ...overrides,
  })
}

describe("toDreamkasReceipt", () => {
  it("maps the sale to POST /api/receipts in kopecks, as Dreamkas wants them", () => {
    expect(map()).toEqual({
      externalId: "ftx_1:0",
      deviceId: 123456,
      type: "SALE",
      timeout: 15,
      taxMode: "DEFAULT",
      positions: [
        {
          name: "Чайник электрический",
          type: "COUNTABLE",
          quantity: 1,
          price: 249000,
          priceSum: 249000,
          tax: "NDS_22",
          taxSum: 44902,
          tags: [
            { tag: 1214, value: 4 },
            { tag: 1212, value: 1 },
            { tag: 2108, value: 0 },
          ],
        },
        {
          name: "Доставка курьером",
          type: "SERVICE",
          quantity: 1,
          price: 30000,
          priceSum: 30000,
          tax: "NDS_22",
          taxSum: 5410,
          tags: [
            { tag: 1214, value: 4 },
            { tag: 1212, value: 4 },
            { tag: 2108, value: 0 },
          ],
        },
      ],
      payments: [{ sum: 279000, type: "CASHLESS" }],
      attributes: { email: "buyer@example.com" },
      total: { priceSum: 279000 },
    })
  })

  it("refunds are REFUND", () => {
    expect(map(saleDocument({ type: "sell_refund" })).type).toBe("REFUND")
  })

  const TAX_NAMES: Record<VatCode, string> = {
    none: "NDS_NO_TAX",
    vat0: "NDS_0",
    vat5: "NDS_5",
    vat7: "NDS_7",
    vat10: "NDS_10",
    vat20: "NDS_20",
    vat22: "NDS_22",
    vat105: "NDS_5_CALCULATED",
    vat107: "NDS_7_CALCULATED",
    vat110: "NDS_10_CALCULATED",
    vat120: "NDS_20_CALCULATED",
    vat122: "NDS_22_CALCULATED",
  }

  it.each(VAT_CODES.map((vat) => [vat, TAX_NAMES[vat]]))(
    "VAT %s → %s",
    (vat, name) => {
      const body = map(
        saleDocument({
          lines: [line({ vat: vat as VatCode, price: 12300, sum: 12300 })],
          payments: [{ type: "cashless", sum: 12300 }],
          total: 12300,
        })
      )
      expect(body.positions[0].tax).toBe(name)
    }
  )

  it("the 22 % names are the configured ones", () => {
    const body = map(
      saleDocument({
        lines: [line({ vat: "vat22" }), line({ vat: "vat122" })],
        payments: [{ type: "cashless", sum: 498000 }],
        total: 498000,
      }),
      { vat22Names: { vat22: "NDS_22_X", vat122: "NDS_22_122_X" } }
    )
    expect(body.positions.map((p) => p.tax)).toEqual([
      "NDS_22_X",
      "NDS_22_122_X",
    ])
  })

  it.each([
    ["none", 10000, 0],
    ["vat0", 10000, 0],
    ["vat5", 10500, 500],
    ["vat105", 10500, 500],
    ["vat7", 10700, 700],
    ["vat10", 11000, 1000],
    ["vat20", 12000, 2000],
    ["vat120", 1, 0],
    ["vat22", 12200, 2200],
    ["vat22", 1, 0],
    ["vat22", 3, 1],
  ] as [VatCode, number, number][])(
    "taxSum of %s on %i kopecks is %i",
    (vat, sum, tax) => {
      expect(vatInsideKopecks(sum, vat)).toBe(tax)
    }
  )

  it.each(TAXATION_SYSTEMS.map((sno) => [sno, DREAMKAS_TAX_MODES[sno]]))(
    "taxation system %s → %s",
    (sno, mode) => {
      expect(
        map(saleDocument(), { company: { ...TEST_COMPANY, sno } }).taxMode
      ).toBe(mode)
    }
  )

  it("every payment object travels as its ФФД 1.2 code in tag 1212", () => {
    for (const [object, code] of Object.entries(PAYMENT_OBJECT_CODES)) {
      const body = map(
        saleDocument({
          lines: [line({ payment_object: object as PaymentObject })],
          payments: [{ type: "cashless", sum: 249000 }],
          total: 249000,
        })
      )
      expect(body.positions[0].tags).toContainEqual({ tag: 1212, value: code })
      expect(body.positions[0].type).toBe(
        object === "service" || object === "job" ? "SERVICE" : "COUNTABLE"
      )
    }
  })

  it("every payment method travels as tag 1214 1..7", () => {
    const codes = PAYMENT_METHODS.map(
      (method) =>
        map(
          saleDocument({
            lines: [line({ payment_method: method })],
            payments: [{ type: "cashless", sum: 249000 }],
            total: 249000,
          })
        ).positions[0].tags!.find((t) => t.tag === 1214)!.value
    )
    expect(codes).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it("payments: cashless → CASHLESS, prepayment offset → PREPAID, cash → CASH", () => {
    const body = map(
      saleDocument({
        payments: [
          { type: "cashless", sum: 100000 },
          { type: "prepayment", sum: 150000 },
          { type: "cash", sum: 29000 },
        ],
      })
    )
    expect(body.payments).toEqual([
      { sum: 100000, type: "CASHLESS" },
      { sum: 150000, type: "PREPAID" },
      { sum: 29000, type: "CASH" },
    ])
  })

  it("a fractional quantity is a SCALABLE position in thousandths with the price per unit", () => {
    const [apples] = map(
      saleDocument({
        lines: [
          line({
            name: "Яблоки",
            price: 14286,
            quantity: 0.7,
            sum: 10000,
            measure: 11,
          }),
        ],
        payments: [{ type: "cashless", sum: 10000 }],
        total: 10000,
      })
    ).positions
    expect(apples).toMatchObject({
      type: "SCALABLE",
      quantity: 700,
      price: 14286,
      priceSum: 10000,
    })
    expect(apples.tags).toContainEqual({ tag: 2108, value: 11 })
  })

  it.each([
    [0.001, 1],
    [1.5, 1500],
    [2.345, 2345],
    [0.3, 300],
  ])("quantity %p becomes %i thousandths exactly", (quantity, thousandths) => {
    const [position] = map(
      saleDocument({
        lines: [
          line({ quantity, price: 100, sum: Math.round(quantity * 100) }),
        ],
      })
    ).positions
    expect(position.quantity).toBe(thousandths)
  })

  it("a marking code travels in tag 2000 of a quantity-1 position", () => {
    const code = "0104607428716301215abcde\u001d93dGVz"
    const [shoes] = map(
      saleDocument({
        lines: [line({ payment_object: "marked_commodity", mark_code: code })],
      })
    ).positions
    expect(shoes.quantity).toBe(1)
    expect(shoes.tags).toEqual([
      { tag: 1214, value: 4 },
      { tag: 1212, value: 33 },
      { tag: 2108, value: 0 },
      { tag: 2000, value: code },
    ])
  })

  it("a resell carries the original ФП in tag 1192 of the receipt", () => {
    expect(
      map(saleDocument({ additional_check_props: "3826359105" })).tags
    ).toEqual([{ tag: 1192, value: "3826359105" }])
    expect(map().tags).toBeUndefined()
  })

  it("keeps both contacts, and refuses a receipt without any", () => {
    expect(
      map(
        saleDocument({ customer: { email: "a@b.ru", phone: "+79001234567" } })
      ).attributes
    ).toEqual({
      email: "a@b.ru",
      phone: "+79001234567",
    })
    expect(() => map(saleDocument({ customer: {} }))).toThrow(ValidationError)
  })

  it("refuses an empty receipt and one over 100 positions", () => {
    expect(() => map(saleDocument({ lines: [] }))).toThrow(
      /1\.\.100 positions, got 0/
    )
    expect(() =>
      map(saleDocument({ lines: Array.from({ length: 101 }, () => line()) }))
    ).toThrow(ValidationError)
  })

  it("money passes through unchanged: integer kopecks in, integer kopecks out", () => {
    for (const kopecks of [1, 99, 100, 12345, 999999999, 9_000_000_000_000]) {
      const body = map(
        saleDocument({
          lines: [line({ price: kopecks, sum: kopecks })],
          payments: [{ type: "cashless", sum: kopecks }],
          total: kopecks,
        })
      )
      expect([
        body.positions[0].price,
        body.positions[0].priceSum,
        body.payments[0].sum,
        body.total.priceSum,
      ]).toEqual([kopecks, kopecks, kopecks, kopecks])
    }
  })
})

describe("truncateName", () => {
  it("cuts to 128 UTF-16 units without splitting an emoji", () => {
    const name = `${"а".repeat(127)}🍵 tail`
    const cut = truncateName(name)
    expect(cut).toBe("а".repeat(127))
    expect(truncateName("🍵".repeat(100))).toHaveLength(128)
    expect(truncateName("short")).toBe("short")
  })
})

describe("fromDreamkasReceipt", () => {
  it("reads the read model into fiscal data; numbers become strings", () => {
    expect(
      fromDreamkasReceipt({
        id: "5ce54a654adbce65466a3b5b",
        amount: 382500,
        shiftId: 44,
        number: 1,
        date: "2026-01-23T17:52:02.000Z",
        checkURL: "https://consumer.1-ofd.ru/v1?fn=1&fp=2",
        fiscalDocumentNumber: 200,
        fiscalDocumentSign: 4294967295,
        fnNumber: "9999078900001712",
        registryNumber: "0000000001056589",
      })
    ).toEqual({
      fiscal_document_number: "200",
      fiscal_document_attribute: "4294967295",
      fiscal_receipt_number: "1",
      shift_number: "44",
      fn_number: "9999078900001712",
      ecr_registration_number: "0000000001056589",
      registered_at: "2026-01-23T17:52:02.000Z",
      ofd_receipt_url: "https://consumer.1-ofd.ru/v1?fn=1&fp=2",
      total: 382500,
    })
  })

  it("drops a checkURL that is not a link and gives nothing without ФД or ФП", () => {
    expect(
      fromDreamkasReceipt({
        id: 1,
        fiscalDocumentNumber: "200",
        fiscalDocumentSign: "1",
        checkURL: "www.nalog.ru",
      })
    ).toEqual({
      fiscal_document_number: "200",
      fiscal_document_attribute: "1",
    })
    expect(
      fromDreamkasReceipt({ id: 1, fiscalDocumentNumber: "200" })
    ).toBeUndefined()
    expect(
      fromDreamkasReceipt({ id: 1, fiscalDocumentSign: "5" })
    ).toBeUndefined()
  })
})

describe('corrections (docs/vendors/dreamkas.md, "Corrections")', () => {
  it("declares no correction", () => {
    expect(DREAMKAS_CORRECTIONS).toEqual({ sell: false, sellRefund: false })
  })

  it.each(["sell_correction", "sell_refund_correction"] as const)(
    "refuses %s as CORRECTIONS_NOT_SUPPORTED, naming the service and ATOL",
    (type) =>
      expectCorrectionRefused(map, saleDocument(), "Dreamkas", type, "type")
  )
})
