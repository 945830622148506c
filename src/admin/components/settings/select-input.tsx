import { Select } from "@medusajs/ui"

export type SelectOption = { value: string; label: string }

type Props = {
  id: string
  value: string
  onChange: (value: string) => void
  options: SelectOption[]
  placeholder?: string
  invalid?: boolean
}

/** A select whose current value is always listed, even one the list does not know. */
export const SelectInput = ({
  id,
  value,
  onChange,
  options,
  placeholder,
  invalid,
}: Props) => {
  const all =
    value && !options.some((o) => o.value === value)
      ? [...options, { value, label: value }]
      : options
  return (
    <Select value={value || undefined} onValueChange={onChange}>
      <Select.Trigger id={id} aria-invalid={invalid || undefined}>
        <Select.Value placeholder={placeholder} />
      </Select.Trigger>
      <Select.Content>
        {all.map((o) => (
          <Select.Item key={o.value} value={o.value}>
            {o.label}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}
