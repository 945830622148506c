/**
 * The fiscal report's pure part (docs/architecture.md, "Reports and alerts"): the period
 * of Moscow days, the report built from grouped rows, and its CSV, text, HTML and subject.
 * No database, no Medusa: the loader is src/pipeline/reports/load.ts.
 */
export { REPORT_LIMITS } from "./limits"
export {
  ReportPeriodError,
  daysNotStored,
  isReportPreset,
  presetDays,
  resolveReportPeriod,
  type ReportPeriod,
  type ReportPeriodQuery,
} from "./period"
export { buildFiscalReport, type ReportRows } from "./build"
export { CSV_BOM, csvField, reportCsv, reportCsvFileName } from "./csv"
export { reportText } from "./text"
export { escapeHtml, reportHtml } from "./html"
export { reportSubject } from "./subject"
export { reportWords, type ReportWords } from "./labels"
export { dayText, moscowTime, periodText, plainRubles, rubles } from "./format"
