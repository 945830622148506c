import { Table, Text } from "@medusajs/ui"
import { formatRubles } from "../../lib/format"
import { useFiscalTranslation } from "../../lib/i18n"
import type { FiscalReport } from "../../lib/reports"
import { RECEIPT_STATUSES, RECEIPT_TYPES } from "../../../types/lists"
import { ReceiptStatusBadge } from "../receipt-status-badge"

/** Count and sum of one cell. */
const Amount = ({
  count,
  total,
  strong = false,
}: {
  count: number
  total: number
  strong?: boolean
}) => {
  const { language } = useFiscalTranslation()
  if (count === 0) {
    return (
      <Text size="small" className="text-ui-fg-muted">
        —
      </Text>
    )
  }
  return (
    <div className="flex flex-col items-end">
      <Text
        size="small"
        weight={strong ? "plus" : "regular"}
        className="tabular-nums"
      >
        {count}
      </Text>
      <Text
        size="xsmall"
        className="tabular-nums text-ui-fg-subtle whitespace-nowrap"
      >
        {formatRubles(total, language)}
      </Text>
    </div>
  )
}

/**
 * The period's receipts per status (rows) and type (columns), each with its count and
 * sum, and the totals of both. Only the statuses and types the period has.
 */
export const StatusTypeTable = ({ report }: { report: FiscalReport }) => {
  const { t } = useFiscalTranslation()
  const statuses = RECEIPT_STATUSES.filter((s) => report.by_status[s].count > 0)
  const types = RECEIPT_TYPES.filter((ty) => report.by_type[ty].count > 0)
  const cell = new Map(
    report.by_status_type.map((c) => [`${c.status}:${c.type}`, c])
  )
  return (
    <Table data-testid="report-status-type">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("reports.table.status")}</Table.HeaderCell>
          {types.map((ty) => (
            <Table.HeaderCell key={ty} className="text-right">
              {t(`type.${ty}`)}
            </Table.HeaderCell>
          ))}
          <Table.HeaderCell className="text-right">
            {t("reports.table.total")}
          </Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {statuses.map((s) => (
          <Table.Row key={s} data-status-row={s}>
            <Table.Cell>
              <ReceiptStatusBadge status={s} />
            </Table.Cell>
            {types.map((ty) => {
              const c = cell.get(`${s}:${ty}`)
              return (
                <Table.Cell
                  key={ty}
                  className="text-right"
                  data-cell={`${s}:${ty}`}
                >
                  <Amount count={c?.count ?? 0} total={c?.total ?? 0} />
                </Table.Cell>
              )
            })}
            <Table.Cell className="text-right" data-cell={`${s}:all`}>
              <Amount {...report.by_status[s]} strong />
            </Table.Cell>
          </Table.Row>
        ))}
        <Table.Row data-status-row="all">
          <Table.Cell>
            <Text size="small" weight="plus">
              {t("reports.table.total")}
            </Text>
          </Table.Cell>
          {types.map((ty) => (
            <Table.Cell key={ty} className="text-right" data-cell={`all:${ty}`}>
              <Amount {...report.by_type[ty]} strong />
            </Table.Cell>
          ))}
          <Table.Cell className="text-right" data-cell="all:all">
            <Amount {...report.totals} strong />
          </Table.Cell>
        </Table.Row>
      </Table.Body>
    </Table>
  )
}
