import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261207214753 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_receipt" add column if not exists "correction" jsonb null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_receipt" drop column if exists "correction";`
    )
  }
}
