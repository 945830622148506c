import request from "supertest"

import { startAtolEmulator, type AtolEmulator } from ".."
import { V4, V5, nextExternalId, v4Sell, v5Sell } from "./fixtures"

const CODE = "0104607428716301215abcde\u001d93dGVz"
const GS1M = Buffer.from(CODE).toString("base64")
const PROP = {
  federal_id: "030",
  date: "21.11.2023",
  number: "1944",
  value: "mode=horeca",
}

let atol: AtolEmulator

beforeAll(async () => {
  atol = await startAtolEmulator({
    processingDelayMs: 0,
    reportRateLimit: "observe",
  })
})

afterAll(() => atol.close())

beforeEach(() => atol.reset())

async function send(body: unknown, account = V5, version: 4 | 5 = 5) {
  const token = (
    await request(atol.url)
      .post(`/possystem/v${version}/getToken`)
      .set("Content-Type", "application/json; charset=utf-8")
      .send(JSON.stringify({ login: account.login, pass: account.password }))
  ).body.token
  return request(atol.url)
    .post(`/possystem/v${version}/${account.group}/sell`)
    .set("Content-Type", "application/json; charset=utf-8")
    .set("Token", token)
    .send(JSON.stringify(body))
}

/** A v5 sale whose second position (one unit) is marked, with `mutate` applied to it. */
function markedSale(mutate: (item: any) => void = () => {}) {
  const body = v5Sell(nextExternalId()) as any
  Object.assign(body.receipt.items[1], {
    payment_object: 33,
    mark_processing_mode: "0",
    mark_code: { gs1m: GS1M },
  })
  mutate(body.receipt.items[1])
  return body
}

async function rejectedText(body: unknown, account = V5, version: 4 | 5 = 5) {
  const res = await send(body, account, version)
  expect(res.status).toBe(400)
  expect(res.body.error.code).toBe(32)
  expect(res.body.uuid).toBeUndefined()
  return res.body.error.text as string
}

describe('ATOL v5 marked goods (docs/vendors/atol.md, "Marked goods")', () => {
  it("registers a code with the sold part and industry requisites, and keeps them in the ledger", async () => {
    const body = markedSale((item) => {
      item.mark_quantity = { numerator: 1, denominator: 20 }
      item.sectoral_item_props = [PROP]
    })
    const res = await send(body)
    expect(res.status).toBe(200)
    await atol.idle()
    const [entry] = atol.ledger()
    expect(entry.status).toBe("done")
    expect(entry.marks).toEqual([
      {
        position: 1,
        mark_code: { gs1m: GS1M },
        code: CODE,
        mark_processing_mode: "0",
        mark_quantity: { numerator: 1, denominator: 20 },
        sectoral_item_props: [PROP],
      },
    ])
    expect(entry.fiscal?.marks_result).toEqual([
      { position: 1, mark_code: GS1M, result: 15 },
    ])
  })

  it("a position without marking has no ledger mark", async () => {
    expect((await send(v5Sell(nextExternalId()))).status).toBe(200)
    expect(atol.ledger()[0].marks).toEqual([])
  })

  it.each([
    [
      "mark_code with no key",
      (item: any) => (item.mark_code = {}),
      "NotOneOf: #/receipt.items[1].mark_code",
    ],
    [
      "mark_code with two keys",
      (item: any) => (item.mark_code = { gs1m: GS1M, ean13: "4600000000000" }),
      "NotOneOf: #/receipt.items[1].mark_code",
    ],
    [
      "an unknown kind of code",
      (item: any) => (item.mark_code = { datamatrix: GS1M }),
      "NotOneOf: #/receipt.items[1].mark_code",
    ],
    [
      "gs1m that is the raw code, not base64",
      (item: any) => (item.mark_code = { gs1m: CODE }),
      "PatternMismatch: #/receipt.items[1].mark_code.gs1m",
    ],
    [
      "gs1m base64 without its padding",
      (item: any) => (item.mark_code = { gs1m: GS1M.replace(/=+$/, "") }),
      "PatternMismatch: #/receipt.items[1].mark_code.gs1m",
    ],
    [
      "gs1m longer than 200 bytes decoded",
      (item: any) =>
        (item.mark_code = {
          gs1m: Buffer.from("0".repeat(201)).toString("base64"),
        }),
      "StringTooLong: #/receipt.items[1].mark_code.gs1m",
    ],
    [
      "ean13 longer than 13",
      (item: any) => (item.mark_code = { ean13: "46000000000001" }),
      "StringTooLong: #/receipt.items[1].mark_code.ean13",
    ],
    [
      "processing mode other than 0",
      (item: any) => (item.mark_processing_mode = "1"),
      "PatternMismatch: #/receipt.items[1].mark_processing_mode",
    ],
    [
      "a marked position of 2 units",
      (item: any) => Object.assign(item, { quantity: 2, sum: 600 }),
      "NumberTooBig: #/receipt.items[1].quantity",
    ],
    [
      "a part of a package with quantity other than 1",
      (item: any) =>
        Object.assign(item, {
          quantity: 0.05,
          sum: 15,
          mark_quantity: { numerator: 1, denominator: 20 },
        }),
      "NumberTooBig: #/receipt.items[1].quantity",
    ],
    [
      "numerator equal to the denominator",
      (item: any) => (item.mark_quantity = { numerator: 3, denominator: 3 }),
      "NumberTooBig: #/receipt.items[1].mark_quantity.numerator",
    ],
    [
      "numerator above the denominator",
      (item: any) => (item.mark_quantity = { numerator: 4, denominator: 3 }),
      "NumberTooBig: #/receipt.items[1].mark_quantity.numerator",
    ],
    [
      "a zero numerator",
      (item: any) => (item.mark_quantity = { numerator: 0, denominator: 3 }),
      "NumberTooSmall: #/receipt.items[1].mark_quantity.numerator",
    ],
    [
      "a zero denominator",
      (item: any) => (item.mark_quantity = { numerator: 1, denominator: 0 }),
      "NumberTooSmall: #/receipt.items[1].mark_quantity.denominator",
    ],
    [
      "a fractional numerator",
      (item: any) => (item.mark_quantity = { numerator: 0.5, denominator: 3 }),
      "IntegerExpected: #/receipt.items[1].mark_quantity.numerator",
    ],
    [
      "a missing denominator",
      (item: any) => (item.mark_quantity = { numerator: 1 }),
      "PropertyRequired: #/receipt.items[1].mark_quantity.denominator",
    ],
    [
      "a part of a package without a code",
      (item: any) => {
        delete item.mark_code
        item.mark_quantity = { numerator: 1, denominator: 2 }
      },
      "PropertyRequired: #/receipt.items[1].mark_code",
    ],
    [
      "a two-digit federal_id",
      (item: any) =>
        (item.sectoral_item_props = [{ ...PROP, federal_id: "30" }]),
      "PatternMismatch: #/receipt.items[1].sectoral_item_props[0].federal_id",
    ],
    [
      "federal_id 000",
      (item: any) =>
        (item.sectoral_item_props = [{ ...PROP, federal_id: "000" }]),
      "PatternMismatch: #/receipt.items[1].sectoral_item_props[0].federal_id",
    ],
    [
      "federal_id beyond ФНС's table",
      (item: any) =>
        (item.sectoral_item_props = [{ ...PROP, federal_id: "074" }]),
      "PatternMismatch: #/receipt.items[1].sectoral_item_props[0].federal_id",
    ],
    [
      "an ISO date",
      (item: any) =>
        (item.sectoral_item_props = [PROP, { ...PROP, date: "2023-11-21" }]),
      "PatternMismatch: #/receipt.items[1].sectoral_item_props[1].date",
    ],
    [
      "a date that does not exist",
      (item: any) =>
        (item.sectoral_item_props = [{ ...PROP, date: "30.02.2023" }]),
      "PatternMismatch: #/receipt.items[1].sectoral_item_props[0].date",
    ],
    [
      "a missing value",
      (item: any) => {
        const { value: _value, ...rest } = PROP
        item.sectoral_item_props = [rest]
      },
      "PropertyRequired: #/receipt.items[1].sectoral_item_props[0].value",
    ],
    [
      "an empty list of requisites",
      (item: any) => (item.sectoral_item_props = []),
      "TooFewItems: #/receipt.items[1].sectoral_item_props",
    ],
  ])("refuses %s with code 32", async (_name, mutate, expected) => {
    expect(await rejectedText(markedSale(mutate))).toContain(expected)
    expect(atol.ledger()).toEqual([])
  })

  it("takes a weighed marked package with its weight (measure kg)", async () => {
    const body = markedSale((item) =>
      Object.assign(item, {
        price: 300,
        quantity: 0.7,
        sum: 210,
        measure: 11,
        vat: { type: "vat22", sum: 37.87 },
      })
    )
    body.receipt.payments[0].sum = 410
    body.receipt.total = 410
    body.receipt.vats = [{ type: "vat22", sum: 73.94 }]
    expect((await send(body)).status).toBe(200)
  })

  it("takes a marked position of several units when sold wholesale", async () => {
    const body = markedSale((item) =>
      Object.assign(item, { quantity: 2, sum: 600, wholesale: true })
    )
    body.receipt.payments[0].sum = 800
    body.receipt.total = 800
    delete body.receipt.vats
    body.receipt.items[1].vat = { type: "vat22" }
    expect((await send(body)).status).toBe(200)
  })
})

describe("ATOL v4 (ФФД 1.05) marked goods", () => {
  it("keeps nomenclature_code in the ledger", async () => {
    const body = v4Sell(nextExternalId()) as any
    body.receipt.items[0].nomenclature_code = CODE
    expect((await send(body, V4, 4)).status).toBe(200)
    expect(atol.ledger()[0].marks).toEqual([
      { position: 0, nomenclature_code: CODE, code: CODE },
    ])
  })

  it.each([
    ["mark_code", { gs1m: GS1M }],
    ["mark_quantity", { numerator: 1, denominator: 2 }],
    ["sectoral_item_props", [PROP]],
  ])("refuses the v5 field %s", async (field, value) => {
    const body = v4Sell(nextExternalId()) as any
    body.receipt.items[0][field] = value
    expect(await rejectedText(body, V4, 4)).toContain(
      `NoAdditionalPropertiesAllowed: #/receipt.items[0].${field}`
    )
  })
})
