import en from "./json/en.json"
import ru from "./json/ru.json"

/**
 * The plugin's texts, merged by the dashboard into its i18next resources. They live in
 * their own namespace so no key can clash with the dashboard's or another plugin's;
 * components read them with `useTranslation("medusa-fiscal")` (see ../lib/i18n.ts), and
 * the language follows the admin's profile setting.
 */
export default {
  en: { "medusa-fiscal": en },
  ru: { "medusa-fiscal": ru },
}
