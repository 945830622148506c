import type { AdminClient } from "../client"
import type { ExitCode } from "../exit-codes"

/** An option of a command, as `node:util` `parseArgs` takes it, with its help line. */
export type OptionSpec = {
  type: "string" | "boolean"
  short?: string
  /** What the value is called in the help, e.g. `<seconds>`. */
  value?: string
  help: string
}

/** What a command hands back: its exit code, the text for a person, the document for `--json`. */
export type CommandResult = {
  exitCode: ExitCode
  human: string
  json: unknown
}

/** What a command runs with. */
export type CommandContext = {
  /** The store's admin API; made only when a command runs, so `--help` needs no store. */
  client: () => AdminClient
  positionals: string[]
  values: Record<string, string | boolean | undefined>
  /** A line of progress on stderr (never on stdout, which `--json` keeps to one document). */
  progress: (line: string) => void
  sleep: (ms: number) => Promise<void>
  now: () => number
}

/** A console command: its name, help and what it does. */
export type CommandSpec = {
  name: string
  /** Arguments as the help shows them, e.g. `<order>`. */
  args: string
  summary: string
  /** More about the command, shown by `medusa-fiscal <command> --help`. */
  details: string
  options: Record<string, OptionSpec>
  /**
   * Options people may expect (from other tools) that this command deliberately lacks,
   * with the reason the usage error gives.
   */
  refused?: Record<string, string>
  run(ctx: CommandContext): Promise<CommandResult>
}
