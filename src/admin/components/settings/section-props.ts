import type { FieldMessages } from "./field-errors"
import type { SettingsForm } from "./form-state"

/** What every section of the settings page gets from the page. */
export type SectionProps = {
  form: SettingsForm
  update: (change: (form: SettingsForm) => SettingsForm) => void
  errors: FieldMessages
}
