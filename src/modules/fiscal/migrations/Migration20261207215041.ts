import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Stored reconciliation results: one row per Moscow day, one per finding. */
export class Migration20261207215041 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_reconciliation_day" drop constraint if exists "fiscal_reconciliation_day_day_unique";`
    )
    this.addSql(
      `create table if not exists "fiscal_reconciliation_day" ("id" text not null, "day" text not null, "captured" numeric not null, "refunded" numeric not null, "registered_in" numeric not null, "registered_out" numeric not null, "at_risk" numeric not null, "findings" jsonb not null, "checked_at" timestamptz not null, "raw_captured" jsonb not null, "raw_refunded" jsonb not null, "raw_registered_in" jsonb not null, "raw_registered_out" jsonb not null, "raw_at_risk" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "fiscal_reconciliation_day_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_reconciliation_day_deleted_at" ON "fiscal_reconciliation_day" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_fiscal_reconciliation_day_day_unique" ON "fiscal_reconciliation_day" ("day") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "fiscal_reconciliation_finding" ("id" text not null, "day" text not null, "kind" text check ("kind" in ('money_without_receipt', 'receipt_without_money', 'amount_differs', 'stuck_or_failed')) not null, "order_id" text not null, "order_display_id" text null, "movement_kind" text check ("movement_kind" in ('capture', 'refund')) null, "movement_id" text null, "receipt_ids" jsonb not null, "amount" numeric not null, "remedy" text check ("remedy" in ('issue_receipt', 'issue_correction', 'refund_duplicate', 'fix_and_send')) not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "fiscal_reconciliation_finding_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_reconciliation_finding_day" ON "fiscal_reconciliation_finding" ("day") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_reconciliation_finding_order_id" ON "fiscal_reconciliation_finding" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_reconciliation_finding_deleted_at" ON "fiscal_reconciliation_finding" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fiscal_reconciliation_day" cascade;`)

    this.addSql(`drop table if exists "fiscal_reconciliation_finding" cascade;`)
  }
}
