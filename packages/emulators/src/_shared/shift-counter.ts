import type { SeededRandom } from "./random"

/** How long a kassa keeps a shift open before the next receipt reopens it. */
const SHIFT_MS = 24 * 60 * 60 * 1000

/** A kassa's numbers for one receipt. */
export type ReceiptNumbers = {
  /** The shift the receipt belongs to (tag 1038). */
  shiftNumber: number
  /** The receipt's number within its shift (tag 1042). */
  receiptNumber: number
  /** The fiscal document number (ФД, tag 1040). */
  documentNumber: number
}

/**
 * A fiscal storage's counters: ФД numbers grow by one per receipt and by two more at a shift
 * change (the closing and opening reports), receipt numbers restart each shift, and a shift
 * lasts 24 hours. It starts mid-life (a random shift and ФД number), as a real kassa would.
 */
export class ShiftCounter {
  private shiftNumber_: number
  private shiftOpenedAt_: number
  private receiptsInShift_ = 0
  private lastDocumentNumber_: number

  /** Draws the starting shift and ФД number from `random`, in that order. */
  constructor(random: SeededRandom, now: Date) {
    this.shiftNumber_ = random.int(1, 300)
    this.shiftOpenedAt_ = now.getTime()
    this.lastDocumentNumber_ = random.int(100, 5000)
  }

  /** Counts one receipt registered at `now` and returns its numbers. */
  next(now: Date): ReceiptNumbers {
    if (now.getTime() - this.shiftOpenedAt_ >= SHIFT_MS) {
      this.shiftNumber_ += 1
      this.shiftOpenedAt_ = now.getTime()
      this.receiptsInShift_ = 0
      this.lastDocumentNumber_ += 2
    }
    this.receiptsInShift_ += 1
    this.lastDocumentNumber_ += 1
    return {
      shiftNumber: this.shiftNumber_,
      receiptNumber: this.receiptsInShift_,
      documentNumber: this.lastDocumentNumber_,
    }
  }
}
