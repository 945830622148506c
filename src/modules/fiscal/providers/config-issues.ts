/** One problem a provider's settings validation reports, as zod does. */
export type ConfigIssue = {
  path: readonly PropertyKey[]
  message: string
  code?: string
}

/** The issues of a validation error (zod's), or undefined for any other error. */
export function configIssuesOf(error: unknown): ConfigIssue[] | undefined {
  const issues = (error as { issues?: unknown } | null)?.issues
  return Array.isArray(issues) ? (issues as ConfigIssue[]) : undefined
}

/** `login: Invalid input; group: Too big` — field and rule, never the value. */
export function describeConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join(".")
      return field ? `${field}: ${issue.message}` : issue.message
    })
    .join("; ")
}

/** Nothing typed: an absent, null or whitespace-only value. */
export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "")
  )
}
