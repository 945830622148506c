import { Label, Switch, Text } from "@medusajs/ui"

type Props = {
  id: string
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/** A switch with its label beside it and a hint below. */
export const SwitchField = ({ id, label, hint, checked, onChange }: Props) => (
  <div className="flex items-start gap-x-3" data-field={id}>
    <Switch id={id} checked={checked} onCheckedChange={onChange} />
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
      </Label>
      {hint && (
        <Text size="small" className="text-ui-fg-subtle">
          {hint}
        </Text>
      )}
    </div>
  </div>
)
