import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The outbox table is named for what the shop owes: `fiscal_transaction` becomes
 * `fiscal_receipt` and `fiscal_attempt.transaction_id` becomes `receipt_id`. Renamed in
 * place (with their indexes and constraints) so existing receipts, their history and
 * their external ids survive the upgrade.
 */
export class Migration20261202110959 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_transaction" rename to "fiscal_receipt";`
    )
    this.addSql(
      `alter table if exists "fiscal_receipt" rename constraint "fiscal_transaction_pkey" to "fiscal_receipt_pkey";`
    )
    for (const check of ["type", "reason", "status", "error_kind"]) {
      this.addSql(
        `alter table if exists "fiscal_receipt" rename constraint "fiscal_transaction_${check}_check" to "fiscal_receipt_${check}_check";`
      )
    }
    for (const index of INDEXES) {
      this.addSql(
        `alter index if exists "IDX_fiscal_transaction_${index}" rename to "IDX_fiscal_receipt_${index}";`
      )
    }
    this.addSql(
      `alter table if exists "fiscal_attempt" rename column "transaction_id" to "receipt_id";`
    )
    this.addSql(
      `alter index if exists "IDX_fiscal_attempt_transaction_id" rename to "IDX_fiscal_attempt_receipt_id";`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter index if exists "IDX_fiscal_attempt_receipt_id" rename to "IDX_fiscal_attempt_transaction_id";`
    )
    this.addSql(
      `alter table if exists "fiscal_attempt" rename column "receipt_id" to "transaction_id";`
    )
    for (const index of INDEXES) {
      this.addSql(
        `alter index if exists "IDX_fiscal_receipt_${index}" rename to "IDX_fiscal_transaction_${index}";`
      )
    }
    for (const check of ["type", "reason", "status", "error_kind"]) {
      this.addSql(
        `alter table if exists "fiscal_receipt" rename constraint "fiscal_receipt_${check}_check" to "fiscal_transaction_${check}_check";`
      )
    }
    this.addSql(
      `alter table if exists "fiscal_receipt" rename constraint "fiscal_receipt_pkey" to "fiscal_transaction_pkey";`
    )
    this.addSql(
      `alter table if exists "fiscal_receipt" rename to "fiscal_transaction";`
    )
  }
}

const INDEXES = [
  "order_id",
  "deleted_at",
  "source_key_unique",
  "provider_external_id_unique",
  "status_next_attempt_at",
  "parent_id",
]
