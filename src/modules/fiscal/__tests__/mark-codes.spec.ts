import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { FiscalAttempt } from "../models/fiscal-attempt"
import { FiscalMarkCode } from "../models/fiscal-mark-code"
import { FiscalReceipt } from "../models/fiscal-receipt"
import { FiscalSettings } from "../models/fiscal-settings"
import FiscalModuleService from "../service"

jest.setTimeout(60_000)

const GS = "\u001d"
const code = (serial: string) => `010465007519000521${serial}${GS}93Ab1Z`

moduleIntegrationTestRunner<FiscalModuleService>({
  moduleName: "fiscal",
  moduleModels: [FiscalReceipt, FiscalAttempt, FiscalSettings, FiscalMarkCode],
  resolve: "./src/modules/fiscal",
  moduleOptions: { provider: "atol" },
  testSuite: ({ service }) => {
    describe("marking codes", () => {
      it("keeps each line's codes in entry order, after those it has", async () => {
        await service.addMarkCodes({
          order_id: "order_1",
          line_item_id: "item_1",
          codes: [
            { code: code("SN00000000002"), gtin: "04650075190005" },
            { code: code("SN00000000001"), gtin: "04650075190005" },
          ],
        })
        await service.addMarkCodes({
          order_id: "order_1",
          line_item_id: "item_2",
          codes: [{ code: code("SN00000000003"), gtin: "04650075190005" }],
        })
        await service.addMarkCodes({
          order_id: "order_1",
          line_item_id: "item_1",
          codes: [{ code: code("SN00000000000"), gtin: "04650075190005" }],
        })
        expect(await service.markCodesByItem("order_1")).toEqual({
          item_1: [
            code("SN00000000002"),
            code("SN00000000001"),
            code("SN00000000000"),
          ],
          item_2: [code("SN00000000003")],
        })
        const rows = await service.listOrderMarkCodes("order_1")
        expect(rows[0].id).toMatch(/^fmc_/)
      })

      it("a code is stored once in the shop, all or nothing; a deleted row frees it", async () => {
        await service.addMarkCodes({
          order_id: "order_a",
          line_item_id: "item_a",
          codes: [{ code: code("SN0000000000A"), gtin: "04650075190005" }],
        })
        await expect(
          service.addMarkCodes({
            order_id: "order_b",
            line_item_id: "item_b",
            codes: [
              { code: code("SN0000000000B"), gtin: "04650075190005" },
              { code: code("SN0000000000A"), gtin: "04650075190005" },
            ],
          })
        ).rejects.toThrow()
        expect(await service.markCodesByItem("order_b")).toEqual({})

        const [stored] = await service.findMarkCodes([code("SN0000000000A")])
        expect(stored.order_id).toBe("order_a")
        await service.softDeleteFiscalMarkCodes([stored.id])
        await service.addMarkCodes({
          order_id: "order_b",
          line_item_id: "item_b",
          codes: [{ code: code("SN0000000000A"), gtin: "04650075190005" }],
        })
        expect(await service.markCodesByItem("order_b")).toEqual({
          item_b: [code("SN0000000000A")],
        })
      })
    })
  },
})
