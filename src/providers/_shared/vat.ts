import type { VatCode } from "../../lib/receipt/types"

/**
 * Percentage each VAT code extracts from a gross sum. `vatN` and the calculated `vat1NN` both
 * give sum × N / (100 + N): prices are gross, VAT is inside them.
 */
const VAT_RATE_PERCENT: Record<VatCode, number> = {
  none: 0,
  vat0: 0,
  vat5: 5,
  vat7: 7,
  vat10: 10,
  vat20: 20,
  vat22: 22,
  vat105: 5,
  vat107: 7,
  vat110: 10,
  vat120: 20,
  vat122: 22,
}

/**
 * VAT inside `sumKopecks` at `vat`, rounded half up to the kopeck, in integer arithmetic (for
 * vendors whose wire format carries the VAT sum of a line or a receipt).
 */
export function vatInsideKopecks(sumKopecks: number, vat: VatCode): number {
  const rate = VAT_RATE_PERCENT[vat]
  if (rate === 0 || sumKopecks === 0) {
    return 0
  }
  const denominator = 100 + rate
  return Math.floor((2 * sumKopecks * rate + denominator) / (2 * denominator))
}
