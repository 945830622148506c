import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatRubles } from "../../lib/format"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  formatDay,
  type CorrectionPrefill,
  type ReconciliationFinding,
} from "../../lib/reconciliation"
import type { useReceiptActions } from "../../lib/use-receipt-actions"
import { FindingRemedy } from "./finding-remedy"

type Props = {
  findings: ReconciliationFinding[]
  actions: ReturnType<typeof useReceiptActions>
  /** Findings acted on since the last check: they say to check again. */
  acted: Set<string>
  onCorrect: (
    prefill: CorrectionPrefill,
    finding: ReconciliationFinding
  ) => void
  onActed: (finding: ReconciliationFinding) => void
}

/** A page of findings: the day, the order, what is wrong, the money at risk and the remedy. */
export const FindingsTable = ({
  findings,
  actions,
  acted,
  onCorrect,
  onActed,
}: Props) => {
  const { t, language } = useFiscalTranslation()
  return (
    <Table data-testid="reconciliation-findings">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("reconciliation.columns.day")}</Table.HeaderCell>
          <Table.HeaderCell>
            {t("reconciliation.columns.order")}
          </Table.HeaderCell>
          <Table.HeaderCell>
            {t("reconciliation.columns.finding")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reconciliation.columns.amount")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-right">
            {t("reconciliation.columns.remedy")}
          </Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {findings.map((f) => (
          <Table.Row
            key={f.id}
            data-testid="reconciliation-finding"
            data-kind={f.kind}
            data-order-id={f.order_id}
            data-remedy={f.remedy}
          >
            <Table.Cell className="whitespace-nowrap">
              {formatDay(f.day, language)}
            </Table.Cell>
            <Table.Cell>
              <Link
                to={`/orders/${f.order_id}`}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
              >
                {f.order_display_id !== null && f.order_display_id !== undefined
                  ? `#${f.order_display_id}`
                  : f.order_id}
              </Link>
            </Table.Cell>
            <Table.Cell style={{ maxWidth: 420 }}>
              <div className="flex flex-col">
                <Text size="small" weight="plus">
                  {t(`reconciliation.kinds.${f.kind}`)}
                </Text>
                <Text size="small" className="text-ui-fg-subtle">
                  {t(`reconciliation.kindHints.${f.kind}`)}
                </Text>
              </div>
            </Table.Cell>
            <Table.Cell
              className="text-right tabular-nums whitespace-nowrap"
              data-testid="finding-amount"
            >
              {formatRubles(f.amount, language)}
            </Table.Cell>
            <Table.Cell className="text-right">
              <div className="flex flex-col items-end gap-y-1">
                <FindingRemedy
                  finding={f}
                  actions={actions}
                  onCorrect={onCorrect}
                  onActed={onActed}
                />
                {acted.has(f.id) && (
                  <Text
                    size="xsmall"
                    className="text-ui-fg-subtle"
                    data-testid="finding-acted"
                  >
                    {t("reconciliation.checkAgain")}
                  </Text>
                )}
              </div>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
