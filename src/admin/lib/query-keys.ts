/** React Query keys of the plugin; actions invalidate by these prefixes. */
export const fiscalKeys = {
  all: ["medusa-fiscal"] as const,
  receipts: () => [...fiscalKeys.all, "receipts"] as const,
  receiptList: (params: Record<string, unknown>) =>
    [...fiscalKeys.receipts(), params] as const,
  stats: () => [...fiscalKeys.all, "stats"] as const,
  settings: () => [...fiscalKeys.all, "settings"] as const,
  providers: () => [...fiscalKeys.all, "providers"] as const,
  marking: (orderId: string) =>
    [...fiscalKeys.all, "marking", orderId] as const,
  orderNumbers: (ids: string[]) =>
    [...fiscalKeys.all, "order-numbers", ids] as const,
  /** Under the receipts: every receipt action refreshes what may be corrected. */
  corrections: (orderId: string) =>
    [...fiscalKeys.receipts(), "corrections", orderId] as const,
  reconciliation: () => [...fiscalKeys.all, "reconciliation"] as const,
  reconciliationReport: (params: Record<string, unknown>) =>
    [...fiscalKeys.reconciliation(), params] as const,
  /** Under the receipts: a receipt action changes the report. */
  report: (params: Record<string, unknown>) =>
    [...fiscalKeys.receipts(), "report", params] as const,
}
