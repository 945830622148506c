import { vatInsideKopecks } from "../_shared/vat"

/**
 * VAT inside `sumKopecks` at `vat`, rounded half up to the kopeck: ATOL's `vatN` and calculated
 * `vat1NN` both give sum × N / (100 + N) (PROTOCOLS §1.11).
 */
export const vatAmountKopecks = vatInsideKopecks
