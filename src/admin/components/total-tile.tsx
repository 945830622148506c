import { Text } from "@medusajs/ui"

/** One labelled total of a summary (reconciliation, reports); `data-total` names it for tests. */
export const TotalTile = ({
  id,
  label,
  value,
  tone = "base",
}: {
  id: string
  label: string
  value: string
  /** `error` when the total is something a person has to act on. */
  tone?: "base" | "error"
}) => (
  <div className="flex flex-col gap-y-0.5" data-total={id}>
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text
      size="base"
      weight="plus"
      className={`tabular-nums ${tone === "error" ? "text-ui-fg-error" : ""}`}
    >
      {value}
    </Text>
  </div>
)
