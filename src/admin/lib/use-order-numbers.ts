import { useQuery } from "@tanstack/react-query"
import { fiscalKeys } from "./query-keys"
import { fiscalFetch } from "./sdk"

type OrdersResponse = { orders: { id: string; display_id: number }[] }

/** Order number (display_id) of each order id, for links in the receipts list. */
export function useOrderNumbers(orderIds: string[]) {
  const ids = [...new Set(orderIds)].sort()
  const { data } = useQuery({
    queryKey: fiscalKeys.orderNumbers(ids),
    enabled: ids.length > 0,
    queryFn: () =>
      fiscalFetch<OrdersResponse>("/admin/orders", {
        query: { id: ids, fields: "id,display_id", limit: ids.length },
      }),
  })
  return new Map((data?.orders ?? []).map((o) => [o.id, o.display_id]))
}

/** The ids of the orders whose number is `number` (a search, then an exact match). */
export function useOrdersByNumber(number: string) {
  const n = Number(number)
  const valid = number.trim() !== "" && Number.isInteger(n) && n > 0
  return useQuery({
    queryKey: [...fiscalKeys.all, "order-by-number", n],
    enabled: valid,
    queryFn: async () => {
      const { orders } = await fiscalFetch<OrdersResponse>("/admin/orders", {
        query: { q: String(n), fields: "id,display_id", limit: 50 },
      })
      return orders.filter((o) => o.display_id === n).map((o) => o.id)
    },
  })
}
