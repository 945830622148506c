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
const CONTROL_RE = /[\p{Cc}\p{Zl}\p{Zp}]/gu

/**
 * A printable one-line name: NFC-normalized, control characters and line breaks turned
 * into spaces, runs of spaces collapsed, broken surrogates dropped. "" for a non-string.
 */
export function cleanName(raw: unknown): string {
  if (typeof raw !== "string") {
    return ""
  }
  return raw
    .replace(LONE_SURROGATE_RE, "")
    .normalize("NFC")
    .replace(CONTROL_RE, " ")
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
