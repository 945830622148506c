/** What a run reads from its database: the fiscal_receipt rows. */
const { Client } = require("pg")

async function withClient(url, fn) {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: 3_000,
  })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

function countByStatus(url) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(
      "SELECT status, count(*)::int AS n FROM fiscal_receipt WHERE deleted_at IS NULL GROUP BY status"
    )
    return Object.fromEntries(rows.map((r) => [r.status, r.n]))
  })
}

function countSaleRows(url) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(
      "SELECT count(*)::int AS n FROM fiscal_receipt WHERE deleted_at IS NULL AND type = 'sell'"
    )
    return rows[0].n
  })
}

function readReceipts(url) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(
      `SELECT id, order_id, type, status, external_id, generation, vendor_document_id,
              attempts, lease_owner, error_kind, error_code, error_message, created_at
         FROM fiscal_receipt WHERE deleted_at IS NULL`
    )
    return rows
  })
}

module.exports = { countByStatus, countSaleRows, readReceipts }
