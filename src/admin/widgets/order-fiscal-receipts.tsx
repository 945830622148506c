import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

type Receipt = {
  id: string
  type: string
  status: string
  total: number | null
  created_at: string
  fiscal_document_number: string | null
  fiscal_document_attribute: string | null
  error_message: string | null
}

const STATUS_COLOR: Record<string, "green" | "orange" | "red" | "grey" | "blue"> = {
  done: "green",
  wait: "blue",
  sending: "blue",
  pending: "orange",
  unknown: "orange",
  failed: "red",
  invalid: "red",
  canceled: "grey",
}

const rubles = (kopecks: number | null) =>
  kopecks === null
    ? "—"
    : (kopecks / 100).toLocaleString("ru-RU", { style: "currency", currency: "RUB" })

/** The order's fiscal receipts with their state and fiscal data. */
const OrderFiscalReceiptsWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["fiscal-transactions", order.id],
    queryFn: () =>
      sdk.client.fetch<{ transactions: Receipt[] }>("/admin/fiscal/transactions", {
        query: { order_id: order.id, limit: 50 },
      }),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Fiscal receipts</Heading>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        {isLoading && <Text size="small">Loading receipts…</Text>}
        {isError && (
          <Text size="small" className="text-ui-fg-error">
            Could not load receipts: {(error as Error).message}
          </Text>
        )}
        {data && data.transactions.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            No receipts for this order yet.
          </Text>
        )}
        {data?.transactions.map((r) => (
          <div key={r.id} className="flex flex-col gap-y-1">
            <div className="flex items-center justify-between">
              <Text size="small" weight="plus">
                {r.type === "sell" ? "Sale" : "Refund"} · {rubles(r.total)}
              </Text>
              <Badge size="2xsmall" color={STATUS_COLOR[r.status] ?? "grey"}>
                {r.status}
              </Badge>
            </div>
            {r.fiscal_document_number && (
              <Text size="xsmall" className="text-ui-fg-subtle">
                ФД {r.fiscal_document_number} · ФП {r.fiscal_document_attribute}
              </Text>
            )}
            {r.error_message && (
              <Text size="xsmall" className="text-ui-fg-error">
                {r.error_message}
              </Text>
            )}
          </div>
        ))}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderFiscalReceiptsWidget
