import type { AdminFiscalReceiptListResponse } from "../../types/http/receipts"
import { RECEIPT_STATUSES, RECEIPT_TYPES } from "../../types/lists"
import { EXIT, usageError } from "../exit-codes"
import {
  receiptsTable,
  withoutDocument,
  type ReceiptView,
} from "../receipts-view"
import type { CommandSpec } from "./types"
import { intOption } from "./values"

/** The list route's largest page. */
const PAGE = 200

/** A comma-separated option checked against its closed list (src/types/lists.ts). */
function listOption(
  raw: string | boolean | undefined,
  name: string,
  allowed: readonly string[]
): string | undefined {
  if (typeof raw !== "string") {
    return undefined
  }
  const values = raw.split(",").filter(Boolean)
  const wrong = values.filter((v) => !allowed.includes(v))
  if (wrong.length || !values.length) {
    throw usageError(
      `--${name} takes ${allowed.join(", ")} (comma-separated); got ${JSON.stringify(raw)}.`
    )
  }
  return values.join(",")
}

/** `list`: receipts, newest first, with the admin list's filters. */
export const list: CommandSpec = {
  name: "list",
  args: "",
  summary: "List receipts, newest first",
  details:
    "Prints receipts with their order, type, status, total and what went wrong, newest\n" +
    "first. Filters combine. Times are Moscow time, like the reports.",
  options: {
    status: {
      type: "string",
      value: "<s,…>",
      help: `Only these statuses: ${RECEIPT_STATUSES.join(", ")}.`,
    },
    type: {
      type: "string",
      value: "<t,…>",
      help: `Only these types: ${RECEIPT_TYPES.join(", ")}.`,
    },
    order: {
      type: "string",
      value: "<order,…>",
      help: "Only the receipts of these orders (order_…).",
    },
    attention: {
      type: "boolean",
      help: "Only receipts that need a person.",
    },
    limit: {
      type: "string",
      value: "<n>",
      help: "At most this many (1–5000, default 50).",
    },
  },
  async run(ctx) {
    if (ctx.positionals.length) {
      throw usageError(
        `list takes no arguments; got ${ctx.positionals.join(" ")}. Filter with --order, --status, --type.`
      )
    }
    const limit = intOption(ctx.values.limit, "limit", {
      min: 1,
      max: 5000,
      fallback: 50,
    })
    const query = {
      status: listOption(ctx.values.status, "status", RECEIPT_STATUSES),
      type: listOption(ctx.values.type, "type", RECEIPT_TYPES),
      order_id:
        typeof ctx.values.order === "string" ? ctx.values.order : undefined,
      needs_attention: ctx.values.attention ? "true" : undefined,
    }
    const receipts: ReceiptView[] = []
    let count = 0
    while (receipts.length < limit) {
      const page = await ctx.client().json<AdminFiscalReceiptListResponse>({
        path: "/admin/fiscal/receipts",
        query: {
          ...query,
          offset: receipts.length,
          limit: Math.min(PAGE, limit - receipts.length),
        },
      })
      count = page.count
      receipts.push(...page.receipts)
      if (!page.receipts.length || receipts.length >= count) break
    }
    const human = receipts.length
      ? `${receiptsTable(receipts, { withOrder: true })}\n\n${receipts.length} of ${count} receipt(s).`
      : "No receipts match."
    return {
      exitCode: EXIT.ok,
      human,
      json: { receipts: receipts.map(withoutDocument), count },
    }
  },
}
