import { readFileSync } from "node:fs"
import path from "node:path"
import {
  RECEIPT_ERROR_KINDS,
  RECEIPT_REASONS,
  RECEIPT_STATUSES,
  RECEIPT_TYPES,
} from "../lists"

type SnapshotColumn = { enumItems?: string[] }
type Snapshot = {
  tables: { name: string; columns: Record<string, SnapshotColumn> }[]
}

const snapshot: Snapshot = JSON.parse(
  readFileSync(
    path.join(
      __dirname,
      "../../modules/fiscal/migrations/.snapshot-medusa-fiscal.json"
    ),
    "utf8"
  )
)
const receiptColumns = snapshot.tables.find(
  (t) => t.name === "fiscal_receipt"
)!.columns

// the lists are check constraints of fiscal_receipt: a list changed without a migration
// would let the model accept values the database refuses
describe("the receipt lists match the migrated schema", () => {
  it.each([
    ["status", RECEIPT_STATUSES],
    ["type", RECEIPT_TYPES],
    ["reason", RECEIPT_REASONS],
    ["error_kind", RECEIPT_ERROR_KINDS],
  ] as const)("%s", (column, list) => {
    expect(receiptColumns[column].enumItems).toEqual([...list])
  })
})
