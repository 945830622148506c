import { startModulKassaEmulator, type ModulKassaEmulator } from ".."
import { client, document } from "./fixtures"

let modul: ModulKassaEmulator

beforeAll(async () => {
  modul = await startModulKassaEmulator({
    processingDelayMs: 0,
    validationDetails: true,
  })
})
afterAll(() => modul.close())
beforeEach(() => modul.reset({ associations: true }))

/** Tag 1162 of GTIN 04601234567890, serial ABCDEFGHIJKLM, as hex bytes. */
const CODE = "44 4D 04 2F 4E F3 B2 D2 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D"

function marked(position: Record<string, unknown>) {
  return document({
    inventPositions: [
      {
        name: "Кроссовки",
        price: 2790,
        quantity: 1,
        vatTag: 1102,
        paymentObject: "commodity",
        paymentMethod: "full_payment",
        nomenclatureCode: CODE,
        ...position,
      },
    ],
  })
}

describe('МодульКасса marked goods (docs/vendors/modulkassa.md, "Marked goods")', () => {
  it("takes a nomenclatureCode and keeps it in the ledger with GTIN and serial", async () => {
    const res = await client(modul).send(marked({}))
    expect(res.status).toBe(200)
    expect(modul.ledger()[0].marks).toEqual([
      {
        position: 0,
        nomenclatureCode: CODE,
        gtin: "04601234567890",
        serial: "ABCDEFGHIJKLM",
      },
    ])
  })

  it("takes a weighed marked package with its weight", async () => {
    const res = await client(modul).send(
      marked({ quantity: 0.7, price: 3985.71 })
    )
    expect(res.status).toBe(200)
  })

  it("an unmarked document has no ledger marks", async () => {
    await client(modul).send(document())
    expect(modul.ledger()[0].marks).toEqual([])
  })

  it.each([
    ["the raw scanned code", { nomenclatureCode: "0104601234567890" }],
    ["33 bytes", { nomenclatureCode: Array(33).fill("41").join(" ") }],
    ["bytes without spaces", { nomenclatureCode: CODE.replace(/ /g, "") }],
  ])("refuses %s", async (_name, position) => {
    const res = await client(modul).send(marked(position))
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      "inventPositions[0].nomenclatureCode",
    ])
    expect(modul.ledger()).toHaveLength(0)
  })

  it("refuses two units under one code", async () => {
    const res = await client(modul).send(marked({ quantity: 2, price: 1395 }))
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      "inventPositions[0].quantity",
    ])
  })
})
