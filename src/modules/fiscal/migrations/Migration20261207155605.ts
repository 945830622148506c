import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261207155605 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_receipt" add column if not exists "capture_id" text null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_receipt" drop column if exists "capture_id";`
    )
  }
}
