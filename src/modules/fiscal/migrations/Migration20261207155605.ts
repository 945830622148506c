import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** A receipt per capture (`capture_id`), and exchange receipts (reason `exchange`). */
export class Migration20261207155605 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_receipt" add column if not exists "capture_id" text null;`
    )
    this.addSql(
      `alter table if exists "fiscal_receipt" drop constraint if exists "fiscal_receipt_reason_check";`
    )
    this.addSql(
      `alter table if exists "fiscal_receipt" add constraint "fiscal_receipt_reason_check" check("reason" in ('payment', 'refund', 'cancel', 'resell_refund', 'resell_sell', 'settlement', 'manual', 'correction', 'exchange'));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_receipt" drop constraint if exists "fiscal_receipt_reason_check";`
    )
    this.addSql(
      `alter table if exists "fiscal_receipt" add constraint "fiscal_receipt_reason_check" check("reason" in ('payment', 'refund', 'cancel', 'resell_refund', 'resell_sell', 'settlement', 'manual', 'correction'));`
    )
    this.addSql(
      `alter table if exists "fiscal_receipt" drop column if exists "capture_id";`
    )
  }
}
