import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { FiscalAttempt } from "../models/fiscal-attempt"
import { FiscalSettings } from "../models/fiscal-settings"
import { FiscalReceipt } from "../models/fiscal-receipt"
import FiscalModuleService from "../service"
import type { EnsureReceiptInput } from "../types/receipt"

jest.setTimeout(60_000)

const cause = (n: number | string): EnsureReceiptInput => ({
  source_key: `payment:pay_${n}`,
  order_id: `order_${n}`,
  payment_id: `pay_${n}`,
  type: "sell",
  reason: "payment",
  provider_id: "atol",
})

const LEASE = 60_000

moduleIntegrationTestRunner<FiscalModuleService>({
  moduleName: "fiscal",
  moduleModels: [FiscalReceipt, FiscalAttempt, FiscalSettings],
  resolve: "./src/modules/fiscal",
  moduleOptions: { provider: "atol" },
  testSuite: ({ service }) => {
    describe("ensureReceipt", () => {
      it("creates one row for 50 parallel calls of one cause and gives it to every caller", async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, () => service.ensureReceipt(cause("race")))
        )
        const ids = new Set(results.map((r) => r.receipt.id))
        expect(ids.size).toBe(1)
        expect(results.filter((r) => r.created)).toHaveLength(1)
        const rows = await service.listFiscalReceipts({
          source_key: "payment:pay_race",
        })
        expect(rows).toHaveLength(1)
        expect(rows[0].status).toBe("pending")
        expect(rows[0].external_id).toBe(rows[0].id)
      })

      it("records a cause that cannot be fiscalized as invalid, with its message, and never schedules it", async () => {
        const { receipt } = await service.ensureReceipt({
          ...cause("nocontact"),
          status: "invalid",
          error_code: "NO_CONTACT",
          error_message: "The order has neither an email nor a phone.",
        })
        expect(receipt.status).toBe("invalid")
        expect(receipt.error_kind).toBe("invalid_data")
        expect(receipt.next_attempt_at).toBeNull()
        const claimed = await service.claimDue({
          limit: 10,
          leaseMs: LEASE,
          owner: "w",
        })
        expect(claimed.map((c) => c.id)).not.toContain(receipt.id)
      })
    })

    describe("claimDue", () => {
      it("lets two racing claimers claim each of 200 due rows exactly once", async () => {
        const created = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            service.ensureReceipt(cause(`c${i}`))
          )
        )
        const expected = new Set(created.map((c) => c.receipt.id))
        const claims = new Map<string, string[]>()

        // each claimer runs several loops at once over the connection pool, with small
        // batches, so a non-atomic select-then-update would hand out rows twice
        const claimer = async (owner: string) => {
          for (;;) {
            const batch = await service.claimDue({
              limit: 7,
              leaseMs: LEASE,
              owner,
            })
            if (!batch.length) {
              return
            }
            for (const row of batch) {
              claims.set(row.id, [...(claims.get(row.id) ?? []), owner])
            }
          }
        }
        await Promise.all(
          ["a", "b"].flatMap((worker) =>
            [1, 2, 3, 4].map((loop) => claimer(`${worker}${loop}`))
          )
        )

        expect(claims.size).toBe(200)
        expect([...claims.keys()].every((id) => expected.has(id))).toBe(true)
        const twice = [...claims.entries()].filter(
          ([, owners]) => owners.length > 1
        )
        expect(twice).toEqual([])
        const rows = await service.listFiscalReceipts({ id: [...expected] })
        expect(
          rows.every((r) => r.status === "sending" && r.attempts === 1)
        ).toBe(true)
        const owners = new Set(rows.map((r) => r.lease_owner?.[0]))
        expect(owners).toEqual(new Set(["a", "b"]))
      })

      it("does not claim rows that are not due yet or whose lease is held", async () => {
        const future = new Date(Date.now() + 3_600_000)
        const { receipt: later } = await service.ensureReceipt({
          ...cause("later"),
          next_attempt_at: future,
        })
        const { receipt: now } = await service.ensureReceipt(cause("now"))
        const first = await service.claimDue({
          limit: 10,
          leaseMs: 10 * 3_600_000,
          owner: "w1",
        })
        expect(first.map((r) => r.id)).toEqual([now.id])
        expect(first[0].claimed_from).toBe("pending")
        const second = await service.claimDue({
          limit: 10,
          leaseMs: LEASE,
          owner: "w2",
        })
        expect(second).toEqual([])
        const atLast = await service.claimDue({
          limit: 10,
          leaseMs: LEASE,
          owner: "w2",
          now: new Date(future.getTime() + 1),
        })
        expect(atLast.map((r) => r.id)).toEqual([later.id])
      })

      it("takes over a send whose worker died, marking it as possibly sent", async () => {
        const { receipt } = await service.ensureReceipt(cause("crash"))
        await service.claimDue({ limit: 1, leaseMs: 1_000, owner: "dead" })
        const meanwhile = await service.claimDue({
          limit: 1,
          leaseMs: LEASE,
          owner: "w",
        })
        expect(meanwhile).toEqual([])
        const later = new Date(Date.now() + 2_000)
        const [taken] = await service.claimDue({
          limit: 1,
          leaseMs: LEASE,
          owner: "w",
          now: later,
        })
        expect(taken.id).toBe(receipt.id)
        expect(taken.claimed_from).toBe("sending")
        expect(taken.external_id).toBe(receipt.external_id)
        expect(taken.attempts).toBe(2)
        // the dead worker can no longer write its outcome
        await expect(
          service.transition(receipt.id, "wait", {}, { owner: "dead" })
        ).rejects.toThrow(/another worker/)
      })
    })

    describe("leases", () => {
      it("holds a lease only for its owner and only while it has not run out", async () => {
        const { receipt } = await service.ensureReceipt(cause("fence"))
        await service.claimDue({
          ids: [receipt.id],
          limit: 1,
          leaseMs: 1_000,
          owner: "stale",
        })
        expect(
          await service.holdLeases({
            ids: [receipt.id],
            owner: "other",
            leaseMs: LEASE,
          })
        ).toEqual([])
        // the stale worker's lease ran out: it may no longer extend it, even unchallenged
        const later = new Date(Date.now() + 2_000)
        expect(
          await service.holdLeases({
            ids: [receipt.id],
            owner: "stale",
            leaseMs: LEASE,
            now: later,
          })
        ).toEqual([])
        const [taken] = await service.claimDue({
          ids: [receipt.id],
          limit: 1,
          leaseMs: LEASE,
          owner: "fresh",
          now: later,
        })
        expect(taken.claimed_from).toBe("sending")
        expect(
          await service.holdLeases({
            ids: [receipt.id],
            owner: "fresh",
            leaseMs: LEASE,
          })
        ).toEqual([receipt.id])
        expect(
          await service.holdLeases({
            ids: [receipt.id],
            owner: "stale",
            leaseMs: LEASE,
          })
        ).toEqual([])
      })

      it("claims named rows whether due or not, and never a row another worker holds", async () => {
        const { receipt } = await service.ensureReceipt({
          ...cause("named"),
          next_attempt_at: new Date(Date.now() + 3_600_000),
        })
        const [claimed] = await service.claimDue({
          ids: [receipt.id],
          limit: 5,
          leaseMs: LEASE,
          owner: "a",
        })
        expect(claimed.id).toBe(receipt.id)
        expect(
          await service.claimDue({
            ids: [receipt.id],
            limit: 5,
            leaseMs: LEASE,
            owner: "b",
          })
        ).toEqual([])
      })
    })

    describe("transitions", () => {
      it("walks a receipt to done and refuses to move it anywhere after that", async () => {
        const { receipt } = await service.ensureReceipt(cause("walk"))
        const [claimed] = await service.claimDue({
          limit: 1,
          leaseMs: LEASE,
          owner: "w",
        })
        expect(claimed.id).toBe(receipt.id)
        const waiting = await service.transition(
          receipt.id,
          "wait",
          {
            vendor_document_id: "uuid-1",
            document: { total: 12345 },
            total: 12345,
          },
          { owner: "w" }
        )
        expect(waiting.status).toBe("wait")
        expect(waiting.lease_owner).toBeNull()
        expect(waiting.total).toBe(12345)
        const done = await service.transition(receipt.id, "done", {
          fiscal_document_number: "1873",
          fiscal_document_attribute: "2837465519",
        })
        expect(done.status).toBe("done")
        const stored = await service.retrieveFiscalReceipt(receipt.id)
        expect(Number(stored.total)).toBe(12345)
        expect(stored.fiscal_document_attribute).toBe("2837465519")

        for (const to of [
          "pending",
          "sending",
          "wait",
          "failed",
          "canceled",
        ] as const) {
          await expect(service.transition(receipt.id, to)).rejects.toThrow(
            /already registered \(done\).*Resell/
          )
        }
      })

      it("starts a new generation with a new external id only on request", async () => {
        const { receipt } = await service.ensureReceipt(cause("regen"))
        await service.claimDue({ limit: 1, leaseMs: LEASE, owner: "w" })
        await service.transition(receipt.id, "wait", {
          vendor_document_id: "u1",
        })
        const again = await service.transition(receipt.id, "pending", {
          regenerate: true,
          error_code: "timeout",
        })
        expect(again.generation).toBe(1)
        expect(again.external_id).toBe(`${receipt.id}-1`)
        expect(again.vendor_document_id).toBeNull()
        expect(again.status_checks).toBe(0)
      })

      it("refuses a transition from a state that does not lead there", async () => {
        const { receipt } = await service.ensureReceipt(cause("illegal"))
        await expect(service.transition(receipt.id, "done")).rejects.toThrow(
          /is pending; it can become done only from sending, wait/
        )
        await expect(service.transition("frc_missing", "done")).rejects.toThrow(
          /not found/
        )
      })
    })

    describe("claimDueChecks", () => {
      it("claims waiting rows once per due time and counts the checks", async () => {
        const { receipt } = await service.ensureReceipt(cause("check"))
        await service.claimDue({ limit: 1, leaseMs: LEASE, owner: "w" })
        await service.transition(receipt.id, "wait", {
          vendor_document_id: "u",
          next_attempt_at: new Date(Date.now() - 1),
        })
        const [a, b] = await Promise.all([
          service.claimDueChecks({ limit: 5, leaseMs: LEASE, owner: "x" }),
          service.claimDueChecks({ limit: 5, leaseMs: LEASE, owner: "y" }),
        ])
        expect([...a, ...b].map((r) => r.id)).toEqual([receipt.id])
        expect([...a, ...b][0].status_checks).toBe(1)
        const byId = await service.claimDueChecks({
          limit: 5,
          leaseMs: LEASE,
          owner: "z",
          ids: [receipt.id],
        })
        expect(byId).toEqual([])
      })
    })

    describe("recordAttempt", () => {
      it("appends an exchange to the audit log", async () => {
        const { receipt } = await service.ensureReceipt(cause("log"))
        await service.recordAttempt({
          receipt_id: receipt.id,
          provider_id: "atol",
          operation: "register",
          external_id: receipt.external_id,
          generation: 0,
          http_status: 200,
          duration_ms: 42.4,
          request: { external_id: receipt.external_id },
          response: { uuid: "u" },
          outcome: "accepted",
        })
        const attempts = await service.listFiscalAttempts({
          receipt_id: receipt.id,
        })
        expect(attempts).toHaveLength(1)
        expect(attempts[0]).toMatchObject({
          operation: "register",
          http_status: 200,
          duration_ms: 42,
          outcome: "accepted",
          response: { uuid: "u" },
        })
      })
    })
  },
})
