import { Button, InlineTip } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { localized, useFiscalTranslation } from "../../lib/i18n"
import { fiscalFetch } from "../../lib/sdk"
import type {
  AdminFiscalProvider,
  FiscalConnectionTestBody,
  FiscalConnectionTestResponse,
  FiscalSettingsView,
} from "../../../types/http"
import { ConfigFieldInput } from "./config-field-input"
import { Field } from "./field"
import {
  clientFieldMessages,
  messageFor,
  serverFieldMessages,
  type FieldMessages,
} from "./field-errors"
import {
  isSecretField,
  providerConfigBody,
  type ClientErrors,
} from "./form-state"
import { Section } from "./section"
import type { SectionProps } from "./section-props"
import { SelectInput } from "./select-input"
import { SwitchField } from "./switch-field"

type Props = SectionProps & {
  providers: AdminFiscalProvider[]
  view: FiscalSettingsView
  /** Errors of "Test connection" are shown like those of saving. */
  onErrors: (errors: FieldMessages) => void
}

/**
 * Whether receipts are issued, which service registers them, and its connection form, built
 * from the provider's `configFields`, so a new vendor needs no admin change.
 */
export const ConnectionSection = ({
  form,
  update,
  errors,
  providers,
  view,
  onErrors,
}: Props) => {
  const { t, language } = useFiscalTranslation()
  const provider = providers.find((p) => p.identifier === form.provider_id)
  const values = provider ? (form.connections[provider.identifier] ?? {}) : {}
  const secrets = provider
    ? (view.connections[provider.identifier]?.secrets ?? {})
    : {}

  const test = useMutation({
    mutationFn: async () => {
      const clientErrors: ClientErrors = {}
      const provider_config = providerConfigBody(
        provider!,
        values,
        view.connections[provider!.identifier]?.config,
        clientErrors
      )
      if (Object.keys(clientErrors).length) {
        onErrors(clientFieldMessages(clientErrors, t))
        throw new Error(t("settings.fixFields"))
      }
      const body: FiscalConnectionTestBody = {
        provider_id: provider!.identifier,
        provider_config,
      }
      return fiscalFetch<FiscalConnectionTestResponse>(
        "/admin/fiscal/settings/test-connection",
        {
          method: "POST",
          body,
        }
      )
    },
    onMutate: () => onErrors({}),
    onError: (e) => onErrors(serverFieldMessages(e, t)),
  })

  const setValue = (name: string, value: string | boolean) =>
    update((f) => ({
      ...f,
      connections: {
        ...f.connections,
        [f.provider_id]: { ...f.connections[f.provider_id], [name]: value },
      },
    }))

  const result = test.data
  return (
    <Section
      id="connection"
      title={t("settings.connection.title")}
      description={t("settings.connection.description")}
    >
      <SwitchField
        id="enabled"
        label={t("settings.connection.enabled")}
        hint={t("settings.connection.enabledHint")}
        checked={form.enabled}
        onChange={(enabled) => update((f) => ({ ...f, enabled }))}
      />
      <Field
        id="provider_id"
        label={t("settings.connection.provider")}
        error={messageFor(errors, "provider_id")}
      >
        <SelectInput
          id="provider_id"
          value={form.provider_id}
          onChange={(provider_id) => {
            test.reset()
            update((f) => ({ ...f, provider_id }))
          }}
          placeholder={t("common.choose")}
          options={providers.map((p) => ({
            value: p.identifier,
            label: p.title,
          }))}
        />
      </Field>
      {provider && (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {provider.configFields.map((field) => {
            const id = `provider_config.${field.name}`
            const error = messageFor(errors, id)
            return (
              <Field
                key={`${provider.identifier}.${field.name}`}
                id={id}
                label={`${localized(field.label, language)}${field.required ? " *" : ""}`}
                hint={localized(field.help, language) || undefined}
                error={error}
              >
                <ConfigFieldInput
                  id={id}
                  field={field}
                  secret={isSecretField(provider, field)}
                  secretIsSet={secrets[field.name]?.set ?? false}
                  value={values[field.name] ?? ""}
                  onChange={(v) => setValue(field.name, v)}
                  invalid={!!error}
                />
              </Field>
            )
          })}
        </div>
      )}
      {provider && (
        <div className="flex flex-col gap-y-3">
          <div>
            <Button
              type="button"
              size="small"
              variant="secondary"
              isLoading={test.isPending}
              onClick={() => test.mutate()}
            >
              {t("settings.connection.test")}
            </Button>
          </div>
          {result && (
            <InlineTip
              variant={result.ok ? "success" : "error"}
              label={
                result.ok
                  ? t("settings.connection.testOk")
                  : t("settings.connection.testFailed")
              }
              data-testid="test-connection-result"
              data-ok={String(result.ok)}
            >
              {result.message}
            </InlineTip>
          )}
          {test.isError && (
            <InlineTip
              variant="error"
              label={t("settings.connection.testFailed")}
              data-testid="test-connection-result"
              data-ok="false"
            >
              {(test.error as Error).message}
            </InlineTip>
          )}
        </div>
      )}
      {!view.encryption_configured && (
        <InlineTip variant="warning" label={t("settings.encryption.title")}>
          {t("settings.encryption.missing")}
        </InlineTip>
      )}
      {!view.credentials_readable && (
        <InlineTip variant="error" label={t("settings.encryption.title")}>
          {t("errors.credentialsUnreadable")}
        </InlineTip>
      )}
    </Section>
  )
}
