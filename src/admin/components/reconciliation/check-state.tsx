import { Alert, Text } from "@medusajs/ui"
import { formatDateTime } from "../../lib/format"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  dayRuns,
  formatDay,
  type ReconciliationResponse,
} from "../../lib/reconciliation"

/** At most this many runs of unchecked days are spelled out. */
const RUNS_SHOWN = 4

/** When the range was last reconciled, and which of its days never were. */
export const CheckState = ({ report }: { report: ReconciliationResponse }) => {
  const { t, language } = useFiscalTranslation()
  if (!report.checked_at) {
    return (
      <Alert variant="warning" data-testid="reconciliation-never-checked">
        <Text size="small" weight="plus">
          {t("reconciliation.neverChecked")}
        </Text>
        <Text size="small">{t("reconciliation.neverCheckedHint")}</Text>
      </Alert>
    )
  }
  const runs = dayRuns(report.unchecked_days)
  const shown = runs
    .slice(0, RUNS_SHOWN)
    .map((r) =>
      r.from === r.to
        ? formatDay(r.from, language)
        : `${formatDay(r.from, language)} – ${formatDay(r.to, language)}`
    )
  return (
    <div className="flex flex-col gap-y-1" data-testid="reconciliation-checked">
      <Text size="small" className="text-ui-fg-subtle">
        {t("reconciliation.checkedAt", {
          at: formatDateTime(report.checked_at, language),
        })}
      </Text>
      {runs.length > 0 && (
        <Alert variant="warning" data-testid="reconciliation-unchecked">
          {t("reconciliation.uncheckedDays", {
            count: report.unchecked_days.length,
            days: shown.join(", ") + (runs.length > RUNS_SHOWN ? ", …" : ""),
          })}
        </Alert>
      )}
    </div>
  )
}
