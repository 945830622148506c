import { allocate } from "../allocate"
import { normalizePhone } from "../contact"
import { toKopecks, toMilliQuantity } from "../money"
import { cleanName, cutName } from "../names"
import { priceParts } from "../split-line"
import { parseSettlementDate } from "../settlement-date"
import { resolveVat, vatForPaymentMethod } from "../vat"
import { expectedSum } from "./helpers"

describe("toKopecks", () => {
  it.each([
    [0.1 + 0.2, 30],
    [33.33 * 3, 9999],
    [1.005, 101],
    [-1.005, -101],
    [19.999, 2000],
    ["1234.5", 123450],
    ["  7 ", 700],
    ["1e2", 10000],
    [1e-7, 0],
    [42949672.95, 4294967295],
    [{ numeric_: 10.1, raw_: { value: "10.100000000", precision: 20 } }, 1010],
    [{ value: "0.015", precision: 20 }, 2],
    [{ numeric_: 5.55 }, 555],
    [{ toJSON: () => 12.34 }, 1234],
    [10n, 1000],
  ])("%p → %p kopecks", (input, expected) => {
    expect(toKopecks(input)).toBe(expected)
  })

  it.each([
    [Number.NaN],
    [Infinity],
    ["abc"],
    [""],
    [null],
    [undefined],
    [{}],
    ["1.2.3"],
  ])("%p is not an amount", (input) => {
    expect(toKopecks(input)).toBeNull()
  })
})

describe("toMilliQuantity", () => {
  it("reads up to 3 decimals exactly and refuses more", () => {
    expect(toMilliQuantity(0.7)).toEqual({ ok: true, milli: 700 })
    expect(toMilliQuantity(0.1 + 0.2)).toEqual({ ok: true, milli: 300 })
    expect(toMilliQuantity("2.125")).toEqual({ ok: true, milli: 2125 })
    expect(toMilliQuantity(3)).toEqual({ ok: true, milli: 3000 })
    expect(toMilliQuantity(0.0005)).toEqual({
      ok: false,
      reason: "too_precise",
    })
    expect(toMilliQuantity("x")).toEqual({ ok: false, reason: "not_a_number" })
  })
})

describe("normalizePhone", () => {
  it.each([
    ["8 (900) 123-45-67", "+79001234567"],
    ["+7 900 123 45 67", "+79001234567"],
    ["79001234567", "+79001234567"],
    ["9001234567", "+79001234567"],
    ["8-900-123-45-67", "+79001234567"],
    ["+8 900 123 45 67", "+79001234567"],
    [" +375 29 123-45-67 ", "+375291234567"],
    ["12345", null],
    ["8 (900) 123-45-67 доб. 5", null],
    ["+7 900 123", null],
    ["", null],
    [null, null],
  ])("%p → %p", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected)
  })
})

describe("cutName", () => {
  it("counts code points, keeps emoji and clusters whole", () => {
    expect(cutName("🍎🍐🍊", 2)).toBe("🍎🍐")
    expect(cutName("ab👍🏽", 3)).toBe("ab")
    expect(cutName("ab👍🏽", 4)).toBe("ab👍🏽")
    expect(cutName("слово слово", 6)).toBe("слово")
    expect(cutName("короткое", 128)).toBe("короткое")
  })
})

describe("cleanName", () => {
  it("drops format characters: nothing invisible reaches a receipt", () => {
    // Zero-width space, LRM, LRI, BOM, word joiner, soft hyphen, RLO, a tag character.
    for (const invisible of [
      "\u200B\u200E\u2066",
      "\uFEFF",
      "\u2060\u00AD",
      "\u202E\u{E0041}",
      "\u200D",
      "\u200C\u200D\u200B",
      "\u0301",
      "\uFE0F",
      "\u3164\uFFA0\u115F\u1160\u2800",
    ]) {
      expect(cleanName(invisible)).toBe("")
    }
    expect(cleanName("Чай\u200B зелёный\u200E\u2069")).toBe("Чай зелёный")
    expect(cleanName("\u2066Кружка\u2069 \u200D")).toBe("Кружка")
    expect(cleanName("Шар\u00ADфик")).toBe("Шарфик")
  })

  it("keeps joiners inside emoji and words, and combining marks on a letter", () => {
    expect(cleanName("Набор 👨\u200D👩\u200D👧")).toBe(
      "Набор 👨\u200D👩\u200D👧"
    )
    expect(cleanName("❤\uFE0F Сердце")).toBe("❤\uFE0F Сердце")
    expect(cleanName("می\u200Cخواهم")).toBe("می\u200Cخواهم")
    // Ю with a stress mark has no precomposed form: the mark stays on its letter.
    expect(cleanName("Ю\u0301ла")).toBe("Ю\u0301ла")
    expect(cleanName("e\u0301")).toBe("é")
    expect(cleanName("e\u200B\u0301")).toBe("é")
    // A mark or joiner left without a letter to attach to is dropped.
    expect(cleanName("\u200B\u0301Чашка")).toBe("Чашка")
    expect(cleanName("Чашка \u200D\u0301")).toBe("Чашка")
  })
})

describe("allocate", () => {
  it("is plain largest remainder with steps of 1, ties in line order", () => {
    const slot = (weight: number) => ({ weight, cap: 100, step: 1, offset: 0 })
    expect(allocate(10, [slot(1), slot(1), slot(1)])).toEqual([4, 3, 3])
    expect(allocate(2, [slot(1), slot(1), slot(1)])).toEqual([1, 1, 0])
    expect(allocate(7, [slot(0), slot(50), slot(50)])).toEqual([0, 4, 3])
    expect(allocate(100, [slot(100), slot(0)])).toEqual([100, 0])
    // Exact shares 0.4 and 1.6: the larger remainder (0.6) gets the kopeck.
    expect(allocate(2, [slot(1), slot(4)])).toEqual([0, 2])
  })

  it("prefers clean shares so lines keep one price", () => {
    // A 3-unit line of 99.99 and a 1-unit line of 300.00, 10.00 to take off.
    expect(
      allocate(1000, [
        { weight: 9999, cap: 9999, step: 3, offset: 0 },
        { weight: 30000, cap: 30000, step: 1, offset: 0 },
      ])
    ).toEqual([249, 751])
  })

  it("refuses an amount that does not fit", () => {
    const slot = { weight: 10, cap: 10, step: 1, offset: 0 }
    expect(() => allocate(11, [slot])).toThrow()
  })
})

describe("priceParts", () => {
  it.each([
    [10000, 700, [[14286, 700, 10000]]],
    [
      100000,
      7000,
      [
        [14286, 5000, 71430],
        [14285, 2000, 28570],
      ],
    ],
    [
      10001,
      2500,
      [
        [4001, 1000, 4001],
        [4000, 1500, 6000],
      ],
    ],
    [0, 3000, [[0, 3000, 0]]],
    [
      1,
      3000,
      [
        [1, 1000, 1],
        [0, 2000, 0],
      ],
    ],
  ])("%p kopecks over %p thousandths", (sum, milli, parts) => {
    const result = priceParts(sum, milli)
    expect(result.map((part) => [part.price, part.milli, part.sum])).toEqual(
      parts
    )
  })

  it("always adds up, for every weight up to 3 kg and many sums", () => {
    const problems: string[] = []
    for (let milli = 1; milli <= 3000; milli += 7) {
      for (const sum of [1, 2, 99, 100, 101, 9999, 12345, 1000001]) {
        const parts = priceParts(sum, milli)
        const at = `${sum} over ${milli}`
        const total = parts.reduce((acc, part) => acc + part.sum, 0)
        const quantity = parts.reduce((acc, part) => acc + part.milli, 0)
        if (total !== sum || quantity !== milli) problems.push(`${at}: totals`)
        for (const part of parts) {
          if (expectedSum(part.price, part.milli) !== part.sum) {
            problems.push(`${at}: ${part.price} × ${part.milli}`)
          }
        }
        if (parts.length === 2 && parts[0].price - parts[1].price !== 1) {
          problems.push(`${at}: prices`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})

describe("VAT and dates", () => {
  it("resolves standard by date; prepayments get calculated rates", () => {
    const before = parseSettlementDate("2025-12-31T23:59:59", {})
    const after = parseSettlementDate("2026-01-01T00:00:00", {})
    expect(resolveVat("standard", before)).toBe("vat20")
    expect(resolveVat("standard", after)).toBe("vat22")
    expect(resolveVat("vat110", after)).toBe("vat10")
    expect(vatForPaymentMethod("vat22", "full_prepayment")).toBe("vat122")
    expect(vatForPaymentMethod("vat5", "prepayment")).toBe("vat105")
    expect(vatForPaymentMethod("vat7", "advance")).toBe("vat107")
    expect(vatForPaymentMethod("vat0", "full_prepayment")).toBe("vat0")
    expect(vatForPaymentMethod("vat22", "full_payment")).toBe("vat22")
  })
})
