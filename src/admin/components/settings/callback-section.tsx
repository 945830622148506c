import { Copy, Input, Text } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"
import type { FiscalSettingsView } from "../../../types/http"
import { Section } from "./section"

/** The address the cash-register service posts results to, ready to copy into its cabinet. */
export const CallbackSection = ({ view }: { view: FiscalSettingsView }) => {
  const { t } = useFiscalTranslation()
  const url = view.callback.url
  return (
    <Section
      id="callback"
      title={t("settings.callback.title")}
      description={t("settings.callback.description")}
    >
      {url ? (
        <div className="flex items-center gap-x-2">
          <div className="flex-1">
            <Input
              id="callback_url"
              readOnly
              value={url}
              className="font-mono"
            />
          </div>
          <Copy
            content={url}
            aria-label={t("settings.callback.copy")}
            data-testid="copy-callback-url"
          />
        </div>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.callback.noProvider")}
        </Text>
      )}
      <Text size="small" className="text-ui-fg-subtle">
        {view.callback.base_url
          ? t("settings.callback.fromOption")
          : t("settings.callback.fromRequest")}
      </Text>
    </Section>
  )
}
