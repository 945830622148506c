/**
 * How much one fiscal report holds (docs/architecture.md, "Reports and alerts"). The
 * counts and sums are always whole; only the lists of rows are cut, and the report says
 * how many there were.
 */
export const REPORT_LIMITS = {
  /** Problem receipts listed; the rest are counted in `problems_count`. */
  problems: 500,
  /** Findings of money without a receipt listed; the rest are in `unreceipted_count`. */
  unreceipted: 500,
  /** The longest period, in days: a year, leap or not. */
  maxDays: 366,
  /** Rows of each list the text and HTML summaries (the email) show before "and N more". */
  summaryRows: 50,
} as const
