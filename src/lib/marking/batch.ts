import { codeLabel, parseMarkCode, type ParsedMarkCode } from "./parse"
import type { MarkCodeReason } from "./reasons"

/** A code already stored, as the batch check needs to name it. */
export type TakenCode = {
  order_id: string
  /** The order's number as the admin sees it (`1043`), when known. */
  display_id?: string | number | null
}

/** The order line the codes are entered for, or null when it is not on the order. */
export type MarkedItemTarget = {
  id: string
  title: string
  /** Whether the item is marked goods. */
  marked: boolean
  /** Units that need a code. */
  quantity: number
  /** Codes stored for it already. */
  entered: number
  /** The title of its variant, to name it in a message. */
  variantTitle?: string | null
  /**
   * The GTIN-14s its variant has (`ean`, `upc`, `barcode` that are GTINs, see
   * `variantGtins`): a code must be of one of them. Empty or absent: any GTIN fits.
   */
  gtins?: readonly string[]
}

/** One refused code of a request: its place in the list (0-based) and why. */
export type CodeIssue = {
  index: number
  code: string
  reason: MarkCodeReason
  message: string
}

export type CodeBatchResult =
  | { ok: true; codes: ParsedMarkCode[] }
  | { ok: false; message: string; errors: CodeIssue[] }

const SCAN_AGAIN = " — scan it again"

function issue(
  index: number,
  raw: unknown,
  reason: MarkCodeReason,
  problem: string,
  hint = ""
): CodeIssue {
  const code = typeof raw === "string" ? raw : String(raw)
  return {
    index,
    code,
    reason,
    message: `Code ${index + 1} "${codeLabel(raw)}": ${problem}${hint}`,
  }
}

function orderName(taken: TakenCode): string {
  return taken.display_id !== undefined && taken.display_id !== null
    ? `order #${taken.display_id}`
    : `order ${taken.order_id}`
}

const REASON_PHRASES: Record<MarkCodeReason, string> = {
  empty: "empty",
  not_gs1: "not a marking code",
  bad_gtin: "wrong GTIN check digit",
  bad_serial: "wrong serial number length",
  too_short: "cut off before the crypto tail",
  malformed: "misread",
  keyboard_layout: "typed in the Russian keyboard layout",
  unsupported_format: "tobacco pack code",
  wrong_product: "code of another product",
  duplicate_in_shop: "already used on an order",
  duplicate_in_request: "repeated in the list",
  too_many: "more codes than units",
  not_marked: "item not marked",
  unknown_item: "item not on the order",
}

function itemName(item: MarkedItemTarget): string {
  return item.variantTitle
    ? `item "${item.title}" (variant "${item.variantTitle}")`
    : `item "${item.title}"`
}

function summary(total: number, errors: CodeIssue[]): string {
  const reasons = [...new Set(errors.map((e) => REASON_PHRASES[e.reason]))]
  const refused = new Set(errors.map((e) => e.index)).size
  const what =
    total === 1 ? "The code was" : `${refused} of ${total} codes were`
  return (
    `${what} refused (${reasons.join(", ")}), so nothing was saved; correct ` +
    `${refused === 1 ? "it" : "them"} and send the list again.`
  )
}

/**
 * Checks the codes an admin enters for one order line, all or nothing: each code must be
 * a valid marking code (see `parseMarkCode`), of the item's product when its variant has a
 * GTIN (`item.gtins`), not stored already (`taken`, by normalized code), not repeated in
 * the list, the item must be marked and on the order, and the
 * codes may not outnumber the units still without a code.
 */
export function validateCodeBatch(input: {
  raw: readonly unknown[]
  item: MarkedItemTarget | null
  itemId: string
  taken: ReadonlyMap<string, TakenCode>
  /** The order the codes are entered for. */
  orderId: string
}): CodeBatchResult {
  const { raw, item, taken } = input
  const errors: CodeIssue[] = []
  if (!item || !item.marked) {
    for (const [index, code] of raw.entries()) {
      errors.push(
        item
          ? issue(
              index,
              code,
              "not_marked",
              `item "${item.title}" is not marked goods, so it takes no marking codes. ` +
                `Tag the product as marked goods first`
            )
          : issue(
              index,
              code,
              "unknown_item",
              `item ${input.itemId} is not on this order`
            )
      )
    }
    return { ok: false, message: summary(raw.length, errors), errors }
  }

  const gtins = item.gtins ?? []
  const accepted: { index: number; value: ParsedMarkCode }[] = []
  const firstSeen = new Map<string, number>()
  for (const [index, code] of raw.entries()) {
    const parsed = parseMarkCode(code)
    if (!parsed.ok) {
      errors.push(issue(index, code, parsed.reason, parsed.problem, SCAN_AGAIN))
      continue
    }
    if (gtins.length && !gtins.includes(parsed.value.gtin)) {
      errors.push(
        issue(
          index,
          code,
          "wrong_product",
          `the code is of GTIN ${parsed.value.gtin}, but ${itemName(item)} has ` +
            `GTIN ${gtins.join(" or ")}`,
          " — scan the code on this item's own package"
        )
      )
      continue
    }
    const normalized = parsed.value.code
    const earlier = firstSeen.get(normalized)
    if (earlier !== undefined) {
      errors.push(
        issue(
          index,
          code,
          "duplicate_in_request",
          `the same code as code ${earlier + 1} of this list; every unit has its own ` +
            `code. Scan the next unit instead`
        )
      )
      continue
    }
    firstSeen.set(normalized, index)
    const used = taken.get(normalized)
    if (used) {
      const where =
        used.order_id === input.orderId ? "this order" : orderName(used)
      errors.push(
        issue(
          index,
          code,
          "duplicate_in_shop",
          `is already entered on ${where}; a marking code belongs to one unit and is ` +
            `sold once. Check that you scanned the right unit`
        )
      )
      continue
    }
    accepted.push({ index, value: parsed.value })
  }

  const room = Math.max(0, item.quantity - item.entered)
  for (const extra of accepted.slice(room)) {
    errors.push(
      issue(
        extra.index,
        raw[extra.index],
        "too_many",
        `item "${item.title}" needs ${item.quantity} code(s) and has ${item.entered} ` +
          `already; this one is more than the units left (${room})`
      )
    )
  }
  if (errors.length) {
    errors.sort((a, b) => a.index - b.index)
    return { ok: false, message: summary(raw.length, errors), errors }
  }
  return { ok: true, codes: accepted.map((entry) => entry.value) }
}
