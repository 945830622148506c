/**
 * The exit codes of `medusa-fiscal` (README, "Console commands"): a script can tell a
 * problem with the receipts from a problem with the call.
 */
export const EXIT = {
  /** The command did what was asked and nothing needs a person. */
  ok: 0,
  /**
   * The command ran, but a receipt it acted on failed or needs a person, or the report
   * shows problems or money without a receipt.
   */
  problems: 1,
  /** The command line is wrong: unknown command or option, a missing or malformed value. */
  usage: 2,
  /** The store refused the API key (401/403). */
  auth: 3,
  /** The order, refund or receipt does not exist (or the store lacks the route). */
  notFound: 4,
  /** The store did not answer: connection refused, unknown host, timeout. */
  unreachable: 5,
  /** The store refused the action as it stands (400/409/422), saying why. */
  refused: 6,
  /** The store failed (5xx) or answered something that is not the plugin's API. */
  storeError: 7,
  /**
   * The console cannot run: a git checkout of the plugin that was never built. Set by
   * bin/medusa-fiscal.js, which cannot load this file then.
   */
  notBuilt: 8,
} as const

/** One of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A failure the command reports to the person and ends with: its message and exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode
  ) {
    super(message)
    this.name = "CliError"
  }
}

/** A wrong command line: said with a pointer to `--help`. */
export const usageError = (message: string) => new CliError(message, EXIT.usage)
