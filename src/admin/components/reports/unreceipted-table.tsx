import { Table } from "@medusajs/ui"
import { formatRubles } from "../../lib/format"
import { useFiscalTranslation } from "../../lib/i18n"
import { formatDay } from "../../lib/reconciliation"
import type { ReportUnreceipted } from "../../lib/reports"
import { OrderLink } from "./problems-table"

/** Money Medusa moved without a registered receipt, as the stored reconciliation found it. */
export const UnreceiptedTable = ({ rows }: { rows: ReportUnreceipted[] }) => {
  const { t, language } = useFiscalTranslation()
  return (
    <Table data-testid="report-unreceipted">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("reports.unreceipted.day")}</Table.HeaderCell>
          <Table.HeaderCell>{t("reports.unreceipted.order")}</Table.HeaderCell>
          <Table.HeaderCell>
            {t("reports.unreceipted.movement")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reports.unreceipted.amount")}
          </Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((u, i) => (
          <Table.Row
            key={`${u.day}:${u.movement?.id ?? u.order_id}:${i}`}
            data-testid="report-unreceipted-row"
            data-order-id={u.order_id}
          >
            <Table.Cell className="whitespace-nowrap">
              {formatDay(u.day, language)}
            </Table.Cell>
            <Table.Cell>
              <OrderLink orderId={u.order_id} displayId={u.order_display_id} />
            </Table.Cell>
            <Table.Cell>
              {u.movement
                ? t(`reports.unreceipted.movements.${u.movement.kind}`)
                : "—"}
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums whitespace-nowrap">
              {formatRubles(u.amount, language)}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
