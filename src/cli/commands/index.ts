import { list } from "./list"
import { refund } from "./refund"
import { report } from "./report"
import { resell } from "./resell"
import { sell } from "./sell"
import type { CommandSpec, OptionSpec } from "./types"
import { update } from "./update"
import { updateAll } from "./update-all"

/** Every command, in the order the help lists them. */
export const COMMANDS: CommandSpec[] = [
  sell,
  refund,
  resell,
  update,
  updateAll,
  report,
  list,
]

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  url: {
    type: "string",
    value: "<url>",
    help: "The store's backend URL, e.g. https://shop.example.com (env MEDUSA_FISCAL_URL).",
  },
  key: {
    type: "string",
    value: "<sk_…>",
    help: "A secret API key (env MEDUSA_FISCAL_KEY, better: the command line is visible to other users).",
  },
  json: {
    type: "boolean",
    help: "Print one JSON document on stdout instead of text.",
  },
  timeout: {
    type: "string",
    value: "<seconds>",
    help: "How long one request to the store may take (default 120).",
  },
  help: { type: "boolean", short: "h", help: "Show help." },
  version: { type: "boolean", short: "v", help: "Print the version." },
}
