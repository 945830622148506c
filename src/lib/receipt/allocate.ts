/**
 * Spreads an amount of kopecks over lines in proportion to their weights: an order-level
 * discount or a partial capture over the order lines, a partial refund over the lines of
 * the sale receipt.
 *
 * It is the largest-remainder method, with one refinement: a line may name a *step*, the
 * granularity at which its share keeps the line at a single price (its quantity, for
 * goods sold by the piece). Each line first gets the largest "clean" share not above its
 * exact proportional share; the kopecks left over go, in order of largest remainder, a
 * clean step at a time, and only what no clean step can absorb is handed out kopeck by
 * kopeck. Every line stays within a few steps of its exact share, while as few lines as
 * possible need splitting in two (which matters: vendors cap a receipt at 100 lines).
 *
 * Integer kopecks and BigInt products throughout: amount × weight exceeds 2^53 for large
 * orders. Ties are broken by line order, so the result is stable.
 */

/** One line to allocate to. */
export type AllocationSlot = {
  /** Proportional weight in kopecks; a line of weight 0 receives nothing. */
  weight: number
  /** The most this line may receive (its amount, so a discount never makes it negative). */
  cap: number
  /**
   * Clean shares are those `≡ offset (mod step)`: after receiving one, the line still has a
   * single price. `step: 1` means any share is clean.
   */
  step: number
  /** See `step`; `0 ≤ offset < step`. */
  offset: number
}

/** Smallest clean share above `share`. */
function nextClean(share: number, slot: AllocationSlot): number {
  const misfit = mod(share - slot.offset, slot.step)
  return misfit === 0 ? share + slot.step : share + (slot.step - misfit)
}

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus
}

/**
 * Shares of `amount` per slot, in slot order: Σ shares = amount, 0 ≤ share ≤ cap, and
 * zero-weight slots get 0. The caller must make sure the amount fits:
 * `amount ≤ Σ cap of slots with weight > 0`; otherwise this throws.
 */
export function allocate(
  amount: number,
  slots: readonly AllocationSlot[]
): number[] {
  const shares = slots.map(() => 0)
  if (amount === 0) {
    return shares
  }
  const total = slots.reduce((sum, slot) => sum + BigInt(slot.weight), 0n)
  const room = slots.reduce(
    (sum, slot) => sum + (slot.weight > 0 ? slot.cap : 0),
    0
  )
  if (amount < 0 || total === 0n || amount > room) {
    throw new Error(`allocate: ${amount} does not fit slots with room ${room}`)
  }
  const bigAmount = BigInt(amount)
  const eligible: number[] = []
  // Remainders share the denominator `total`, so they compare as BigInt numerators.
  const remainders = new Map<number, bigint>()
  let left = amount

  slots.forEach((slot, index) => {
    if (slot.weight <= 0) {
      return
    }
    const exact = bigAmount * BigInt(slot.weight)
    const floorShare = Math.min(Number(exact / total), slot.cap)
    const clean = floorShare - mod(floorShare - slot.offset, slot.step)
    shares[index] = Math.max(clean, 0)
    left -= shares[index]
    remainders.set(index, exact - BigInt(shares[index]) * total)
    eligible.push(index)
  })

  eligible.sort((a, b) => {
    const ra = remainders.get(a)!
    const rb = remainders.get(b)!
    return ra === rb ? a - b : ra > rb ? -1 : 1
  })

  // Clean steps, one per line per pass, in order of largest remainder.
  let progressed = true
  while (left > 0 && progressed) {
    progressed = false
    for (const index of eligible) {
      const next = nextClean(shares[index], slots[index])
      const step = next - shares[index]
      if (step <= left && next <= slots[index].cap) {
        shares[index] = next
        left -= step
        progressed = true
      }
    }
  }

  // What no clean step fits goes kopeck by kopeck, largest remainder first; the line that
  // takes it is split in two by the caller.
  for (const index of eligible) {
    if (left === 0) {
      break
    }
    const give = Math.min(left, slots[index].cap - shares[index])
    shares[index] += give
    left -= give
  }
  return shares
}
