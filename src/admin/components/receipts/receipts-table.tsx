import { Checkbox, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useFiscalTranslation } from "../../lib/i18n"
import { formatDateTime, formatRubles } from "../../lib/format"
import { receiptKind } from "../../lib/receipts"
import type { AdminFiscalReceiptRow } from "../../../types/http"
import { ReceiptStatusBadge } from "../receipt-status-badge"

type Props = {
  receipts: AdminFiscalReceiptRow[]
  orderNumbers: Map<string, number>
  selected: Set<string>
  onSelectedChange: (selected: Set<string>) => void
}

/** A page of receipts with row selection for the bulk actions. */
export const ReceiptsTable = ({
  receipts,
  orderNumbers,
  selected,
  onSelectedChange,
}: Props) => {
  const { t, language } = useFiscalTranslation()
  const allSelected =
    receipts.length > 0 && receipts.every((r) => selected.has(r.id))
  const someSelected = receipts.some((r) => selected.has(r.id))
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected)
    if (on) next.add(id)
    else next.delete(id)
    onSelectedChange(next)
  }
  return (
    <Table data-testid="receipts-table">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell className="w-8">
            <Checkbox
              aria-label={t("list.selectAll")}
              checked={
                allSelected ? true : someSelected ? "indeterminate" : false
              }
              onCheckedChange={(v) =>
                onSelectedChange(
                  v === true ? new Set(receipts.map((r) => r.id)) : new Set()
                )
              }
            />
          </Table.HeaderCell>
          <Table.HeaderCell>{t("list.columns.date")}</Table.HeaderCell>
          <Table.HeaderCell>{t("list.columns.order")}</Table.HeaderCell>
          <Table.HeaderCell>{t("list.columns.type")}</Table.HeaderCell>
          <Table.HeaderCell>{t("list.columns.status")}</Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("list.columns.sum")}
          </Table.HeaderCell>
          <Table.HeaderCell>{t("list.columns.fiscal")}</Table.HeaderCell>
          <Table.HeaderCell>{t("list.columns.problem")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {receipts.map((r) => {
          const number = orderNumbers.get(r.order_id)
          return (
            <Table.Row key={r.id} data-receipt-id={r.id} data-status={r.status}>
              <Table.Cell>
                <Checkbox
                  aria-label={t("list.selectRow")}
                  checked={selected.has(r.id)}
                  onCheckedChange={(v) => toggle(r.id, v === true)}
                />
              </Table.Cell>
              <Table.Cell className="whitespace-nowrap">
                {formatDateTime(r.created_at, language)}
              </Table.Cell>
              <Table.Cell>
                <Link
                  to={`/orders/${r.order_id}`}
                  className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                >
                  {number !== undefined ? `#${number}` : r.order_id}
                </Link>
              </Table.Cell>
              <Table.Cell>{t(`kind.${receiptKind(r)}`)}</Table.Cell>
              <Table.Cell>
                <ReceiptStatusBadge status={r.status} />
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums whitespace-nowrap">
                {formatRubles(r.total, language)}
              </Table.Cell>
              <Table.Cell className="whitespace-nowrap font-mono">
                {r.fiscal_document_number
                  ? `${t("fiscal.fd")} ${r.fiscal_document_number} · ${t("fiscal.fp")} ${r.fiscal_document_attribute ?? "—"}`
                  : "—"}
              </Table.Cell>
              <Table.Cell style={{ maxWidth: 320 }}>
                {r.error_message ? (
                  <Text
                    size="small"
                    className="text-ui-fg-error truncate"
                    title={r.error_message}
                  >
                    {r.error_message}
                  </Text>
                ) : r.needs_attention ? (
                  <Text size="small" className="text-ui-fg-error">
                    {t("list.needsAttention")}
                  </Text>
                ) : (
                  "—"
                )}
              </Table.Cell>
            </Table.Row>
          )
        })}
      </Table.Body>
    </Table>
  )
}
