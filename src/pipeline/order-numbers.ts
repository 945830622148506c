import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** Order ids per query: the `IN` list stays short. */
const IDS_PER_QUERY = 200

/** The orders' numbers as the admin shows them (`display_id`), by order id; unknown ones left out. */
export async function orderNumbers(
  container: MedusaContainer,
  orderIds: Iterable<string>
): Promise<Map<string, number | string>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const ids = [...new Set(orderIds)]
  const out = new Map<string, number | string>()
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "display_id"],
      filters: { id: ids.slice(i, i + IDS_PER_QUERY) },
    })
    for (const o of data as { id: string; display_id?: number | null }[]) {
      if (o.display_id !== null && o.display_id !== undefined) {
        out.set(o.id, o.display_id)
      }
    }
  }
  return out
}
