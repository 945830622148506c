import type { Logger } from "@medusajs/framework/types"
import {
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { FiscalAlert } from "./models/fiscal-alert"
import { FiscalAttempt } from "./models/fiscal-attempt"
import { FiscalMarkCode } from "./models/fiscal-mark-code"
import { FiscalSettings } from "./models/fiscal-settings"
import { FiscalReceipt } from "./models/fiscal-receipt"
import { FiscalReconciliationDay } from "./models/fiscal-reconciliation-day"
import { FiscalReconciliationFinding } from "./models/fiscal-reconciliation-finding"
import { FiscalReportDelivery } from "./models/fiscal-report-delivery"
import { NoticeStore } from "./notices/store"
import { placeholders, type SqlExecutor } from "./sql"
import { parseFiscalOptions, type FiscalOptions } from "./options"
import { ALLOWED_FROM, explainRefusal, externalIdFor } from "./transitions"
import type {
  ClaimedReceipt,
  EnsureReceiptInput,
  FiscalReceiptDTO,
  ReceiptStatus,
  RecordAttemptInput,
  TransitionOptions,
  TransitionPatch,
} from "./types/receipt"
import { rowToReceipt } from "./utils/row-to-receipt"
import type { EffectiveFiscalSettings } from "./settings/effective-settings"
import { FiscalSettingsService } from "./settings/service"
import { settingsStore } from "./settings/store"
import type { FiscalSettingsRecord } from "./settings/types"
import type { FiscalProviderDescription } from "./providers/registered-provider"
import { RegisteredFiscalProviders } from "./providers/registered-providers"
import type { FiscalProvider } from "./types/provider"
import type {
  FiscalConnectionTestBody,
  FiscalConnectionTestResponse,
  FiscalSettingsUpdateBody,
  FiscalSettingsView,
} from "../../types/http/settings"
import type { CorrectionRequest } from "../../types/lists"

/** What the module container gives the service. */
type InjectedDependencies = {
  logger: Logger
  manager: SqlExecutor
}

/** Columns a transition may write, in a fixed order. */
const PATCH_COLUMNS = [
  "vendor_document_id",
  "next_attempt_at",
  "document",
  "request",
  "response",
  "fiscal_document_number",
  "fiscal_document_attribute",
  "fiscal_receipt_number",
  "shift_number",
  "fn_number",
  "ecr_registration_number",
  "registered_at",
  "ofd_receipt_url",
  "error_code",
  "error_message",
  "error_kind",
  "needs_attention",
  "last_checked_at",
] as const

const JSON_COLUMNS = new Set(["document", "request", "response"])

/**
 * The fiscal module: the outbox of receipts the shop owes and its audit log.
 * It never speaks HTTP; providers do, called by the pipeline's functions, which the
 * scheduled jobs, the subscribers and the admin routes run.
 *
 * Every state change is one conditional SQL statement, so two workers, a crashed worker
 * and a duplicated event can never make the same receipt be sent twice.
 */
export default class FiscalModuleService extends MedusaService({
  FiscalReceipt,
  FiscalAttempt,
  FiscalSettings,
  FiscalMarkCode,
  FiscalReconciliationDay,
  FiscalReconciliationFinding,
  FiscalAlert,
  FiscalReportDelivery,
}) {
  protected readonly options_: FiscalOptions
  protected readonly logger_: Logger
  protected readonly sql_: SqlExecutor
  /** The cash-register services the providers loader registered. */
  protected readonly providers_: RegisteredFiscalProviders
  /** The shop's settings: the admin's row, stored credentials, effective settings. */
  protected readonly settings_: FiscalSettingsService
  /** Alerts and scheduled report emails (docs/architecture.md, "Reports and alerts"). */
  protected readonly notices_: NoticeStore

  constructor(deps: InjectedDependencies, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseFiscalOptions(options)
    this.logger_ = deps.logger
    this.sql_ = deps.manager
    this.notices_ = new NoticeStore(this.sql_)
    this.providers_ = new RegisteredFiscalProviders(
      deps as unknown as Record<string, unknown>,
      this.options_.provider
    )
    this.settings_ = new FiscalSettingsService({
      options: this.options_,
      providers: this.providers_,
      store: settingsStore({
        list: (filters) => this.listFiscalSettings(filters),
        update: (data) => this.updateFiscalSettings(data),
        execute: (sql, params) => this.sql_.execute(sql, params),
      }),
    })
  }

  /** The alerts and the scheduled report emails. */
  getNoticeStore(): NoticeStore {
    return this.notices_
  }

  /** The validated plugin options. Holds secrets: never return it from an API. */
  getOptions(): FiscalOptions {
    return this.options_
  }

  /** The stored settings row of the store (created on first use). Holds encrypted credentials. */
  async getSettingsRow(): Promise<FiscalSettingsRecord> {
    return this.settings_.getRow()
  }

  /**
   * The settings the pipeline runs with: defaults ← plugin options ← what the admin saved.
   * Contains decrypted credentials: internal only.
   */
  async getEffectiveSettings(
    options: { credentials?: boolean } = {}
  ): Promise<EffectiveFiscalSettings> {
    return this.settings_.getEffectiveSettings(options)
  }

  /** The secret vendor callbacks must carry; reads nothing else and decrypts nothing. */
  async getCallbackSecret(): Promise<string> {
    return this.settings_.getCallbackSecret()
  }

  /**
   * The settings form of the admin: effective values, secrets only as `{ set }`, the
   * callback URL (completed with `requestOrigin` when no `callback.base_url` is set).
   */
  async getSettingsView(requestOrigin: string): Promise<FiscalSettingsView> {
    return this.settings_.getView(requestOrigin)
  }

  /**
   * Saves the admin's settings; a connection is validated by its provider and prepared
   * (e.g. МодульКасса's association). Throws `FieldErrors` naming each wrong field.
   */
  async saveSettings(body: FiscalSettingsUpdateBody): Promise<void> {
    return this.settings_.save(body)
  }

  /** Tests an unsaved connection form; throws `FieldErrors` when it does not validate. */
  async testProviderConnection(
    body: FiscalConnectionTestBody
  ): Promise<FiscalConnectionTestResponse> {
    return this.settings_.testConnection(body)
  }

  /** The registered cash-register services with their connection forms. Holds no secret. */
  listProviders(): FiscalProviderDescription[] {
    return this.providers_.list().map((provider) => provider.describe())
  }

  /** Whether a provider is registered under `providerId`. */
  hasProvider(providerId: string): boolean {
    return this.providers_.has(providerId)
  }

  /**
   * The connection receipts of `providerId` go through: with the effective settings when it
   * is the shop's provider, else with its entry's options. Connections are shared per
   * identical configuration. Throws `ProviderSetupError` ("not installed", "not configured
   * correctly (field: rule)") with a message for the admin.
   */
  connectProvider(
    providerId: string,
    settings: Pick<EffectiveFiscalSettings, "provider_id" | "provider_config">
  ): FiscalProvider {
    return this.providers_.connect(providerId, settings)
  }

  /**
   * Creates the receipt for a cause, or returns the one that exists (by `source_key`).
   * One `INSERT … ON CONFLICT DO NOTHING`, so any number of concurrent callers for one
   * cause get one row.
   */
  async ensureReceipt(
    input: EnsureReceiptInput
  ): Promise<{ receipt: FiscalReceiptDTO; created: boolean }> {
    const id = generateEntityId(undefined, "frc")
    const inserted = await this.sql_.execute(
      `INSERT INTO fiscal_receipt
         (id, order_id, payment_id, capture_id, refund_id, fulfillment_id, type, reason,
          source_key, provider_id, external_id, generation, status, attempts,
          status_checks, needs_attention, next_attempt_at, parent_id, error_code, error_message, error_kind,
          correction, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, 0, false, ?, ?, ?, ?, ?, ?, now(), now())
       ON CONFLICT (source_key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING *`,
      [
        id,
        input.order_id,
        input.payment_id ?? null,
        input.capture_id ?? null,
        input.refund_id ?? null,
        input.fulfillment_id ?? null,
        input.type,
        input.reason,
        input.source_key,
        input.provider_id,
        externalIdFor(id, 0),
        input.status ?? "pending",
        input.status === "invalid"
          ? null
          : (input.next_attempt_at ?? new Date()),
        input.parent_id ?? null,
        input.error_code ?? null,
        input.error_message ?? null,
        input.status === "invalid" ? "invalid_data" : null,
        input.correction ? JSON.stringify(input.correction) : null,
      ]
    )
    if (inserted.length) {
      return { receipt: rowToReceipt(inserted[0]), created: true }
    }
    const existing = await this.sql_.execute(
      `SELECT * FROM fiscal_receipt WHERE source_key = ? AND deleted_at IS NULL`,
      [input.source_key]
    )
    if (!existing.length) {
      // the conflicting row was deleted between the two statements; try once more
      return this.ensureReceipt(input)
    }
    return { receipt: rowToReceipt(existing[0]), created: false }
  }

  /**
   * Claims rows due for sending, in one statement that also takes the lease, so two
   * workers never claim the same row and neither waits for the other (SKIP LOCKED).
   *
   * Due: `pending` or `unknown` whose `next_attempt_at` has come and whose lease is free,
   * and `sending` rows whose lease expired (their worker died mid-send). The returned
   * `claimed_from` says which, because the last two must be resolved with the same
   * external id.
   */
  async claimDue({
    limit,
    leaseMs,
    now = new Date(),
    owner,
    ids,
  }: {
    limit: number
    leaseMs: number
    now?: Date
    owner: string
    /** Only these rows, due or not (an admin's "send now", a test driving one row). */
    ids?: string[]
  }): Promise<ClaimedReceipt[]> {
    const byId = ids !== undefined
    if (byId && ids.length === 0) {
      return []
    }
    const rows = await this.sql_.execute(
      `WITH due AS (
         SELECT id, status AS claimed_from FROM fiscal_receipt
         WHERE deleted_at IS NULL
           AND (
             (status IN ('pending', 'unknown')
               AND ${byId ? `id IN (${placeholders(ids.length)})` : "next_attempt_at <= ?"}
               AND (lease_until IS NULL OR lease_until < ?))
             OR (status = 'sending' AND lease_until < ?
               ${byId ? `AND id IN (${placeholders(ids.length)})` : ""})
           )
         ORDER BY next_attempt_at NULLS FIRST, created_at
         LIMIT ?
         FOR UPDATE SKIP LOCKED
       )
       UPDATE fiscal_receipt t
       SET status = 'sending', lease_until = ?, lease_owner = ?,
           attempts = t.attempts + 1, updated_at = now()
       FROM due WHERE t.id = due.id
       RETURNING t.*, due.claimed_from`,
      [
        ...(byId ? ids : [now]),
        now,
        now,
        ...(byId ? ids : []),
        limit,
        new Date(now.getTime() + leaseMs),
        owner,
      ]
    )
    return rows.map((row) => ({
      ...rowToReceipt(row),
      claimed_from: row.claimed_from as ClaimedReceipt["claimed_from"],
    }))
  }

  /**
   * Extends this worker's lease on rows it still holds: the lease has not run out and no
   * other worker has taken the row over. Answers the ids still held; for any other row the
   * worker must stop, without calling the vendor (docs/architecture.md, "Exactly once").
   * Used as a heartbeat while a batch is worked, and as the fence right before an
   * irreversible vendor call.
   */
  async holdLeases({
    ids,
    owner,
    leaseMs,
    now = new Date(),
  }: {
    ids: string[]
    owner: string
    leaseMs: number
    now?: Date
  }): Promise<string[]> {
    if (!ids.length) {
      return []
    }
    const rows = await this.sql_.execute(
      `UPDATE fiscal_receipt SET lease_until = ?, updated_at = now()
       WHERE id IN (${placeholders(ids.length)}) AND deleted_at IS NULL
         AND lease_owner = ? AND lease_until > ? AND status IN ('sending', 'wait')
       RETURNING id`,
      [new Date(now.getTime() + leaseMs), ...ids, owner, now]
    )
    return rows.map((row) => row.id as string)
  }

  /**
   * Claims `wait` rows due for a status check: their `next_attempt_at` has come and their
   * lease is free. The status stays `wait`; the lease keeps other workers off the row and
   * the check counter grows by one.
   */
  async claimDueChecks({
    limit,
    leaseMs,
    now = new Date(),
    owner,
    ids,
  }: {
    limit: number
    leaseMs: number
    now?: Date
    owner: string
    /** Only these rows (a callback or an admin's "Check status"), due or not. */
    ids?: string[]
  }): Promise<FiscalReceiptDTO[]> {
    const byId = ids !== undefined
    if (byId && ids.length === 0) {
      return []
    }
    const rows = await this.sql_.execute(
      `WITH due AS (
         SELECT id FROM fiscal_receipt
         WHERE deleted_at IS NULL AND status = 'wait'
           AND (lease_until IS NULL OR lease_until < ?)
           AND ${byId ? `id IN (${placeholders(ids.length)})` : "next_attempt_at <= ?"}
         ORDER BY next_attempt_at NULLS FIRST, created_at
         LIMIT ?
         FOR UPDATE SKIP LOCKED
       )
       UPDATE fiscal_receipt t
       SET lease_until = ?, lease_owner = ?, status_checks = t.status_checks + 1,
           last_checked_at = ?, updated_at = now()
       FROM due WHERE t.id = due.id
       RETURNING t.*`,
      [
        now,
        ...(byId ? ids : [now]),
        limit,
        new Date(now.getTime() + leaseMs),
        owner,
        now,
      ]
    )
    return rows.map(rowToReceipt)
  }

  /**
   * Moves a receipt to `to`, writing `patch` in the same statement, if its current
   * status allows it (see `ALLOWED_FROM`) and, with `owner`, only while that worker holds
   * the lease. Refuses with a clear `NOT_ALLOWED` error otherwise.
   */
  async transition(
    id: string,
    to: ReceiptStatus,
    patch: TransitionPatch = {},
    options: TransitionOptions = {}
  ): Promise<FiscalReceiptDTO> {
    const sets: string[] = ["status = ?", "updated_at = now()"]
    const params: unknown[] = [to]
    for (const column of PATCH_COLUMNS) {
      if (patch[column] === undefined) {
        continue
      }
      const value = patch[column]
      if (JSON_COLUMNS.has(column)) {
        sets.push(`${column} = ?::jsonb`)
        params.push(value === null ? null : JSON.stringify(value))
      } else {
        sets.push(`${column} = ?`)
        params.push(value)
      }
    }
    if (patch.total !== undefined) {
      // bigNumber columns keep a raw twin that Medusa reads back
      sets.push("total = ?", "raw_total = ?::jsonb")
      params.push(
        patch.total,
        patch.total === null
          ? null
          : JSON.stringify({ value: String(patch.total), precision: 20 })
      )
    }
    if (patch.uncount_attempt) {
      sets.push("attempts = GREATEST(attempts - 1, 0)")
    }
    if (patch.regenerate) {
      sets.push(
        "generation = generation + 1",
        // the same rule as externalIdFor(): <id>-<generation>
        "external_id = id || '-' || (generation + 1)",
        "vendor_document_id = NULL",
        "status_checks = 0"
      )
    } else if (patch.reset_status_checks) {
      sets.push("status_checks = 0")
    }
    if (!options.keepLease) {
      sets.push("lease_until = NULL", "lease_owner = NULL")
    }
    const from = ALLOWED_FROM[to]
    params.push(id, ...from)
    let where = `id = ? AND deleted_at IS NULL AND status IN (${placeholders(from.length)})`
    if (options.owner) {
      where += " AND lease_owner = ?"
      params.push(options.owner)
    }
    const rows = await this.sql_.execute(
      `UPDATE fiscal_receipt SET ${sets.join(", ")} WHERE ${where} RETURNING *`,
      params
    )
    if (rows.length) {
      return rowToReceipt(rows[0])
    }
    const current = await this.sql_.execute(
      `SELECT status, lease_owner FROM fiscal_receipt WHERE id = ? AND deleted_at IS NULL`,
      [id]
    )
    if (!current.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Receipt ${id} was not found.`
      )
    }
    const current_status = current[0].status as ReceiptStatus
    if (options.owner && from.includes(current_status)) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Receipt ${id} is held by another worker now; this worker's lease expired.`
      )
    }
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      explainRefusal(id, current_status, to)
    )
  }

  /**
   * Freezes the document of a row being sent, before the first request leaves: a resend
   * after a crash sends exactly the same receipt. Only the lease holder may write it, and
   * only once.
   */
  async freezeDocument(
    id: string,
    owner: string,
    document: Record<string, unknown>,
    total: number
  ): Promise<boolean> {
    const rows = await this.sql_.execute(
      `UPDATE fiscal_receipt
       SET document = ?::jsonb, total = ?, raw_total = ?::jsonb, updated_at = now()
       WHERE id = ? AND status = 'sending' AND lease_owner = ? AND document IS NULL
       RETURNING id`,
      [
        JSON.stringify(document),
        total,
        JSON.stringify({ value: String(total), precision: 20 }),
        id,
        owner,
      ]
    )
    return rows.length > 0
  }

  /**
   * Moves a claimed row that the vendor certainly does not hold (claimed from `pending`,
   * no vendor document) to another provider: rows created before a provider was chosen,
   * or before the shop switched providers, go to the current one.
   */
  async repointProvider(
    id: string,
    owner: string,
    providerId: string
  ): Promise<FiscalReceiptDTO | null> {
    const rows = await this.sql_.execute(
      `UPDATE fiscal_receipt SET provider_id = ?, updated_at = now()
       WHERE id = ? AND status = 'sending' AND lease_owner = ? AND vendor_document_id IS NULL
       RETURNING *`,
      [providerId, id, owner]
    )
    return rows.length ? rowToReceipt(rows[0]) : null
  }

  /** Makes a `pending` or `unknown` row due at `at` (an admin's "retry now"). */
  async reschedule(id: string, at: Date): Promise<FiscalReceiptDTO> {
    const rows = await this.sql_.execute(
      `UPDATE fiscal_receipt SET next_attempt_at = ?, needs_attention = false, updated_at = now()
       WHERE id = ? AND status IN ('pending', 'unknown') AND deleted_at IS NULL RETURNING *`,
      [at, id]
    )
    if (!rows.length) {
      const current = await this.getReceipt(id)
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Receipt ${id} is ${current.status}; only pending or unknown receipts can be rescheduled.`
      )
    }
    return rowToReceipt(rows[0])
  }

  /** Gives a claimed row back without changing its status (e.g. a worker shutting down). */
  async releaseLease(id: string, owner: string): Promise<boolean> {
    const rows = await this.sql_.execute(
      `UPDATE fiscal_receipt SET lease_until = NULL, lease_owner = NULL, updated_at = now()
       WHERE id = ? AND lease_owner = ? RETURNING id`,
      [id, owner]
    )
    return rows.length > 0
  }

  /** Appends one vendor exchange to the audit log. */
  async recordAttempt(input: RecordAttemptInput): Promise<string> {
    const id = generateEntityId(undefined, "fatt")
    await this.sql_.execute(
      `INSERT INTO fiscal_attempt
         (id, receipt_id, provider_id, operation, external_id, generation, method, url,
          request, response, http_status, duration_ms, outcome, error_message,
          created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, now(), now())`,
      [
        id,
        input.receipt_id ?? null,
        input.provider_id,
        input.operation,
        input.external_id ?? null,
        input.generation ?? null,
        input.method ?? null,
        input.url ?? null,
        input.request === undefined ? null : JSON.stringify(input.request),
        input.response === undefined ? null : JSON.stringify(input.response),
        input.http_status ?? null,
        Math.max(0, Math.round(input.duration_ms ?? 0)),
        input.outcome,
        input.error_message ?? null,
      ]
    )
    return id
  }

  /**
   * Turns a receipt that was never registered (`failed` or `invalid`) into the correction
   * receipt of the same money movement, keeping its key so the movement still has one row
   * (docs/fiscal-rules.md, "Corrections"). The caller then queues it as a new generation.
   * Refuses with `NOT_ALLOWED` when the row has moved on meanwhile.
   */
  async makeCorrection(
    id: string,
    type: "sell_correction" | "sell_refund_correction",
    correction: CorrectionRequest
  ): Promise<FiscalReceiptDTO> {
    const rows = await this.sql_.execute(
      `UPDATE fiscal_receipt
          SET type = ?, reason = 'correction', correction = ?::jsonb, updated_at = now()
        WHERE id = ? AND status IN ('failed', 'invalid') AND deleted_at IS NULL
        RETURNING *`,
      [type, JSON.stringify(correction), id]
    )
    if (!rows.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Receipt ${id} is no longer failed or invalid: it may be on its way to the ` +
          `service. Reload the order and look at its status first.`
      )
    }
    return rowToReceipt(rows[0])
  }

  /** The receipt by id, as stored now. */
  async getReceipt(id: string): Promise<FiscalReceiptDTO> {
    const rows = await this.sql_.execute(
      `SELECT * FROM fiscal_receipt WHERE id = ? AND deleted_at IS NULL`,
      [id]
    )
    if (!rows.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Receipt ${id} was not found.`
      )
    }
    return rowToReceipt(rows[0])
  }

  /** The marking codes entered for an order, oldest first per line item. */
  async listOrderMarkCodes(orderId: string): Promise<FiscalMarkCodeRow[]> {
    const rows = await this.listFiscalMarkCodes(
      { order_id: orderId },
      { take: null, order: { ordinal: "ASC", created_at: "ASC" } }
    )
    return rows as unknown as FiscalMarkCodeRow[]
  }

  /** The codes of an order as the receipt engine takes them: by line item, in entry order. */
  async markCodesByItem(orderId: string): Promise<Record<string, string[]>> {
    const byItem: Record<string, string[]> = {}
    for (const row of await this.listOrderMarkCodes(orderId)) {
      ;(byItem[row.line_item_id] ??= []).push(row.code)
    }
    return byItem
  }

  /** The stored rows (not deleted) holding any of `codes`, anywhere in the shop. */
  async findMarkCodes(codes: string[]): Promise<FiscalMarkCodeRow[]> {
    if (!codes.length) {
      return []
    }
    const rows = await this.listFiscalMarkCodes({ code: codes }, { take: null })
    return rows as unknown as FiscalMarkCodeRow[]
  }

  /**
   * Stores codes for one line item after those it has, in one statement: all or none. A
   * code stored meanwhile (by another request) fails the unique index on `code`.
   */
  async addMarkCodes(input: {
    order_id: string
    line_item_id: string
    codes: { code: string; gtin: string }[]
  }): Promise<void> {
    const existing = await this.listFiscalMarkCodes(
      { line_item_id: input.line_item_id },
      { take: null, select: ["ordinal"] }
    )
    let next =
      existing.reduce((max, row) => Math.max(max, Number(row.ordinal)), -1) + 1
    await this.createFiscalMarkCodes(
      input.codes.map(({ code, gtin }) => ({
        order_id: input.order_id,
        line_item_id: input.line_item_id,
        code,
        gtin,
        ordinal: next++,
      }))
    )
  }
}

/** A stored marking code (`fiscal_mark_code`). */
export type FiscalMarkCodeRow = {
  id: string
  order_id: string
  line_item_id: string
  code: string
  gtin: string
  ordinal: number
  created_at: Date
}
