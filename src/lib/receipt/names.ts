/**
 * Position names (tag 1030). Vendors limit them in characters (ATOL: 128), so names are
 * cut by Unicode code points, never by bytes or UTF-16 units, and never inside a
 * character a reader sees as one (a surrogate pair, an emoji with modifiers or joiners,
 * a letter with combining marks).
 */

type GraphemeSegmenter = {
  segment(input: string): Iterable<{ segment: string }>
}
type SegmenterConstructor = new (
  locale: string,
  options: { granularity: "grapheme" }
) => GraphemeSegmenter

const Segmenter = (Intl as unknown as { Segmenter?: SegmenterConstructor })
  .Segmenter
const segmenter = Segmenter
  ? new Segmenter("ru", { granularity: "grapheme" })
  : null

/** User-perceived characters; code points where the runtime has no Intl.Segmenter. */
function graphemes(text: string): string[] {
  return segmenter
    ? Array.from(segmenter.segment(text), (part) => part.segment)
    : Array.from(text)
}

/** Length in Unicode code points (an emoji outside the BMP counts as one). */
export function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) {
    count++
  }
  return count
}

const LONE_SURROGATE_RE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/**
 * Control characters and line breaks, plus letters that print as nothing: the Hangul
 * fillers (U+115F, U+1160, U+3164, U+FFA0) and the blank Braille cell (U+2800), the usual
 * way to make a title that looks empty. They become spaces.
 */
const BLANK_RE = /[\p{Cc}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/gu
/**
 * Format characters (Unicode Cf): zero-width spaces, bidi controls (U+200E, U+2066…),
 * U+FEFF, word joiners (U+2060…), soft hyphens, tag characters. They print as nothing on a
 * receipt or reorder its text, and the register and the OFD store the name as plain text.
 * ZWNJ and ZWJ are spared here: between two characters they join an emoji sequence
 * (👨‍👩‍👧) or shape a word (Persian, Indic scripts); the next two patterns drop them elsewhere.
 */
const FORMAT_RE = /(?![\u200C\u200D])\p{Cf}/gu
/** Combining marks and joiners with no character to attach to: at the start or after a space. */
const ORPHAN_RE = /(^|\s)[\p{M}\u200C\u200D]+/gu
/** Joiners with nothing after them to join. */
const TRAILING_JOINER_RE = /[\u200C\u200D]+(?=\s|$)/gu

/**
 * A printable one-line name: control characters and line breaks turned into spaces,
 * format characters and stray joiners or marks dropped, NFC-normalized (so a mark that
 * met its letter once a format character went is composed with it), runs of spaces
 * collapsed, broken surrogates dropped. "" for a non-string or when nothing visible is
 * left, so callers fall back to the next source of a name.
 */
export function cleanName(raw: unknown): string {
  if (typeof raw !== "string") {
    return ""
  }
  return raw
    .replace(LONE_SURROGATE_RE, "")
    .replace(BLANK_RE, " ")
    .replace(FORMAT_RE, "")
    .replace(ORPHAN_RE, "$1")
    .replace(TRAILING_JOINER_RE, "")
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim()
}

/** Cuts `name` to at most `maxLength` code points at a character boundary. */
export function cutName(name: string, maxLength: number): string {
  if (codePointLength(name) <= maxLength) {
    return name
  }
  let cut = ""
  let length = 0
  for (const grapheme of graphemes(name)) {
    const size = codePointLength(grapheme)
    if (length + size > maxLength) {
      break
    }
    cut += grapheme
    length += size
  }
  cut = cut.trimEnd()
  // Only a single "character" longer than the limit leaves nothing: cut by code points.
  return cut === "" ? Array.from(name).slice(0, maxLength).join("") : cut
}

const DEFAULT_VARIANT_RE = /^default(\s+(variant|title))?$/i

/**
 * The printed name of an item: the title (else the product title), with the variant title
 * in brackets when it adds something ("Футболка (L / чёрная)"); Medusa's placeholder
 * "Default variant" adds nothing.
 */
export function composeItemName(input: {
  title?: unknown
  productTitle?: unknown
  variantTitle?: unknown
  includeVariantTitle: boolean
}): string {
  const title = cleanName(input.title) || cleanName(input.productTitle)
  const variant = cleanName(input.variantTitle)
  if (
    !input.includeVariantTitle ||
    variant === "" ||
    DEFAULT_VARIANT_RE.test(variant) ||
    title.toLowerCase().includes(variant.toLowerCase())
  ) {
    return title
  }
  return title === "" ? variant : `${title} (${variant})`
}
