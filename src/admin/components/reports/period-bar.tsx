import { Button, Text } from "@medusajs/ui"
import { ArrowDownTray } from "@medusajs/icons"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  MAX_REPORT_DAYS,
  REPORT_PRESETS,
  selectionDays,
  type ReportRangeProblem,
  type ReportSelection,
} from "../../lib/reports"
import { DayRangeInputs } from "../day-range-inputs"

type Props = {
  selection: ReportSelection
  today: string
  problem: ReportRangeProblem | null
  onChange: (selection: ReportSelection) => void
  onDownload: () => void
  downloading: boolean
}

/** The period of the report (presets, or any days) and "Download CSV". */
export const ReportPeriodBar = ({
  selection,
  today,
  problem,
  onChange,
  onDownload,
  downloading,
}: Props) => {
  const { t } = useFiscalTranslation()
  return (
    <div className="flex flex-col gap-y-2" data-testid="report-period">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-wrap items-center gap-1">
          {REPORT_PRESETS.map((p) => (
            <Button
              key={p}
              size="small"
              variant={selection.preset === p ? "secondary" : "transparent"}
              aria-pressed={selection.preset === p}
              data-preset={p}
              onClick={() => onChange({ preset: p })}
            >
              {t(`reports.presets.${p}`)}
            </Button>
          ))}
        </div>
        <DayRangeInputs
          idPrefix="report"
          range={selectionDays(selection, today)}
          today={today}
          fromLabel={t("reports.from")}
          toLabel={t("reports.to")}
          onChange={(range) => onChange({ preset: null, range })}
        />
        <div className="ml-auto">
          <Button
            size="small"
            variant="secondary"
            data-testid="report-download"
            disabled={problem !== null}
            isLoading={downloading}
            onClick={onDownload}
          >
            <ArrowDownTray />
            {t("reports.download")}
          </Button>
        </div>
      </div>
      {problem && (
        <Text
          size="small"
          className="text-ui-fg-error"
          data-testid="report-range-problem"
          data-problem={problem}
        >
          {t(`reports.rangeProblems.${problem}`, { max: MAX_REPORT_DAYS })}
        </Text>
      )}
    </div>
  )
}
