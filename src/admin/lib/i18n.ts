import { useTranslation } from "react-i18next"
import type { LocalizedText } from "../../types/http"

/** The plugin's namespace in the dashboard's i18next (see ../i18n/index.ts). */
export const FISCAL_NS = "medusa-fiscal"

/** `t` of the plugin's texts and the admin's current language. */
export function useFiscalTranslation() {
  const { t, i18n } = useTranslation(FISCAL_NS)
  const language = i18n.resolvedLanguage ?? i18n.language ?? "en"
  return { t, language }
}

export const isRussian = (language: string) =>
  language.toLowerCase().startsWith("ru")

/** A provider's `{ en, ru }` text in the admin's language. */
export const localized = (text: LocalizedText | undefined, language: string) =>
  text ? (isRussian(language) ? text.ru : text.en) : ""

/** The plugin's `t`, for helpers outside components. */
export type FiscalT = ReturnType<typeof useFiscalTranslation>["t"]
