/**
 * Marking codes (Честный знак) in the only form МодульКасса's API takes them:
 * `nomenclatureCode`, ФФД 1.05 tag 1162 written as hex bytes separated by spaces, at most
 * 32 bytes (docs/vendors/modulkassa.md, "Marked goods"). For goods marked with a
 * DataMatrix the bytes are the product-code type 0x444D ("DM"), the GTIN as a 6-byte
 * big-endian integer, then the serial in ASCII.
 */

const GROUP_SEPARATOR = "\u001d"
const KTN_DATAMATRIX = [0x44, 0x4d]
const MAX_BYTES = 32
const MAX_SERIAL = 20

/** Crypto tails that follow the serial when a scanner dropped the GS separators. */
const TAILS = [
  /^(.+?)91.{4}92.{88}$/s,
  /^(.+?)91.{4}92.{44}$/s,
  /^(.+?)93.{4}$/s,
]

/** GTIN and serial of a GS1 DataMatrix code, or undefined when it is not one. */
export function parseGs1Mark(
  code: string
): { gtin: string; serial: string } | undefined {
  // Scanners may prefix the symbology identifier `]d2` or an FNC1 rendered as GS.
  const text = code.replace(/^\]d2/, "").replace(/^\u001d+/, "")
  const match = /^01(\d{14})21(.+)$/s.exec(text)
  if (!match) {
    return undefined
  }
  const [, gtin, rest] = match
  let serial = rest.includes(GROUP_SEPARATOR)
    ? rest.slice(0, rest.indexOf(GROUP_SEPARATOR))
    : rest
  if (!rest.includes(GROUP_SEPARATOR)) {
    for (const tail of TAILS) {
      const found = tail.exec(rest)
      if (found) {
        serial = found[1]
        break
      }
    }
  }
  // The serial is printable ASCII of 1..20 characters (GS1 AI 21).
  if (
    serial.length === 0 ||
    serial.length > MAX_SERIAL ||
    !/^[\x21-\x7e]+$/.test(serial)
  ) {
    return undefined
  }
  return { gtin, serial }
}

/** Tag 1162 bytes of a marking code as `"44 4D 02 …"`, or undefined when it cannot be built. */
export function toNomenclatureCode(code: string): string | undefined {
  const parsed = parseGs1Mark(code)
  if (!parsed) {
    return undefined
  }
  const gtin = BigInt(parsed.gtin)
  const gtinBytes = Array.from({ length: 6 }, (_, i) =>
    Number((gtin >> BigInt(8 * (5 - i))) & BigInt(0xff))
  )
  const bytes = [
    ...KTN_DATAMATRIX,
    ...gtinBytes,
    ...Buffer.from(parsed.serial, "ascii"),
  ]
  if (bytes.length > MAX_BYTES) {
    return undefined
  }
  return bytes
    .map((byte) => byte.toString(16).toUpperCase().padStart(2, "0"))
    .join(" ")
}
