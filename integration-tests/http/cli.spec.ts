import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { execFile } from "node:child_process"
import { createServer } from "node:net"
import path from "node:path"
import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import type FiscalModuleService from "../../src/modules/fiscal/service"
import { runCli, EXIT } from "../../src/cli"
import { KEY_REFUSED } from "../../src/cli/client"
import { adminHeaders } from "../helpers/admin"
import {
  capturePayment,
  placeAuthorizedOrder,
  refundPayment,
  setUpCatalog,
  type Catalog,
} from "../helpers/flows"
import {
  drive,
  receiptsOfOrder,
  settleOrder,
  setUpStore,
  type Tx,
} from "../helpers/store"
import { atolTestOptions, startTestAtol } from "../helpers/test-app"

jest.setTimeout(600_000)

/** The console as a shop runs it: the package's bin, which loads the built plugin. */
const BIN = path.resolve(__dirname, "../../bin/medusa-fiscal.js")

const EMULATOR_PORT = Number(process.env.FISCAL_TEST_CLI_PORT || 48_260)
process.env.FISCAL_TEST_OPTIONS = JSON.stringify(
  atolTestOptions(EMULATOR_PORT, { timeoutMs: 5_000 })
)

/** How long a command may watch its receipts: a bound, reached only when something is wrong. */
const WAIT = ["--wait", "240"]

type Run = { code: number; out: string; err: string }

/** Runs the bin in a child process; the store answers from this process meanwhile. */
function runBin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 300_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : -1) : 0,
          out: stdout,
          err: stderr,
        })
    )
  })
}

/** Runs the console in this process, as the unit tests do, against the real store. */
async function runHere(
  args: string[],
  env: Record<string, string>
): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, {
    env,
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    fetch: fetch as unknown as Parameters<typeof runCli>[1]["fetch"],
  })
  return { code, out: out.join(""), err: err.join("") }
}

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}

let emulator: AtolEmulator

beforeAll(async () => {
  emulator = await startTestAtol(EMULATOR_PORT)
})

afterAll(async () => {
  await emulator?.close()
})

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }
    let catalog: Catalog
    /** The store and a secret API key, as a shop's cron job would have them. */
    let env: Record<string, string>

    const receiptsOf = (orderId: string) =>
      receiptsOfOrder(api, headers, orderId)
    const settle = (orderId: string, count: number) =>
      settleOrder(getContainer(), api, headers, orderId, count)
    const variant = (title: string) => catalog.variants[title].id
    const bin = (...args: string[]) => runBin(args, env)
    const here = (...args: string[]) => runHere(args, env)
    /** Runs with the subscribers off, as if their events were lost. */
    const withReceiptsOff = async <T>(work: () => Promise<T>): Promise<T> => {
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const settings = await fiscal.getSettingsRow()
      await fiscal.updateFiscalSettings({ id: settings.id, enabled: false })
      try {
        return await work()
      } finally {
        await fiscal.updateFiscalSettings({ id: settings.id, enabled: true })
      }
    }
    const paidOrder = async () => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
      ])
      const capture = await capturePayment(api, headers, order.paymentId)
      return { ...order, capture }
    }

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
      const store = await setUpStore(api, headers)
      catalog = await setUpCatalog(api, headers, store)
      await emulator.reset()
      const { data } = await api.post(
        "/admin/api-keys",
        { title: "Console", type: "secret" },
        headers
      )
      env = {
        MEDUSA_FISCAL_URL: (api as unknown as { defaults: { baseURL: string } })
          .defaults.baseURL,
        MEDUSA_FISCAL_KEY: data.api_key.token,
      }
      expect(env.MEDUSA_FISCAL_KEY).toMatch(/^sk_/)
    })

    it("sell records the receipt an order is missing and prints it registered; list and update read it", async () => {
      const order = await withReceiptsOff(() =>
        placeAuthorizedOrder(api, headers, catalog, [
          { variantId: variant("base"), quantity: 2 },
        ]).then(async (o) => ({
          ...o,
          capture: await capturePayment(api, headers, o.paymentId),
        }))
      )
      expect(await receiptsOf(order.id)).toEqual([])

      const [sold] = await Promise.all([
        bin("sell", order.id, "--json", ...WAIT),
        settle(order.id, 1),
      ])
      expect(sold.code).toBe(EXIT.ok)
      const doc = JSON.parse(sold.out)
      expect(doc).toMatchObject({ order_id: order.id, settled: true })
      expect(doc.receipts).toHaveLength(1)
      const receipt = doc.receipts[0]
      expect(receipt).toMatchObject({
        status: "done",
        type: "sell",
        reason: "manual",
        capture_id: order.capture.captureId,
      })
      expect(receipt.document).toBeUndefined()

      // nothing is missing now: Send to KKM is refused with the store's reason
      const again = await bin("sell", order.id)
      expect(again.code).toBe(EXIT.refused)
      expect(again.err).toContain("has its receipt")

      const listed = await bin("list", "--order", order.id)
      expect(listed.code).toBe(EXIT.ok)
      expect(listed.out).toMatch(
        new RegExp(`${receipt.id}\\s.*${order.id}\\s+sell\\s+manual\\s+done\\s`)
      )
      expect(listed.out).toContain("1 of 1 receipt(s).")

      for (const ref of [receipt.vendor_document_id, receipt.external_id]) {
        const updated = await here("update", ref, "--json")
        expect(updated.code).toBe(EXIT.ok)
        expect(JSON.parse(updated.out)).toMatchObject({
          receipt: { id: receipt.id, status: "done" },
          previous_status: "done",
        })
      }
      const human = await here("update", receipt.id)
      expect(human.out).toContain("Nothing to check: the receipt is done")
      expect(human.out).toMatch(/ФД \/ ФП\s+\S+ \/ \S+/)
    })

    it("refund sends one refund's receipt by its id, and an order's missing refund receipts by the order's id", async () => {
      const order = await paidOrder()
      await settle(order.id, 1)
      const first = await withReceiptsOff(() =>
        refundPayment(api, headers, order.paymentId, 300)
      )
      const [byRefund] = await Promise.all([
        here("refund", first.refundId, "--json", ...WAIT),
        settle(order.id, 2),
      ])
      expect(byRefund.code).toBe(EXIT.ok)
      const one = JSON.parse(byRefund.out)
      expect(one.receipts).toHaveLength(1)
      expect(one.receipts[0]).toMatchObject({
        refund_id: first.refundId,
        type: "sell_refund",
        status: "done",
      })

      const second = await withReceiptsOff(() =>
        refundPayment(api, headers, order.paymentId, 200)
      )
      const [byOrder] = await Promise.all([
        bin("refund", order.id, "--json", ...WAIT),
        settle(order.id, 3),
      ])
      expect(byOrder.code).toBe(EXIT.ok)
      const all = JSON.parse(byOrder.out)
      expect(all.receipts.map((r: Tx) => [r.refund_id, r.status])).toEqual([
        [second.refundId, "done"],
      ])

      const registered = await bin("refund", first.refundId)
      expect(registered.code).toBe(EXIT.refused)
      expect(registered.err).toContain("already has its registered receipt")
      const none = await bin("refund", order.id)
      expect(none.code).toBe(EXIT.refused)
      expect(none.err).toContain("Every refund of order")
      const unknown = await bin("refund", "ref_does_not_exist")
      expect(unknown.code).toBe(EXIT.notFound)
    })

    it("resell re-issues the order's registered sale: a refund of it, then the sale again, both under new ids", async () => {
      const order = await paidOrder()
      const [original] = await settle(order.id, 1)

      const newId = await bin("resell", order.id, "--new-id")
      expect(newId.code).toBe(EXIT.usage)
      expect(newId.err).toContain("own external ids")

      const [resold] = await Promise.all([
        bin("resell", order.id, "--json", ...WAIT),
        settle(order.id, 3),
      ])
      expect(resold.code).toBe(EXIT.ok)
      const doc = JSON.parse(resold.out)
      expect(doc.settled).toBe(true)
      expect(
        doc.receipts.map((r: Tx) => [r.reason, r.status, r.parent_id])
      ).toEqual([
        ["resell_refund", "done", original.id],
        ["resell_sell", "done", original.id],
      ])
      const ids = doc.receipts.map((r: Tx) => r.external_id)
      expect(ids).not.toContain(original.external_id)
    })

    it("update and update-all ask the service about receipts it is still processing", async () => {
      await emulator.setFaults({ stuckInWait: true })
      const a = await paidOrder()
      const b = await paidOrder()
      const waiting = async () =>
        (
          await drive(
            getContainer(),
            async () => [
              ...(await receiptsOf(a.id)),
              ...(await receiptsOf(b.id)),
            ],
            (rows) =>
              rows.length === 2 && rows.every((r) => r.status === "wait")
          )
        ).filter((r) => r.status === "wait")
      const rows = await waiting()
      expect(rows).toHaveLength(2)

      const one = await bin("update", rows[0].vendor_document_id)
      expect(one.code).toBe(EXIT.ok)
      expect(one.out).toContain("Checked with the service now: wait → wait")
      expect(one.out).toContain(rows[0].id)

      const all = await here("update-all", "--json", "--batch", "1")
      expect(all.code).toBe(EXIT.ok)
      const doc = JSON.parse(all.out)
      const checked = doc.checked as Tx[]
      expect(checked.map((r) => r.id)).toEqual(
        expect.arrayContaining(rows.map((r) => r.id))
      )
      expect(checked.every((r) => r.status === "wait")).toBe(true)
      expect(all.err).toContain(`checked 1/${checked.length}`)
      expect(all.err).toContain(`checked ${checked.length}/${checked.length}`)

      await emulator.setFaults({ stuckInWait: false })
      await emulator.idle()
      const human = await bin("update-all")
      expect(human.code).toBe(EXIT.ok)
      // the store's own follow-up may have checked them first: either way they are done
      for (const row of rows) {
        const after = await here("update", row.id, "--json")
        expect(after.code).toBe(EXIT.ok)
        expect(JSON.parse(after.out).receipt.status).toBe("done")
      }
    })

    it("report shows the day's receipts and the failed one with its order and message; sell sends the failed one again", async () => {
      await emulator.setFaults({
        failNext: { count: 1, type: "agent", code: 2009 },
      })
      const order = await paidOrder()
      const [failed] = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.length === 1 && r[0].status === "failed"
      )
      expect(failed.status).toBe("failed")

      const report = await bin("report", "today")
      expect(report.code).toBe(EXIT.problems)
      expect(report.out).toMatch(/^Fiscal report \d{4}-\d{2}-\d{2} \(today\)/)
      expect(report.out).toMatch(/All receipts\s+1\s/)
      expect(report.out).toMatch(/ {2}failed\s+1\s/)
      expect(report.out).toContain("Problems: 1")
      expect(report.out).toMatch(
        new RegExp(`${failed.id}\\s+(#\\d+ )?${order.id}\\s+sell\\s+failed`)
      )

      const json = await here("report", "today", "--json")
      expect(json.code).toBe(EXIT.problems)
      const parsed = JSON.parse(json.out).report
      expect(
        parsed.problems.map((p: { receipt_id: string }) => p.receipt_id)
      ).toEqual([failed.id])
      expect(parsed.problems[0].error_message).toBeTruthy()

      const csv = await here("report", "today", "--csv")
      expect(csv.code).toBe(EXIT.ok)
      expect(csv.out).toContain(failed.id)

      const attention = await here("list", "--attention", "--json")
      expect(attention.code).toBe(EXIT.ok)
      expect(JSON.parse(attention.out).receipts.map((r: Tx) => r.id)).toEqual([
        failed.id,
      ])

      const [resent] = await Promise.all([
        bin("sell", order.id, "--json", ...WAIT),
        settle(order.id, 1),
      ])
      expect(resent.code).toBe(EXIT.ok)
      expect(JSON.parse(resent.out).receipts).toEqual([
        expect.objectContaining({
          id: failed.id,
          status: "done",
          generation: 1,
        }),
      ])
      // its external id is now the new generation's, which the receipts list filters by
      const byExternalId = await here("update", `${failed.id}-1`, "--json")
      expect(byExternalId.code).toBe(EXIT.ok)
      expect(JSON.parse(byExternalId.out).receipt).toMatchObject({
        id: failed.id,
        external_id: `${failed.id}-1`,
      })
      const clean = await bin("report", "today")
      expect(clean.code).toBe(EXIT.ok)
      expect(clean.out).toContain("Problems: 0")
    })

    it("a refused key and an unreachable store are clear errors with their exit codes", async () => {
      const wrongKey = await runBin(["list"], {
        ...env,
        MEDUSA_FISCAL_KEY: "sk_not_a_key_of_this_store",
      })
      expect(wrongKey.code).toBe(EXIT.auth)
      expect(wrongKey.err).toContain(KEY_REFUSED)
      expect(wrongKey.out + wrongKey.err).not.toContain(
        "sk_not_a_key_of_this_store"
      )

      const { data } = await api.post(
        "/admin/api-keys",
        { title: "Publishable", type: "publishable" },
        headers
      )
      const publishable = await runBin(["list"], {
        ...env,
        MEDUSA_FISCAL_KEY: data.api_key.token,
      })
      expect(publishable.code).toBe(EXIT.usage)
      expect(publishable.err).toContain("secret API key (sk_…)")

      const url = `http://127.0.0.1:${await closedPort()}`
      const away = await runBin(["list", "--json"], {
        ...env,
        MEDUSA_FISCAL_URL: url,
      })
      expect(away.code).toBe(EXIT.unreachable)
      expect(away.err).toContain(
        `The store at ${url} is unreachable (connection refused)`
      )
      expect(JSON.parse(away.out).error.exit_code).toBe(EXIT.unreachable)

      const noSuchOrder = await here("sell", "order_does_not_exist")
      expect(noSuchOrder.code).toBe(EXIT.notFound)
      expect(noSuchOrder.err).toContain(
        "Order order_does_not_exist was not found"
      )
    })
  },
})
