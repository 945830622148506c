import type FiscalModuleService from "../../src/modules/fiscal/service"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import http from "node:http"
import path from "node:path"
import { format } from "node:util"
import { spawn } from "node:child_process"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import { adminHeaders } from "../helpers/admin"
import {
  ATOL_V5_ACCOUNT,
  TEST_CALLBACK_BASE,
  atolTestOptions,
  startTestAtol,
} from "../helpers/test-app"
import {
  processFiscalQueue,
  sweepMissedReceipts,
} from "../helpers/built-plugin"
import {
  drive,
  paymentOf as paymentOfOrder,
  placePaidOrder,
  setUpStore,
  type Tx,
} from "../helpers/store"

jest.setTimeout(300_000)

const EMULATOR_PORT = Number(process.env.FISCAL_TEST_EMULATOR_PORT || 48_110)
const v5 = ATOL_V5_ACCOUNT

// the host app reads the plugin options from here when it boots
process.env.FISCAL_TEST_OPTIONS = JSON.stringify(atolTestOptions(EMULATOR_PORT))

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
    let regionId: string
    let salesChannelId: string

    const receiptsOf = async (orderId: string): Promise<Tx[]> =>
      (await api.get(`/admin/fiscal/receipts?order_id=${orderId}`, headers))
        .data.receipts

    const paidOrder = (
      items = [{ title: "Чайник", unit_price: 2490, quantity: 2 }]
    ) => placePaidOrder(api, headers, { regionId, salesChannelId }, items)
    const paymentOf = (orderId: string) => paymentOfOrder(api, headers, orderId)

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
      ;({ regionId, salesChannelId } = await setUpStore(api, headers))
      await emulator.reset()
    })

    /**
     * Everything handed to Medusa's logger (at any level, as its transport receives it) and
     * written by the process while `run` runs, to check that the callback secret is in none
     * of it.
     */
    const captureLog = async (run: () => Promise<void>): Promise<string> => {
      const reporter = getContainer().resolve(
        ContainerRegistrationKeys.LOGGER
      ) as unknown as { loggerInstance_?: Record<string, unknown> }
      const transport = reporter.loggerInstance_ ?? {}
      const lines: string[] = []
      const record = <T extends object>(target: T, name: string) => {
        const original = (target as Record<string, unknown>)[name]
        if (typeof original !== "function") {
          return undefined
        }
        return jest
          .spyOn(target as Record<string, (...a: unknown[]) => unknown>, name)
          .mockImplementation(function (this: unknown, ...args: unknown[]) {
            lines.push(format(...args))
            return (original as (...a: unknown[]) => unknown).apply(this, args)
          })
      }
      const spies = [
        ...["log", "info", "warn", "error", "debug", "http"].map((name) =>
          record(transport, name)
        ),
        record(process.stdout, "write"),
        record(process.stderr, "write"),
      ]
      try {
        await run()
        // the error handler and the request log write once the answer is out
        await new Promise((r) => setTimeout(r, 300))
      } finally {
        spies.forEach((spy) => spy?.mockRestore())
      }
      expect(lines.length).toBeGreaterThan(0)
      return lines.join("\n")
    }

    /** Posts a body that stops short of its declared length, then hangs up. */
    const abortedPost = (url: string) =>
      new Promise<void>((resolve) => {
        const req = http.request(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": "1000",
          },
        })
        req.on("error", () => resolve())
        req.write('{"uuid": "')
        setTimeout(() => {
          req.destroy()
          resolve()
        }, 100)
      })

    it("answers a callback body it cannot take without writing the secret to any log", async () => {
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const { secret } = (await fiscal.getEffectiveSettings()).callback
      const url = `/hooks/fiscal/atol/${secret}`
      const statusOf = (p: Promise<unknown>) =>
        p.then(
          () => 200,
          (e: { response?: { status: number } }) => e.response?.status
        )
      const json = { headers: { "content-type": "application/json" } }
      const logged = await captureLog(async () => {
        // bytes as they are: axios would quote a string that is not JSON
        expect(
          await statusOf(api.post(url, Buffer.from('{"uuid": '), json))
        ).toBe(400)
        expect(
          await statusOf(api.post(url, { padding: "x".repeat(100_000) }, json))
        ).toBe(413)
        // any method: Medusa would parse a GET's body as well
        expect(
          await statusOf(
            api.request({ method: "GET", url, data: Buffer.from("{"), ...json })
          )
        ).toBe(400)
        await abortedPost(`${api.defaults.baseURL}${url}`)
      })
      expect(logged).not.toContain(secret)
      // the route still reads what a vendor posts
      const notice = await api.post(url, { uuid: "not-ours" })
      expect(notice.data).toEqual({ accepted: false })
    })

    it("refuses a wrong callback secret before reading the settings or any credential", async () => {
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const settingsService = (
        fiscal as unknown as { settings_: Record<string, unknown> }
      ).settings_
      const decrypt = jest.spyOn(
        settingsService as Record<string, () => unknown>,
        "credentialsOf_"
      )
      const effective = jest.spyOn(fiscal, "getEffectiveSettings")
      try {
        const refusals = [
          () =>
            api.post("/hooks/fiscal/atol/not-the-secret-at-all", { uuid: "x" }),
          () =>
            api.post(
              "/hooks/fiscal/atol",
              { uuid: "x" },
              { headers: { "x-fiscal-secret": "not-the-secret-at-all" } }
            ),
          () => api.post("/hooks/fiscal/atol", { uuid: "x" }),
        ]
        for (const refusal of refusals) {
          await expect(refusal()).rejects.toMatchObject({
            response: { status: 401 },
          })
        }
        expect(decrypt).not.toHaveBeenCalled()
        expect(effective).not.toHaveBeenCalled()
      } finally {
        decrypt.mockRestore()
        effective.mockRestore()
      }
    })

    it("registers a sale receipt for a paid order, then a refund receipt for its refund", async () => {
      const order = await paidOrder()
      const [sale] = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.some((t) => t.status === "done")
      )
      expect(sale).toMatchObject({
        type: "sell",
        reason: "payment",
        status: "done",
        total: 498000,
      })
      expect(sale.fiscal_document_number).toMatch(/^\d+$/)
      expect(sale.fiscal_document_attribute).toMatch(/^\d{10}$/)
      expect(sale.ofd_receipt_url).toMatch(/^https?:\/\//)

      const payment = await paymentOf(order.id)
      await api.post(
        `/admin/payments/${payment.id}/refund`,
        { amount: 1000 },
        headers
      )
      const rows = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.some((t) => t.type === "sell_refund" && t.status === "done")
      )
      const refund = rows.find((t) => t.type === "sell_refund")!
      expect(refund).toMatchObject({
        status: "done",
        reason: "refund",
        total: 100000,
      })

      const ledger = emulator.ledger()
      expect(ledger.map((d) => d.operation).sort()).toEqual([
        "sell",
        "sell_refund",
      ])

      const detail = await api.get(
        `/admin/fiscal/receipts/${refund.id}`,
        headers
      )
      expect(
        detail.data.attempts.map((a: { operation: string }) => a.operation)
      ).toEqual(expect.arrayContaining(["sell_refund", "report"]))
      expect(JSON.stringify(detail.data)).not.toContain(v5.password)
    })

    it("finds a capture and a refund whose events were missed, and fiscalizes them once", async () => {
      const container = getContainer()
      const fiscal = container.resolve<FiscalModuleService>("fiscal")
      const settings = await fiscal.getSettingsRow()
      // while off, the subscribers record nothing: as if their events were lost
      await fiscal.updateFiscalSettings({ id: settings.id, enabled: false })
      const order = await paidOrder([
        { title: "Лампа", unit_price: 1500, quantity: 1 },
      ])
      const payment = await paymentOf(order.id)
      await api.post(
        `/admin/payments/${payment.id}/refund`,
        { amount: 300 },
        headers
      )
      await fiscal.updateFiscalSettings({ id: settings.id, enabled: true })
      expect(await receiptsOf(order.id)).toEqual([])

      const since = new Date(Date.now() - 3_600_000)
      const found = await sweepMissedReceipts(container, { since })
      // the sale receipt is the capture's
      expect(found.sales).toEqual([
        expect.stringMatching(/^capt_/) as unknown as string,
      ])
      expect(found.refunds).toHaveLength(1)
      // a second sweep, like a repeated event, finds nothing new
      expect(await sweepMissedReceipts(container, { since })).toEqual({
        sales: [],
        refunds: [],
        handovers: [],
      })
      const rows = await drive(
        container,
        () => receiptsOf(order.id),
        (r) => r.length === 2 && r.every((t) => t.status === "done")
      )
      expect(
        rows.map((t) => `${t.type}:${t.status}:${t.total}`).sort()
      ).toEqual(["sell:done:150000", "sell_refund:done:30000"])
      expect(emulator.ledger()).toHaveLength(2)
    })

    it("records a receipt even when the saved credentials cannot be read, and says why on it", async () => {
      const container = getContainer()
      const fiscal = container.resolve<FiscalModuleService>("fiscal")
      const keyBefore = process.env.FISCAL_ENCRYPTION_KEY
      process.env.FISCAL_ENCRYPTION_KEY = "ab".repeat(32)
      try {
        await api.post(
          "/admin/fiscal/settings",
          { provider_id: "atol", provider_config: { password: v5.password } },
          headers
        )
        // the key is removed after a password was saved
        delete process.env.FISCAL_ENCRYPTION_KEY
        const order = await paidOrder([
          { title: "Торшер", unit_price: 2100, quantity: 1 },
        ])
        const [stuck] = await drive(
          container,
          () => receiptsOf(order.id),
          (r) => r.some((t) => t.error_code === "CREDENTIALS_UNREADABLE")
        )
        expect(stuck).toMatchObject({
          status: "pending",
          needs_attention: true,
          error_message: expect.stringMatching(/no encryption key/),
        })
        const stats = await api.get("/admin/fiscal/stats", headers)
        expect(stats.data.needs_attention).toBeGreaterThanOrEqual(1)
        expect(emulator.ledger()).toEqual([])

        process.env.FISCAL_ENCRYPTION_KEY = "ab".repeat(32)
        await api.post(`/admin/fiscal/orders/${order.id}/send`, {}, headers)
        const [done] = await drive(
          container,
          () => receiptsOf(order.id),
          (r) => r.every((t) => t.status === "done")
        )
        expect(done.needs_attention).toBe(false)
      } finally {
        const row = await fiscal.getSettingsRow()
        await fiscal.updateFiscalSettings({
          id: row.id,
          provider_config: null,
          credentials_encrypted: null,
        })
        if (keyBefore === undefined) {
          delete process.env.FISCAL_ENCRYPTION_KEY
        } else {
          process.env.FISCAL_ENCRYPTION_KEY = keyBefore
        }
      }
    })

    it("issues a refund receipt when a paid order is canceled", async () => {
      const order = await paidOrder([
        { title: "Книга", unit_price: 750, quantity: 1 },
      ])
      await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.some((t) => t.status === "done")
      )
      await api.post(`/admin/orders/${order.id}/cancel`, {}, headers)
      const rows = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.some((t) => t.type === "sell_refund" && t.status === "done")
      )
      expect(rows.find((t) => t.type === "sell_refund")).toMatchObject({
        reason: "cancel",
        status: "done",
        total: 75000,
      })
    })

    it("re-issues a receipt: refund first, then a new sale, both children of the original", async () => {
      const order = await paidOrder([
        { title: "Лампа", unit_price: 1200, quantity: 1 },
      ])
      const [sale] = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.some((t) => t.status === "done")
      )
      const resell = await api.post(
        `/admin/fiscal/receipts/${sale.id}/resell`,
        {},
        headers
      )
      expect(resell.data.receipt).toMatchObject({
        reason: "resell_refund",
        type: "sell_refund",
        parent_id: sale.id,
      })
      const rows = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.filter((t) => t.status === "done").length === 3
      )
      const children = rows.filter((t) => t.parent_id === sale.id)
      expect(children.map((c) => `${c.reason}:${c.status}`).sort()).toEqual([
        "resell_refund:done",
        "resell_sell:done",
      ])
      const ledger = emulator.ledger()
      expect(ledger.map((d) => d.operation)).toEqual([
        "sell",
        "sell_refund",
        "sell",
      ])
      for (const doc of ledger.slice(1)) {
        expect((doc.payload as any).receipt.additional_check_props).toBe(
          sale.fiscal_document_attribute
        )
      }
      await expect(
        api.post(`/admin/fiscal/receipts/${sale.id}/resell`, {}, headers)
      ).rejects.toMatchObject({ response: { status: 400 } })
    })

    it("trusts a callback only after the vendor confirms it, and refuses a wrong secret", async () => {
      await emulator.setFaults({ stuckInWait: true })
      const order = await paidOrder([
        { title: "Стул", unit_price: 500, quantity: 1 },
      ])
      const [waiting] = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.some((t) => t.status === "wait")
      )
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const settings = await fiscal.getEffectiveSettings()
      const body = {
        uuid: waiting.vendor_document_id,
        status: "done",
        payload: {},
      }

      await expect(
        api.post(`/hooks/fiscal/atol/not-the-secret-at-all`, body)
      ).rejects.toMatchObject({ response: { status: 401 } })
      await expect(
        api.post(`/hooks/fiscal/atol/${settings.callback.secret}`, {
          ...body,
          padding: "x".repeat(100_000),
        })
      ).rejects.toMatchObject({ response: { status: 413 } })
      const forged = await api.post(
        `/hooks/fiscal/atol/${settings.callback.secret}`,
        body
      )
      expect(forged.data).toEqual({ accepted: true })
      await new Promise((r) => setTimeout(r, 1_500))
      expect((await fiscal.getReceipt(waiting.id)).status).toBe("wait")

      await emulator.setFaults({ stuckInWait: false })
      await api.post(`/hooks/fiscal/atol/${settings.callback.secret}`, body)
      const [done] = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.every((t) => t.status === "done"),
        { ms: 20_000 }
      )
      expect(done.status).toBe("done")

      // the callback URL went to ATOL with the secret; what the admin API shows has it masked
      const detail = await api.get(`/admin/fiscal/receipts/${done.id}`, headers)
      const registration = detail.data.attempts.find(
        (a: { operation: string }) => a.operation === "sell"
      )
      expect(registration.request.service.callback_url).toBe(
        `${TEST_CALLBACK_BASE}/hooks/fiscal/atol/***`
      )
      expect(JSON.stringify(detail.data)).not.toContain(
        settings.callback.secret
      )
      const list = await api.get(
        `/admin/fiscal/receipts?order_id=${order.id}`,
        headers
      )
      expect(JSON.stringify(list.data)).not.toContain(settings.callback.secret)
    })

    it("keeps a lasting vendor failure until a person retries, and re-sends a passing one by itself", async () => {
      await emulator.setFaults({
        failNext: { count: 1, type: "agent", code: 2009 },
      })
      const order = await paidOrder([
        { title: "Стол", unit_price: 3000, quantity: 1 },
      ])
      const [failed] = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.some((t) => t.status === "failed")
      )
      expect(failed.error_code).toMatch(/2009/)
      expect(failed.needs_attention).toBe(true)
      // the order itself shows the failed receipt and why
      const { data: onOrder } = await api.get(
        `/admin/orders/${order.id}?fields=id,*fiscal_receipts`,
        headers
      )
      expect(onOrder.order.fiscal_receipts).toEqual([
        expect.objectContaining({
          status: "failed",
          error_message: expect.stringMatching(/ИНН|INN/),
        }),
      ])
      // a refund never goes out before its sale: it waits, flagged, and says why
      const payment = await paymentOf(order.id)
      await api.post(
        `/admin/payments/${payment.id}/refund`,
        { amount: 500 },
        headers
      )
      const waiting = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) =>
          r.some(
            (t) => t.type === "sell_refund" && t.error_code === "WAITS_FOR_SALE"
          )
      )
      expect(waiting.find((t) => t.type === "sell_refund")).toMatchObject({
        status: "pending",
        needs_attention: true,
        error_message: expect.stringMatching(
          /which is failed: the receipts of an order are registered in the order its money moved/
        ),
      })
      expect(
        emulator.ledger().filter((d) => d.operation === "sell_refund")
      ).toEqual([])

      const retried = await api.post(
        `/admin/fiscal/orders/${order.id}/send`,
        {},
        headers
      )
      expect(
        retried.data.receipts.find((r: Tx) => r.type === "sell")
      ).toMatchObject({
        status: "pending",
        generation: 1,
      })
      const settled = await drive(
        getContainer(),
        () => receiptsOf(order.id),
        (r) => r.length === 2 && r.every((t) => t.status === "done")
      )
      const done = settled.find((t) => t.type === "sell")!
      expect(done.external_id).toBe(`${done.id}-1`)
      expect(settled.find((t) => t.type === "sell_refund")).toMatchObject({
        status: "done",
        total: 50000,
      })

      // "Send to KKM" for an order that does not exist leaves nothing behind
      await expect(
        api.post(`/admin/fiscal/orders/order_does_not_exist/send`, {}, headers)
      ).rejects.toMatchObject({ response: { status: 404 } })
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      expect(
        await fiscal.listFiscalReceipts({ order_id: "order_does_not_exist" })
      ).toEqual([])

      await emulator.setFaults({
        failNext: { count: 1, type: "timeout", code: 1 },
      })
      const second = await paidOrder([
        { title: "Полка", unit_price: 900, quantity: 1 },
      ])
      const [again] = await drive(
        getContainer(),
        () => receiptsOf(second.id),
        (r) => r.some((t) => t.status === "done")
      )
      expect(again.generation).toBe(1)
      await expect(
        api.post(`/admin/fiscal/receipts/${again.id}/check`, {}, headers)
      ).rejects.toMatchObject({ response: { status: 400 } })
    })

    it("registers exactly one receipt per order under faults, duplicate events and two processors", async () => {
      const container = getContainer()
      const fiscal = container.resolve<FiscalModuleService>("fiscal")
      const settingsRow = await fiscal.getSettingsRow()
      await fiscal.updateFiscalSettings({
        id: settingsRow.id,
        sell_trigger: "order_placed",
      })

      const orderModule = container.resolve(Modules.ORDER)
      const orders = await orderModule.createOrders(
        Array.from({ length: 200 }, (_, i) => ({
          currency_code: "rub",
          email: `buyer${i}@example.com`,
          region_id: regionId,
          items: [
            {
              title: `Товар ${i}`,
              quantity: 1 + (i % 3),
              unit_price: 100 + i * 7.77,
            },
          ],
        }))
      )
      await emulator.setFaults({
        serverErrorRate: 0.1,
        dropAfterProcessingRate: 0.1,
      })

      const eventBus = container.resolve(Modules.EVENT_BUS)
      const events = orders.flatMap((o: { id: string }) => [
        { name: "order.placed", data: { id: o.id } },
        { name: "order.placed", data: { id: o.id } },
      ])
      await eventBus.emit(events)

      const ids = new Set(orders.map((o: { id: string }) => o.id))
      const all = async () =>
        (await fiscal.listFiscalReceipts(
          { order_id: [...ids] },
          { take: 1000 }
        )) as Tx[]
      const deadline = Date.now() + 180_000
      let rows = await all()
      while (
        Date.now() < deadline &&
        !(rows.length === 200 && rows.every((r) => r.status === "done"))
      ) {
        // two processors with their own leases, as two workers would run
        await Promise.all([
          processFiscalQueue(container, {
            owner: "worker-a",
            budgetMs: 10_000,
          }),
          processFiscalQueue(container, {
            owner: "worker-b",
            budgetMs: 10_000,
          }),
        ])
        rows = await all()
      }
      await emulator.setFaults({
        serverErrorRate: 0,
        dropAfterProcessingRate: 0,
      })

      expect(rows).toHaveLength(200)
      expect(rows.filter((r) => r.status !== "done")).toEqual([])
      const ledger = emulator.ledger().filter((d) => d.operation === "sell")
      expect(ledger).toHaveLength(200)
      const perExternalId = new Set(ledger.map((d) => d.external_id))
      expect(perExternalId.size).toBe(200)
      const stats = emulator.stats()
      expect(stats.faults_injected.server_error ?? 0).toBeGreaterThan(0)
      expect(stats.faults_injected.process_then_drop ?? 0).toBeGreaterThan(0)
    })

    it("finishes a send whose processor was killed mid-request, without a duplicate", async () => {
      const container = getContainer()
      const fiscal = container.resolve<FiscalModuleService>("fiscal")
      const orderModule = container.resolve(Modules.ORDER)
      const order = await orderModule.createOrders({
        currency_code: "rub",
        email: "killed@example.com",
        region_id: regionId,
        items: [{ title: "Холодильник", quantity: 1, unit_price: 45_000 }],
      })
      const row = await fiscal.updateFiscalSettings({
        id: (await fiscal.getSettingsRow()).id,
        sell_trigger: "order_placed",
      })
      expect(row.sell_trigger).toBe("order_placed")
      const { receipt } = await fiscal.ensureReceipt({
        source_key: `sell:${order.id}`,
        order_id: order.id,
        type: "sell",
        reason: "payment",
        provider_id: "atol",
        // not due for the app's own runs; the child process looks ahead and takes it
        next_attempt_at: new Date(Date.now() + 3_600_000),
      })
      // the emulator registers the document and then never answers
      await emulator.setFaults({
        next: [{ fault: "process_then_hang", on: "register" }],
      })

      const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
      const child = spawn(
        "npx",
        ["medusa", "exec", "./scripts/process-queue-once.js"],
        {
          cwd: path.join(__dirname, "../app"),
          env: {
            ...process.env,
            DATABASE_URL: config.projectConfig.databaseUrl,
          },
          stdio: ["ignore", "pipe", "pipe"],
          detached: true,
        }
      )
      let out = ""
      child.stdout.on("data", (d) => (out += d))
      const deadline = Date.now() + 60_000
      while (
        Date.now() < deadline &&
        !emulator.ledger().some((d) => d.external_id === receipt.external_id)
      ) {
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(out).toContain(`claimed ${receipt.id}`)
      process.kill(-child.pid!, "SIGKILL")
      await new Promise((r) => child.once("exit", r))

      const orphan = await fiscal.getReceipt(receipt.id)
      expect(orphan.status).toBe("sending")
      expect(orphan.lease_owner).toBe("doomed-worker")
      expect(emulator.ledger()).toHaveLength(1)

      // the lease (10 s in this suite) runs out; the next run resolves the row
      await new Promise((r) => setTimeout(r, 10_500))
      const rows = await drive(
        container,
        () => receiptsOf(order.id),
        (r) => r.every((t) => t.status === "done")
      )
      expect(rows).toHaveLength(1)
      expect(rows[0].attempts).toBe(2)
      const ledger = emulator.ledger()
      expect(ledger).toHaveLength(1)
      expect(ledger[0].uuid).toBe(rows[0].vendor_document_id)
    })
  },
})
