import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { isDay } from "../../../../lib/moscow-day"
import {
  ReportPeriodError,
  resolveReportPeriod,
  type ReportPeriod,
  type ReportPeriodQuery,
} from "../../../../lib/reports"
import { REPORT_PRESETS } from "../../../../types/http/reports"
import { TEXT_LANGUAGES } from "../../../../types/lists"

const day = z
  .string()
  .refine(isDay, "must be a day written YYYY-MM-DD (a Moscow calendar day)")

/**
 * Query of `GET /admin/fiscal/reports`: `period=today|yesterday|week`, or `from` (and
 * `to`, today by default); nothing asked is today. `format=csv` answers a file.
 */
export const AdminGetFiscalReport = z.strictObject({
  period: z
    .enum(REPORT_PRESETS, {
      error: () => `must be one of ${REPORT_PRESETS.join(", ")}`,
    })
    .optional(),
  from: day.optional(),
  to: day.optional(),
  format: z
    .enum(["json", "csv"], { error: () => "must be json or csv" })
    .default("json"),
  language: z
    .enum(TEXT_LANGUAGES, {
      error: () => `must be one of ${TEXT_LANGUAGES.join(", ")}`,
    })
    .default("ru"),
})

export type AdminGetFiscalReportType = z.infer<typeof AdminGetFiscalReport>

/** The report's period; a wrong one (reversed, over 366 days, both kinds) is a 400 saying why. */
export function reportPeriodOf(
  q: Pick<AdminGetFiscalReportType, "period" | "from" | "to">,
  now: Date
): ReportPeriod {
  try {
    return resolveReportPeriod(
      { preset: q.period, from: q.from, to: q.to },
      now
    )
  } catch (e) {
    if (e instanceof ReportPeriodError) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, e.message)
    }
    throw e
  }
}

/**
 * What the loader is asked for, once the period is known to be valid: the preset when it
 * was one (so the report says "yesterday"), else the range.
 */
export function reportQueryOf(
  q: Pick<AdminGetFiscalReportType, "period" | "from" | "to">,
  now: Date
): ReportPeriodQuery {
  const period = reportPeriodOf(q, now)
  return period.preset
    ? { preset: period.preset }
    : { from: period.from, to: period.to }
}
