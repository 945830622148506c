import { buildCaptureDocument, buildSaleDocument } from "../index"
import type { ReceiptOrder } from "../order-input"
import { itemMarking } from "../positions"
import { resolveReceiptSettings, type ReceiptSettingsInput } from "../settings"
import {
  codesOf,
  DATE_2026,
  documentProblems,
  item,
  markedItem,
  order,
  paidWith,
  SETTINGS,
  errorOf,
} from "./helpers"

const PREPAYMENT: ReceiptSettingsInput = {
  ...SETTINGS,
  paymentMethodMode: "prepayment",
}

function sale(input: ReceiptOrder, settings = SETTINGS) {
  return buildSaleDocument(input, settings, { date: DATE_2026 })
}

const REQUISITE = {
  federal_id: "030",
  date: "21.11.2023",
  number: "1944",
  value: "mode=0",
}

describe("marked goods (Честный знак)", () => {
  it("the settlement puts the staff's codes on the lines, the first ones entered", () => {
    const shoes = markedItem({ title: "Кеды", quantity: 2, total: 2000 })
    const document = sale(
      order({
        items: [shoes, item({ total: 100 })],
        fiscal_mark_codes: codesOf([shoes, ["C1", "C2", "C3"]]),
      })
    )
    expect(
      document.lines
        .filter((line) => line.source.id === shoes.id)
        .map((line) => [line.quantity, line.mark_code, line.payment_object])
    ).toEqual([
      [1, "C1", "marked_commodity"],
      [1, "C2", "marked_commodity"],
    ])
    expect(documentProblems(document)).toEqual([])
  })

  it("line item metadata never supplies codes", () => {
    const shoes = markedItem({
      quantity: 1,
      total: 100,
      metadata: { fiscal_mark_codes: ["FROM_STOREFRONT"] },
    })
    expect(errorOf(() => sale(order({ items: [shoes] }))).code).toBe(
      "MARK_CODES_MISSING"
    )
    const plain = item({ metadata: { fiscal_mark_codes: ["X"] } })
    expect(sale(order({ items: [plain] })).lines[0].mark_code).toBeUndefined()
  })

  it("MARK_CODES_MISSING names the item, the units, the codes entered and what to do", () => {
    const boots = markedItem({ title: "Сапоги", quantity: 3, total: 300 })
    const input = order({
      display_id: 1043,
      items: [boots],
      fiscal_mark_codes: codesOf([boots, ["ONE"]]),
    })
    const error = errorOf(() => sale(input))
    expect(error.code).toBe("MARK_CODES_MISSING")
    expect(error.message).toContain('Item "Сапоги" in order #1043')
    expect(error.message).toContain(
      "3 units need 3 marking codes, 1 is entered"
    )
    expect(error.message).toContain("Marking codes section")
    expect(error.message).toContain("prepayment mode")
    expect(error.details).toMatchObject({
      line: { kind: "item", id: boots.id },
      units: 3,
      entered: 1,
    })
  })

  it("a capture's settlement needs the codes too", () => {
    const boots = markedItem({ quantity: 1, total: 300 })
    const input = order({
      items: [boots],
      payment_collections: paidWith(300),
    })
    const capture = () =>
      buildCaptureDocument(input, "capt_1", SETTINGS, { prior: [] })
    expect(errorOf(capture).code).toBe("MARK_CODES_MISSING")
    const withCode = buildCaptureDocument(
      { ...input, fiscal_mark_codes: codesOf([boots, ["CODE"]]) },
      "capt_1",
      SETTINGS,
      { prior: [] }
    )
    expect(withCode.lines.map((line) => line.mark_code)).toEqual(["CODE"])
  })

  it("a prepayment carries no codes and the unmarked payment object", () => {
    const boots = markedItem({
      quantity: 2,
      total: 400,
      product: { metadata: { fiscal_payment_object: "excise" } },
    })
    const document = sale(order({ items: [boots] }), PREPAYMENT)
    expect(
      document.lines.map((line) => [
        line.payment_method,
        line.payment_object,
        line.quantity,
        line.mark_code,
      ])
    ).toEqual([["full_prepayment", "excise", 2, undefined]])
  })

  it("a product tagged with the shop's tag is marked, in any case and spacing", () => {
    const tagged = item({
      quantity: 1,
      total: 100,
      product: { metadata: null, tags: [{ value: "  ЧЕСТНЫЙ знак " }] },
    })
    expect(errorOf(() => sale(order({ items: [tagged] }))).code).toBe(
      "MARK_CODES_MISSING"
    )
    const other = { ...SETTINGS, markedProductTag: "marked" }
    expect(sale(order({ items: [tagged] }), other).lines[0].mark_code).toBe(
      undefined
    )
    expect(itemMarking(tagged, resolveReceiptSettings(SETTINGS))).toEqual({
      marked: true,
      codes_needed: 1,
    })
  })

  it("a marked payment object makes the goods marked", () => {
    const shoes = item({
      quantity: 1,
      total: 100,
      variant: { metadata: { fiscal_payment_object: 32 } },
    })
    const document = sale(
      order({ items: [shoes], fiscal_mark_codes: codesOf([shoes, ["C"]]) })
    )
    expect(document.lines[0]).toMatchObject({
      mark_code: "C",
      payment_object: "marked_commodity",
    })
  })

  it("industry requisites (tag 1260) go on every line of the goods", () => {
    const milk = markedItem({
      quantity: 2,
      total: 200,
      variant: { metadata: { fiscal_industry_requisite: REQUISITE } },
    })
    const document = sale(
      order({ items: [milk], fiscal_mark_codes: codesOf([milk, ["A", "B"]]) })
    )
    expect(document.lines.map((line) => line.industry_requisites)).toEqual([
      [REQUISITE],
      [REQUISITE],
    ])
    const plain = item({
      product: { metadata: { fiscal_industry_requisite: [REQUISITE] } },
    })
    expect(
      sale(order({ items: [plain] })).lines[0].industry_requisites
    ).toEqual([REQUISITE])
  })

  it("a wrong industry requisite is INVALID_METADATA naming the product", () => {
    for (const wrong of [
      { ...REQUISITE, federal_id: "074" },
      { ...REQUISITE, federal_id: "30" },
      { ...REQUISITE, date: "2023-11-21" },
      { ...REQUISITE, date: "31.02.2023" },
      { ...REQUISITE, number: "" },
      { ...REQUISITE, value: "  " },
      [],
      "030",
    ]) {
      const line = item({
        title: "Молоко",
        product: { metadata: { fiscal_industry_requisite: wrong } },
      })
      const error = errorOf(() => sale(order({ items: [line] })))
      expect(error.code).toBe("INVALID_METADATA")
      expect(error.message).toContain('Item "Молоко"')
      expect(error.details).toMatchObject({ key: "fiscal_industry_requisite" })
    }
  })

  it("part of a marked package: one line of quantity 1 with the code and mark_quantity", () => {
    const cigarettes = markedItem({
      quantity: 3,
      total: 30,
      variant: { metadata: { fiscal_mark_fraction: "1/10" } },
    })
    const document = sale(
      order({
        items: [cigarettes],
        fiscal_mark_codes: codesOf([cigarettes, ["PACK"]]),
      })
    )
    expect(document.lines).toEqual([
      expect.objectContaining({
        price: 3000,
        quantity: 1,
        sum: 3000,
        mark_code: "PACK",
        mark_quantity: { numerator: 3, denominator: 10 },
      }),
    ])
    const whole = markedItem({
      quantity: 10,
      total: 100,
      variant: { metadata: { fiscal_mark_fraction: "1/10" } },
    })
    expect(errorOf(() => sale(order({ items: [whole] }))).code).toBe(
      "INVALID_QUANTITY"
    )
  })

  it("the shop's tag setting must be a visible value", () => {
    expect(() =>
      resolveReceiptSettings({ ...SETTINGS, markedProductTag: " " })
    ).toThrow(/markedProductTag/)
    expect(resolveReceiptSettings(SETTINGS).markedProductTag).toBe(
      "Честный знак"
    )
  })

  it("itemMarking counts the units left after returns", () => {
    const shoes = markedItem({
      quantity: 3,
      detail: { return_received_quantity: 1 },
    })
    expect(itemMarking(shoes, resolveReceiptSettings(SETTINGS))).toEqual({
      marked: true,
      codes_needed: 2,
    })
    expect(itemMarking(item(), resolveReceiptSettings(SETTINGS))).toEqual({
      marked: false,
      codes_needed: 0,
    })
  })
})
