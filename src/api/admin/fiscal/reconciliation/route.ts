import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { ReconciliationPeriod } from "../../../../lib/reconciliation/types"
import { FISCAL_MODULE } from "../../../../modules/fiscal"
import type FiscalModuleService from "../../../../modules/fiscal/service"
import { runReconciliation } from "../../../../pipeline/reconciliation/run"
import { responseOf } from "../../../../pipeline/reconciliation/view"
import type { AdminReconciliationResponse } from "../../../../types/http/reconciliation"
import { parseBody } from "../helpers"
import {
  AdminGetReconciliation,
  AdminRunReconciliation,
  DEFAULT_READ_DAYS,
  MAX_READ_DAYS,
  MAX_RUN_DAYS,
  periodOf,
} from "./validators"

/**
 * The stored results of a period (docs/architecture.md, "Reconciliation runs"): its days,
 * their totals, a page of findings. Reads only what the runs stored, so a year answers as
 * fast as a day.
 */
async function readStored(
  scope: MedusaContainer,
  period: ReconciliationPeriod,
  page: {
    kind?: AdminReconciliationResponse["findings"][number]["kind"]
    offset: number
    limit: number
  },
  now: Date
): Promise<AdminReconciliationResponse<Date>> {
  const fiscal = scope.resolve<FiscalModuleService>(FISCAL_MODULE)
  const range = { $gte: period.from, $lte: period.to }
  const [days, [findings, count]] = await Promise.all([
    fiscal.listFiscalReconciliationDays(
      { day: range },
      { take: null, order: { day: "ASC" } }
    ),
    fiscal.listAndCountFiscalReconciliationFindings(
      { day: range, ...(page.kind ? { kind: page.kind } : {}) },
      {
        skip: page.offset,
        take: page.limit,
        order: { day: "ASC", kind: "ASC", order_id: "ASC", id: "ASC" },
      }
    ),
  ])
  return responseOf({
    period,
    days: days as unknown as Record<string, unknown>[],
    findings: findings as unknown as Record<string, unknown>[],
    count,
    offset: page.offset,
    limit: page.limit,
    now,
  })
}

/**
 * `GET /admin/fiscal/reconciliation?from&to&kind&offset&limit`: the stored reconciliation
 * of the range (the last 30 Moscow days by default, at most 366), findings of one kind
 * when `kind` is given.
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const q = parseBody(AdminGetReconciliation, req.query)
  const now = new Date()
  const period = periodOf(q, now, {
    maxDays: MAX_READ_DAYS,
    defaultDays: DEFAULT_READ_DAYS,
  })
  res.json(
    (await readStored(
      req.scope,
      period,
      q,
      now
    )) satisfies AdminReconciliationResponse<Date>
  )
}

/**
 * `POST /admin/fiscal/reconciliation` `{ from, to }`: reconciles the range now (at most
 * 92 days; days after today are skipped), stores it, and answers like `GET` with the
 * first page of findings.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const body = parseBody(AdminRunReconciliation, req.body)
  const now = new Date()
  const period = periodOf(body, now, {
    maxDays: MAX_RUN_DAYS,
    defaultDays: MAX_RUN_DAYS,
  })
  await runReconciliation(req.scope, period, now)
  res.json(
    (await readStored(
      req.scope,
      period,
      { offset: 0, limit: 50 },
      new Date()
    )) satisfies AdminReconciliationResponse<Date>
  )
}
