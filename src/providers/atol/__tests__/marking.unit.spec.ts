import { ValidationError } from "../../../modules/fiscal/errors"
import { MARKING_INVALID, MARKING_NOT_SUPPORTED } from "../../_shared/marking"
import { ATOL_MARKING, toAtolRegistration } from "../mappers"
import type { AtolItemV5 } from "../types"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"

const CODE = "0104607428716301215abcde\u001d93dGVz"
const REQUISITE = {
  federal_id: "030",
  date: "21.11.2023",
  number: "1944",
  value: "mode=horeca",
}

function map(apiVersion: 4 | 5, lines: ReturnType<typeof line>[]) {
  const total = lines.reduce((sum, l) => sum + l.sum, 0)
  return toAtolRegistration({
    apiVersion,
    externalId: "ftx_01:0",
    document: saleDocument({
      lines,
      total,
      payments: [{ type: "cashless", sum: total }],
    }),
    company: TEST_COMPANY,
    internet: true,
    now: new Date("2026-03-14T07:16:05Z"),
  })
}

function thrown(run: () => unknown): ValidationError {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError)
    return e as ValidationError
  }
  throw new Error("expected a ValidationError")
}

const marked = (overrides: Parameters<typeof line>[0] = {}) =>
  line({ payment_object: "marked_commodity", mark_code: CODE, ...overrides })

describe('ATOL v5 marked goods (docs/vendors/atol.md, "Marked goods")', () => {
  it("sends the code as gs1m, the sold part as mark_quantity and tag 1260 as sectoral_item_props", () => {
    const item = map(5, [
      marked({
        price: 12450,
        sum: 12450,
        mark_quantity: { numerator: 1, denominator: 20 },
        industry_requisites: [REQUISITE],
      }),
    ]).receipt.items[0] as AtolItemV5
    expect(item).toMatchObject({
      quantity: 1,
      price: 124.5,
      sum: 124.5,
      payment_object: 33,
      measure: 0,
      mark_processing_mode: "0",
      mark_quantity: { numerator: 1, denominator: 20 },
      sectoral_item_props: [REQUISITE],
    })
    expect(Object.keys(item.mark_code!)).toEqual(["gs1m"])
    expect(Buffer.from(item.mark_code!.gs1m, "base64").toString("utf8")).toBe(
      CODE
    )
  })

  it("sends industry requisites of an unmarked line too, and nothing marking-related for a plain line", () => {
    const [withProps, plain] = map(5, [
      line({ industry_requisites: [REQUISITE, { ...REQUISITE, value: "2" }] }),
      line(),
    ]).receipt.items as AtolItemV5[]
    expect(withProps.sectoral_item_props).toHaveLength(2)
    expect(withProps.mark_code).toBeUndefined()
    for (const key of [
      "mark_code",
      "mark_processing_mode",
      "mark_quantity",
      "sectoral_item_props",
    ]) {
      expect(plain).not.toHaveProperty(key)
    }
  })

  it.each([
    [
      "a marked line of 2 units",
      marked({ quantity: 2, sum: 498000 }),
      "receipt.items[0].mark_code",
    ],
    [
      "numerator equal to the denominator",
      marked({ mark_quantity: { numerator: 2, denominator: 2 } }),
      "receipt.items[0].mark_quantity",
    ],
    [
      "a zero numerator",
      marked({ mark_quantity: { numerator: 0, denominator: 5 } }),
      "receipt.items[0].mark_quantity",
    ],
    [
      "a fractional numerator",
      marked({ mark_quantity: { numerator: 0.5, denominator: 5 } }),
      "receipt.items[0].mark_quantity",
    ],
    [
      "a fraction without a marking code",
      line({ mark_quantity: { numerator: 1, denominator: 2 } }),
      "receipt.items[0].mark_quantity",
    ],
    [
      "a two-digit federal_id",
      marked({ industry_requisites: [{ ...REQUISITE, federal_id: "30" }] }),
      "receipt.items[0].sectoral_item_props",
    ],
    [
      "an ISO date",
      marked({ industry_requisites: [{ ...REQUISITE, date: "2023-11-21" }] }),
      "receipt.items[0].sectoral_item_props",
    ],
    [
      "31 February",
      marked({ industry_requisites: [{ ...REQUISITE, date: "31.02.2023" }] }),
      "receipt.items[0].sectoral_item_props",
    ],
    [
      "an empty value",
      marked({ industry_requisites: [{ ...REQUISITE, value: "" }] }),
      "receipt.items[0].sectoral_item_props",
    ],
  ])("refuses %s as invalid marking data", (_name, bad, field) => {
    const error = thrown(() => map(5, [bad]))
    expect(error.code).toBe(MARKING_INVALID)
    expect(error.fields).toEqual([field])
    expect(error.message).toMatch(/^Position 1/)
  })

  it("refuses a code longer than gs1m's 200 bytes", () => {
    const error = thrown(() =>
      map(5, [marked({ mark_code: `0104607428716301215${"x".repeat(190)}` })])
    )
    expect(error.fields).toEqual(["receipt.items[0].mark_code.gs1m"])
  })
})

describe("ATOL v4 (ФФД 1.05) marked goods", () => {
  it("sends the code in nomenclature_code", () => {
    const item = map(4, [marked()]).receipt.items[0] as Record<string, unknown>
    expect(item.nomenclature_code).toBe(CODE)
    expect(item).not.toHaveProperty("mark_quantity")
    expect(item).not.toHaveProperty("sectoral_item_props")
  })

  it.each([
    [
      "the sold part of a package",
      marked({ mark_quantity: { numerator: 1, denominator: 20 } }),
      "receipt.items[1].mark_quantity",
      /tags 1293\/1294, 1\/20/,
    ],
    [
      "industry requisites",
      line({ industry_requisites: [REQUISITE] }),
      "receipt.items[1].sectoral_item_props",
      /industry requisites \(tag 1260\)/,
    ],
  ])("refuses %s instead of dropping it", (_name, bad, field, what) => {
    const error = thrown(() => map(4, [line(), bad]))
    expect(error.code).toBe(MARKING_NOT_SUPPORTED)
    expect(error.provider).toBe("atol")
    expect(error.fields).toEqual([field])
    expect(error.message).toMatch(/^ATOL Online v4 \(ФФД 1\.05\) cannot send/)
    expect(error.message).toMatch(what)
    expect(error.message).toContain('position 2 ("Чайник электрический")')
  })

  it("still refuses a marked line of 2 units", () => {
    expect(
      thrown(() => map(4, [marked({ quantity: 2, sum: 498000 })])).code
    ).toBe(MARKING_INVALID)
  })

  it("capabilities say what each version carries", () => {
    expect(ATOL_MARKING[4]).toEqual({
      codes: true,
      fractional: false,
      industryRequisites: false,
    })
    expect(ATOL_MARKING[5]).toEqual({
      codes: true,
      fractional: true,
      industryRequisites: true,
    })
  })
})
