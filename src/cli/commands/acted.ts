import { EXIT } from "../exit-codes"
import {
  isSettled,
  needsPerson,
  receiptsTable,
  withoutDocument,
  type ReceiptView,
} from "../receipts-view"
import type { CommandResult } from "./types"

/**
 * What `sell`, `refund` and `resell` print: what was done, the receipts as they are now,
 * and what is left to do. Exit 1 when a receipt failed or waits for a person.
 */
export function actedResult(
  headline: string,
  orderId: string,
  receipts: ReceiptView[],
  settled: boolean
): CommandResult {
  const problems = receipts.filter(needsPerson)
  const lines = [headline, "", receiptsTable(receipts)]
  if (problems.length) {
    lines.push(
      "",
      `${problems.length} receipt(s) need a person: fix what the note says, then run this command again (or use the admin's order page).`
    )
  } else if (!settled) {
    lines.push(
      "",
      `The store is still registering; see later with: medusa-fiscal list --order ${orderId}`
    )
  }
  return {
    exitCode: problems.length ? EXIT.problems : EXIT.ok,
    human: lines.join("\n"),
    json: {
      order_id: orderId,
      settled,
      receipts: receipts.map(withoutDocument),
    },
  }
}

/** Receipts picked by id from an order's list, in the order the ids were given. */
export function pickIds(ids: string[]) {
  return (rows: ReceiptView[]) => {
    const byId = new Map(rows.map((r) => [r.id, r]))
    const receipts = ids
      .map((id) => byId.get(id))
      .filter((r): r is ReceiptView => !!r)
    return {
      receipts,
      settled: receipts.length === ids.length && receipts.every(isSettled),
    }
  }
}
