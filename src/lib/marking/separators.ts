/** The GS1 group separator (ASCII 29) that ends a variable-length element. */
export const GS = "\u001d"

/**
 * Ways scanners and people write the group separator: the character itself, its escapes
 * typed as text, the caret and angle-bracket notations of scanner manuals, and the
 * visible control picture U+241D.
 */
const SEPARATOR_FORMS =
  /\\u001d|\\x1d|\\u\{1d\}|<GS>|\{GS\}|\[GS\]|\^\]|\u241d|\u001d/gi

/**
 * Symbology identifiers a scanner may put before the data: `]d2` (GS1 DataMatrix),
 * `]C1` (GS1-128), `]Q3` (GS1 QR). They are not part of the code.
 */
const SYMBOLOGY_PREFIX = /^\](?:d2|C1|Q3|e0)/i

/**
 * The code as scanned or typed, with every form of the separator turned into U+001D,
 * the symbology identifier and a leading separator (FNC1) dropped, and surrounding
 * whitespace trimmed. Separators are kept where they stand; the parser decides whether
 * they are needed.
 */
export function normalizeSeparators(raw: string): string {
  let code = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "")
  code = code.replace(SYMBOLOGY_PREFIX, "")
  code = code.replace(SEPARATOR_FORMS, GS)
  while (code.startsWith(GS)) {
    code = code.slice(1)
  }
  while (code.endsWith(GS)) {
    code = code.slice(0, -1)
  }
  return code
}
