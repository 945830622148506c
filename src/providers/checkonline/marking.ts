/**
 * Marking codes (Честный знак) in Checkonline's `CGNFloat`: base64 of the product code of tag
 * 1162 — the type 0x444D ("DM", a GS1 DataMatrix), the GTIN as a 6-byte big-endian integer and
 * the serial number as ASCII [C: MKKM] (docs/vendors/checkonline.md, "Marked goods").
 */

/** GS1 group separator (FNC1 inside the code). */
const GS = "\u001d"

/** The longest tag 1162 value a fiscal storage takes, bytes. */
const MAX_CODE_BYTES = 32

/**
 * GTIN and serial of a code as scanned: GS1 element strings `01<GTIN-14>21<serial>[GS…]`,
 * optionally prefixed by the `]d2` symbology identifier or an FNC1, or written with brackets
 * `(01)…(21)…`. Undefined when the code has neither.
 */
export function gtinAndSerial(
  code: string
): { gtin: string; serial: string } | undefined {
  let text = code
    .trim()
    .replace(/^\]d2/, "")
    .replace(/^\u001d/, "")
  const bracketed = /^\(01\)(\d{14})\(21\)([^(]+)/.exec(text)
  if (bracketed) {
    return { gtin: bracketed[1], serial: bracketed[2] }
  }
  const match = /^01(\d{14})21([^\u001d]+)/.exec(text)
  if (!match) {
    return undefined
  }
  text = match[2]
  // Without separators the serial runs into the crypto tail (91/92/93…); GS ends it when present.
  return { gtin: match[1], serial: text.split(GS)[0] }
}

/** `CGNFloat` for a marking code, or undefined when the code cannot be read. */
export function toCgnFloat(code: string): string | undefined {
  const parts = gtinAndSerial(code)
  if (!parts || !/^[\x21-\x7e]+$/.test(parts.serial)) {
    return undefined
  }
  const gtin = Buffer.alloc(6)
  gtin.writeUIntBE(Number(parts.gtin), 0, 6)
  const bytes = Buffer.concat([
    Buffer.from([0x44, 0x4d]),
    gtin,
    Buffer.from(parts.serial, "ascii"),
  ])
  return bytes.length > MAX_CODE_BYTES ? undefined : bytes.toString("base64")
}
