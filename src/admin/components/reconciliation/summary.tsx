import { Heading, StatusBadge, Text } from "@medusajs/ui"
import { formatRubles } from "../../lib/format"
import { TotalTile } from "../total-tile"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  FINDING_KINDS,
  type FindingKind,
  type ReconciliationTotals,
} from "../../lib/reconciliation"

type Props = {
  summary: ReconciliationTotals
  activeKind: FindingKind | ""
  onKind: (kind: FindingKind | "") => void
}

/** Money at risk first, then what Medusa moved and what receipts registered, and the findings by kind. */
export const ReconciliationSummary = ({
  summary,
  activeKind,
  onKind,
}: Props) => {
  const { t, language } = useFiscalTranslation()
  const rub = (kopecks: number) => formatRubles(kopecks, language)
  const risky = summary.at_risk > 0
  return (
    <div className="flex flex-col gap-y-4" data-testid="reconciliation-summary">
      {/* inline gaps: the admin's stylesheet has only the spacing classes the dashboard uses */}
      <div
        className="flex flex-wrap items-end"
        style={{ columnGap: 56, rowGap: 16 }}
      >
        <div className="flex flex-col" data-testid="money-at-risk">
          <Text size="small" className="text-ui-fg-subtle">
            {t("reconciliation.atRisk")}
          </Text>
          <Heading
            level="h1"
            className={`tabular-nums ${risky ? "text-ui-fg-error" : "text-ui-fg-base"}`}
            style={{ fontSize: 32, lineHeight: "40px" }}
            data-testid="money-at-risk-amount"
          >
            {rub(summary.at_risk)}
          </Heading>
        </div>
        <div
          className="grid"
          style={{
            gridTemplateColumns: "repeat(2, minmax(160px, auto))",
            columnGap: 32,
            rowGap: 8,
          }}
        >
          <TotalTile
            id="captured"
            label={t("reconciliation.captured")}
            value={rub(summary.captured)}
          />
          <TotalTile
            id="registered_in"
            label={t("reconciliation.registeredIn")}
            value={rub(summary.registered_in)}
          />
          <TotalTile
            id="refunded"
            label={t("reconciliation.refunded")}
            value={rub(summary.refunded)}
          />
          <TotalTile
            id="registered_out"
            label={t("reconciliation.registeredOut")}
            value={rub(summary.registered_out)}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {FINDING_KINDS.map((kind) => {
          const n = summary.findings[kind] ?? 0
          return (
            <button
              key={kind}
              type="button"
              data-finding-count={kind}
              aria-pressed={activeKind === kind}
              disabled={n === 0 && activeKind !== kind}
              className={
                activeKind && activeKind !== kind ? "opacity-50" : undefined
              }
              onClick={() => onKind(activeKind === kind ? "" : kind)}
            >
              <StatusBadge color={n > 0 ? "red" : "green"}>
                {t(`reconciliation.kinds.${kind}`)}: {n}
              </StatusBadge>
            </button>
          )
        })}
      </div>
    </div>
  )
}
