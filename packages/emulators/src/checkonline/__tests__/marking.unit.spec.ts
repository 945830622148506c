import type { CheckonlineEmulator } from ".."
import { COMPLEX, api, complexBody, startTestEmulator } from "./fixtures"

let emulator: CheckonlineEmulator

beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

/** Tag 1162 bytes: 0x444D, the GTIN as 6 bytes, the serial in ASCII. */
function cgn(gtin: number, serial: string): string {
  const bytes = Buffer.alloc(8)
  bytes.write("DM", 0, "latin1")
  bytes.writeUIntBE(gtin, 2, 6)
  return Buffer.concat([bytes, Buffer.from(serial, "latin1")]).toString(
    "base64"
  )
}

function markedBody(line: Record<string, unknown>) {
  return complexBody({
    Lines: [
      {
        Description: "Кроссовки",
        Qty: 1000,
        Price: 500000,
        TaxId: 1,
        PayAttribute: 4,
        LineAttribute: 33,
        ...line,
      },
    ],
    NonCash: [500000],
  })
}

describe('Checkonline marked goods (docs/vendors/checkonline.md, "Marked goods")', () => {
  it("registers a CGNFloat code and keeps GTIN and serial in the ledger", async () => {
    const code = cgn(4607428716301, "5abcde")
    const res = await api(emulator).post(
      COMPLEX,
      markedBody({ CGNFloat: code })
    )
    expect(res.status).toBe(200)
    expect(emulator.ledger()[0].marks).toEqual([
      {
        position: 0,
        cgn_float: code,
        gtin: "04607428716301",
        serial: "5abcde",
      },
    ])
  })

  it("takes a weighed marked package: its weight with a Measure other than pieces", async () => {
    const res = await api(emulator).post(
      COMPLEX,
      complexBody({
        Lines: [
          {
            Description: "Сыр весовой",
            Qty: 700,
            Price: 100000,
            TaxId: 1,
            PayAttribute: 4,
            LineAttribute: 33,
            Measure: 11,
            CGNFloat: cgn(4607428716301, "5abcde"),
          },
        ],
        NonCash: [70000],
      })
    )
    expect(res.status).toBe(200)
  })

  it("an unmarked receipt has no ledger marks", async () => {
    await api(emulator).post(COMPLEX, complexBody())
    expect(emulator.ledger()[0].marks).toEqual([])
  })

  it.each([
    ["not base64", { CGNFloat: "код маркировки" }, "Lines[0].CGNFloat"],
    [
      "the raw scanned code",
      { CGNFloat: "0104607428716301215abcde" },
      "Lines[0].CGNFloat",
    ],
    [
      "a serial with a control character",
      { CGNFloat: cgn(4607428716301, "ab\u001dcd") },
      "Lines[0].CGNFloat",
    ],
    [
      "more than 32 bytes",
      { CGNFloat: cgn(4607428716301, "x".repeat(25)) },
      "Lines[0].CGNFloat",
    ],
    [
      "two units under one code",
      { CGNFloat: cgn(4607428716301, "5abcde"), Qty: 2000 },
      "Lines[0].Qty",
    ],
  ])("refuses %s with FCEError 2", async (_name, line, path) => {
    const res = await api(emulator).post(COMPLEX, markedBody(line))
    expect(res.status).toBe(500)
    expect(res.body.FCEError).toBe(2)
    expect(res.body.ErrorDescription).toContain(`${path} (`)
    expect(emulator.ledger()).toHaveLength(0)
  })
})
