import { Label, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type Props = {
  id: string
  label: string
  hint?: string
  error?: string
  children: ReactNode
}

/** A labelled input with its hint and, when the form was refused, the reason under it. */
export const Field = ({ id, label, hint, error, children }: Props) => (
  <div className="flex flex-col gap-y-2" data-field={id}>
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    {children}
    {hint && !error && (
      <Text size="small" className="text-ui-fg-subtle">
        {hint}
      </Text>
    )}
    {error && (
      <Text
        size="small"
        className="text-ui-fg-error"
        role="alert"
        data-field-error={id}
      >
        {error}
      </Text>
    )}
  </div>
)
