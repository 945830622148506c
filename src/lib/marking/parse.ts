import { gtinCheckDigit } from "./gtin"
import type { MarkCodeReason } from "./reasons"
import { GS, normalizeSeparators } from "./separators"

/** One GS1 element of a code: application identifier and value. */
export type MarkCodeElement = { ai: string; value: string }

/** A marking code as the shop stores and sends it. */
export type ParsedMarkCode = {
  /** The whole code, GS (U+001D) after every variable-length element but the last. */
  code: string
  /** (01): the product's GTIN-14. */
  gtin: string
  /** (21): the unit's serial number. */
  serial: string
  /** Every element in code order. */
  elements: MarkCodeElement[]
}

/** The outcome of {@link parseMarkCode}; `problem` is an English phrase without the code. */
export type MarkCodeParse =
  | { ok: true; value: ParsedMarkCode }
  | { ok: false; reason: MarkCodeReason; problem: string }

/**
 * An application identifier a marking code of Честный знак may carry, with the lengths
 * its value may have. `fixed`: the value has one length and needs no separator after it
 * (GS1's predefined-length identifiers); otherwise `lengths` are tried, most common
 * first, when the scanner dropped the separator.
 */
type AiSpec = {
  ai: string
  name: string
  digits: boolean
  fixed?: number
  lengths?: number[]
}

/** Serial lengths by how often product groups use them: 13 (most), 7 (tobacco), 6 (milk). */
const SERIAL_LENGTHS = [13, 7, 6, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20]
const SERIAL_MIN = 6
const SERIAL_MAX = 20

const SPECS: AiSpec[] = [
  { ai: "01", name: "GTIN", digits: true, fixed: 14 },
  { ai: "21", name: "serial number", digits: false, lengths: SERIAL_LENGTHS },
  { ai: "91", name: "verification key id", digits: false, lengths: [4] },
  { ai: "92", name: "verification code", digits: false, lengths: [44, 88] },
  { ai: "93", name: "verification code", digits: false, lengths: [4] },
  // net weight in kg with 0..5 decimals (weighed goods), expiry and production dates
  ...["3100", "3101", "3102", "3103", "3104", "3105"].map((ai) => ({
    ai,
    name: "net weight",
    digits: true,
    fixed: 6,
  })),
  { ai: "17", name: "expiry date", digits: true, fixed: 6 },
  { ai: "11", name: "production date", digits: true, fixed: 6 },
  // maximum retail price of tobacco, in kopecks; not a predefined length in GS1
  { ai: "8005", name: "price", digits: true, lengths: [6] },
]

/** GS1's character set 82, the characters a GS1 element may hold. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/

/** The longest code ATOL's `gs1m` takes (tag 1305: at most 200 bytes). */
export const MAX_CODE_LENGTH = 200

function needsSeparatorAfter(spec: AiSpec): boolean {
  return spec.fixed === undefined
}

/** A value of `spec` of each length worth trying at `start`, longest match first. */
function candidateLengths(s: string, start: number, spec: AiSpec): number[] {
  if (spec.fixed !== undefined) {
    return [spec.fixed]
  }
  const gs = s.indexOf(GS, start)
  const segment = (gs < 0 ? s.length : gs) - start
  const lengths = spec.lengths ?? []
  // a separator where the scanner kept it ends the value; without one, the lengths the
  // identifier takes are tried
  const ordered = lengths.includes(segment) ? [segment] : []
  for (const length of lengths) {
    if (length < segment && !ordered.includes(length)) {
      ordered.push(length)
    }
  }
  return ordered
}

/** Whether the elements read hold a whole crypto tail: (93), or (91) and (92). */
function hasCryptoTail(seen: ReadonlySet<string>): boolean {
  return seen.has("93") || (seen.has("91") && seen.has("92"))
}

/**
 * The elements from `pos` on, trying each length a variable-length value may have;
 * with `complete`, only a reading that ends with a whole crypto tail counts.
 */
function parseElements(
  s: string,
  pos: number,
  seen: ReadonlySet<string>,
  complete: boolean
): MarkCodeElement[] | null {
  if (pos === s.length) {
    return !complete || hasCryptoTail(seen) ? [] : null
  }
  if (s[pos] === GS) {
    return pos + 1 < s.length ? parseElements(s, pos + 1, seen, complete) : null
  }
  for (const spec of SPECS) {
    if (seen.has(spec.ai) || !s.startsWith(spec.ai, pos)) {
      continue
    }
    const start = pos + spec.ai.length
    for (const length of candidateLengths(s, start, spec)) {
      const value = s.slice(start, start + length)
      if (
        value.length !== length ||
        value.includes(GS) ||
        !(spec.digits ? /^\d+$/.test(value) : CSET82.test(value))
      ) {
        continue
      }
      const rest = parseElements(
        s,
        start + length,
        new Set([...seen, spec.ai]),
        complete
      )
      if (rest) {
        return [{ ai: spec.ai, value }, ...rest]
      }
    }
  }
  return null
}

function specOf(ai: string): AiSpec {
  return SPECS.find((spec) => spec.ai === ai) as AiSpec
}

/** The code written out: a separator after each variable-length element but the last. */
function compose(elements: MarkCodeElement[]): string {
  return elements
    .map((element, index) => {
      const last = index === elements.length - 1
      const gs = !last && needsSeparatorAfter(specOf(element.ai)) ? GS : ""
      return element.ai + element.value + gs
    })
    .join("")
}

function refuse(reason: MarkCodeReason, problem: string): MarkCodeParse {
  return { ok: false, reason, problem }
}

/**
 * Reads a marking code (Честный знак) as a scanner or a person entered it:
 * `(01)` GTIN-14 with a valid check digit, `(21)` serial number of 6 to 20 characters,
 * then the crypto tail — `(93)` 4 characters, or `(91)` 4 characters and `(92)` 44 or 88 —
 * and optionally weight `(310n)`, price `(8005)`, dates `(17)`, `(11)`. The group separator
 * may be the character U+001D, written as text (`\u001d`, `<GS>`) or left out.
 *
 * The 29-character tobacco pack code (GTIN, serial and crypto without identifiers) is
 * refused: the plugin sends GS1 DataMatrix codes, and tobacco may not be sold at a
 * distance anyway (15-ФЗ art. 19).
 */
export function parseMarkCode(raw: unknown): MarkCodeParse {
  if (typeof raw !== "string") {
    return refuse("empty", "is not text")
  }
  const s = normalizeSeparators(raw)
  if (s === "") {
    return refuse("empty", "is empty")
  }
  if (/[\u0400-\u04ff]/.test(s)) {
    return refuse(
      "keyboard_layout",
      "contains Cyrillic letters: the scanner typed in the Russian keyboard layout. " +
        "Switch the keyboard to English (or set the scanner to send key codes)"
    )
  }
  if (/^\d{8}$|^\d{12,13}$/.test(s)) {
    return refuse(
      "not_gs1",
      "is a product barcode (EAN/UPC), not a marking code. Scan the square DataMatrix " +
        "code on the pack"
    )
  }
  if (!s.includes(GS) && s.length === 29 && /^\d{14}/.test(s)) {
    const gs1 = s.startsWith("01") && s.slice(16, 18) === "21"
    if (!gs1) {
      return refuse(
        "unsupported_format",
        "is a tobacco pack code (29 characters without application identifiers), which " +
          "the plugin does not send: only GS1 DataMatrix codes starting with (01) are " +
          "accepted"
      )
    }
  }
  if (!/^01\d{14}/.test(s)) {
    return refuse(
      "not_gs1",
      "is not a GS1 DataMatrix marking code: it must start with (01) and the 14-digit " +
        "GTIN. Scan the DataMatrix code on the pack"
    )
  }
  const gtin = s.slice(2, 16)
  const expected = gtinCheckDigit(gtin.slice(0, 13))
  if (Number(gtin[13]) !== expected) {
    return refuse(
      "bad_gtin",
      `the GTIN ${gtin} has a wrong check digit (expected ${expected})`
    )
  }
  if (s.slice(16, 18) !== "21") {
    return refuse(
      "malformed",
      `the GTIN is not followed by the serial number (21)`
    )
  }
  if (s.length > MAX_CODE_LENGTH) {
    return refuse(
      "malformed",
      `is ${s.length} characters long; a marking code has at most ${MAX_CODE_LENGTH}`
    )
  }
  const afterSerial = s.slice(18)
  const gs = afterSerial.indexOf(GS)
  if (gs >= 0 && (gs < SERIAL_MIN || gs > SERIAL_MAX)) {
    return refuse(
      "bad_serial",
      `the serial number (21) has ${gs} characters; it has ${SERIAL_MIN} to ${SERIAL_MAX}`
    )
  }
  const elements = parseElements(s, 0, new Set(), true)
  if (!elements) {
    const partial = parseElements(s, 0, new Set(), false)
    const has = (ai: string) => partial?.some((element) => element.ai === ai)
    if (partial || (gs < 0 && afterSerial.length <= SERIAL_MAX)) {
      return refuse(
        "too_short",
        has("91") || has("92")
          ? "has only half of its crypto tail: (91) and (92) come together; the code " +
              "was cut off"
          : "ends without its crypto tail ((93), or (91) and (92)). Scan the DataMatrix " +
              "code, not the text printed under it"
      )
    }
    return refuse(
      "malformed",
      "the part after the serial number is not a crypto tail ((93) 4 characters, or " +
        "(91) 4 and (92) 44 or 88 characters); the code was cut off or misread"
    )
  }
  const serial = elements.find((element) => element.ai === "21")!.value
  return {
    ok: true,
    value: { code: compose(elements), gtin, serial, elements },
  }
}

/** How a message names a code: its first characters, visible. */
export function codeLabel(raw: unknown): string {
  const text = typeof raw === "string" ? normalizeSeparators(raw) : ""
  const visible = text.replace(/\u001d/g, "<GS>")
  return visible.length > 7 ? `${visible.slice(0, 7)}…` : visible
}
