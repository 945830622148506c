import type {
  AdminFiscalReceiptDetailResponse,
  AdminFiscalReceiptListResponse,
  AdminFiscalReceiptResponse,
} from "../../types/http/receipts"
import { CliError, EXIT, usageError } from "../exit-codes"
import {
  needsPerson,
  receiptDetail,
  withoutDocument,
  type ReceiptView,
} from "../receipts-view"
import { watchOrder } from "../watch"
import { pickIds } from "./acted"
import type { CommandContext, CommandSpec } from "./types"
import { WAIT_OPTION, waitSeconds } from "./values"

/**
 * A receipt id (`frc_…`). The external id sent to the vendor is the receipt id at first and
 * `<receipt id>-<n>` after the n-th new generation (docs/architecture.md, "The life of a
 * receipt"), so an external id of any generation names its receipt.
 */
const RECEIPT_ID = /^frc_[A-Za-z0-9]+$/
const EXTERNAL_ID = /^(frc_[A-Za-z0-9]+)-\d+$/

/** The receipt `ref` names: its id, the vendor's document id, or an external id. */
async function findReceipt(
  ctx: CommandContext,
  ref: string
): Promise<ReceiptView> {
  const client = ctx.client()
  const byId = async (id: string) =>
    (
      await client.json<AdminFiscalReceiptDetailResponse>({
        path: `/admin/fiscal/receipts/${id}`,
      })
    ).receipt
  if (RECEIPT_ID.test(ref)) {
    return byId(ref)
  }
  for (const filter of ["vendor_document_id", "external_id"]) {
    const page = await client.json<AdminFiscalReceiptListResponse>({
      path: "/admin/fiscal/receipts",
      query: { [filter]: ref, limit: 1 },
    })
    if (page.receipts.length) {
      return page.receipts[0]
    }
  }
  const earlier = EXTERNAL_ID.exec(ref)
  if (earlier) {
    // an earlier generation's external id: the receipt has gone on to a new one
    return byId(earlier[1])
  }
  throw new CliError(
    `No receipt has the id, vendor document id or external id ${ref}.`,
    EXIT.notFound
  )
}

/** `update <receipt|vendor id>`: asks the cash-register service about a receipt now. */
export const update: CommandSpec = {
  name: "update",
  args: "<receipt|vendor id>",
  summary: "Check a receipt's status with the cash-register service now",
  details:
    "Takes a receipt id (frc_…), the vendor's document id (ATOL's uuid, …) or the\n" +
    "external id sent to the vendor (the receipt id, frc_…-<n> after a resend). A receipt\n" +
    "the service is processing (wait) is checked now; one whose answer was lost (unknown)\n" +
    "is asked again under the same external id, so it is never registered twice, and\n" +
    "watched for --wait seconds. Any other is printed as it is.",
  options: { wait: WAIT_OPTION },
  async run(ctx) {
    if (ctx.positionals.length !== 1) {
      throw usageError("Give exactly one receipt id or vendor document id.")
    }
    const seconds = waitSeconds(ctx.values.wait)
    const before = await findReceipt(ctx, ctx.positionals[0])
    let after: ReceiptView = before
    let did: string
    if (before.status === "wait") {
      after = (
        await ctx.client().json<AdminFiscalReceiptResponse>({
          method: "POST",
          path: `/admin/fiscal/receipts/${before.id}/check`,
        })
      ).receipt
      did = `Checked with the service now: ${before.status} → ${after.status}.`
    } else if (before.status === "unknown") {
      await ctx.client().json<AdminFiscalReceiptResponse>({
        method: "POST",
        path: `/admin/fiscal/receipts/${before.id}/retry`,
      })
      const watched = await watchOrder(
        ctx,
        before.order_id,
        seconds,
        (rows) => {
          const found = pickIds([before.id])(rows)
          // pending, sending and unknown are still being resolved; wait is an answer
          return {
            ...found,
            settled: found.settled || found.receipts[0]?.status === "wait",
          }
        }
      )
      after = watched.receipts[0] ?? before
      did = `Asked the service again under the same external id: ${before.status} → ${after.status}.`
    } else {
      did = `Nothing to check: the receipt is ${before.status}${
        before.status === "pending"
          ? " (not sent yet; the store sends it at its next run)"
          : ""
      }.`
    }
    return {
      exitCode: needsPerson(after) ? EXIT.problems : EXIT.ok,
      human: `${receiptDetail(after)}\n\n${did}`,
      json: {
        receipt: withoutDocument(after),
        previous_status: before.status,
      },
    }
  },
}
