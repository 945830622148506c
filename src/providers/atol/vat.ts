import { vatInsideKopecks } from "../_shared/vat"

/**
 * VAT inside `sumKopecks` at `vat`, rounded half up to the kopeck: ATOL's `vatN` and calculated
 * `vat1NN` both give sum × N / (100 + N) (docs/vendors/atol.md, "Enumerations and mapping").
 */
export const vatAmountKopecks = vatInsideKopecks
