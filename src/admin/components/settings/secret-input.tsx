import { Input, StatusBadge } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"

type Props = {
  id: string
  /** Whether a value is stored (or comes from the plugin options); the value itself never reaches the admin. */
  isSet: boolean
  value: string
  onChange: (value: string) => void
  invalid?: boolean
}

/** A write-only secret: its state, and an input whose value replaces the stored one. */
export const SecretInput = ({ id, isSet, value, onChange, invalid }: Props) => {
  const { t } = useFiscalTranslation()
  return (
    <div className="flex flex-col gap-y-2">
      <div>
        <StatusBadge
          color={isSet ? "green" : "grey"}
          data-secret-state={isSet ? "set" : "not-set"}
        >
          {isSet ? t("secret.set") : t("secret.notSet")}
        </StatusBadge>
      </div>
      <Input
        id={id}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={
          isSet ? t("secret.replacePlaceholder") : t("secret.enterPlaceholder")
        }
        aria-invalid={invalid || undefined}
      />
    </div>
  )
}
