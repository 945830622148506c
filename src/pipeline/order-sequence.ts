import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"

/** Source-key prefixes of the receipts an exchange adds around its money movement. */
export const EXCHANGE_RETURN = "exchange-return:"
export const EXCHANGE_SALE = "exchange-sale:"

const RESELL = ["resell_sell", "resell_refund"]

/** A resell step follows its own chain and takes no place in the order's sequence. */
export const isResell = (row: Pick<FiscalReceiptDTO, "reason">) =>
  RESELL.includes(row.reason)

type Row = Pick<
  FiscalReceiptDTO,
  "id" | "created_at" | "parent_id" | "source_key"
>

/**
 * Where a receipt stands among its order's receipts, in the order the money moved: rows in
 * the order they were recorded, except that an exchange's credit refund goes right before
 * the surcharge capture it belongs to and an exchange's new-goods sale right after the
 * refund it belongs to (docs/architecture.md, "A receipt per money movement").
 */
export function sequenceKey(
  row: Row,
  byId: ReadonlyMap<string, Row>
): [number, string, number] {
  const anchored =
    row.parent_id &&
    (row.source_key.startsWith(EXCHANGE_RETURN) ||
      row.source_key.startsWith(EXCHANGE_SALE))
      ? byId.get(row.parent_id)
      : undefined
  const anchor = anchored ?? row
  const rank = !anchored
    ? 1
    : row.source_key.startsWith(EXCHANGE_RETURN)
      ? 0
      : 2
  return [new Date(anchor.created_at).getTime(), anchor.id, rank]
}

/** True when `a` comes before `b` in their order's sequence. */
export function comesBefore(
  a: Row,
  b: Row,
  byId: ReadonlyMap<string, Row>
): boolean {
  const [at, aid, ar] = sequenceKey(a, byId)
  const [bt, bid, br] = sequenceKey(b, byId)
  if (at !== bt) {
    return at < bt
  }
  if (aid !== bid) {
    return aid < bid
  }
  return ar < br
}
