import { Input } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"
import { CHOICES } from "./choices"
import { Field } from "./field"
import { messageFor } from "./field-errors"
import type { SettingsForm } from "./form-state"
import { Section } from "./section"
import type { SectionProps } from "./section-props"
import { SelectInput } from "./select-input"

type CompanyKey = keyof SettingsForm["company"]

/** The seller printed on every receipt. */
export const CompanySection = ({ form, update, errors }: SectionProps) => {
  const { t } = useFiscalTranslation()
  const set = (key: CompanyKey, value: string) =>
    update((f) => ({ ...f, company: { ...f.company, [key]: value } }))
  const text = (key: Exclude<CompanyKey, "sno">, type = "text") => (
    <Field
      id={`company.${key}`}
      label={t(`settings.company.${key}`)}
      hint={t(`settings.company.${key}Hint`)}
      error={messageFor(errors, `company.${key}`)}
    >
      <Input
        id={`company.${key}`}
        type={type}
        value={form.company[key]}
        onChange={(e) => set(key, e.target.value)}
        aria-invalid={!!messageFor(errors, `company.${key}`) || undefined}
      />
    </Field>
  )
  return (
    <Section
      id="company"
      title={t("settings.company.title")}
      description={t("settings.company.description")}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {text("inn")}
        <Field
          id="company.sno"
          label={t("settings.company.sno")}
          error={messageFor(errors, "company.sno")}
        >
          <SelectInput
            id="company.sno"
            value={form.company.sno}
            onChange={(v) => set("sno", v)}
            placeholder={t("common.choose")}
            options={CHOICES.sno.map((v) => ({
              value: v,
              label: t(`choices.sno.${v}`),
            }))}
          />
        </Field>
        {text("email", "email")}
        {text("payment_address")}
      </div>
    </Section>
  )
}
