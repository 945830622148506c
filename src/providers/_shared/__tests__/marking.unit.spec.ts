import type { FiscalDocument, FiscalLine } from "../../../lib/receipt/types"
import { ValidationError } from "../../../modules/fiscal/errors"
import type {
  FiscalCompany,
  MarkingCapabilities,
} from "../../../modules/fiscal/types/provider"
import { ATOL_MARKING, toAtolRegistration } from "../../atol/mappers"
import {
  CHECKONLINE_MARKING,
  toComplexRequest,
} from "../../checkonline/mappers"
import { DREAMKAS_MARKING, toDreamkasReceipt } from "../../dreamkas/mappers"
import { MODULKASSA_MARKING, toModulDocument } from "../../modulkassa/mappers"
import {
  MARKING_INVALID,
  MARKING_NOT_SUPPORTED,
  isDottedDate,
  requisiteProblem,
} from "../marking"
import { line, saleDocument } from "./fixtures"

const COMPANY: FiscalCompany = {
  inn: "5544332219",
  email: "shop@example.com",
  payment_address: "https://shop.example",
  sno: "osn",
}

/** A GS1 DataMatrix code every vendor can write: GTIN, a short serial, a crypto tail. */
const CODE = "0104607428716301215abcde\u001d93dGVz"
const REQUISITE = {
  federal_id: "030",
  date: "21.11.2023",
  number: "1944",
  value: "mode=horeca",
}

type Vendor = {
  name: string
  /** How the vendor names itself in a refusal. */
  title: RegExp
  capabilities: MarkingCapabilities
  map: (document: FiscalDocument) => unknown
  /** Where the code of the first position landed. */
  codeOf: (body: unknown) => unknown
}

const VENDORS: Vendor[] = [
  {
    name: "atol v4",
    title: /^ATOL Online v4 \(ФФД 1\.05\) cannot send/,
    capabilities: ATOL_MARKING[4],
    map: (document) =>
      toAtolRegistration({
        apiVersion: 4,
        externalId: "ftx_1",
        document,
        company: COMPANY,
        internet: true,
        now: new Date("2026-03-14T07:16:05Z"),
      }),
    codeOf: (body: any) => body.receipt.items[0].nomenclature_code,
  },
  {
    name: "atol v5",
    title: /^ATOL Online v5/,
    capabilities: ATOL_MARKING[5],
    map: (document) =>
      toAtolRegistration({
        apiVersion: 5,
        externalId: "ftx_1",
        document,
        company: COMPANY,
        internet: true,
        now: new Date("2026-03-14T07:16:05Z"),
      }),
    codeOf: (body: any) =>
      Buffer.from(body.receipt.items[0].mark_code.gs1m, "base64").toString(),
  },
  {
    name: "checkonline",
    title: /^Checkonline \(Complex protocol\) cannot send/,
    capabilities: CHECKONLINE_MARKING,
    map: (document) =>
      toComplexRequest({
        externalId: "ftx_1",
        document,
        company: COMPANY,
        device: "auto",
      }),
    codeOf: (body: any) => body.Lines[0].CGNFloat,
  },
  {
    name: "modulkassa",
    title:
      /^МодульКасса \(API фискализации документов v2\.0, ФФД 1\.05\) cannot send/,
    capabilities: MODULKASSA_MARKING,
    map: (document) =>
      toModulDocument({
        documentId: "doc-1",
        externalId: "ftx_1",
        document,
        company: COMPANY,
        vatTags: { vat22: 1102 },
        printReceipt: false,
        now: new Date("2026-03-14T07:16:05Z"),
      }),
    codeOf: (body: any) => body.inventPositions[0].nomenclatureCode,
  },
  {
    name: "dreamkas",
    title: /^Dreamkas \(Кабинет API\) cannot send/,
    capabilities: DREAMKAS_MARKING,
    map: (document) =>
      toDreamkasReceipt({
        externalId: "ftx_1",
        deviceId: 1,
        document,
        company: COMPANY,
        timeoutMin: 5,
        vat22Names: { vat22: "NDS_22", vat122: "NDS_22_CALCULATED" },
      }),
    codeOf: (body: any) =>
      body.positions[0].tags.find((t: { tag: number }) => t.tag === 2000)
        ?.value,
  },
]

function documentOf(...lines: FiscalLine[]): FiscalDocument {
  const total = lines.reduce((sum, l) => sum + l.sum, 0)
  return saleDocument({
    lines,
    total,
    payments: [{ type: "cashless", sum: total }],
  })
}

const marked = (overrides: Partial<FiscalLine> = {}) =>
  line({ payment_object: "marked_commodity", mark_code: CODE, ...overrides })

function thrown(run: () => unknown): ValidationError | undefined {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError)
    return e as ValidationError
  }
  return undefined
}

describe.each(VENDORS)(
  "$name: marked goods on the wire match the capabilities",
  (vendor) => {
    it("sends the marking code", () => {
      expect(vendor.capabilities.codes).toBe(true)
      expect(vendor.codeOf(vendor.map(documentOf(marked())))).toBeTruthy()
    })

    it("sends the sold part of a package, or refuses the receipt naming the vendor", () => {
      const error = thrown(() =>
        vendor.map(
          documentOf(
            line(),
            marked({
              price: 12450,
              sum: 12450,
              mark_quantity: { numerator: 1, denominator: 20 },
            })
          )
        )
      )
      if (vendor.capabilities.fractional) {
        expect(error).toBeUndefined()
      } else {
        expect(error?.code).toBe(MARKING_NOT_SUPPORTED)
        expect(error?.message).toMatch(vendor.title)
        expect(error?.message).toContain("tags 1293/1294, 1/20")
        expect(error?.message).toContain("position 2")
        expect(error?.fields).toHaveLength(1)
      }
    })

    it("sends industry requisites, or refuses the receipt naming the vendor", () => {
      const error = thrown(() =>
        vendor.map(documentOf(marked({ industry_requisites: [REQUISITE] })))
      )
      if (vendor.capabilities.industryRequisites) {
        expect(error).toBeUndefined()
      } else {
        expect(error?.code).toBe(MARKING_NOT_SUPPORTED)
        expect(error?.message).toMatch(vendor.title)
        expect(error?.message).toContain("tag 1260")
      }
    })

    it("an empty list of requisites is nothing to refuse", () => {
      expect(
        thrown(() =>
          vendor.map(documentOf(marked({ industry_requisites: [] })))
        )
      ).toBeUndefined()
    })

    it("sends a weighed marked package with its weight and one code", () => {
      const body = vendor.map(
        documentOf(
          marked({ measure: 11, quantity: 0.7, price: 10000, sum: 7000 })
        )
      )
      expect(vendor.codeOf(body)).toBeTruthy()
    })

    it("refuses a part of a package whose quantity is not 1", () => {
      const error = thrown(() =>
        vendor.map(
          documentOf(
            marked({
              measure: 11,
              quantity: 0.5,
              price: 10000,
              sum: 5000,
              mark_quantity: { numerator: 1, denominator: 2 },
            })
          )
        )
      )
      expect(error?.code).toBe(
        vendor.capabilities.fractional ? MARKING_INVALID : MARKING_NOT_SUPPORTED
      )
    })

    it("refuses a marked line of more than one unit as invalid data", () => {
      const error = thrown(() =>
        vendor.map(documentOf(marked({ quantity: 2, sum: 498000 })))
      )
      expect(error?.code).toBe(MARKING_INVALID)
      expect(error?.message).toContain("quantity 1, got 2")
    })
  }
)

describe("requisite checks", () => {
  it.each([
    ["01.01.2024", true],
    ["29.02.2024", true],
    ["29.02.2023", false],
    ["1.1.2024", false],
    ["2024-01-01", false],
    ["32.01.2024", false],
  ])("%s is a date: %s", (text, ok) => {
    expect(isDottedDate(text)).toBe(ok)
  })

  it("names what is wrong with a requisite", () => {
    expect(requisiteProblem(REQUISITE)).toBeUndefined()
    for (const federal_id of ["1", "000", "074", "30a"]) {
      expect(requisiteProblem({ ...REQUISITE, federal_id })).toMatch(/tag 1262/)
    }
    expect(
      requisiteProblem({ ...REQUISITE, federal_id: "073" })
    ).toBeUndefined()
    expect(
      requisiteProblem({ ...REQUISITE, federal_id: "001" })
    ).toBeUndefined()
    expect(requisiteProblem({ ...REQUISITE, date: "2023-11-21" })).toMatch(
      /tag 1263/
    )
    expect(requisiteProblem({ ...REQUISITE, number: "x".repeat(33) })).toMatch(
      /tag 1264/
    )
    expect(requisiteProblem({ ...REQUISITE, value: "x".repeat(257) })).toMatch(
      /tag 1265/
    )
  })
})
