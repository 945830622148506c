/** Weights of the ФНС control-digit algorithm, per digit position. */
const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

function controlDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0)
  return (sum % 11) % 10
}

/**
 * True when `inn` is a valid ИНН: 10 digits (an organisation) or 12 digits (an individual
 * entrepreneur) whose control digits match. A typo is caught here rather than as a
 * cash-register failure hours later.
 */
export function isValidInn(inn: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(inn)) {
    return false
  }
  const d = [...inn].map(Number)
  if (d.length === 10) {
    return controlDigit(d, WEIGHTS_10) === d[9]
  }
  return (
    controlDigit(d, WEIGHTS_11) === d[10] &&
    controlDigit(d, WEIGHTS_12) === d[11]
  )
}
