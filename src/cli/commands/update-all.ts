import type {
  AdminFiscalBulkCheckResponse,
  AdminFiscalBulkRetryResponse,
  AdminFiscalReceiptDetailResponse,
  AdminFiscalReceiptListResponse,
} from "../../types/http/receipts"
import type { ReceiptStatus } from "../../types/lists"
import { CliError, EXIT } from "../exit-codes"
import {
  needsPerson,
  receiptsTable,
  withoutDocument,
  type ReceiptView,
} from "../receipts-view"
import type { CommandContext, CommandSpec } from "./types"
import { intOption } from "./values"

/** The list route's largest page. */
const PAGE = 200

/**
 * Every receipt in `status`, listed before any is touched: checking moves receipts out of
 * the status, which would shift the pages under a paging loop.
 */
async function idsIn(
  ctx: CommandContext,
  status: ReceiptStatus
): Promise<string[]> {
  const ids: string[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await ctx.client().json<AdminFiscalReceiptListResponse>({
      path: "/admin/fiscal/receipts",
      query: { status, limit: PAGE, offset },
    })
    ids.push(...page.receipts.map((r) => r.id))
    if (page.receipts.length < PAGE || offset + PAGE >= page.count) {
      return ids
    }
  }
}

/** `ids` in slices of `size`. */
const batches = (ids: string[], size: number) =>
  Array.from({ length: Math.ceil(ids.length / size) }, (_, i) =>
    ids.slice(i * size, (i + 1) * size)
  )

/**
 * Checks one batch. The route refuses a single id that is no longer waiting (the store's own
 * job checked it meanwhile), where a longer batch answers such rows unchanged; the lone
 * receipt is then read as it is.
 */
async function checkBatch(
  ctx: CommandContext,
  ids: string[]
): Promise<ReceiptView[]> {
  try {
    return (
      await ctx.client().json<AdminFiscalBulkCheckResponse>({
        method: "POST",
        path: "/admin/fiscal/receipts/check",
        body: { ids },
      })
    ).receipts
  } catch (e) {
    if (ids.length !== 1 || (e as CliError).exitCode !== EXIT.refused) {
      throw e
    }
    return [
      (
        await ctx.client().json<AdminFiscalReceiptDetailResponse>({
          path: `/admin/fiscal/receipts/${ids[0]}`,
        })
      ).receipt,
    ]
  }
}

/** `update-all`: checks every receipt the services are processing, and asks again about lost answers. */
export const updateAll: CommandSpec = {
  name: "update-all",
  args: "",
  summary: "Check every waiting receipt with the cash-register service now",
  details:
    "Lists every receipt the service is processing (wait) and checks them in batches, then\n" +
    "asks again, under the same external id, about every receipt whose answer was lost\n" +
    "(unknown); the store resolves those in the background. Progress goes to stderr\n" +
    "(checked 50/230). Exits 1 when a checked receipt failed.",
  options: {
    batch: {
      type: "string",
      value: "<n>",
      help: "Receipts per request (1–100, default 25).",
    },
  },
  async run(ctx) {
    const size = intOption(ctx.values.batch, "batch", {
      min: 1,
      max: 100,
      fallback: 25,
    })
    const waiting = await idsIn(ctx, "wait")
    const unknown = await idsIn(ctx, "unknown")
    const checked: ReceiptView[] = []
    for (const batch of batches(waiting, size)) {
      checked.push(...(await checkBatch(ctx, batch)))
      ctx.progress(`checked ${checked.length}/${waiting.length}`)
    }
    const retried: AdminFiscalBulkRetryResponse["results"] = []
    for (const batch of batches(unknown, size)) {
      const { results } = await ctx
        .client()
        .json<AdminFiscalBulkRetryResponse>({
          method: "POST",
          path: "/admin/fiscal/receipts/retry",
          body: { ids: batch },
        })
      retried.push(...results)
      ctx.progress(`asked again ${retried.length}/${unknown.length}`)
    }
    const byStatus: Record<string, number> = {}
    for (const r of checked) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
    const problems = checked.filter(needsPerson)
    const refusals = retried.filter((r) => r.error)
    const lines = [
      waiting.length
        ? `Checked ${checked.length} waiting receipt(s): ${Object.entries(
            byStatus
          )
            .map(([s, n]) => `${n} ${s}`)
            .join(", ")}.`
        : "No receipt is waiting for the service.",
      unknown.length
        ? `Asked again about ${retried.length - refusals.length} receipt(s) whose answer was lost; the store resolves them in the background.`
        : "No receipt has a lost answer.",
    ]
    if (problems.length) {
      lines.push("", "Need a person:", receiptsTable(problems))
    }
    for (const r of refusals) {
      lines.push(`${r.id}: ${r.error}`)
    }
    return {
      exitCode: problems.length || refusals.length ? EXIT.problems : EXIT.ok,
      human: lines.join("\n"),
      json: {
        checked: checked.map(withoutDocument),
        retried: retried.map((r) =>
          r.receipt
            ? { id: r.id, receipt: withoutDocument(r.receipt) }
            : { id: r.id, error: r.error }
        ),
        by_status: byStatus,
      },
    }
  },
}
