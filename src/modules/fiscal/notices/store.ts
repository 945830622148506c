import { generateEntityId } from "@medusajs/framework/utils"
import type {
  AlertState,
  ReportDeliveryStatus,
  ReportSchedule,
} from "../../../types/lists"
import { placeholders, RECEIPT_NEEDS_A_PERSON, type SqlExecutor } from "../sql"

/** A stored alert (`fiscal_alert`). */
export type FiscalAlertRow = {
  id: string
  receipt_id: string
  order_id: string
  state: AlertState
  /** "" when the receipt had none. */
  error_code: string
  error_message: string | null
  delivered_at: Date | null
  created_at: Date
}

/** What an alert is recorded from: the receipt as it is in that state. */
export type AlertInput = Omit<
  FiscalAlertRow,
  "id" | "delivered_at" | "created_at"
>

/** A stored scheduled report email (`fiscal_report_delivery`). */
export type ReportDeliveryRow = {
  id: string
  kind: ReportSchedule
  period_from: string
  period_to: string
  status: ReportDeliveryStatus
  attempts: number
  recipients: string[]
  error: string | null
  sent_at: Date | null
  created_at: Date
}

/** Hand-overs of one scheduled report before it is given up. */
export const REPORT_DELIVERY_ATTEMPTS = 5

/** A report hand-over stuck in `sending` this long (its server died) is taken over. */
const SENDING_TAKEOVER_MINUTES = 15

/**
 * The alerts and the scheduled report emails (docs/architecture.md, "Reports and alerts"):
 * every claim is one statement, so servers running the same job never deliver twice.
 */
export class NoticeStore {
  constructor(private readonly sql_: SqlExecutor) {}

  /** Records an alert unless the receipt was alerted in this state with this error; true when new. */
  async recordAlert(input: AlertInput): Promise<boolean> {
    const rows = await this.sql_.execute(
      `INSERT INTO fiscal_alert (id, receipt_id, order_id, state, error_code,
         error_message, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, now(), now())
       ON CONFLICT (receipt_id, state, error_code) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [
        generateEntityId(undefined, "falert"),
        input.receipt_id,
        input.order_id,
        input.state,
        input.error_code,
        input.error_message,
      ]
    )
    return rows.length > 0
  }

  /**
   * Takes the alerts waiting for delivery, oldest first, marking them delivered in the same
   * statement; {@link releaseAlerts} puts them back when the notice could not be handed over.
   */
  async claimAlerts(limit: number): Promise<FiscalAlertRow[]> {
    const rows = await this.sql_.execute(
      `UPDATE fiscal_alert SET delivered_at = now(), updated_at = now()
       WHERE id IN (
         SELECT id FROM fiscal_alert
         WHERE delivered_at IS NULL AND deleted_at IS NULL
         ORDER BY created_at, id
         LIMIT ?
         FOR UPDATE SKIP LOCKED
       )
       RETURNING *`,
      [limit]
    )
    return (rows as unknown as FiscalAlertRow[]).sort(
      (a, b) =>
        new Date(a.created_at).getTime() - new Date(b.created_at).getTime() ||
        a.id.localeCompare(b.id)
    )
  }

  /** When the oldest alert waiting for delivery was recorded; null when none waits. */
  async oldestUndeliveredAlert(): Promise<Date | null> {
    const [row] = await this.sql_.execute(
      `SELECT min(created_at) AS oldest FROM fiscal_alert
       WHERE delivered_at IS NULL AND deleted_at IS NULL`
    )
    return row?.oldest ? new Date(row.oldest as string) : null
  }

  /** Puts claimed alerts back in the queue. */
  async releaseAlerts(ids: string[]): Promise<void> {
    if (!ids.length) {
      return
    }
    await this.sql_.execute(
      `UPDATE fiscal_alert SET delivered_at = NULL, updated_at = now()
       WHERE id IN (${placeholders(ids.length)})`,
      ids
    )
  }

  /**
   * Receipts changed since `since` that need a person but whose alert in their present state
   * with its present error was never recorded: an event that was lost. Read through the partial
   * index of such receipts.
   */
  async receiptsWithoutAlert(
    since: Date,
    limit: number
  ): Promise<Record<string, unknown>[]> {
    return this.sql_.execute(
      `SELECT r.* FROM fiscal_receipt r
       WHERE r.deleted_at IS NULL
         AND ${RECEIPT_NEEDS_A_PERSON}
         AND r.updated_at >= ?
         AND r.status NOT IN ('done', 'canceled')
         AND NOT EXISTS (
           SELECT 1 FROM fiscal_alert a
           WHERE a.receipt_id = r.id AND a.error_code = COALESCE(r.error_code, '')
             AND a.deleted_at IS NULL
             AND a.state = CASE WHEN r.status IN ('failed', 'invalid') THEN r.status
                                ELSE 'needs_attention' END
         )
       ORDER BY r.updated_at
       LIMIT ?`,
      [since, limit]
    )
  }

  /**
   * Takes the email of one scheduled report: inserts its row, or takes over one that failed
   * (fewer than {@link REPORT_DELIVERY_ATTEMPTS} times) or whose server died mid-send. Null
   * when it is sent, given up, or being sent by another server.
   */
  async claimReportDelivery(input: {
    kind: ReportSchedule
    period_from: string
    period_to: string
    recipients: string[]
  }): Promise<ReportDeliveryRow | null> {
    const rows = await this.sql_.execute(
      `INSERT INTO fiscal_report_delivery (id, kind, period_from, period_to, status, attempts,
         recipients, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'sending', 1, ?::jsonb, now(), now())
       ON CONFLICT (kind, period_from) WHERE deleted_at IS NULL DO UPDATE
         SET status = 'sending', attempts = fiscal_report_delivery.attempts + 1,
             recipients = EXCLUDED.recipients, updated_at = now()
         WHERE (fiscal_report_delivery.status = 'failed'
                AND fiscal_report_delivery.attempts < ?)
            OR (fiscal_report_delivery.status = 'sending'
                AND fiscal_report_delivery.updated_at < now() - interval '${SENDING_TAKEOVER_MINUTES} minutes')
       RETURNING *`,
      [
        generateEntityId(undefined, "frdel"),
        input.kind,
        input.period_from,
        input.period_to,
        JSON.stringify(input.recipients),
        REPORT_DELIVERY_ATTEMPTS,
      ]
    )
    return (rows[0] as ReportDeliveryRow | undefined) ?? null
  }

  /** Writes how a claimed report email ended. */
  async finishReportDelivery(
    id: string,
    outcome: { status: "sent" } | { status: "failed"; error: string }
  ): Promise<void> {
    await this.sql_.execute(
      `UPDATE fiscal_report_delivery
       SET status = ?, error = ?, sent_at = ?, updated_at = now()
       WHERE id = ?`,
      [
        outcome.status,
        outcome.status === "failed" ? outcome.error : null,
        outcome.status === "sent" ? new Date() : null,
        id,
      ]
    )
  }
}
