import { Input } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"
import { Field } from "./field"
import { messageFor } from "./field-errors"
import type { SettingsForm } from "./form-state"
import { Section } from "./section"
import type { SectionProps } from "./section-props"
import { SwitchField } from "./switch-field"

type TextKey = "retry_intervals" | "max_attempts" | "max_status_checks"

/** How persistently a receipt is retried and checked before a person is asked to look. */
export const RetrySection = ({ form, update, errors }: SectionProps) => {
  const { t } = useFiscalTranslation()
  const input = (
    key: TextKey,
    errorKey: string,
    inputMode: "decimal" | "numeric"
  ) => (
    <Field
      id={errorKey}
      label={t(`settings.retry.${key}`)}
      hint={t(`settings.retry.${key}Hint`)}
      error={messageFor(errors, errorKey)}
    >
      <Input
        id={errorKey}
        inputMode={inputMode}
        value={form[key]}
        onChange={(e) =>
          update((f): SettingsForm => ({ ...f, [key]: e.target.value }))
        }
        aria-invalid={!!messageFor(errors, errorKey) || undefined}
      />
    </Field>
  )
  return (
    <Section
      id="retry"
      title={t("settings.retry.title")}
      description={t("settings.retry.description")}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {input("retry_intervals", "retry.intervals_minutes", "decimal")}
        {input("max_attempts", "retry.max_attempts", "numeric")}
        {input("max_status_checks", "status_checks.max_checks", "numeric")}
      </div>
      <SwitchField
        id="retry.retry_daily"
        label={t("settings.retry.retry_daily")}
        hint={t("settings.retry.retry_dailyHint")}
        checked={form.retry_daily}
        onChange={(retry_daily) => update((f) => ({ ...f, retry_daily }))}
      />
    </Section>
  )
}
