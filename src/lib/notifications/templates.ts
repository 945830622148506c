/**
 * The template ids the plugin hands to Medusa's notification module (docs/architecture.md,
 * "Reports and alerts"). An email provider that renders its own templates looks these up;
 * one that sends what it is given uses the notification's `content` (subject, text, html),
 * which the plugin always fills.
 */
export const FISCAL_TEMPLATES = {
  /** A scheduled report email; `data` is {@link ReportEmailData}. */
  report: "fiscal-report",
  /** An alert email; `data` is {@link AlertEmailData}. */
  alert: "fiscal-alert",
  /** Medusa admin's own feed template: `data.title` and `data.description`. */
  feed: "admin-ui",
} as const
