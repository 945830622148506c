import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { addDays, dayStart } from "../../lib/moscow-day"
import {
  REPORT_LIMITS,
  buildFiscalReport,
  resolveReportPeriod,
  type ReportPeriodQuery,
} from "../../lib/reports"
import {
  readReportRows,
  type ReportUnreceiptedRow,
} from "../../modules/fiscal/reports/queries"
import type { SqlExecutor } from "../../modules/fiscal/sql"
import type {
  FiscalReport,
  ReportProblem,
  ReportUnreceipted,
} from "../../types/http/reports"
import { orderNumbers } from "../order-numbers"

/** The knex instance Medusa registers for the database, as much of it as the report runs. */
type Knex = {
  raw(
    sql: string,
    bindings: unknown[]
  ): Promise<{ rows: Record<string, unknown>[] }>
}

/**
 * Raw statements through the application's database connection: the report only reads,
 * and reading the fiscal tables with the shop's orders' numbers needs no module
 * transaction (docs/architecture.md, "Reports and alerts").
 */
function sqlOf(container: MedusaContainer): SqlExecutor {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  return {
    execute: async (sql, params = []) => (await knex.raw(sql, params)).rows,
  }
}

/** A stored finding's order number: digits come back a number, as the reconciliation answers it. */
function storedDisplayId(value: string | null): number | string | null {
  return value === null
    ? null
    : /^\d{1,15}$/.test(value)
      ? Number(value)
      : value
}

function unreceiptedOf(row: ReportUnreceiptedRow): ReportUnreceipted {
  return {
    day: row.day,
    order_id: row.order_id,
    order_display_id: storedDisplayId(row.order_display_id),
    movement:
      row.movement_kind && row.movement_id
        ? { kind: row.movement_kind, id: row.movement_id }
        : null,
    amount: row.amount,
  }
}

/**
 * The fiscal report of a preset or a range of Moscow days (docs/architecture.md,
 * "Reports and alerts"): the receipts recorded in it counted and summed in SQL, its problem
 * receipts with their orders' numbers, the earlier ones still waiting, and the money
 * without a receipt the stored reconciliation found. Throws `ReportPeriodError` for a
 * period it cannot report on.
 */
export async function loadFiscalReport(
  container: MedusaContainer,
  query: ReportPeriodQuery,
  now: Date = new Date()
): Promise<FiscalReport> {
  const period = resolveReportPeriod(query, now)
  const rows = await readReportRows(sqlOf(container), {
    start: new Date(dayStart(period.from)),
    end: new Date(dayStart(addDays(period.to, 1))),
    fromDay: period.from,
    toDay: period.to,
    limits: {
      problems: REPORT_LIMITS.problems,
      unreceipted: REPORT_LIMITS.unreceipted,
    },
  })
  const numbers = await orderNumbers(
    container,
    rows.problems.map((p) => p.order_id)
  )
  const problems: ReportProblem[] = rows.problems.map((p) => ({
    ...p,
    order_display_id: numbers.get(p.order_id) ?? null,
  }))
  return buildFiscalReport({
    period,
    now,
    groups: rows.groups,
    problems,
    problemsCount: rows.problemsCount,
    earlierProblemsCount: rows.earlierProblemsCount,
    unreceipted: rows.unreceipted.map(unreceiptedOf),
    unreceiptedCount: rows.unreceiptedCount,
    unreceiptedTotal: rows.unreceiptedTotal,
    reconciledDays: rows.reconciledDays,
  })
}
