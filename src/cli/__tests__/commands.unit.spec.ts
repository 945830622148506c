import { runCli } from ".."
import { KEY_REFUSED } from "../client"
import { EXIT } from "../exit-codes"
import type { FetchLike } from "../io"
import { deps, fakeStore, receipt, type Routes } from "./fake-store"

async function run(routes: Routes, argv: string[]) {
  const store = fakeStore(routes)
  const io = deps(store.fetch)
  const code = await runCli(argv, io.deps)
  return { code, out: io.stdout(), err: io.stderr(), calls: store.calls }
}

/** The receipts list answering `rows` for any query. */
const listOf = (rows: unknown[]) => () => ({
  json: { receipts: rows, count: rows.length, offset: 0, limit: 200 },
})

describe("talking to the store", () => {
  it("sends the secret key as HTTP Basic, the way Medusa takes it on /admin", async () => {
    const { calls } = await run({ "GET /admin/fiscal/receipts": listOf([]) }, [
      "list",
    ])
    const header = calls[0].headers.authorization
    expect(header).toBe(
      `Basic ${Buffer.from("sk_test_secret:").toString("base64")}`
    )
  })

  it.each([401, 403])(
    "a refused key (%i) is exit 3 with what to do, and the key is never printed",
    async (status) => {
      const { code, out, err } = await run(
        {
          "GET /admin/fiscal/receipts": () => ({
            status,
            json: { message: "Unauthorized" },
          }),
        },
        ["list", "--json"]
      )
      expect(code).toBe(EXIT.auth)
      expect(err).toContain(KEY_REFUSED)
      expect(JSON.parse(out).error.exit_code).toBe(EXIT.auth)
      expect(out + err).not.toContain("sk_test_secret")
    }
  )

  it("an unreachable store is exit 5 naming the URL, without the password in it", async () => {
    const refused: FetchLike = async () => {
      throw Object.assign(new TypeError("fetch failed"), {
        cause: { code: "ECONNREFUSED" },
      })
    }
    const io = deps(refused, {
      MEDUSA_FISCAL_URL: "http://u:pw@shop.test:9000",
    })
    const code = await runCli(["list"], io.deps)
    expect(code).toBe(EXIT.unreachable)
    expect(io.stderr()).toContain(
      "The store at http://shop.test:9000 is unreachable (connection refused)"
    )
    expect(io.stderr()).not.toContain("pw")
  })

  it("a store's not-found is exit 4 with its message; a missing route says to update the plugin", async () => {
    const missing = await run(
      {
        "POST /admin/fiscal/orders/order_9/send": () => ({
          status: 404,
          json: { type: "not_found", message: "Order order_9 was not found." },
        }),
      },
      ["sell", "order_9"]
    )
    expect(missing.code).toBe(EXIT.notFound)
    expect(missing.err).toContain("Order order_9 was not found.")
    const noRoute = await run({}, ["report", "today"])
    expect(noRoute.code).toBe(EXIT.notFound)
    expect(noRoute.err).toContain("has no GET /admin/fiscal/reports")
  })

  it("a refusal is exit 6 with the store's reason; a failure is exit 7", async () => {
    const refused = await run(
      {
        "POST /admin/fiscal/orders/order_1/send": () => ({
          status: 400,
          json: { type: "not_allowed", message: "Nothing has been paid" },
        }),
      },
      ["sell", "order_1"]
    )
    expect(refused.code).toBe(EXIT.refused)
    expect(refused.err).toContain("The store refused: Nothing has been paid")
    const failed = await run(
      { "GET /admin/fiscal/receipts": () => ({ status: 500, json: {} }) },
      ["list"]
    )
    expect(failed.code).toBe(EXIT.storeError)
    expect(failed.err).toContain("HTTP 500")
  })

  it("an answer that is not JSON (a storefront's page) is exit 7", async () => {
    const { code, err } = await run(
      { "GET /admin/fiscal/receipts": () => ({ text: "<html>" }) },
      ["list"]
    )
    expect(code).toBe(EXIT.storeError)
    expect(err).toContain("not JSON")
  })
})

describe("sell, refund and resell", () => {
  it("sell posts Send to KKM and watches the receipts until they are registered", async () => {
    let polls = 0
    const { code, out, err, calls } = await run(
      {
        "POST /admin/fiscal/orders/order_1/send": () => ({
          json: { receipts: [receipt()] },
        }),
        "GET /admin/fiscal/receipts": () => {
          polls++
          return listOf([
            receipt(
              polls < 3
                ? { status: "wait" }
                : {
                    status: "done",
                    fiscal_document_number: "123",
                    fiscal_document_attribute: "456",
                  }
            ),
          ])()
        },
      },
      ["sell", "order_1"]
    )
    expect(code).toBe(EXIT.ok)
    expect(polls).toBe(3)
    expect(calls.find((c) => c.method === "GET")!.query.order_id).toBe(
      "order_1"
    )
    expect(out).toContain("Order order_1: 1 receipt(s) sent")
    expect(out).toMatch(
      /frc_1\s+sell\s+payment\s+done\s+1 234,50 ₽\s+ФД 123 ФП 456/
    )
    expect(err).toContain("waiting up to 30 s")
  })

  it("a receipt that failed makes sell exit 1 and says what to do", async () => {
    const failed = receipt({
      status: "failed",
      needs_attention: true,
      error_message: "ИНН не совпадает",
    })
    const { code, out } = await run(
      {
        "POST /admin/fiscal/orders/order_1/send": () => ({
          json: { receipts: [receipt()] },
        }),
        "GET /admin/fiscal/receipts": listOf([failed]),
      },
      ["sell", "order_1"]
    )
    expect(code).toBe(EXIT.problems)
    expect(out).toContain("needs attention: ИНН не совпадает")
    expect(out).toContain("need a person")
  })

  it("--wait gives up after its seconds and says the store is still at it; --json prints one document", async () => {
    const { code, out, calls } = await run(
      {
        "POST /admin/fiscal/orders/order_1/send": () => ({
          json: { receipts: [receipt({ document: { buyer: "x@y" } })] },
        }),
        "GET /admin/fiscal/receipts": listOf([receipt({ status: "wait" })]),
      },
      ["sell", "order_1", "--wait", "3", "--json"]
    )
    expect(code).toBe(EXIT.ok)
    const doc = JSON.parse(out)
    expect(doc).toMatchObject({ order_id: "order_1", settled: false })
    expect(doc.receipts[0].status).toBe("wait")
    expect(doc.receipts[0].document).toBeUndefined()
    expect(calls.filter((c) => c.method === "GET")).toHaveLength(4)
  })

  it("--wait 0 prints the receipts as recorded without watching", async () => {
    const { code, out, calls } = await run(
      {
        "POST /admin/fiscal/orders/order_1/send": () => ({
          json: { receipts: [receipt()] },
        }),
        "GET /admin/fiscal/receipts": listOf([receipt()]),
      },
      ["sell", "order_1", "--wait", "0"]
    )
    expect(code).toBe(EXIT.ok)
    expect(calls).toHaveLength(2)
    expect(out).toContain("still registering")
  })

  it("refund takes a refund id to its own route and an order id to the order's refunds", async () => {
    const refundRow = receipt({
      id: "frc_r",
      type: "sell_refund",
      reason: "refund",
      status: "done",
    })
    const byRefund = await run(
      {
        "POST /admin/fiscal/refunds/ref_1/send": () => ({
          json: { receipt: refundRow },
        }),
        "GET /admin/fiscal/receipts": listOf([refundRow]),
      },
      ["refund", "ref_1"]
    )
    expect(byRefund.code).toBe(EXIT.ok)
    expect(byRefund.out).toContain("Refund ref_1 of order order_1")
    const byOrder = await run(
      {
        "POST /admin/fiscal/orders/order_1/refunds/send": () => ({
          json: { receipts: [refundRow] },
        }),
        "GET /admin/fiscal/receipts": listOf([refundRow]),
      },
      ["refund", "order_1"]
    )
    expect(byOrder.code).toBe(EXIT.ok)
    expect(byOrder.out).toContain("1 refund receipt(s)")
  })

  it("resell watches the refund step and then the new sale of the original receipt", async () => {
    const step = receipt({
      id: "frc_rr",
      type: "sell_refund",
      reason: "resell_refund",
      parent_id: "frc_orig",
    })
    let polls = 0
    const { code, out } = await run(
      {
        "POST /admin/fiscal/orders/order_1/resell": () => ({
          json: { receipt: step },
        }),
        "GET /admin/fiscal/receipts": () => {
          polls++
          const rows: unknown[] = [
            receipt({ id: "frc_orig", status: "done" }),
            { ...step, status: polls > 1 ? "done" : "wait" },
          ]
          if (polls > 2) {
            rows.push(
              receipt({
                id: "frc_rs",
                reason: "resell_sell",
                parent_id: "frc_orig",
                status: polls > 3 ? "done" : "pending",
              })
            )
          }
          return listOf(rows)()
        },
      },
      ["resell", "order_1"]
    )
    expect(code).toBe(EXIT.ok)
    expect(polls).toBe(4)
    expect(out).toContain(
      "Receipt frc_orig of order order_1 is being re-issued"
    )
    expect(out).toMatch(/frc_rr\s+sell_refund\s+resell_refund\s+done/)
    expect(out).toMatch(/frc_rs\s+sell\s+resell_sell\s+done/)
    expect(out).not.toMatch(/^frc_orig/m)
  })
})

describe("update and update-all", () => {
  it("update finds a receipt by the vendor's document id and checks it now", async () => {
    const waiting = receipt({ status: "wait", vendor_document_id: "uuid-1" })
    const { code, out, calls } = await run(
      {
        "GET /admin/fiscal/receipts": (c) =>
          listOf(c.query.vendor_document_id === "uuid-1" ? [waiting] : [])(),
        "POST /admin/fiscal/receipts/frc_1/check": () => ({
          json: { receipt: { ...waiting, status: "done" } },
        }),
      },
      ["update", "uuid-1"]
    )
    expect(code).toBe(EXIT.ok)
    expect(out).toContain("Checked with the service now: wait → done")
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /admin/fiscal/receipts",
      "POST /admin/fiscal/receipts/frc_1/check",
    ])
  })

  it("update falls back to the external id, and an id nothing has is exit 4", async () => {
    const found = await run(
      {
        "GET /admin/fiscal/receipts": (c) =>
          listOf(
            c.query.external_id === "frc_1-1"
              ? [receipt({ status: "done" })]
              : []
          )(),
      },
      ["update", "frc_1-1"]
    )
    expect(found.code).toBe(EXIT.ok)
    expect(found.out).toContain("Nothing to check: the receipt is done")
    const none = await run({ "GET /admin/fiscal/receipts": listOf([]) }, [
      "update",
      "nope",
    ])
    expect(none.code).toBe(EXIT.notFound)
  })

  it("an external id of an earlier generation names its receipt", async () => {
    const { code, out, calls } = await run(
      {
        "GET /admin/fiscal/receipts": listOf([]),
        "GET /admin/fiscal/receipts/frc_1": () => ({
          json: {
            receipt: receipt({ status: "done", external_id: "frc_1-2" }),
          },
        }),
      },
      ["update", "frc_1-1"]
    )
    expect(code).toBe(EXIT.ok)
    expect(out).toMatch(/External id\s+frc_1-2/)
    expect(calls.map((c) => [c.path, c.query])).toEqual([
      ["/admin/fiscal/receipts", { vendor_document_id: "frc_1-1", limit: "1" }],
      ["/admin/fiscal/receipts", { external_id: "frc_1-1", limit: "1" }],
      ["/admin/fiscal/receipts/frc_1", {}],
    ])
  })

  it("update of a receipt id reads it, and asks again about a lost answer", async () => {
    let polls = 0
    const { code, out, calls } = await run(
      {
        "GET /admin/fiscal/receipts/frc_1": () => ({
          json: { receipt: receipt({ status: "unknown" }) },
        }),
        "POST /admin/fiscal/receipts/frc_1/retry": () => ({
          json: { receipt: receipt({ status: "unknown" }) },
        }),
        "GET /admin/fiscal/receipts": () =>
          listOf([receipt({ status: ++polls > 1 ? "done" : "unknown" })])(),
      },
      ["update", "frc_1"]
    )
    expect(code).toBe(EXIT.ok)
    expect(out).toContain(
      "Asked the service again under the same external id: unknown → done"
    )
    expect(calls[1].path).toBe("/admin/fiscal/receipts/frc_1/retry")
  })

  it("update-all pages through the waiting receipts, checks them in batches with progress, and retries lost answers", async () => {
    const waiting = Array.from({ length: 230 }, (_, i) =>
      receipt({ id: `frc_${i}`, status: "wait" })
    )
    const { code, out, err, calls } = await run(
      {
        "GET /admin/fiscal/receipts": (c) => {
          const rows =
            c.query.status === "wait"
              ? waiting
              : [receipt({ id: "frc_u", status: "unknown" })]
          const offset = Number(c.query.offset)
          return {
            json: {
              receipts: rows.slice(offset, offset + Number(c.query.limit)),
              count: rows.length,
            },
          }
        },
        "POST /admin/fiscal/receipts/check": (c) => ({
          json: {
            receipts: (c.body as { ids: string[] }).ids.map((id) =>
              receipt({ id, status: id === "frc_7" ? "failed" : "done" })
            ),
          },
        }),
        "POST /admin/fiscal/receipts/retry": (c) => ({
          json: {
            results: (c.body as { ids: string[] }).ids.map((id) => ({
              id,
              receipt: receipt({ id, status: "unknown" }),
            })),
          },
        }),
      },
      ["update-all", "--batch", "100"]
    )
    const checks = calls.filter(
      (c) => c.path === "/admin/fiscal/receipts/check"
    )
    expect(checks.map((c) => (c.body as { ids: string[] }).ids.length)).toEqual(
      [100, 100, 30]
    )
    expect(err).toContain("checked 100/230")
    expect(err).toContain("checked 230/230")
    expect(err).toContain("asked again 1/1")
    expect(out).toContain("Checked 230 waiting receipt(s): 229 done, 1 failed.")
    expect(code).toBe(EXIT.problems)
  })

  it("update-all with one waiting receipt that the store's job checked meanwhile reads it instead", async () => {
    const { code, out } = await run(
      {
        "GET /admin/fiscal/receipts": (c) =>
          listOf(
            c.query.status === "wait" ? [receipt({ status: "wait" })] : []
          )(),
        "POST /admin/fiscal/receipts/check": () => ({
          status: 400,
          json: { message: "Receipt frc_1 is done" },
        }),
        "GET /admin/fiscal/receipts/frc_1": () => ({
          json: { receipt: receipt({ status: "done" }) },
        }),
      },
      ["update-all"]
    )
    expect(code).toBe(EXIT.ok)
    expect(out).toContain("Checked 1 waiting receipt(s): 1 done.")
  })
})

describe("report and list", () => {
  const report = (over: Record<string, unknown> = {}) => ({
    period: { from: "2026-11-30", to: "2026-12-06", preset: "week" },
    generated_at: "2026-12-07T09:00:00.000Z",
    totals: { count: 3, total: 300000 },
    by_status: {
      pending: { count: 0, total: 0 },
      done: { count: 2, total: 200000 },
      failed: { count: 1, total: 100000 },
    },
    by_type: {},
    registered_by_type: {
      sell: { count: 2, total: 200000 },
      sell_refund: { count: 0, total: 0 },
    },
    problems: [
      {
        receipt_id: "frc_bad",
        order_id: "order_1",
        order_display_id: 12,
        type: "sell",
        reason: "payment",
        status: "failed",
        needs_attention: true,
        total: 100000,
        error_code: "INN",
        error_message: "ИНН не совпадает",
        error_kind: "vendor_failed",
        provider_id: "atol",
        created_at: "2026-12-01T10:00:00.000Z",
        updated_at: "2026-12-01T10:00:00.000Z",
      },
    ],
    problems_count: 1,
    earlier_problems_count: 0,
    unreceipted: [
      {
        day: "2026-12-02",
        order_id: "order_2",
        order_display_id: 13,
        movement: { kind: "refund", id: "ref_2" },
        amount: 50000,
      },
    ],
    unreceipted_count: 1,
    unreceipted_total: 50000,
    unreconciled_days: [],
    ...over,
  })

  it("report prints totals, statuses, registered types, problems and money without a receipt; exit 1", async () => {
    const { code, out, calls } = await run(
      { "GET /admin/fiscal/reports": () => ({ json: { report: report() } }) },
      ["report", "week"]
    )
    expect(calls[0].query).toEqual({ period: "week" })
    expect(code).toBe(EXIT.problems)
    expect(out).toContain("Fiscal report 2026-11-30 – 2026-12-06 (week)")
    expect(out).toMatch(/All receipts\s+3\s+3 000,00 ₽/)
    expect(out).toMatch(/ {2}failed\s+1\s+1 000,00 ₽/)
    expect(out).not.toMatch(/ {2}pending/)
    expect(out).toMatch(/ {2}sell\s+2\s+2 000,00 ₽/)
    expect(out).toMatch(
      /frc_bad\s+#12 order_1\s+sell\s+failed\s+1 000,00 ₽\s+INN: ИНН не совпадает/
    )
    expect(out).toContain("Money without a receipt: 1 movement(s), 500,00 ₽")
    expect(out).toMatch(/2026-12-02\s+#13 order_2\s+refund ref_2\s+500,00 ₽/)
  })

  it("a clean report exits 0; a range goes as from and to; --csv prints the store's file", async () => {
    const clean = report({
      problems: [],
      problems_count: 0,
      unreceipted: [],
      unreceipted_count: 0,
      unreceipted_total: 0,
    })
    const ok = await run(
      { "GET /admin/fiscal/reports": () => ({ json: { report: clean } }) },
      ["report", "2026-12-01", "2026-12-06", "--json"]
    )
    expect(ok.code).toBe(EXIT.ok)
    expect(ok.calls[0].query).toEqual({ from: "2026-12-01", to: "2026-12-06" })
    expect(JSON.parse(ok.out).report.problems_count).toBe(0)
    const csv = await run(
      {
        "GET /admin/fiscal/reports": () => ({ text: "status;count\ndone;2\n" }),
      },
      ["report", "--csv"]
    )
    expect(csv.calls[0].query).toEqual({ period: "today", format: "csv" })
    expect(csv.out).toBe("status;count\ndone;2\n")
  })

  it("list passes the filters and pages past the route's 200", async () => {
    const rows = Array.from({ length: 450 }, (_, i) =>
      receipt({ id: `frc_${i}` })
    )
    const { code, out, calls } = await run(
      {
        "GET /admin/fiscal/receipts": (c) => {
          const offset = Number(c.query.offset)
          return {
            json: {
              receipts: rows.slice(offset, offset + Number(c.query.limit)),
              count: rows.length,
            },
          }
        },
      },
      [
        "list",
        "--status",
        "wait,failed",
        "--type",
        "sell",
        "--order",
        "order_1",
        "--attention",
        "--limit",
        "300",
      ]
    )
    expect(code).toBe(EXIT.ok)
    expect(calls.map((c) => [c.query.offset, c.query.limit])).toEqual([
      ["0", "200"],
      ["200", "100"],
    ])
    expect(calls[0].query).toMatchObject({
      status: "wait,failed",
      type: "sell",
      order_id: "order_1",
      needs_attention: "true",
    })
    expect(out).toContain("300 of 450 receipt(s).")
    expect(out.split("\n")[0]).toMatch(
      /^RECEIPT\s+CREATED\s+ORDER\s+TYPE\s+REASON\s+STATUS\s+TOTAL\s+NOTE$/
    )
    expect(out).toContain("2026-12-08 00:30 MSK")
  })
})
