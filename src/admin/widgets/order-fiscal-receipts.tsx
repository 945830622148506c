import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { CorrectionBasis } from "../components/corrections/correction-basis"
import { CorrectionDrawer } from "../components/corrections/correction-form"
import { CorrectionsUnavailable } from "../components/corrections/corrections-unavailable"
import { OrderReceiptRow } from "../components/order/order-receipt-row"
import { supportsCorrections } from "../lib/corrections"
import { useFiscalTranslation } from "../lib/i18n"
import { fiscalKeys } from "../lib/query-keys"
import { canSendToKkm, isSettling } from "../lib/receipts"
import { fiscalFetch } from "../lib/sdk"
import type { AdminFiscalReceiptListResponse } from "../../types/http"
import { useReceiptActions } from "../lib/use-receipt-actions"
import { missingMovements, useOrderMoney } from "../lib/use-order-money"
import { useOrderCorrections } from "../lib/use-order-corrections"

/** How often the widget looks again while a receipt is on its way. */
const SETTLING_REFRESH_MS = 2_000

/** The order's fiscal receipts with their state, fiscal data, errors and actions. */
const OrderFiscalReceiptsWidget = ({
  data: order,
}: DetailWidgetProps<AdminOrder>) => {
  const { t } = useFiscalTranslation()
  const actions = useReceiptActions()
  const params = { order_id: order.id, limit: 100 }
  const { data, isPending, isError, error, refetch } = useQuery({
    queryKey: fiscalKeys.receiptList(params),
    queryFn: () =>
      fiscalFetch<AdminFiscalReceiptListResponse>("/admin/fiscal/receipts", {
        query: params,
      }),
    refetchInterval: (query) =>
      query.state.data?.receipts.some((r) => isSettling(r))
        ? SETTLING_REFRESH_MS
        : false,
  })
  // oldest first, so a resell reads as: sale, refund of it, new sale
  const receipts = [...(data?.receipts ?? [])].sort((a, b) =>
    a.created_at.localeCompare(b.created_at)
  )
  const money = useOrderMoney(order.id)
  const sendable =
    !!data && canSendToKkm(receipts, missingMovements(money.data, receipts))
  // a route that is not there (an older server) shows neither the action nor the line
  const corrections = useOrderCorrections(order.id)
  const correctable =
    !!corrections.data &&
    supportsCorrections(corrections.data.supported) &&
    corrections.data.movements.length + corrections.data.receipts.length > 0
  const [correcting, setCorrecting] = useState(false)

  return (
    <Container className="divide-y p-0" data-testid="fiscal-receipts-widget">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">{t("widget.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("widget.subtitle")}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          {correctable && (
            <Button
              size="small"
              variant="secondary"
              onClick={() => setCorrecting(true)}
            >
              {t("actions.issueCorrection")}
            </Button>
          )}
          {sendable && (
            <Button
              size="small"
              variant="secondary"
              isLoading={actions.sendToKkm.isPending}
              onClick={() => actions.sendToKkm.mutate(order.id)}
            >
              {t("actions.sendToKkm")}
            </Button>
          )}
        </div>
      </div>
      {isPending && (
        <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      )}
      {isError && (
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {t("widget.loadError", { message: (error as Error).message })}
          </Text>
          <Button size="small" variant="transparent" onClick={() => refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      )}
      {data && receipts.length === 0 && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("widget.empty")}
          </Text>
        </div>
      )}
      {receipts.map((receipt) => {
        const row = (
          <OrderReceiptRow
            key={receipt.id}
            receipt={receipt}
            receipts={receipts}
            money={money.data}
            actions={actions}
          />
        )
        return receipt.correction ? (
          <div key={receipt.id} data-correction-of={receipt.id}>
            {row}
            <div className="-mt-2 px-6 pb-4">
              <CorrectionBasis receipt={receipt} />
            </div>
          </div>
        ) : (
          row
        )
      })}
      {corrections.data && !supportsCorrections(corrections.data.supported) && (
        <div className="px-6 py-3">
          <CorrectionsUnavailable providerId={corrections.data.provider_id} />
        </div>
      )}
      <CorrectionDrawer
        orderId={order.id}
        orderNumber={order.display_id}
        open={correcting}
        onOpenChange={setCorrecting}
      />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.after",
  id: "medusa-fiscal:order-receipts",
})

export default OrderFiscalReceiptsWidget
