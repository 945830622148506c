import { barcodeGtin, variantGtins } from ".."

describe("barcodeGtin", () => {
  it.each([
    ["EAN-13", "4006381333931", "04006381333931"],
    ["UPC-A", "036000291452", "00036000291452"],
    ["GTIN-8", "96385074", "00000096385074"],
    ["GTIN-14", "04600000000008", "04600000000008"],
    ["EAN-13 with spaces around", " 4600000000008 ", "04600000000008"],
  ])("reads a %s as a GTIN-14", (_kind, barcode, gtin) => {
    expect(barcodeGtin(barcode)).toBe(gtin)
  })

  it.each([
    ["a wrong check digit", "4006381333932"],
    ["a length no GTIN has", "1234567890"],
    ["a shop's own SKU-like barcode", "SHOE-42-BLK"],
    ["letters among the digits", "40063813339A1"],
    ["an empty value", ""],
    ["nothing", null],
    ["a number, not text", 4006381333931],
  ])("says nothing of %s", (_kind, barcode) => {
    expect(barcodeGtin(barcode)).toBeNull()
  })
})

describe("variantGtins", () => {
  it("takes each of ean, upc and barcode that is a GTIN, once", () => {
    expect(
      variantGtins({
        ean: "4006381333931",
        upc: "036000291452",
        barcode: "04006381333931",
      })
    ).toEqual(["04006381333931", "00036000291452"])
  })

  it("has none for a variant without a GTIN", () => {
    expect(variantGtins({ ean: null, upc: "", barcode: "SKU-1" })).toEqual([])
    expect(variantGtins({})).toEqual([])
    expect(variantGtins(null)).toEqual([])
    expect(variantGtins(undefined)).toEqual([])
  })
})
