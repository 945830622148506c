import { Button, Input, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useFiscalTranslation } from "../../lib/i18n"
import { fiscalFetch } from "../../lib/sdk"
import type { AdminEmailFiscalReportResponse } from "../../../types/http/notifications"
import { TEXT_LANGUAGES } from "../../../types/lists"
import { Field } from "./field"
import { messageFor } from "./field-errors"
import type { NotificationsForm } from "./form-state"
import { Section } from "./section"
import type { SectionProps } from "./section-props"
import { SelectInput } from "./select-input"
import { SwitchField } from "./switch-field"

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const

type Props = SectionProps & {
  /** The recipients as saved: "Send now" emails them, not what is typed and unsaved. */
  savedRecipients: string[]
}

/**
 * Reports and alerts: who gets the emails, when the daily and weekly reports go, whether
 * alerts are emailed too, the language; "Email yesterday's report now" checks the shop's
 * email provider.
 */
export const NotificationsSection = ({
  form,
  update,
  errors,
  savedRecipients,
}: Props) => {
  const { t } = useFiscalTranslation()
  const n = form.notifications
  const set = (change: Partial<NotificationsForm>) =>
    update((f) => ({ ...f, notifications: { ...f.notifications, ...change } }))
  const sendNow = useMutation({
    mutationFn: () =>
      fiscalFetch<AdminEmailFiscalReportResponse>(
        "/admin/fiscal/reports/email",
        { method: "POST", body: { period: "yesterday" } }
      ),
    onSuccess: (data) =>
      toast.success(t("settings.notifications.sent"), {
        description: data.recipients.join(", "),
      }),
    onError: (e) =>
      toast.error(t("settings.notifications.notSent"), {
        description: (e as Error).message,
      }),
  })
  const time = (
    id: string,
    value: string,
    onChange: (v: string) => void,
    errorKey: string
  ) => (
    <Field
      id={id}
      label={t("settings.notifications.time")}
      hint={t("settings.notifications.timeHint")}
      error={messageFor(errors, errorKey)}
    >
      <Input
        id={id}
        type="time"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!messageFor(errors, errorKey) || undefined}
      />
    </Field>
  )
  return (
    <Section
      id="notifications"
      title={t("settings.notifications.title")}
      description={t("settings.notifications.description")}
    >
      <Field
        id="notifications.recipients"
        label={t("settings.notifications.recipients")}
        hint={t("settings.notifications.recipientsHint")}
        error={messageFor(errors, "notifications.recipients")}
      >
        <Textarea
          id="notifications.recipients"
          rows={2}
          value={n.recipients}
          placeholder="accountant@shop.ru, owner@shop.ru"
          onChange={(e) => set({ recipients: e.target.value })}
          aria-invalid={
            !!messageFor(errors, "notifications.recipients") || undefined
          }
        />
      </Field>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <div className="flex flex-col gap-y-3">
          <SwitchField
            id="notifications.daily_report.enabled"
            label={t("settings.notifications.daily")}
            hint={t("settings.notifications.dailyHint")}
            checked={n.daily_enabled}
            onChange={(daily_enabled) => set({ daily_enabled })}
          />
          {time(
            "notifications.daily_report.time",
            n.daily_time,
            (daily_time) => set({ daily_time }),
            "notifications.daily_report"
          )}
        </div>
        <div className="flex flex-col gap-y-3">
          <SwitchField
            id="notifications.weekly_report.enabled"
            label={t("settings.notifications.weekly")}
            hint={t("settings.notifications.weeklyHint")}
            checked={n.weekly_enabled}
            onChange={(weekly_enabled) => set({ weekly_enabled })}
          />
          <Field
            id="notifications.weekly_report.weekday"
            label={t("settings.notifications.weekday")}
            error={messageFor(errors, "notifications.weekly_report.weekday")}
          >
            <SelectInput
              id="notifications.weekly_report.weekday"
              value={n.weekly_weekday}
              onChange={(weekly_weekday) => set({ weekly_weekday })}
              options={WEEKDAYS.map((d) => ({
                value: d,
                label: t(`settings.notifications.weekdays.${d}`),
              }))}
            />
          </Field>
          {time(
            "notifications.weekly_report.time",
            n.weekly_time,
            (weekly_time) => set({ weekly_time }),
            "notifications.weekly_report.time"
          )}
        </div>
        <div className="flex flex-col gap-y-3">
          <SwitchField
            id="notifications.alert_emails"
            label={t("settings.notifications.alertEmails")}
            hint={t("settings.notifications.alertEmailsHint")}
            checked={n.alert_emails}
            onChange={(alert_emails) => set({ alert_emails })}
          />
          <Field
            id="notifications.language"
            label={t("settings.notifications.language")}
            hint={t("settings.notifications.languageHint")}
            error={messageFor(errors, "notifications.language")}
          >
            <SelectInput
              id="notifications.language"
              value={n.language}
              onChange={(language) => set({ language })}
              options={TEXT_LANGUAGES.map((l) => ({
                value: l,
                label: t(`settings.notifications.languages.${l}`),
              }))}
            />
          </Field>
        </div>
      </div>
      <div className="flex items-center justify-between gap-x-4">
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.notifications.providerHint")}
        </Text>
        <Button
          type="button"
          size="small"
          variant="secondary"
          disabled={!savedRecipients.length}
          isLoading={sendNow.isPending}
          onClick={() => sendNow.mutate()}
        >
          {t("settings.notifications.sendNow")}
        </Button>
      </div>
    </Section>
  )
}
