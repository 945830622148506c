import { COMMANDS, GLOBAL_OPTIONS } from "./commands"
import type { CommandSpec, OptionSpec } from "./commands/types"
import { EXIT } from "./exit-codes"

const optionLines = (options: Record<string, OptionSpec>) => {
  const heads = Object.entries(options).map(([name, o]) =>
    [
      o.short ? `-${o.short}, ` : "    ",
      `--${name}`,
      o.value ? ` ${o.value}` : "",
    ].join("")
  )
  const width = Math.max(...heads.map((h) => h.length))
  return Object.values(options).map(
    (o, i) => `  ${heads[i].padEnd(width)}  ${o.help}`
  )
}

/** What each exit code means, for the help and the README. */
export const EXIT_HELP: [number, string][] = [
  [EXIT.ok, "done, nothing needs a person"],
  [
    EXIT.problems,
    "done, but a receipt failed or needs a person / the report has problems",
  ],
  [EXIT.usage, "wrong command line"],
  [EXIT.auth, "the store refused the API key"],
  [
    EXIT.notFound,
    "no such order, refund or receipt (or the store lacks the route)",
  ],
  [EXIT.unreachable, "the store did not answer"],
  [EXIT.refused, "the store refused the action, saying why"],
  [
    EXIT.storeError,
    "the store failed or is not a Medusa store with medusa-fiscal",
  ],
  [EXIT.notBuilt, "the console is not built (a git checkout of the plugin)"],
]

/** `medusa-fiscal --help`. */
export function mainHelp(): string {
  const width = Math.max(
    ...COMMANDS.map((c) => c.name.length + c.args.length + 1)
  )
  return [
    "medusa-fiscal — 54-ФЗ receipts of a Medusa store from the console",
    "",
    "Usage: medusa-fiscal <command> [arguments] [options]",
    "",
    "Commands:",
    ...COMMANDS.map(
      (c) => `  ${`${c.name} ${c.args}`.trim().padEnd(width)}  ${c.summary}`
    ),
    "",
    "Options:",
    ...optionLines(GLOBAL_OPTIONS),
    "",
    "Exit codes:",
    ...EXIT_HELP.map(([code, text]) => `  ${code}  ${text}`),
    "",
    "The key is a secret API key of the store (Settings → Secret API Keys).",
    "medusa-fiscal <command> --help tells more about a command.",
  ].join("\n")
}

/** `medusa-fiscal <command> --help`. */
export function commandHelp(c: CommandSpec): string {
  return [
    `Usage: medusa-fiscal ${`${c.name} ${c.args}`.trim()} [options]`,
    "",
    c.summary + ".",
    "",
    c.details,
    "",
    "Options:",
    ...optionLines({ ...c.options, ...GLOBAL_OPTIONS }),
  ].join("\n")
}
