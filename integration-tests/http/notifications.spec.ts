import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import path from "node:path"
import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import type FiscalModuleService from "../../src/modules/fiscal/service"
import type { FiscalReceiptEventData } from "../../src/pipeline/events"
import type { AdminFiscalReportResponse } from "../../src/types/http/reports"
import { adminHeaders } from "../helpers/admin"
import { atolTestOptions, startTestAtol } from "../helpers/test-app"
import {
  drive,
  placePaidOrder,
  receiptsOfOrder,
  setUpStore,
  type Tx,
} from "../helpers/store"

jest.setTimeout(300_000)

const BUILT = path.resolve(__dirname, "../../.medusa/server/src")
/** Alert delivery and the scheduled reports as the host app's jobs run them. */
const { deliverAlerts } = require(
  path.join(BUILT, "pipeline/alerts/deliver")
) as typeof import("../../src/pipeline/alerts/deliver")
const { sendScheduledReports } = require(
  path.join(BUILT, "pipeline/reports/scheduled")
) as typeof import("../../src/pipeline/reports/scheduled")
const alertsJob = (
  require(
    path.join(BUILT, "jobs/send-fiscal-alerts")
  ) as typeof import("../../src/jobs/send-fiscal-alerts")
).default
/** The emails the test app's email provider was handed. */
const { sentEmails } = require("../fixtures/recording-email-provider") as {
  sentEmails: () => {
    to: string
    channel: string
    template: string
    data: Record<string, any>
    content: { subject: string; text: string; html: string } | null
    attachments: { filename: string; content: string; content_type: string }[]
  }[]
}

const EMULATOR_PORT = Number(
  process.env.FISCAL_TEST_NOTIFICATIONS_PORT || 48_240
)
process.env.FISCAL_TEST_OPTIONS = JSON.stringify({
  ...atolTestOptions(EMULATOR_PORT, { timeoutMs: 5_000 }),
  // alerts wait an hour for company unless a test delivers them: a burst is one notice
  // whatever the machine's speed
  worker: { batch_size: 25, lease_seconds: 10, alert_fold_seconds: 3600 },
})

let emulator: AtolEmulator

beforeAll(async () => {
  emulator = await startTestAtol(EMULATOR_PORT)
})

afterAll(async () => {
  await emulator?.close()
})

/** The Moscow day of an instant and its ISO weekday. */
const moscowDay = (at: Date) =>
  new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10)
const moscowWeekday = (at: Date) => {
  const d = new Date(`${moscowDay(at)}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }
    let store: { regionId: string; salesChannelId: string }
    const events: { name: string; data: FiscalReceiptEventData }[] = []

    const paidOrder = (unit_price = 1990) =>
      placePaidOrder(api, headers, store, [
        { title: "Кружка", unit_price, quantity: 1 },
      ])
    const receiptsOf = (orderId: string) =>
      receiptsOfOrder(api, headers, orderId)
    const settled = (orderId: string, status: string) =>
      drive(
        getContainer(),
        () => receiptsOf(orderId),
        (rows: Tx[]) =>
          rows.length > 0 && rows.every((r) => r.status === status)
      )
    const feed = async () =>
      (
        await api.get(
          "/admin/notifications?channel=feed&order=-created_at&limit=100",
          headers
        )
      ).data.notifications as {
        id: string
        template: string
        data: Record<string, any>
      }[]
    const fiscalFeed = async () =>
      (await feed()).filter((n) => n.data?.receipt_ids)
    const alertsOf = async (receiptIds: string[]) => {
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      return fiscal.listFiscalAlerts({ receipt_id: receiptIds })
    }
    /** Polls until the alerts of these receipts are recorded (the subscriber runs after the event). */
    const waitForAlerts = async (receiptIds: string[], count: number) => {
      const deadline = Date.now() + 60_000
      for (;;) {
        const alerts = await alertsOf(receiptIds)
        if (alerts.length >= count || Date.now() > deadline) {
          return alerts
        }
        await new Promise((r) => setTimeout(r, 200))
      }
    }
    const saveNotifications = (notifications: Record<string, unknown>) =>
      api.post("/admin/fiscal/settings", { notifications }, headers)
    const refusal = async (request: Promise<unknown>) => {
      const error = await request.then(
        () => null,
        (e: { response?: { status: number; data: Record<string, any> } }) => e
      )
      expect(error?.response?.status).toBe(400)
      return error!.response!.data
    }

    beforeAll(async () => {
      const bus = getContainer().resolve<IEventBusModuleService>(
        Modules.EVENT_BUS
      )
      for (const name of [
        "fiscal.receipt.registered",
        "fiscal.receipt.failed",
        "fiscal.receipt.needs_attention",
      ]) {
        bus.subscribe(
          name,
          async (event) => {
            events.push({ name, data: event.data as FiscalReceiptEventData })
          },
          { subscriberId: `test-listener-${name}` }
        )
      }
    })

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
      store = await setUpStore(api, headers)
      await emulator.reset()
    })

    it("emits fiscal.receipt.registered with the fiscal data when a receipt is registered, and alerts nobody", async () => {
      const order = await paidOrder()
      const [receipt] = await settled(order.id, "done")
      const deadline = Date.now() + 30_000
      while (
        !events.some((e) => e.data.id === receipt.id) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 100))
      }
      const mine = events.filter((e) => e.data.id === receipt.id)
      expect(mine.map((e) => e.name)).toEqual(["fiscal.receipt.registered"])
      expect(mine[0].data).toMatchObject({
        id: receipt.id,
        order_id: order.id,
        type: "sell",
        reason: "payment",
        status: "done",
        needs_attention: false,
        total: 199_000,
        provider_id: "atol",
        external_id: receipt.external_id,
        source_key: receipt.source_key,
        error_code: null,
        fiscal: {
          document_number: receipt.fiscal_document_number,
          document_attribute: receipt.fiscal_document_attribute,
          fn_number: receipt.fn_number,
          registered_at: expect.any(String),
        },
      })
      expect(["pending", "wait", "sending"]).toContain(
        mine[0].data.previous_status
      )
      expect(JSON.stringify(mine[0].data)).not.toContain("buyer@example.com")
      expect(await alertsOf([receipt.id])).toEqual([])
    })

    it("a failed receipt: fiscal.receipt.failed and needs_attention, one alert, one notice in the admin's feed naming the order and the reason", async () => {
      await emulator.setFaults({
        failNext: { count: 1, type: "agent", code: 2009 },
      })
      const order = await paidOrder()
      const [failed] = await settled(order.id, "failed")
      expect(failed.status).toBe("failed")
      const [alert] = await waitForAlerts([failed.id], 1)
      expect(alert).toMatchObject({
        receipt_id: failed.id,
        order_id: order.id,
        state: "failed",
        error_code: failed.error_code,
        delivered_at: null,
      })
      const names = events
        .filter((e) => e.data.id === failed.id)
        .map((e) => e.name)
      expect(names).toEqual(
        expect.arrayContaining([
          "fiscal.receipt.failed",
          "fiscal.receipt.needs_attention",
        ])
      )
      expect(
        events.find(
          (e) => e.data.id === failed.id && e.name === "fiscal.receipt.failed"
        )!.data
      ).toMatchObject({ status: "failed", error_code: failed.error_code })

      // the fold window (an hour in this app) holds it; the job leaves it waiting
      await alertsJob(getContainer())
      expect(
        (await fiscalFeed()).filter((n) =>
          n.data.receipt_ids.includes(failed.id)
        )
      ).toEqual([])

      const before = (await fiscalFeed()).length
      const delivered = await deliverAlerts(getContainer(), { force: true })
      expect(delivered).toMatchObject({ alerts: 1, notices: 1 })
      const notices = await fiscalFeed()
      expect(notices).toHaveLength(before + 1)
      const { data: order1 } = await api.get(
        `/admin/orders/${order.id}?fields=display_id`,
        headers
      )
      expect(notices[0]).toMatchObject({
        template: "admin-ui",
        data: {
          title: `Чек не пробит: заказ #${order1.order.display_id}`,
          receipt_ids: [failed.id],
          order_ids: [order.id],
        },
      })
      expect(notices[0].data.description).toContain(
        failed.error_message.slice(0, 40)
      )

      // once per receipt and state: a second run, the job's scan and the events again add nothing
      await alertsJob(getContainer())
      expect(
        await deliverAlerts(getContainer(), { force: true })
      ).toMatchObject({ alerts: 0, notices: 0 })
      expect(await alertsOf([failed.id])).toHaveLength(1)
      expect(await fiscalFeed()).toHaveLength(before + 1)
    })

    it("a burst of failures folds into one notice; alert emails go to the recipients; a lost event is caught by the job's scan", async () => {
      await saveNotifications({
        recipients: ["buh@shop.example", "owner@shop.example"],
        alert_emails: true,
        language: "en",
      })
      await emulator.setFaults({
        failNext: { count: 3, type: "agent", code: 2009 },
      })
      const orders = [
        await paidOrder(1000),
        await paidOrder(2000),
        await paidOrder(3000),
      ]
      const failed = (
        await Promise.all(orders.map((o) => settled(o.id, "failed")))
      ).flat()
      expect(failed.map((r) => r.status)).toEqual([
        "failed",
        "failed",
        "failed",
      ])
      const ids = failed.map((r) => r.id)
      expect(await waitForAlerts(ids, 3)).toHaveLength(3)

      const emailsBefore = sentEmails().length
      const before = (await fiscalFeed()).length
      const delivered = await deliverAlerts(getContainer(), { force: true })
      expect(delivered).toMatchObject({ alerts: 3, notices: 1 })
      const notices = await fiscalFeed()
      expect(notices).toHaveLength(before + 1)
      expect(notices[0].data.title).toBe("3 receipts need attention")
      expect([...notices[0].data.receipt_ids].sort()).toEqual([...ids].sort())
      const { data } = await api.get(
        `/admin/orders?id[]=${orders.map((o) => o.id).join("&id[]=")}&fields=id,display_id`,
        headers
      )
      for (const o of data.orders as { display_id: number }[]) {
        expect(notices[0].data.description).toContain(`#${o.display_id}`)
      }

      const emails = sentEmails().slice(emailsBefore)
      expect(emails.map((e) => e.to).sort()).toEqual([
        "buh@shop.example",
        "owner@shop.example",
      ])
      for (const email of emails) {
        expect(email).toMatchObject({
          channel: "email",
          template: "fiscal-alert",
          data: { language: "en", subject: "3 receipts need attention" },
          content: { subject: "3 receipts need attention" },
        })
        expect(email.data.alerts).toHaveLength(3)
        for (const id of ids) {
          expect(email.content!.text).toContain(id)
        }
      }

      // an alert whose event never arrived: the job's scan records it, delivery sends it
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const lost = await alertsOf([ids[0]])
      await fiscal.deleteFiscalAlerts(lost.map((a) => a.id))
      await alertsJob(getContainer())
      const [again] = await alertsOf([ids[0]])
      expect(again).toMatchObject({ receipt_id: ids[0], state: "failed" })
      expect(
        await deliverAlerts(getContainer(), { force: true })
      ).toMatchObject({ alerts: 1, notices: 1 })
      await saveNotifications({ recipients: [], alert_emails: false })
    })

    it("emails the daily and weekly reports once, through the notification module, with the template, data, content and CSV", async () => {
      // switching a report on without anyone to send it to is refused, naming the field
      const refused = await refusal(
        saveNotifications({
          recipients: [],
          daily_report: { enabled: true },
        })
      )
      expect(refused.fields).toEqual({
        "notifications.recipients": expect.stringMatching(/at least one/),
      })
      const badTime = await refusal(
        saveNotifications({ daily_report: { time: "25:00" } })
      )
      expect(badTime.fields).toEqual({
        "notifications.daily_report.time": expect.stringMatching(/HH:MM/),
      })

      const now = new Date()
      await saveNotifications({
        recipients: ["buh@shop.example"],
        daily_report: { enabled: true, time: "00:00" },
        weekly_report: {
          enabled: true,
          weekday: moscowWeekday(now),
          time: "00:00",
        },
        language: "ru",
      })
      const { data: view } = await api.get("/admin/fiscal/settings", headers)
      expect(view.settings.notifications).toEqual({
        recipients: ["buh@shop.example"],
        daily_report: { enabled: true, time: "00:00" },
        weekly_report: {
          enabled: true,
          weekday: moscowWeekday(now),
          time: "00:00",
        },
        alert_emails: false,
        language: "ru",
      })

      const before = sentEmails().length
      const outcomes = await sendScheduledReports(getContainer(), now)
      const today = moscowDay(now)
      const yesterday = moscowDay(new Date(now.getTime() - 86_400_000))
      expect(outcomes).toEqual([
        expect.objectContaining({
          kind: "daily",
          from: yesterday,
          to: yesterday,
          status: "sent",
        }),
        expect.objectContaining({
          kind: "weekly",
          from: moscowDay(new Date(now.getTime() - 7 * 86_400_000)),
          to: yesterday,
          status: "sent",
        }),
      ])
      const emails = sentEmails().slice(before)
      expect(emails).toHaveLength(2)
      const [daily, weekly] = emails
      const expected: AdminFiscalReportResponse = (
        await api.get("/admin/fiscal/reports?period=yesterday", headers)
      ).data
      expect(daily).toMatchObject({
        to: "buh@shop.example",
        channel: "email",
        template: "fiscal-report",
        data: {
          schedule: "daily",
          language: "ru",
          report: {
            period: { from: yesterday, to: yesterday, preset: "yesterday" },
            totals: expected.report.totals,
            by_status: expected.report.by_status,
          },
        },
      })
      expect(daily.content!.subject).toBe(daily.data.subject)
      expect(daily.content!.html).toContain("<table")
      expect(daily.content!.text.length).toBeGreaterThan(0)
      expect(daily.attachments).toEqual([
        expect.objectContaining({
          filename: `fiscal-report-${yesterday}-${yesterday}.csv`,
          content_type: "text/csv",
        }),
      ])
      const csv = Buffer.from(daily.attachments[0].content, "base64").toString(
        "utf8"
      )
      expect(csv.startsWith("\ufeff")).toBe(true)
      expect(weekly.data).toMatchObject({
        schedule: "weekly",
        report: { period: { to: yesterday, preset: "week" } },
      })
      expect(today).not.toBe(yesterday)

      // due again a minute later, on another server: nothing more goes out
      expect(
        await sendScheduledReports(
          getContainer(),
          new Date(now.getTime() + 60_000)
        )
      ).toEqual([])
      expect(sentEmails()).toHaveLength(before + 2)
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const deliveries = await fiscal.listFiscalReportDeliveries({
        period_to: yesterday,
      })
      expect(
        deliveries.map((d) => [d.kind, d.status, d.attempts]).sort()
      ).toEqual([
        ["daily", "sent", 1],
        ["weekly", "sent", 1],
      ])
    })

    it("emails a report of any period from the admin now; without recipients it says where to add them", async () => {
      await saveNotifications({
        recipients: [],
        daily_report: { enabled: false },
        weekly_report: { enabled: false },
        alert_emails: false,
      })
      const refused = await api
        .post("/admin/fiscal/reports/email", { period: "today" }, headers)
        .catch((e: { response: { status: number; data: any } }) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/Reports and alerts/)

      const order = await paidOrder(4500)
      await settled(order.id, "done")
      await saveNotifications({ recipients: ["owner@shop.example"] })
      const before = sentEmails().length
      const { data } = await api.post(
        "/admin/fiscal/reports/email",
        { period: "today" },
        headers
      )
      const today = moscowDay(new Date())
      expect(data).toEqual({
        recipients: ["owner@shop.example"],
        period: { from: today, to: today, preset: "today" },
      })
      const [email] = sentEmails().slice(before)
      expect(email).toMatchObject({
        to: "owner@shop.example",
        template: "fiscal-report",
        data: { schedule: "manual" },
      })
      expect(
        email.data.report.registered_by_type.sell.total
      ).toBeGreaterThanOrEqual(450_000)
      const wrong = await api
        .post("/admin/fiscal/reports/email", { period: "month" }, headers)
        .catch((e: { response: { status: number; data: any } }) => e.response)
      expect(wrong.status).toBe(400)
      expect(wrong.data.message).toMatch(/period/)
    })
  },
})
