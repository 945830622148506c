import { Button, Text } from "@medusajs/ui"
import { DayRangeInputs } from "../day-range-inputs"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  MAX_CHECK_DAYS,
  MAX_RANGE_DAYS,
  RANGE_PRESETS,
  presetRange,
  type DayRange,
  type RangeProblem,
} from "../../lib/reconciliation"

type Props = {
  range: DayRange
  today: string
  problem: RangeProblem | null
  onChange: (range: DayRange) => void
  onCheck: () => void
  checking: boolean
}

/** The days reconciled (from, to, presets) and "Check now". */
export const RangeBar = ({
  range,
  today,
  problem,
  onChange,
  onCheck,
  checking,
}: Props) => {
  const { t } = useFiscalTranslation()
  const isPreset = (p: (typeof RANGE_PRESETS)[number]) => {
    const r = presetRange(p, today)
    return r.from === range.from && r.to === range.to
  }
  return (
    <div className="flex flex-col gap-y-2" data-testid="reconciliation-range">
      <div className="flex flex-wrap items-end gap-3">
        <DayRangeInputs
          idPrefix="reconciliation"
          range={range}
          today={today}
          fromLabel={t("reconciliation.from")}
          toLabel={t("reconciliation.to")}
          onChange={onChange}
        />
        <div className="flex flex-wrap items-center gap-1">
          {RANGE_PRESETS.map((p) => (
            <Button
              key={p}
              size="small"
              variant={isPreset(p) ? "secondary" : "transparent"}
              aria-pressed={isPreset(p)}
              onClick={() => onChange(presetRange(p, today))}
            >
              {t(`reconciliation.presets.${p}`)}
            </Button>
          ))}
        </div>
        <div className="ml-auto">
          <Button
            size="small"
            variant="primary"
            data-testid="reconciliation-check"
            disabled={problem !== null}
            isLoading={checking}
            onClick={onCheck}
          >
            {t("reconciliation.checkNow")}
          </Button>
        </div>
      </div>
      {problem && (
        <Text
          size="small"
          className={
            problem === "tooLongToCheck"
              ? "text-ui-fg-subtle"
              : "text-ui-fg-error"
          }
          data-testid="reconciliation-range-problem"
          data-problem={problem}
        >
          {t(`reconciliation.rangeProblems.${problem}`, {
            max: problem === "tooLong" ? MAX_RANGE_DAYS : MAX_CHECK_DAYS,
          })}
        </Text>
      )}
    </div>
  )
}
