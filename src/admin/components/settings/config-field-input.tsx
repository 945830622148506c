import { Input, Switch, Textarea } from "@medusajs/ui"
import { localized, useFiscalTranslation } from "../../lib/i18n"
import type { ProviderConfigField } from "../../../types/http"
import { SecretInput } from "./secret-input"
import { SelectInput } from "./select-input"

type Props = {
  id: string
  field: ProviderConfigField
  secret: boolean
  secretIsSet: boolean
  value: string | boolean
  onChange: (value: string | boolean) => void
  invalid?: boolean
}

/** One field of a provider's connection form, drawn from its `configFields` description. */
export const ConfigFieldInput = ({
  id,
  field,
  secret,
  secretIsSet,
  value,
  onChange,
  invalid,
}: Props) => {
  const { t, language } = useFiscalTranslation()
  if (secret) {
    return (
      <SecretInput
        id={id}
        isSet={secretIsSet}
        value={String(value)}
        onChange={onChange}
        invalid={invalid}
      />
    )
  }
  switch (field.type) {
    case "boolean":
      return (
        <Switch id={id} checked={value === true} onCheckedChange={onChange} />
      )
    case "select":
      return (
        <SelectInput
          id={id}
          value={String(value)}
          onChange={onChange}
          placeholder={t("common.choose")}
          invalid={invalid}
          options={(field.options ?? []).map((o) => ({
            value: String(o.value),
            label: localized(o.label, language),
          }))}
        />
      )
    case "textarea":
      return (
        <Textarea
          id={id}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid || undefined}
        />
      )
    default:
      return (
        <Input
          id={id}
          type={
            field.type === "number"
              ? "number"
              : field.type === "url"
                ? "url"
                : "text"
          }
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
          placeholder={
            field.default !== undefined ? String(field.default) : undefined
          }
          aria-invalid={invalid || undefined}
        />
      )
  }
}
