import type { FiscalSettingsRow } from "./effective-settings"

/** The stored `fiscal_settings` row of the store. Holds encrypted credentials. */
export type FiscalSettingsRecord = FiscalSettingsRow & {
  id: string
  credentials_encrypted: string | null
}

/**
 * Where the settings service keeps its row: the module's own data access, handed in by the
 * main service, so the settings logic has no database code of its own.
 */
export type FiscalSettingsStore = {
  /** The `default` row, or null before its first use. */
  find(): Promise<FiscalSettingsRecord | null>
  /** Creates the `default` row with this callback secret unless one exists. */
  create(callbackSecret: string): Promise<void>
  /** The `default` row's callback secret alone (nothing else is read); null without a row. */
  callbackSecret(): Promise<string | null>
  /** Writes columns of the row. */
  update(id: string, patch: Record<string, unknown>): Promise<void>
}
