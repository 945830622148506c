import { Button, Text, usePrompt } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"
import { formatDateTime, formatRubles } from "../../lib/format"
import { canCheckStatus, canResell, receiptKind } from "../../lib/receipts"
import type { AdminFiscalReceiptRow } from "../../../types/http"
import type { useReceiptActions } from "../../lib/use-receipt-actions"
import { movementOf, type OrderMoney } from "../../lib/use-order-money"
import { FiscalData } from "../fiscal-data"
import { ReceiptError } from "../receipt-error"
import { ReceiptStatusBadge } from "../receipt-status-badge"

type Props = {
  receipt: AdminFiscalReceiptRow
  /** All receipts of the order: legality of "Resell" depends on the others. */
  receipts: AdminFiscalReceiptRow[]
  /** The order's captures and refunds, to say what the receipt is for. */
  money: OrderMoney | undefined
  actions: ReturnType<typeof useReceiptActions>
}

/** One receipt of the order: what it is, its state, fiscal data, error, and its own actions. */
export const OrderReceiptRow = ({
  receipt,
  receipts,
  money,
  actions,
}: Props) => {
  const { t, language } = useFiscalTranslation()
  const movement = movementOf(receipt, money)
  const purpose = !movement
    ? null
    : movement.kind === "order"
      ? t("purpose.order")
      : movement.kind === "handover"
        ? [
            t("purpose.handover"),
            ...(movement.taken > 0
              ? [
                  t("purpose.taken", {
                    amount: formatRubles(
                      Math.round(movement.taken * 100),
                      language
                    ),
                  }),
                ]
              : []),
          ].join(" · ")
        : [
            t(`purpose.${movement.kind}`, {
              amount:
                movement.amount === null
                  ? "—"
                  : formatRubles(Math.round(movement.amount * 100), language),
            }),
            ...(movement.returns.length
              ? [
                  t("purpose.returns", {
                    numbers: movement.returns.map((n) => `#${n}`).join(", "),
                  }),
                ]
              : []),
            ...(movement.onHandover ? [t("purpose.onHandover")] : []),
          ].join(" · ")
  const prompt = usePrompt()
  const kind = receiptKind(receipt)
  const resellable = canResell(receipt, receipts)
  const checkable = canCheckStatus(receipt)

  const confirmResell = async () => {
    const confirmed = await prompt({
      title: t("resell.title"),
      description: t("resell.description", {
        fd: receipt.fiscal_document_number ?? "—",
        sum: formatRubles(receipt.total, language),
      }),
      confirmText: t("resell.confirm"),
      cancelText: t("resell.cancel"),
      variant: "confirmation",
    })
    if (confirmed) {
      actions.resell.mutate(receipt.id)
    }
  }

  return (
    <div
      className="flex flex-col gap-y-2 px-6 py-4"
      data-testid="fiscal-receipt"
      data-receipt-id={receipt.id}
      data-kind={kind}
      data-status={receipt.status}
    >
      <div className="flex items-start justify-between gap-x-4">
        <div className="flex flex-col">
          <Text size="small" weight="plus">
            {t(`kind.${kind}`)}
          </Text>
          {purpose && (
            <Text
              size="small"
              className="text-ui-fg-subtle"
              data-testid="fiscal-receipt-purpose"
            >
              {purpose}
            </Text>
          )}
          <Text size="small" className="text-ui-fg-subtle">
            {formatDateTime(
              receipt.registered_at ?? receipt.created_at,
              language
            )}
          </Text>
        </div>
        <div className="flex items-center gap-x-3">
          <Text size="small" weight="plus" className="tabular-nums">
            {formatRubles(receipt.total, language)}
          </Text>
          <ReceiptStatusBadge status={receipt.status} />
        </div>
      </div>
      <FiscalData receipt={receipt} />
      <ReceiptError receipt={receipt} />
      {(checkable || resellable) && (
        <div className="flex justify-end gap-x-2">
          {checkable && (
            <Button
              size="small"
              variant="secondary"
              isLoading={
                actions.checkStatus.isPending &&
                actions.checkStatus.variables === receipt.id
              }
              onClick={() => actions.checkStatus.mutate(receipt.id)}
            >
              {t("actions.checkStatus")}
            </Button>
          )}
          {resellable && (
            <Button
              size="small"
              variant="secondary"
              isLoading={
                actions.resell.isPending &&
                actions.resell.variables === receipt.id
              }
              onClick={confirmResell}
            >
              {t("actions.resell")}
            </Button>
          )}
        </div>
      )}
    </div>
  )
}
