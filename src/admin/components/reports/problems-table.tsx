import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDateTime, formatRubles } from "../../lib/format"
import { useFiscalTranslation } from "../../lib/i18n"
import { isFailure, type ReportProblem } from "../../lib/reports"
import { ReceiptStatusBadge } from "../receipt-status-badge"

/** An order's link: its number when known, else its id. */
export const OrderLink = ({
  orderId,
  displayId,
}: {
  orderId: string
  displayId: number | string | null
}) => (
  <Link
    to={`/orders/${orderId}`}
    className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover whitespace-nowrap"
  >
    {displayId !== null && displayId !== undefined && displayId !== ""
      ? `#${displayId}`
      : orderId}
  </Link>
)

/** The period's receipts that need a person: when, which order, what it is, why. */
export const ProblemsTable = ({ problems }: { problems: ReportProblem[] }) => {
  const { t, language } = useFiscalTranslation()
  return (
    <Table data-testid="report-problems">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("reports.problems.recorded")}</Table.HeaderCell>
          <Table.HeaderCell>{t("reports.problems.order")}</Table.HeaderCell>
          <Table.HeaderCell>{t("reports.problems.receipt")}</Table.HeaderCell>
          <Table.HeaderCell>{t("reports.problems.status")}</Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reports.problems.amount")}
          </Table.HeaderCell>
          <Table.HeaderCell>{t("reports.problems.why")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {problems.map((p) => (
          <Table.Row
            key={p.receipt_id}
            data-testid="report-problem"
            data-receipt-id={p.receipt_id}
            data-order-id={p.order_id}
            data-status={p.status}
          >
            <Table.Cell className="whitespace-nowrap">
              {formatDateTime(p.created_at, language)}
            </Table.Cell>
            <Table.Cell>
              <OrderLink orderId={p.order_id} displayId={p.order_display_id} />
            </Table.Cell>
            <Table.Cell>
              <div className="flex flex-col">
                <Text size="small">{t(`type.${p.type}`)}</Text>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {t(`reports.reasons.${p.reason}`)}
                </Text>
              </div>
            </Table.Cell>
            <Table.Cell>
              <div className="flex flex-col items-start gap-y-1">
                <ReceiptStatusBadge status={p.status} />
                {p.needs_attention && !isFailure(p) && (
                  <Text size="xsmall" className="text-ui-fg-error">
                    {t("reports.problems.needsAttention")}
                  </Text>
                )}
              </div>
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums whitespace-nowrap">
              {formatRubles(p.total, language)}
            </Table.Cell>
            <Table.Cell style={{ maxWidth: 420 }}>
              <div className="flex flex-col">
                {p.error_code && (
                  <Text size="xsmall" className="font-mono text-ui-fg-subtle">
                    {p.error_code}
                  </Text>
                )}
                <Text size="small" data-testid="report-problem-message">
                  {p.error_message || t("reports.problems.noMessage")}
                </Text>
              </div>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
