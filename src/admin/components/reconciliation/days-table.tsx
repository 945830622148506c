import { Table, Text } from "@medusajs/ui"
import { formatRubles } from "../../lib/format"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  daysWithFindings,
  findingsCount,
  formatDay,
  type ReconciliationDay,
} from "../../lib/reconciliation"

/** The days of the range that have findings, with what moved and what was registered. */
export const DaysTable = ({ days }: { days: ReconciliationDay[] }) => {
  const { t, language } = useFiscalTranslation()
  const rub = (kopecks: number) => formatRubles(kopecks, language)
  const shown = [...daysWithFindings(days)].sort((a, b) =>
    b.day.localeCompare(a.day)
  )
  if (shown.length === 0) {
    return (
      <div className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {t("reconciliation.noDaysWithFindings", { count: days.length })}
        </Text>
      </div>
    )
  }
  return (
    <Table data-testid="reconciliation-days">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("reconciliation.columns.day")}</Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reconciliation.captured")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reconciliation.registeredIn")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reconciliation.refunded")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reconciliation.registeredOut")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reconciliation.atRisk")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reconciliation.columns.findings")}
          </Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {shown.map((d) => (
          <Table.Row key={d.day} data-day={d.day}>
            <Table.Cell className="whitespace-nowrap">
              {formatDay(d.day, language)}
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums">
              {rub(d.captured)}
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums">
              {rub(d.registered_in)}
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums">
              {rub(d.refunded)}
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums">
              {rub(d.registered_out)}
            </Table.Cell>
            <Table.Cell className="text-ui-fg-error text-right tabular-nums">
              {rub(d.at_risk)}
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums">
              {findingsCount(d.findings)}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
