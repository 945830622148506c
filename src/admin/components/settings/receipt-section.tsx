import { Input } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"
import { CHOICES } from "./choices"
import { Field } from "./field"
import { messageFor } from "./field-errors"
import type { SettingsForm } from "./form-state"
import { Section } from "./section"
import type { SectionProps } from "./section-props"
import { SelectInput } from "./select-input"

type ReceiptKey = Exclude<keyof SettingsForm["receipt"], "marked_product_tag">

/** What a product of marked goods is tagged with when the setting is blank. */
const DEFAULT_MARKED_PRODUCT_TAG = "Честный знак"

const FIELDS: { key: ReceiptKey; choices: keyof typeof CHOICES }[] = [
  { key: "goods_vat", choices: "vat" },
  { key: "shipping_vat", choices: "vat" },
  { key: "goods_payment_object", choices: "paymentObject" },
  { key: "shipping_payment_object", choices: "paymentObject" },
  { key: "goods_measure", choices: "measure" },
  { key: "shipping_measure", choices: "measure" },
  { key: "payment_method_mode", choices: "paymentMethodMode" },
  { key: "payment_type", choices: "paymentType" },
  { key: "handover", choices: "handover" },
]

/** What a line gets when the product or shipping method metadata says nothing. */
export const ReceiptSection = ({ form, update, errors }: SectionProps) => {
  const { t } = useFiscalTranslation()
  return (
    <Section
      id="receipt"
      title={t("settings.receipt.title")}
      description={t("settings.receipt.description")}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {FIELDS.map(({ key, choices }) => (
          <Field
            key={key}
            id={`receipt.${key}`}
            label={t(`settings.receipt.${key}`)}
            hint={
              key.endsWith("_vat") ? t("settings.receipt.vatHint") : undefined
            }
            error={messageFor(errors, `receipt.${key}`)}
          >
            <SelectInput
              id={`receipt.${key}`}
              value={form.receipt[key]}
              onChange={(v) =>
                update((f) => ({ ...f, receipt: { ...f.receipt, [key]: v } }))
              }
              placeholder={t("common.choose")}
              options={CHOICES[choices].map((v) => ({
                value: v,
                label: t(`choices.${choices}.${v}`),
              }))}
            />
          </Field>
        ))}
        <Field
          id="receipt.marked_product_tag"
          label={t("settings.receipt.marked_product_tag")}
          hint={t("settings.receipt.marked_product_tagHint")}
          error={messageFor(errors, "receipt.marked_product_tag")}
        >
          <Input
            id="receipt.marked_product_tag"
            value={form.receipt.marked_product_tag}
            placeholder={DEFAULT_MARKED_PRODUCT_TAG}
            onChange={(e) =>
              update((f) => ({
                ...f,
                receipt: { ...f.receipt, marked_product_tag: e.target.value },
              }))
            }
            aria-invalid={
              !!messageFor(errors, "receipt.marked_product_tag") || undefined
            }
          />
        </Field>
      </div>
    </Section>
  )
}
