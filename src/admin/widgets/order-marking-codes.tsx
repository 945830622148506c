import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { ExclamationCircle } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useRef, useState } from "react"
import { MarkingItemRow } from "../components/marking/marking-item-row"
import {
  MarkingScanInput,
  type MarkingScanInputHandle,
} from "../components/marking/marking-scan-input"
import { useFiscalTranslation } from "../lib/i18n"
import { targetItem } from "../lib/marking"
import { FiscalApiError } from "../lib/sdk"
import {
  useMarkingScanner,
  useOrderMarking,
  useRemoveMarkingCode,
} from "../lib/use-order-marking"

/**
 * Marking codes (Честный знак) of the order's marked goods: staff scan one code per unit
 * before the receipt goes out; a receipt held back for missing codes is sent once they are
 * in. Shown only when the order has marked goods.
 */
const OrderMarkingCodesWidget = ({
  data: order,
}: DetailWidgetProps<AdminOrder>) => {
  const { t } = useFiscalTranslation()
  const { data, isPending, isError, error, refetch } = useOrderMarking(order.id)
  const [picked, setPicked] = useState<string | null>(null)
  const scanner = useMarkingScanner(order.id, picked)
  const remove = useRemoveMarkingCode(order.id)
  const input = useRef<MarkingScanInputHandle>(null)

  if (isPending) {
    return null
  }
  if (isError) {
    // no route or no such order: nothing to enter codes for
    if (error instanceof FiscalApiError && error.status === 404) {
      return null
    }
    return (
      <Container className="p-0" data-testid="marking-codes-widget">
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {t("marking.loadError", { message: (error as Error).message })}
          </Text>
          <Button size="small" variant="transparent" onClick={() => refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      </Container>
    )
  }
  const items = data?.items ?? []
  if (!items.length) {
    return null
  }
  const marking = data.marking
  const target = targetItem(items, picked)
  const missing = items.reduce((sum, i) => sum + i.missing, 0)

  return (
    <Container className="divide-y p-0" data-testid="marking-codes-widget">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">{t("marking.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("marking.subtitle")}
        </Text>
      </div>
      {!marking.codes && (
        <div className="px-6 py-4">
          <div
            className="bg-ui-tag-orange-bg flex gap-x-2 rounded-md px-3 py-2"
            role="status"
            data-testid="marking-unsupported"
          >
            <ExclamationCircle className="text-ui-tag-orange-icon mt-0.5 shrink-0" />
            <div className="flex flex-col gap-y-1">
              <Text size="small" weight="plus">
                {marking.provider_id
                  ? t("marking.unsupported")
                  : t("marking.noProvider")}
              </Text>
              {marking.message && (
                <Text size="small" className="text-ui-fg-subtle">
                  {marking.message}
                </Text>
              )}
            </div>
          </div>
        </div>
      )}
      <div className="px-6 py-4">
        <MarkingScanInput
          ref={input}
          submit={scanner.submit}
          targetTitle={
            target
              ? [target.title, target.variant_title].filter(Boolean).join(", ")
              : undefined
          }
          allEntered={missing === 0}
          pending={scanner.pending}
          rejections={scanner.rejections}
        />
      </div>
      {items.map((item) => (
        <MarkingItemRow
          key={item.item_id}
          item={item}
          isTarget={item.item_id === target?.item_id}
          canPick={items.length > 1}
          onPick={() => {
            setPicked(item.item_id)
            input.current?.focus()
          }}
          remove={remove}
          // after the dialog has given the focus back to the button
          onDone={() => setTimeout(() => input.current?.focus(), 0)}
        />
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.after",
  id: "medusa-fiscal:order-marking-codes",
})

export default OrderMarkingCodesWidget
