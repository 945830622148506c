/**
 * What a run's figures mean, receipt by receipt: the orders the run paid for, the receipt
 * rows in the database and the documents the vendor's emulator registered.
 *
 * - A document belongs to the receipt whose id its external id carries: `<id>` for the first
 *   generation, `<id>-<n>` for the n-th (the plugin's externalIdFor).
 * - Registered: a document the vendor did not fail (`done`, or still `wait` at the end).
 * - Duplicate: an order whose sale receipt has more than one registered sale document.
 * - Settled: a receipt `done`, `failed`, `invalid` or `canceled`; stuck: any other status.
 * - Lost: a paid order without a sale receipt, or whose sale receipt settled without a
 *   registered document: `done` with none at the vendor, or `failed`/`canceled` for a reason
 *   other than the vendor or the data refusing it. `invalid`, and `failed` with
 *   `vendor_failed` / `invalid_data`, are legitimate outcomes, counted apart.
 * - Unclassified: anything that fits none of these (printed in full).
 */

const SETTLED = new Set(["done", "failed", "invalid", "canceled"])
const LEGIT_FAILURE_KINDS = new Set(["vendor_failed", "invalid_data"])

const familyOf = (externalId) => String(externalId).replace(/-\d+$/, "")

function groupBy(items, key) {
  const map = new Map()
  for (const item of items) {
    const k = key(item)
    if (!map.has(k)) map.set(k, [])
    map.get(k).push(item)
  }
  return map
}

/**
 * @param orders  [{ order_id, payment_id, total }] as the run created them (total in rubles)
 * @param rows    fiscal_receipt rows
 * @param ledger  the emulator's ledger (vendor-neutral entries, totals in kopecks)
 */
function classify({ orders, rows, ledger }) {
  const docsByFamily = groupBy(ledger, (d) => familyOf(d.external_id))
  const rowsByOrder = groupBy(rows, (r) => r.order_id)
  const out = {
    orders: orders.length,
    ok: 0,
    duplicates: [],
    lost: [],
    stuck: [],
    legitFailures: [],
    unclassified: [],
  }

  for (const order of orders) {
    const sales = (rowsByOrder.get(order.order_id) ?? []).filter(
      (r) => r.type === "sell"
    )
    if (!sales.length) {
      out.lost.push({ order_id: order.order_id, why: "no receipt row" })
      continue
    }
    if (sales.length > 1) {
      out.unclassified.push({
        order_id: order.order_id,
        why: `${sales.length} sale receipt rows`,
        rows: sales.map((r) => r.id),
      })
    }
    const row = sales[0]
    const docs = (docsByFamily.get(row.id) ?? []).filter(
      (d) => d.operation === "sell"
    )
    const registered = docs.filter((d) => d.status !== "fail")
    const describe = (why) => ({
      order_id: order.order_id,
      receipt: row.id,
      status: row.status,
      why,
      documents: docs.map(
        (d) => `${d.external_id}:${d.status}:${d.vendor_document_id}`
      ),
    })

    if (registered.length > 1) {
      out.duplicates.push(
        describe(`${registered.length} registered sale documents`)
      )
    }
    if (!SETTLED.has(row.status)) {
      out.stuck.push(
        describe(
          `not settled (lease ${row.lease_owner ?? "none"}, attempts ${row.attempts}, ${row.error_kind ?? "no error"})`
        )
      )
      continue
    }
    if (row.status === "done") {
      const expected = Math.round(order.total * 100)
      if (!registered.length) {
        out.lost.push(
          describe("done, but the vendor has no registered document for it")
        )
      } else if (
        row.vendor_document_id &&
        !registered.some((d) => d.vendor_document_id === row.vendor_document_id)
      ) {
        out.unclassified.push(
          describe(
            `done with vendor document ${row.vendor_document_id}, which the vendor does not list`
          )
        )
      } else if (registered.some((d) => d.total !== expected)) {
        out.unclassified.push(
          describe(
            `a document total differs from the order's ${expected} kopecks`
          )
        )
      } else if (registered.length === 1) {
        out.ok++
      }
      continue
    }
    const legit =
      row.status === "invalid" ||
      (row.status === "failed" && LEGIT_FAILURE_KINDS.has(row.error_kind))
    if (legit && !registered.length) {
      out.legitFailures.push(
        describe(
          `${row.status}: ${row.error_code ?? ""} ${row.error_message ?? ""}`.trim()
        )
      )
    } else if (registered.length) {
      out.unclassified.push(
        describe(`${row.status}, yet the vendor registered it`)
      )
    } else {
      out.lost.push(
        describe(
          `${row.status} (${row.error_kind ?? "no error kind"}): ${row.error_message ?? ""}`.trim()
        )
      )
    }
  }

  // documents the vendor holds for no receipt row of the run: the run cannot place them
  const known = new Set(rows.map((r) => r.id))
  for (const [family, docs] of docsByFamily) {
    if (!known.has(family)) {
      out.unclassified.push({
        why: "vendor documents of no receipt row",
        family,
        documents: docs.map(
          (d) => `${d.external_id}:${d.operation}:${d.status}`
        ),
      })
    }
  }
  // receipts other than the sale ones (the run causes none): shown, never judged
  out.otherRows = rows.filter((r) => r.type !== "sell").length
  return out
}

module.exports = { classify, SETTLED }
