import { Heading, Text } from "@medusajs/ui"
import { formatDateTime, formatRubles } from "../../lib/format"
import { useFiscalTranslation } from "../../lib/i18n"
import { formatDay } from "../../lib/reconciliation"
import type { FiscalReport } from "../../lib/reports"
import { RECEIPT_TYPES } from "../../../types/lists"
import { TotalTile } from "../total-tile"

/**
 * The period's receipts in one look: how many and for how much, what was registered per
 * type, and what needs a person (these in red when there are any).
 */
export const ReportTotals = ({ report }: { report: FiscalReport }) => {
  const { t, language } = useFiscalTranslation()
  const rub = (kopecks: number) => formatRubles(kopecks, language)
  const { from, to } = report.period
  // sales and refunds always; corrections only in a period that has them
  const types = RECEIPT_TYPES.filter(
    (type) =>
      type === "sell" ||
      type === "sell_refund" ||
      report.by_type[type].count > 0
  )
  return (
    <div
      className="flex flex-col gap-y-3"
      data-testid="report-totals"
      data-from={from}
      data-to={to}
    >
      <Text size="small" className="text-ui-fg-subtle">
        {t("reports.periodLine", {
          period:
            from === to
              ? formatDay(from, language)
              : `${formatDay(from, language)} – ${formatDay(to, language)}`,
          time: formatDateTime(report.generated_at, language),
        })}
      </Text>
      {/* inline gaps: the admin's stylesheet has only the spacing classes the dashboard uses */}
      <div
        className="flex flex-wrap items-end"
        style={{ columnGap: 56, rowGap: 16 }}
      >
        <div className="flex flex-col" data-total="receipts">
          <Text size="small" className="text-ui-fg-subtle">
            {t("reports.totals.receipts")}
          </Text>
          <Heading
            level="h1"
            className="tabular-nums"
            style={{ fontSize: 32, lineHeight: "40px" }}
            data-testid="report-count"
          >
            {report.totals.count}
          </Heading>
          <Text
            size="small"
            className="tabular-nums text-ui-fg-subtle"
            data-testid="report-sum"
          >
            {rub(report.totals.total)}
          </Text>
        </div>
        <div
          className="grid"
          style={{
            gridTemplateColumns: "repeat(2, minmax(180px, auto))",
            columnGap: 32,
            rowGap: 8,
          }}
        >
          {types.map((type) => (
            <TotalTile
              key={type}
              id={`registered:${type}`}
              label={t("reports.totals.registered", {
                type: t(`type.${type}`),
              })}
              value={`${report.registered_by_type[type].count} · ${rub(report.registered_by_type[type].total)}`}
            />
          ))}
          <TotalTile
            id="problems"
            label={t("reports.totals.problems")}
            value={String(report.problems_count)}
            tone={report.problems_count > 0 ? "error" : "base"}
          />
          <TotalTile
            id="unreceipted"
            label={t("reports.totals.unreceipted")}
            value={rub(report.unreceipted_total)}
            tone={report.unreceipted_count > 0 ? "error" : "base"}
          />
        </div>
      </div>
    </div>
  )
}
