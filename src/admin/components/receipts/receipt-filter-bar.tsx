import { Button, DatePicker, Input, Label } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  RECEIPT_STATUSES,
  RECEIPT_TYPES,
  type ReceiptStatus,
  type ReceiptType,
} from "../../../types/lists"
import { SelectInput } from "../settings/select-input"
import { SwitchField } from "../settings/switch-field"
import { hasFilters, NO_FILTERS, type ReceiptFilters } from "./filters"

/** Radix Select has no empty value; this one stands for "any". */
const ANY = "any"

type Props = {
  filters: ReceiptFilters
  onChange: (filters: ReceiptFilters) => void
}

/** Status, type, order number and date range of the receipts list. */
export const ReceiptFilterBar = ({ filters, onChange }: Props) => {
  const { t } = useFiscalTranslation()
  const set = <K extends keyof ReceiptFilters>(
    key: K,
    value: ReceiptFilters[K]
  ) => onChange({ ...filters, [key]: value })
  return (
    <div className="flex flex-col gap-y-3" data-testid="receipt-filters">
      {/* an inline grid: the admin's stylesheet has only the grid classes the dashboard uses */}
      <div
        className="grid gap-3"
        style={{ gridTemplateColumns: "repeat(auto-fit, minmax(170px, 1fr))" }}
      >
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="filter-status" size="xsmall" weight="plus">
            {t("list.filters.status")}
          </Label>
          <SelectInput
            id="filter-status"
            value={filters.status || ANY}
            onChange={(v) =>
              set("status", v === ANY ? "" : (v as ReceiptStatus))
            }
            options={[
              { value: ANY, label: t("list.filters.any") },
              ...RECEIPT_STATUSES.map((s) => ({
                value: s,
                label: t(`status.${s}`),
              })),
            ]}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="filter-type" size="xsmall" weight="plus">
            {t("list.filters.type")}
          </Label>
          <SelectInput
            id="filter-type"
            value={filters.type || ANY}
            onChange={(v) => set("type", v === ANY ? "" : (v as ReceiptType))}
            options={[
              { value: ANY, label: t("list.filters.any") },
              ...RECEIPT_TYPES.map((type) => ({
                value: type,
                label: t(`type.${type}`),
              })),
            ]}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="filter-order" size="xsmall" weight="plus">
            {t("list.filters.order")}
          </Label>
          <Input
            id="filter-order"
            inputMode="numeric"
            placeholder="1024"
            value={filters.order}
            onChange={(e) => set("order", e.target.value.replace(/[^\d]/g, ""))}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="xsmall" weight="plus">
            {t("list.filters.from")}
          </Label>
          <DatePicker
            aria-label={t("list.filters.from")}
            value={filters.from}
            onChange={(d) => set("from", d)}
            maxValue={filters.to ?? undefined}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="xsmall" weight="plus">
            {t("list.filters.to")}
          </Label>
          <DatePicker
            aria-label={t("list.filters.to")}
            value={filters.to}
            onChange={(d) => set("to", d)}
            minValue={filters.from ?? undefined}
          />
        </div>
      </div>
      <div className="flex items-center justify-between gap-x-4">
        <SwitchField
          id="filter-needs-attention"
          label={t("list.filters.needsAttention")}
          checked={filters.needsAttention}
          onChange={(v) => set("needsAttention", v)}
        />
        {hasFilters(filters) && (
          <Button
            size="small"
            variant="transparent"
            onClick={() => onChange(NO_FILTERS)}
          >
            {t("list.filters.clear")}
          </Button>
        )}
      </div>
    </div>
  )
}
