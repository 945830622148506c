import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Marking codes entered by the staff (`fiscal_mark_code`), each used once in the shop. */
export class Migration20261207185630 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_mark_code" drop constraint if exists "fiscal_mark_code_code_unique";`
    )
    this.addSql(
      `create table if not exists "fiscal_mark_code" ("id" text not null, "order_id" text not null, "line_item_id" text not null, "code" text not null, "gtin" text not null, "ordinal" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "fiscal_mark_code_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_mark_code_order_id" ON "fiscal_mark_code" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_mark_code_deleted_at" ON "fiscal_mark_code" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_fiscal_mark_code_code_unique" ON "fiscal_mark_code" ("code") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_mark_code_line_item_id" ON "fiscal_mark_code" ("line_item_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fiscal_mark_code" cascade;`)
  }
}
