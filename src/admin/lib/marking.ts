import type {
  AdminFiscalMarkingCodeError,
  AdminFiscalMarkingErrorResponse,
  AdminFiscalMarkingItem,
} from "../../types/http"

/** A refused code as the admin shows it; `reason` is null when the request failed as a whole. */
export type Rejection = Omit<AdminFiscalMarkingCodeError, "reason"> & {
  reason: AdminFiscalMarkingCodeError["reason"] | null
}
import { FiscalApiError } from "./sdk"

/** The GS1 group separator a scanner sends between a code's parts: invisible, but part of the code. */
export const GS = "\u001d"

/** How a separator is shown: the Unicode picture of GS. */
export const GS_MARK = "␝"

/** A code for the eye: each invisible separator as {@link GS_MARK}. */
export const showCode = (code: string) => code.split(GS).join(GS_MARK)

/**
 * A scanned or pasted code without the spaces and line ends around it. Only those: the
 * separators (U+001D, which some trims treat as white space) stay where the scanner put them.
 */
export const cleanCode = (raw: string) =>
  raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "")

/** The codes of a paste, one a line; blank lines dropped. */
export const pastedCodes = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map(cleanCode)
    .filter(Boolean)

/** A paste holds several codes when it has more than one line. */
export const isMultiLine = (text: string) => /[\r\n]/.test(cleanCode(text))

/**
 * The line a scan goes to: the one the staff picked while it still misses codes, else the
 * first line that misses any. When every line is complete, the picked or first line, so
 * the server says why the code is not taken.
 */
export function targetItem(
  items: AdminFiscalMarkingItem[],
  pickedId: string | null
): AdminFiscalMarkingItem | undefined {
  const picked = pickedId
    ? items.find((i) => i.item_id === pickedId)
    : undefined
  if (picked && picked.missing > 0) {
    return picked
  }
  return items.find((i) => i.missing > 0) ?? picked ?? items[0]
}

/** Codes entered of all units of the line. */
export const enteredCount = (item: AdminFiscalMarkingItem) => item.codes.length

/** The order's marking after one line changed. */
export function withItem<T extends { items: AdminFiscalMarkingItem[] }>(
  data: T,
  item: AdminFiscalMarkingItem
): T {
  return {
    ...data,
    items: data.items.map((i) => (i.item_id === item.item_id ? item : i)),
  }
}

/**
 * Why the codes of a refused request were not taken, one entry per code. A 400 of the
 * marking route names each code; anything else (network, server error) is one entry for
 * the whole request with its message.
 */
export function rejectionsOf(error: unknown, codes: string[]): Rejection[] {
  const body =
    error instanceof FiscalApiError
      ? (error.body as Partial<AdminFiscalMarkingErrorResponse> | undefined)
      : undefined
  if (body && Array.isArray(body.errors) && body.errors.length) {
    return body.errors.map((e) => ({
      ...e,
      code: e.code ?? codes[e.index] ?? "",
    }))
  }
  const message = error instanceof Error ? error.message : String(error)
  return [{ index: 0, code: codes.join("\n"), reason: null, message }]
}
