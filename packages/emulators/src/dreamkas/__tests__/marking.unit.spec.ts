import { startDreamkasEmulator, type DreamkasEmulator } from ".."
import { api, nextExternalId, sale } from "./fixtures"

const CODE = "0104607428716301215abcde\u001d93dGVz"

let dreamkas: DreamkasEmulator

beforeAll(async () => {
  dreamkas = await startDreamkasEmulator({ processingDelayMs: 0 })
})
afterAll(() => dreamkas.close())
beforeEach(() => dreamkas.reset())

/** A sale whose delivery position (one unit) carries `tags`. */
function marked(tags: unknown[]) {
  const body = sale(nextExternalId()) as any
  body.positions[1].tags = [
    { tag: 1214, value: 4 },
    { tag: 1212, value: 33 },
    ...tags,
  ]
  return body
}

describe('Dreamkas marked goods (docs/vendors/dreamkas.md, "Marked goods")', () => {
  it("takes a code in tag 2000 and keeps it in the ledger", async () => {
    const res = await api(dreamkas.url).post(
      "/api/receipts",
      marked([{ tag: 2000, value: CODE }])
    )
    expect(res.status).toBe(200)
    expect(dreamkas.ledger()[0].marks).toEqual([
      { position: 1, mark_code: CODE },
    ])
  })

  it("takes a weighed marked package: SCALABLE, its weight in thousandths", async () => {
    const body = marked([{ tag: 2000, value: CODE }])
    Object.assign(body.positions[1], {
      type: "SCALABLE",
      quantity: 700,
      price: 30000,
      priceSum: 21000,
    })
    body.payments[0].sum = 41000
    body.total.priceSum = 41000
    const res = await api(dreamkas.url).post("/api/receipts", body)
    expect(res.status).toBe(200)
  })

  it("an unmarked receipt has no ledger marks", async () => {
    await api(dreamkas.url).post("/api/receipts", sale(nextExternalId()))
    expect(dreamkas.ledger()[0].marks).toEqual([])
  })

  it.each([
    ["an empty code", [{ tag: 2000, value: "" }], "positions[1].tags"],
    ["a numeric code", [{ tag: 2000, value: 460742871 }], "positions[1].tags"],
    [
      "a code longer than 200",
      [{ tag: 2000, value: `01046074287163012${"x".repeat(190)}` }],
      "positions[1].tags",
    ],
    [
      "a code with a line break",
      [{ tag: 2000, value: "0104607428716301\n215abcde" }],
      "positions[1].tags",
    ],
    [
      "two codes on one position",
      [
        { tag: 2000, value: CODE },
        { tag: 2000, value: CODE },
      ],
      "positions[1].tags",
    ],
    [
      "industry requisites as a composite tag 1260",
      [{ tag: 1260, value: { federal_id: "030" } }],
      "positions[1].tags[2].value",
    ],
  ])("refuses %s with 400 VALIDATION_ERROR", async (_name, tags, field) => {
    const res = await api(dreamkas.url).post("/api/receipts", marked(tags))
    expect(res.status).toBe(400)
    expect(res.body.code).toBe("VALIDATION_ERROR")
    expect(
      res.body.data.errors.map((e: { field: string }) => e.field)
    ).toContain(field)
    expect(dreamkas.ledger()).toEqual([])
  })
})
