import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261122185038 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "fiscal_transaction" drop constraint if exists "fiscal_transaction_provider_external_id_unique";`
    )
    this.addSql(
      `alter table if exists "fiscal_transaction" drop constraint if exists "fiscal_transaction_source_key_unique";`
    )
    this.addSql(
      `alter table if exists "fiscal_settings" drop constraint if exists "fiscal_settings_key_unique";`
    )
    this.addSql(
      `create table if not exists "fiscal_attempt" ("id" text not null, "transaction_id" text null, "provider_id" text not null, "operation" text not null, "external_id" text null, "generation" integer null, "method" text null, "url" text null, "request" jsonb null, "response" jsonb null, "http_status" integer null, "duration_ms" integer not null default 0, "outcome" text not null, "error_message" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "fiscal_attempt_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_attempt_deleted_at" ON "fiscal_attempt" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_attempt_transaction_id" ON "fiscal_attempt" ("transaction_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "fiscal_settings" ("id" text not null, "key" text not null default 'default', "enabled" boolean null, "provider_id" text null, "provider_config" jsonb null, "credentials_encrypted" text null, "company_inn" text null, "company_email" text null, "company_payment_address" text null, "company_sno" text null, "receipt_defaults" jsonb null, "sell_trigger" text null, "refund_receipts" boolean null, "cancel_receipts" boolean null, "retry_intervals" jsonb null, "max_attempts" integer null, "retry_daily" boolean null, "max_status_checks" integer null, "report_recipients" jsonb null, "callback_secret" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "fiscal_settings_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_settings_deleted_at" ON "fiscal_settings" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_fiscal_settings_key_unique" ON "fiscal_settings" ("key") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "fiscal_transaction" ("id" text not null, "order_id" text not null, "payment_id" text null, "refund_id" text null, "fulfillment_id" text null, "type" text check ("type" in ('sell', 'sell_refund', 'sell_correction', 'sell_refund_correction')) not null, "reason" text check ("reason" in ('payment', 'refund', 'cancel', 'resell_refund', 'resell_sell', 'settlement', 'manual', 'correction')) not null, "source_key" text not null, "provider_id" text not null, "external_id" text not null, "generation" integer not null default 0, "vendor_document_id" text null, "status" text check ("status" in ('pending', 'sending', 'wait', 'done', 'unknown', 'failed', 'invalid', 'canceled')) not null default 'pending', "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "lease_until" timestamptz null, "lease_owner" text null, "status_checks" integer not null default 0, "last_checked_at" timestamptz null, "needs_attention" boolean not null default false, "document" jsonb null, "request" jsonb null, "response" jsonb null, "fiscal_document_number" text null, "fiscal_document_attribute" text null, "fiscal_receipt_number" text null, "shift_number" text null, "fn_number" text null, "ecr_registration_number" text null, "registered_at" timestamptz null, "ofd_receipt_url" text null, "total" numeric null, "error_code" text null, "error_message" text null, "error_kind" text check ("error_kind" in ('retryable', 'indeterminate', 'vendor_failed', 'invalid_data', 'config')) null, "parent_id" text null, "raw_total" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "fiscal_transaction_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_transaction_order_id" ON "fiscal_transaction" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_transaction_deleted_at" ON "fiscal_transaction" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_fiscal_transaction_source_key_unique" ON "fiscal_transaction" ("source_key") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_fiscal_transaction_provider_external_id_unique" ON "fiscal_transaction" ("provider_id", "external_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_transaction_status_next_attempt_at" ON "fiscal_transaction" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_fiscal_transaction_parent_id" ON "fiscal_transaction" ("parent_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fiscal_attempt" cascade;`)

    this.addSql(`drop table if exists "fiscal_settings" cascade;`)

    this.addSql(`drop table if exists "fiscal_transaction" cascade;`)
  }
}
