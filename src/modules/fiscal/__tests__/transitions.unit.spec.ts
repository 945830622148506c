import {
  ALLOWED_FROM,
  canTransition,
  explainRefusal,
  externalIdFor,
} from "../transitions"
import type { ReceiptStatus } from "../types/receipt"

const ALL: ReceiptStatus[] = [
  "pending",
  "sending",
  "wait",
  "done",
  "unknown",
  "failed",
  "invalid",
  "canceled",
]

describe("transitions", () => {
  it("lets nothing leave done", () => {
    for (const to of ALL) {
      expect(canTransition("done", to)).toBe(false)
    }
  })

  it("resolves an unknown send only through a new claim, never straight to a new document", () => {
    expect(ALL.filter((to) => canTransition("unknown", to))).toEqual([
      "sending",
    ])
  })

  it("explains a refusal in words an admin can act on", () => {
    expect(explainRefusal("frc_1", "done", "pending")).toMatch(/Resell/)
    expect(explainRefusal("frc_1", "sending", "pending")).toMatch(/being sent/)
    expect(explainRefusal("frc_1", "pending", "done")).toBe(
      `Receipt frc_1 is pending; it can become done only from ${ALLOWED_FROM.done.join(", ")}.`
    )
  })

  it("keeps the external id of generation 0 and suffixes later ones", () => {
    expect(externalIdFor("frc_A", 0)).toBe("frc_A")
    expect(externalIdFor("frc_A", 2)).toBe("frc_A-2")
  })
})
