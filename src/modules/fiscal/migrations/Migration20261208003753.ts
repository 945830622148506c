import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261208003753 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_report_delivery" drop constraint if exists "fiscal_report_delivery_period_unique";`
    )
    this.addSql(
      `alter table if exists "fiscal_alert" drop constraint if exists "fiscal_alert_receipt_state_unique";`
    )
    this.addSql(
      `create table if not exists "fiscal_alert" ("id" text not null, "receipt_id" text not null, "order_id" text not null, "state" text check ("state" in ('failed', 'invalid', 'needs_attention')) not null, "error_code" text not null default '', "error_message" text null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "fiscal_alert_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_alert_deleted_at" ON "fiscal_alert" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_fiscal_alert_receipt_state_unique" ON "fiscal_alert" ("receipt_id", "state", "error_code") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_alert_undelivered" ON "fiscal_alert" ("created_at") WHERE delivered_at IS NULL AND deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "fiscal_report_delivery" ("id" text not null, "kind" text check ("kind" in ('daily', 'weekly')) not null, "period_from" text not null, "period_to" text not null, "status" text check ("status" in ('sending', 'sent', 'failed')) not null default 'sending', "attempts" integer not null default 0, "recipients" jsonb not null, "error" text null, "sent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "fiscal_report_delivery_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_report_delivery_deleted_at" ON "fiscal_report_delivery" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_fiscal_report_delivery_period_unique" ON "fiscal_report_delivery" ("kind", "period_from") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "fiscal_settings" rename column "report_recipients" to "notifications";`
    )

    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_receipt_created_at" ON "fiscal_receipt" ("created_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_receipt_needs_person" ON "fiscal_receipt" ("updated_at") WHERE (status IN ('failed', 'invalid') OR needs_attention = true) AND deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_fiscal_receipt_created_at";`)
    this.addSql(`drop index if exists "IDX_fiscal_receipt_needs_person";`)

    this.addSql(`drop table if exists "fiscal_alert" cascade;`)

    this.addSql(`drop table if exists "fiscal_report_delivery" cascade;`)

    this.addSql(
      `alter table if exists "fiscal_settings" rename column "notifications" to "report_recipients";`
    )
  }
}
