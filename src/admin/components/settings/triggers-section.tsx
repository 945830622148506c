import { useFiscalTranslation } from "../../lib/i18n"
import { CHOICES } from "./choices"
import { Field } from "./field"
import { messageFor } from "./field-errors"
import { Section } from "./section"
import type { SectionProps } from "./section-props"
import { SelectInput } from "./select-input"
import { SwitchField } from "./switch-field"

/** When receipts are issued. */
export const TriggersSection = ({ form, update, errors }: SectionProps) => {
  const { t } = useFiscalTranslation()
  return (
    <Section
      id="triggers"
      title={t("settings.triggers.title")}
      description={t("settings.triggers.description")}
    >
      <Field
        id="sell_trigger"
        label={t("settings.triggers.sellTrigger")}
        error={messageFor(errors, "sell_trigger")}
      >
        <SelectInput
          id="sell_trigger"
          value={form.sell_trigger}
          onChange={(sell_trigger) => update((f) => ({ ...f, sell_trigger }))}
          options={CHOICES.sellTrigger.map((v) => ({
            value: v,
            label: t(`choices.sellTrigger.${v}`),
          }))}
        />
      </Field>
      <SwitchField
        id="refund_receipts"
        label={t("settings.triggers.refundReceipts")}
        hint={t("settings.triggers.refundReceiptsHint")}
        checked={form.refund_receipts}
        onChange={(refund_receipts) =>
          update((f) => ({ ...f, refund_receipts }))
        }
      />
      <SwitchField
        id="cancel_receipts"
        label={t("settings.triggers.cancelReceipts")}
        hint={t("settings.triggers.cancelReceiptsHint")}
        checked={form.cancel_receipts}
        onChange={(cancel_receipts) =>
          update((f) => ({ ...f, cancel_receipts }))
        }
      />
    </Section>
  )
}
