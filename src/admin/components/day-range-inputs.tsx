import { Input, Label } from "@medusajs/ui"
import type { DayRange } from "../lib/reconciliation"

type Props = {
  /** Prefix of the inputs' ids (`<prefix>-from`, `<prefix>-to`). */
  idPrefix: string
  range: DayRange
  /** Moscow's today: the last day the inputs offer. */
  today: string
  fromLabel: string
  toLabel: string
  onChange: (range: DayRange) => void
}

/** The first and last Moscow day of a range, as two date inputs (reconciliation, reports). */
export const DayRangeInputs = ({
  idPrefix,
  range,
  today,
  fromLabel,
  toLabel,
  onChange,
}: Props) => (
  <>
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={`${idPrefix}-from`} size="xsmall" weight="plus">
        {fromLabel}
      </Label>
      <Input
        id={`${idPrefix}-from`}
        type="date"
        size="small"
        max={today}
        value={range.from}
        onChange={(e) => onChange({ ...range, from: e.target.value })}
      />
    </div>
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={`${idPrefix}-to`} size="xsmall" weight="plus">
        {toLabel}
      </Label>
      <Input
        id={`${idPrefix}-to`}
        type="date"
        size="small"
        max={today}
        value={range.to}
        onChange={(e) => onChange({ ...range, to: e.target.value })}
      />
    </div>
  </>
)
