import {
  GS,
  gtinCheckDigit,
  hasValidCheckDigit,
  normalizeSeparators,
  parseMarkCode,
  validateCodeBatch,
  type MarkedItemTarget,
  type TakenCode,
} from ".."

// GTINs with their real check digits (GS1 mod 10)
const GTIN = "04600000000008"
const GTIN_EAN = "04006381333931"
const CRYPTO_44 = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcdeF"

const SHOES = `01${GTIN}21ABCdef1234567${GS}91EE10${GS}92${CRYPTO_44}`
const MILK = `01${GTIN_EAN}21Ab1cD2${GS}93a1B2`
const TOBACCO_BLOCK = `01${GTIN}21AbC1234${GS}8005123000${GS}93dGVz`

describe("GTIN check digit", () => {
  it("computes the GS1 mod-10 digit", () => {
    expect(gtinCheckDigit("0400638133393")).toBe(1)
    expect(gtinCheckDigit("0460000000000")).toBe(8)
    expect(hasValidCheckDigit(GTIN)).toBe(true)
    expect(hasValidCheckDigit("04600000000001")).toBe(false)
  })
})

describe("separators", () => {
  it("turns every written form of GS into U+001D", () => {
    for (const form of ["\\u001d", "\\x1d", "<GS>", "<gs>", "{GS}", "\u241d"]) {
      expect(normalizeSeparators(`A${form}B`)).toBe(`A${GS}B`)
    }
  })

  it("drops the symbology identifier, a leading FNC1 and whitespace", () => {
    expect(normalizeSeparators(`  ]d2${GS}0104\n`)).toBe("0104")
  })
})

describe("parseMarkCode: accepted codes", () => {
  it.each([
    ["shoes (91)+(92)", SHOES],
    ["milk (93)", MILK],
    ["tobacco block with its price (8005)", TOBACCO_BLOCK],
  ])("%s", (_name, code) => {
    const parsed = parseMarkCode(code)
    expect(parsed).toEqual({ ok: true, value: expect.anything() })
    if (parsed.ok) {
      expect(parsed.value.code).toBe(code)
    }
  })

  it("reads GTIN and serial", () => {
    const parsed = parseMarkCode(SHOES)
    expect(parsed.ok && parsed.value).toMatchObject({
      gtin: GTIN,
      serial: "ABCdef1234567",
    })
  })

  it("puts back the separators a scanner dropped", () => {
    for (const code of [SHOES, MILK, TOBACCO_BLOCK]) {
      const parsed = parseMarkCode(code.split(GS).join(""))
      expect(parsed.ok && parsed.value.code).toBe(code)
    }
  })

  it("accepts the separator typed as text", () => {
    const typed = SHOES.split(GS).join("\\u001d")
    expect(parseMarkCode(typed)).toMatchObject({
      ok: true,
      value: { code: SHOES },
    })
    const bracketed = MILK.split(GS).join("<GS>")
    expect(parseMarkCode(bracketed)).toMatchObject({
      ok: true,
      value: { code: MILK },
    })
  })

  it("accepts a net weight after the crypto tail of weighed goods", () => {
    const weighed = `01${GTIN}21Ab1cD2${GS}93a1B2${GS}3103000500`
    expect(parseMarkCode(weighed.split(GS).join(""))).toMatchObject({
      ok: true,
      value: { code: weighed },
    })
  })

  it("accepts a 92 of 88 characters", () => {
    const code = `01${GTIN}21ABCdef1234567${GS}91EE10${GS}92${CRYPTO_44}${CRYPTO_44}`
    expect(parseMarkCode(code)).toMatchObject({ ok: true, value: { code } })
  })
})

describe("parseMarkCode: refused codes", () => {
  it.each([
    ["empty", "   ", "empty"],
    ["an EAN-13 barcode", "4600000000008", "not_gs1"],
    ["text", "hello world", "not_gs1"],
    ["a wrong check digit", `0104600000000001` + SHOES.slice(16), "bad_gtin"],
    ["no serial after the GTIN", `01${GTIN}10ABC${GS}93a1B2`, "malformed"],
    ["a serial of 3 characters", `01${GTIN}21Abc${GS}93a1B2`, "bad_serial"],
    ["no crypto tail", `01${GTIN}21ABCdef1234567`, "too_short"],
    ["half a crypto tail", `01${GTIN}21ABCdef1234567${GS}91EE10`, "too_short"],
    ["a cut 92", SHOES.slice(0, -5), "malformed"],
    ["Cyrillic letters", `01${GTIN}21АБВГДЕ${GS}93a1B2`, "keyboard_layout"],
    [
      "a tobacco pack code",
      "04600000000008AbC1234Ab12Cd34",
      "unsupported_format",
    ],
  ])("%s", (_name, code, reason) => {
    expect(parseMarkCode(code)).toMatchObject({ ok: false, reason })
  })

  it("says what is wrong with the GTIN", () => {
    const parsed = parseMarkCode(`0104600000000001` + SHOES.slice(16))
    expect(!parsed.ok && parsed.problem).toBe(
      "the GTIN 04600000000001 has a wrong check digit (expected 8)"
    )
  })
})

describe("validateCodeBatch", () => {
  const item: MarkedItemTarget = {
    id: "item_1",
    title: "Кроссовки",
    marked: true,
    quantity: 2,
    entered: 0,
  }
  const none = new Map<string, TakenCode>()
  const check = (
    raw: string[],
    overrides: Partial<Parameters<typeof validateCodeBatch>[0]> = {}
  ) =>
    validateCodeBatch({
      raw,
      item,
      itemId: "item_1",
      taken: none,
      orderId: "order_1",
      ...overrides,
    })

  it("accepts valid codes and answers them normalized", () => {
    const result = check([SHOES.split(GS).join("<GS>"), MILK])
    expect(result).toEqual({
      ok: true,
      codes: [
        expect.objectContaining({ code: SHOES }),
        expect.objectContaining({ code: MILK }),
      ],
    })
  })

  it("names the code and the problem", () => {
    const result = check([MILK, `0104600000000001` + SHOES.slice(16)])
    expect(result).toEqual({
      ok: false,
      message:
        "1 of 2 codes were refused (wrong GTIN check digit), so nothing was saved; " +
        "correct it and send the list again.",
      errors: [
        {
          index: 1,
          code: `0104600000000001` + SHOES.slice(16),
          reason: "bad_gtin",
          message:
            'Code 2 "0104600…": the GTIN 04600000000001 has a wrong check digit ' +
            "(expected 8) — scan it again",
        },
      ],
    })
  })

  it("refuses a code used on another order, naming the order", () => {
    const taken = new Map([[MILK, { order_id: "order_9", display_id: 1043 }]])
    const result = check([MILK], { taken })
    expect(!result.ok && result.errors[0]).toMatchObject({
      reason: "duplicate_in_shop",
      message: expect.stringContaining("order #1043"),
    })
  })

  it("refuses a code twice in the list", () => {
    const result = check([MILK, MILK.split(GS).join("")])
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({ index: 1, reason: "duplicate_in_request" }),
    ])
  })

  it("refuses more codes than units left", () => {
    const result = check([MILK, SHOES], { item: { ...item, entered: 1 } })
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({ index: 1, reason: "too_many" }),
    ])
  })

  describe("the product of the code", () => {
    // the variant's EAN-13 4600000000008 is the GTIN of SHOES, not of MILK
    const shoes = {
      ...item,
      title: "Кеды",
      variantTitle: "42",
      gtins: ["04600000000008"],
    }

    it("accepts a code whose GTIN is the variant's", () => {
      expect(check([SHOES], { item: shoes })).toMatchObject({ ok: true })
    })

    it("refuses a code of another product, naming both GTINs", () => {
      const result = check([SHOES, MILK], { item: shoes })
      expect(result).toEqual({
        ok: false,
        message:
          "1 of 2 codes were refused (code of another product), so nothing was " +
          "saved; correct it and send the list again.",
        errors: [
          {
            index: 1,
            code: MILK,
            reason: "wrong_product",
            message:
              'Code 2 "0104006…": the code is of GTIN 04006381333931, but item ' +
              '"Кеды" (variant "42") has GTIN 04600000000008 — scan the code on ' +
              "this item's own package",
          },
        ],
      })
    })

    it("accepts a code of any of the variant's GTINs", () => {
      const both = { ...shoes, gtins: ["04600000000008", "04006381333931"] }
      expect(check([SHOES, MILK], { item: both })).toMatchObject({ ok: true })
      const result = check([TOBACCO_BLOCK.replace(GTIN, "04650075190005")], {
        item: both,
      })
      expect(!result.ok && result.errors[0].message).toContain(
        "has GTIN 04600000000008 or 04006381333931"
      )
    })

    it("names the item without a variant title", () => {
      const result = check([MILK], {
        item: { ...shoes, variantTitle: null },
      })
      expect(!result.ok && result.errors[0].message).toContain(
        'but item "Кеды" has GTIN 04600000000008'
      )
    })

    it("accepts any GTIN when the variant has none", () => {
      expect(
        check([SHOES, MILK], { item: { ...shoes, gtins: [] } })
      ).toMatchObject({ ok: true })
      expect(check([SHOES, MILK])).toMatchObject({ ok: true })
    })

    it("refuses a wrong-product code before counting it as a repeat or a unit", () => {
      const result = check([MILK, MILK, SHOES, SHOES], {
        item: { ...shoes, quantity: 1 },
      })
      expect(
        !result.ok && result.errors.map((e) => [e.index, e.reason])
      ).toEqual([
        [0, "wrong_product"],
        [1, "wrong_product"],
        [3, "duplicate_in_request"],
      ])
    })
  })

  it("refuses codes for an item that is not marked or not on the order", () => {
    const notMarked = check([MILK], { item: { ...item, marked: false } })
    expect(!notMarked.ok && notMarked.errors[0].reason).toBe("not_marked")
    const unknown = check([MILK], { item: null })
    expect(!unknown.ok && unknown.errors[0].reason).toBe("unknown_item")
  })
})
