import { generateEntityId } from "@medusajs/framework/utils"
import type { FiscalSettingsRecord, FiscalSettingsStore } from "./types"

/** The data access of the fiscal module the settings row needs. */
type SettingsDataAccess = {
  /** The module's generated `listFiscalSettings`. */
  list(filters: { key: string }): Promise<unknown[]>
  /** The module's generated `updateFiscalSettings`. */
  update(data: { id: string } & Record<string, unknown>): Promise<unknown>
  /** Plain SQL on the module's connection. */
  execute(sql: string, params?: unknown[]): Promise<unknown>
}

/** Key of the store's settings row. */
const SETTINGS_KEY = "default"

/** The settings row's storage on the module's own data access. */
export function settingsStore(data: SettingsDataAccess): FiscalSettingsStore {
  return {
    async find() {
      const [row] = await data.list({ key: SETTINGS_KEY })
      return (row as FiscalSettingsRecord | undefined) ?? null
    },
    async create(callbackSecret) {
      // two first requests at once create one row: the key is unique
      await data.execute(
        `INSERT INTO fiscal_settings (id, key, callback_secret, created_at, updated_at)
         VALUES (?, ?, ?, now(), now())
         ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING`,
        [generateEntityId(undefined, "fset"), SETTINGS_KEY, callbackSecret]
      )
    },
    async callbackSecret() {
      const rows = (await data.execute(
        `SELECT callback_secret FROM fiscal_settings
         WHERE key = ? AND deleted_at IS NULL LIMIT 1`,
        [SETTINGS_KEY]
      )) as { callback_secret: string | null }[]
      return rows[0]?.callback_secret ?? null
    },
    async update(id, patch) {
      await data.update({ id, ...patch })
    },
  }
}
