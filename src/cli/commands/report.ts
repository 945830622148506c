import { isDay } from "../../lib/moscow-day"
import {
  REPORT_PRESETS,
  type AdminFiscalReportResponse,
} from "../../types/http/reports"
import { EXIT, usageError } from "../exit-codes"
import { reportView } from "../report-view"
import type { CommandSpec } from "./types"

/** The query of the period the arguments name: a preset, or two Moscow days. */
function periodQuery(args: string[]): Record<string, string> {
  if (args.length === 0) {
    return { period: "today" }
  }
  if (
    args.length === 1 &&
    (REPORT_PRESETS as readonly string[]).includes(args[0])
  ) {
    return { period: args[0] }
  }
  if (args.length === 2 && args.every(isDay)) {
    return { from: args[0], to: args[1] }
  }
  throw usageError(
    `The period is ${REPORT_PRESETS.join(", ")}, or two Moscow days <from> <to> written YYYY-MM-DD; got ${JSON.stringify(args.join(" "))}.`
  )
}

/** `report`: the period's receipts, problems and money without a receipt. */
export const report: CommandSpec = {
  name: "report",
  args: "[today|yesterday|week|<from> <to>]",
  summary: "What happened to the receipts of a period (today by default)",
  details:
    "Counts the receipts recorded in the period (Moscow days) by status and the registered\n" +
    "ones by type, with their money; lists the receipts that need a person, with their\n" +
    "order and message, and the money the reconciliation found without a receipt. `week`\n" +
    "is the seven days up to yesterday. Exits 1 when the period has problems or money\n" +
    "without a receipt, so a scheduled `medusa-fiscal report yesterday` can alert.",
  options: {
    csv: {
      type: "boolean",
      help: "Print the report as the store's CSV file instead (one row per status and type, then the problems).",
    },
  },
  async run(ctx) {
    const query = periodQuery(ctx.positionals)
    if (ctx.values.csv) {
      const csv = await ctx.client().text({
        path: "/admin/fiscal/reports",
        query: { ...query, format: "csv" },
      })
      return { exitCode: EXIT.ok, human: csv.replace(/\n$/, ""), json: null }
    }
    const { report } = await ctx.client().json<AdminFiscalReportResponse>({
      path: "/admin/fiscal/reports",
      query,
    })
    const troubled = report.problems_count > 0 || report.unreceipted_count > 0
    return {
      exitCode: troubled ? EXIT.problems : EXIT.ok,
      human: reportView(report),
      json: { report },
    }
  },
}
