import type FiscalModuleService from "../../src/modules/fiscal/service"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import path from "node:path"
import { adminHeaders } from "../helpers/admin"

jest.setTimeout(120_000)

// the host app reads the plugin options from here when it boots; this suite needs none
process.env.FISCAL_TEST_OPTIONS = "{}"

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
    })

    it("boots the store with the plugin: /health answers 200", async () => {
      const res = await api.get("/health")
      expect(res.status).toBe(200)
    })

    it("creates the fiscal tables and their constraints on migrate", async () => {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const indexes = await pg.raw(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'fiscal_receipt'`
      )
      const defs = indexes.rows
        .map((r: { indexdef: string }) => r.indexdef)
        .join("\n")
      expect(defs).toMatch(/UNIQUE INDEX .* \(source_key\)/)
      expect(defs).toMatch(/UNIQUE INDEX .* \(provider_id, external_id\)/)
      expect(defs).toMatch(/INDEX .* \(status, next_attempt_at\)/)
      const tables = await pg.raw(
        `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'fiscal_%' ORDER BY 1`
      )
      expect(
        tables.rows.map((r: { table_name: string }) => r.table_name)
      ).toEqual([
        "fiscal_alert",
        "fiscal_attempt",
        "fiscal_mark_code",
        "fiscal_receipt",
        "fiscal_reconciliation_day",
        "fiscal_reconciliation_finding",
        "fiscal_report_delivery",
        "fiscal_settings",
      ])
      // the receipts of a period and those a person has to act on are read by index
      expect(defs).toMatch(
        /INDEX .* \(created_at\) WHERE \(deleted_at IS NULL\)/
      )
      expect(defs).toMatch(
        /INDEX "?IDX_fiscal_receipt_needs_person"? .* \(updated_at\)/
      )
      // an alert is once per receipt, state and error; a scheduled report once per period
      const alertIndexes = await pg.raw(
        `SELECT indexdef FROM pg_indexes WHERE tablename IN ('fiscal_alert', 'fiscal_report_delivery')`
      )
      const alertDefs = alertIndexes.rows
        .map((r: { indexdef: string }) => r.indexdef)
        .join("\n")
      expect(alertDefs).toMatch(
        /UNIQUE INDEX .* ON public\.fiscal_alert .*\(receipt_id, state, error_code\)/
      )
      expect(alertDefs).toMatch(
        /UNIQUE INDEX .* ON public\.fiscal_report_delivery .*\(kind, period_from\)/
      )
      // a marking code is used once in the shop: unique among the rows not deleted
      const codeIndexes = await pg.raw(
        `SELECT indexdef FROM pg_indexes WHERE tablename = 'fiscal_mark_code'`
      )
      expect(
        codeIndexes.rows.map((r: { indexdef: string }) => r.indexdef).join("\n")
      ).toMatch(/UNIQUE INDEX .* \(code\) WHERE \(deleted_at IS NULL\)/)
    })

    it("shows an order's receipts through the order link", async () => {
      const container = getContainer()
      const orderModule = container.resolve(Modules.ORDER)
      const order = await orderModule.createOrders({
        currency_code: "rub",
        email: "buyer@example.com",
        items: [{ title: "Чайник", quantity: 1, unit_price: 2490 }],
      })
      const fiscal = container.resolve<FiscalModuleService>("fiscal")
      const { receipt } = await fiscal.ensureReceipt({
        source_key: `payment:pay_for_${order.id}`,
        order_id: order.id,
        type: "sell",
        reason: "payment",
        provider_id: "atol",
      })

      const res = await api.get(
        `/admin/orders/${order.id}?fields=id,*fiscal_receipts`,
        headers
      )
      expect(res.status).toBe(200)
      expect(res.data.order.fiscal_receipts).toEqual([
        expect.objectContaining({
          id: receipt.id,
          status: "pending",
          type: "sell",
        }),
      ])

      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "fiscal_receipts.id"],
        filters: { id: order.id },
      })
      expect(data[0].fiscal_receipts.map((t: { id: string }) => t.id)).toEqual([
        receipt.id,
      ])
    })

    it("lists receipts for admins only, with validated filters", async () => {
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      await fiscal.ensureReceipt({
        source_key: "payment:pay_list",
        order_id: "order_list",
        type: "sell",
        reason: "payment",
        provider_id: "atol",
      })
      await expect(api.get("/admin/fiscal/receipts")).rejects.toMatchObject({
        response: { status: 401 },
      })
      const res = await api.get(
        "/admin/fiscal/receipts?status=pending,failed&order_id=order_list",
        headers
      )
      expect(res.data.count).toBe(1)
      expect(res.data.receipts[0].source_key).toBe("payment:pay_list")
      expect(res.data.receipts[0]).not.toHaveProperty("request")
      expect(res.data.receipts[0]).not.toHaveProperty("document")
      for (const bad of [
        "status=bogus",
        "order_id=%00",
        "created_after=-271821-04-20",
        "created_before=not-a-date",
      ]) {
        await expect(
          api.get(`/admin/fiscal/receipts?${bad}`, headers)
        ).rejects.toMatchObject({ response: { status: 400 } })
      }
    })
  },
})
