import { defineRouteConfig } from "@medusajs/admin-sdk"
import { DocumentText } from "@medusajs/icons"
import { Button, Container, Heading, Skeleton, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { CallbackSection } from "../../../components/settings/callback-section"
import { CompanySection } from "../../../components/settings/company-section"
import { ConnectionSection } from "../../../components/settings/connection-section"
import {
  clientFieldMessages,
  serverFieldMessages,
  type FieldMessages,
} from "../../../components/settings/field-errors"
import {
  bodyFromForm,
  formFromView,
  type SettingsForm,
} from "../../../components/settings/form-state"
import { NotificationsSection } from "../../../components/settings/notifications-section"
import { ReceiptSection } from "../../../components/settings/receipt-section"
import { RetrySection } from "../../../components/settings/retry-section"
import { TriggersSection } from "../../../components/settings/triggers-section"
import { useFiscalTranslation } from "../../../lib/i18n"
import { fiscalKeys } from "../../../lib/query-keys"
import { fiscalFetch } from "../../../lib/sdk"
import type {
  AdminFiscalProviderListResponse,
  AdminFiscalSettingsResponse,
} from "../../../../types/http"

/** Settings → Fiscalization: everything the shop configures, with "Test connection". */
const FiscalSettingsPage = () => {
  const { t } = useFiscalTranslation()
  const queryClient = useQueryClient()
  const settings = useQuery({
    queryKey: fiscalKeys.settings(),
    queryFn: () =>
      fiscalFetch<AdminFiscalSettingsResponse>("/admin/fiscal/settings"),
    // a refetch must not reset what the user is typing; saving refreshes the view
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  })
  const providers = useQuery({
    queryKey: fiscalKeys.providers(),
    queryFn: () =>
      fiscalFetch<AdminFiscalProviderListResponse>("/admin/fiscal/providers"),
  })
  const view = settings.data?.settings
  const providerList = providers.data?.providers
  const [form, setForm] = useState<SettingsForm | null>(null)
  const [errors, setErrors] = useState<FieldMessages>({})

  // the form starts from the server's view, and starts again from it after each save
  useEffect(() => {
    if (view && providerList && !form) {
      setForm(formFromView(view, providerList))
    }
  }, [view, providerList, form])

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      fiscalFetch<AdminFiscalSettingsResponse>("/admin/fiscal/settings", {
        method: "POST",
        body,
      }),
    onSuccess: (data) => {
      setErrors({})
      queryClient.setQueryData(fiscalKeys.settings(), data)
      if (providerList) {
        setForm(formFromView(data.settings, providerList))
      }
      toast.success(t("settings.saved"))
    },
    onError: (e) => {
      const fields = serverFieldMessages(e, t)
      setErrors(fields)
      toast.error(t("settings.notSaved"), {
        description: Object.keys(fields).length
          ? t("settings.fixFields")
          : (e as Error).message,
      })
    },
  })

  if (settings.isError || providers.isError) {
    const error = (settings.error ?? providers.error) as Error
    return (
      <Container className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Text className="text-ui-fg-error">
          {t("settings.loadError", { message: error.message })}
        </Text>
        <Button
          size="small"
          variant="secondary"
          onClick={() => {
            settings.refetch()
            providers.refetch()
          }}
        >
          {t("common.retry")}
        </Button>
      </Container>
    )
  }
  if (!form || !view || !providerList) {
    return (
      <Container className="flex flex-col gap-y-3 px-6 py-4" aria-busy="true">
        <Skeleton className="h-7 w-1/2" />
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
      </Container>
    )
  }

  const update = (change: (f: SettingsForm) => SettingsForm) =>
    setForm((f) => (f ? change(f) : f))
  const submit = (e?: React.FormEvent) => {
    e?.preventDefault()
    const { body, errors: clientErrors } = bodyFromForm(
      form,
      providerList,
      view
    )
    if (Object.keys(clientErrors).length) {
      setErrors(clientFieldMessages(clientErrors, t))
      toast.error(t("settings.notSaved"), {
        description: t("settings.fixFields"),
      })
      return
    }
    save.mutate(body)
  }
  const sectionProps = { form, update, errors }

  return (
    <form className="flex flex-col gap-y-3" onSubmit={submit} noValidate>
      <Container className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h1">{t("settings.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("settings.description")}
          </Text>
        </div>
        <Button
          type="submit"
          size="small"
          isLoading={save.isPending}
          data-testid="save-settings"
        >
          {t("common.save")}
        </Button>
      </Container>
      <ConnectionSection
        {...sectionProps}
        providers={providerList}
        view={view}
        onErrors={setErrors}
      />
      <CompanySection {...sectionProps} />
      <ReceiptSection {...sectionProps} />
      <TriggersSection {...sectionProps} />
      <RetrySection {...sectionProps} />
      <NotificationsSection
        {...sectionProps}
        savedRecipients={view.notifications.recipients}
      />
      <CallbackSection view={view} />
      <div className="flex justify-end">
        <Button type="submit" size="small" isLoading={save.isPending}>
          {t("common.save")}
        </Button>
      </div>
    </form>
  )
}

export const config = defineRouteConfig({
  label: "menu.settings",
  // a string literal: the admin bundler reads it from the source, not at run time
  translationNs: "medusa-fiscal",
  icon: DocumentText,
})

export default FiscalSettingsPage
