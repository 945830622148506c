import fc from "fast-check"
import { allocate, type AllocationSlot } from "../allocate"

const weights = fc.array(
  fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 1_000 }),
    fc.integer({ min: 0, max: 1_000_000_000 })
  ),
  { minLength: 1, maxLength: 120 }
)

const ppm = fc.integer({ min: 0, max: 1_000_000 })

/** amount × weight / Σ weights as floor and remainder, exactly. */
function exactShare(amount: number, weight: number, total: number) {
  const numerator = BigInt(amount) * BigInt(weight)
  return {
    floor: Number(numerator / BigInt(total)),
    remainder: numerator % BigInt(total),
  }
}

describe("allocate: properties", () => {
  it("with steps of 1 it is largest remainder, ties in line order", () => {
    fc.assert(
      fc.property(weights, ppm, (ws, share) => {
        const total = ws.reduce((sum, w) => sum + w, 0)
        fc.pre(total > 0)
        const amount = Math.floor((total * share) / 1_000_000)
        const slots = ws.map((w) => ({ weight: w, cap: w, step: 1, offset: 0 }))
        const shares = allocate(amount, slots)
        expect(shares.reduce((sum, s) => sum + s, 0)).toBe(amount)
        const exact = ws.map((w) => exactShare(amount, w, total))
        const up: number[] = []
        const down: number[] = []
        shares.forEach((value, index) => {
          const { floor, remainder } = exact[index]
          expect(value === floor || value === floor + 1).toBe(true)
          if (value > floor) {
            up.push(index)
          } else if (remainder > 0n) {
            down.push(index)
          }
        })
        // Every line rounded up has a larger remainder than every line rounded
        // down, or the same remainder and an earlier place.
        for (const i of up) {
          for (const j of down) {
            const ri = exact[i].remainder
            const rj = exact[j].remainder
            expect(ri > rj || (ri === rj && i < j)).toBe(true)
          }
        }
      }),
      { numRuns: 200 }
    )
  })

  it("with clean steps: adds up, within caps, near proportion", () => {
    const slot = fc.record({
      weight: fc.integer({ min: 0, max: 100_000_000 }),
      step: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 1000 })),
      offsetSeed: fc.nat(),
    })
    const slotsArbitrary = fc.array(slot, { minLength: 1, maxLength: 120 })
    fc.assert(
      fc.property(slotsArbitrary, ppm, (raw, share) => {
        const slots: AllocationSlot[] = raw.map((entry) => ({
          weight: entry.weight,
          cap: entry.weight,
          step: entry.step,
          offset: entry.offsetSeed % entry.step,
        }))
        const total = slots.reduce((sum, s) => sum + s.weight, 0)
        fc.pre(total > 0)
        const amount = Math.floor((total * share) / 1_000_000)
        const shares = allocate(amount, slots)
        const maxStep = Math.max(...slots.map((s) => s.step))
        expect(shares.reduce((sum, s) => sum + s, 0)).toBe(amount)
        shares.forEach((value, index) => {
          const { weight, cap, step } = slots[index]
          const proportional = (amount * weight) / total
          expect(value).toBeGreaterThanOrEqual(0)
          expect(value).toBeLessThanOrEqual(cap)
          if (weight === 0) {
            expect(value).toBe(0)
          }
          expect(Math.abs(value - proportional)).toBeLessThan(
            step + maxStep + 1
          )
        })
      }),
      { numRuns: 200 }
    )
  })
})
