import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ReportPeriodBar } from "../../components/reports/period-bar"
import { ProblemsTable } from "../../components/reports/problems-table"
import { ReportTotals } from "../../components/reports/report-totals"
import { StatusTypeTable } from "../../components/reports/status-type-table"
import { UnreceiptedTable } from "../../components/reports/unreceipted-table"
import { useFiscalTranslation } from "../../lib/i18n"
import { formatDay, moscowDay } from "../../lib/reconciliation"
import {
  reportRangeProblem,
  selectionDays,
  type ReportSelection,
} from "../../lib/reports"
import {
  useDownloadReportCsv,
  useFiscalReport,
} from "../../lib/use-fiscal-report"

const LINK =
  "text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small"

/**
 * The fiscal report (docs/architecture.md, "Reports and alerts"): what happened to the
 * shop's receipts in a period of Moscow days — per status and type with their sums, every
 * receipt that needs a person, and the money the reconciliation found without a receipt.
 */
const FiscalReportsPage = () => {
  const { t, language } = useFiscalTranslation()
  const today = moscowDay(new Date())
  const [selection, setSelection] = useState<ReportSelection>({
    preset: "today",
  })
  const problem = selection.preset
    ? null
    : reportRangeProblem(selectionDays(selection, today), today)
  const query = useFiscalReport(selection, problem === null)
  const download = useDownloadReportCsv()
  const report = problem === null ? query.data?.report : undefined
  const days = (list: string[]) =>
    list.map((d) => formatDay(d, language)).join(", ")

  return (
    <div className="flex flex-col gap-y-3" data-testid="reports-page">
      <Container className="flex flex-col gap-y-4 px-6 py-4">
        <div>
          <Heading level="h1">{t("reports.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("reports.description")}
          </Text>
        </div>
        <ReportPeriodBar
          selection={selection}
          today={today}
          problem={problem}
          onChange={setSelection}
          downloading={download.isPending}
          onDownload={() => download.mutate(selection)}
        />
      </Container>

      {query.isError && problem === null && (
        <Container className="flex items-center justify-between gap-x-4 px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {t("reports.loadError", {
              message: (query.error as Error).message,
            })}
          </Text>
          <Button
            size="small"
            variant="secondary"
            onClick={() => query.refetch()}
          >
            {t("common.retry")}
          </Button>
        </Container>
      )}

      {query.isLoading && problem === null && (
        <Container className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
          <Skeleton className="h-10 w-48" />
          <Skeleton className="h-5 w-full" />
          <Skeleton className="h-5 w-2/3" />
        </Container>
      )}

      {report && (
        <>
          <Container className="px-6 py-4">
            <ReportTotals report={report} />
          </Container>

          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">{t("reports.table.title")}</Heading>
            </div>
            {report.totals.count === 0 ? (
              <div className="px-6 py-8 text-center">
                <Text
                  size="small"
                  className="text-ui-fg-subtle"
                  data-testid="report-no-receipts"
                >
                  {t("reports.table.empty")}
                </Text>
              </div>
            ) : (
              <StatusTypeTable report={report} />
            )}
          </Container>

          <Container className="divide-y p-0">
            <div className="flex flex-col gap-y-1 px-6 py-4">
              <Heading level="h2">
                {t("reports.problems.title", {
                  count: report.problems_count,
                })}
              </Heading>
              {report.earlier_problems_count > 0 && (
                <Text
                  size="small"
                  className="text-ui-fg-error"
                  data-testid="report-earlier-problems"
                >
                  {t("reports.problems.earlier", {
                    count: report.earlier_problems_count,
                  })}{" "}
                  <Link to="/fiscal-receipts" className={LINK}>
                    {t("reports.problems.openReceipts")}
                  </Link>
                </Text>
              )}
            </div>
            {report.problems.length === 0 ? (
              <div className="px-6 py-8 text-center">
                <Text
                  size="small"
                  className="text-ui-fg-subtle"
                  data-testid="report-no-problems"
                >
                  {t("reports.problems.empty")}
                </Text>
              </div>
            ) : (
              <>
                <ProblemsTable problems={report.problems} />
                {report.problems_count > report.problems.length && (
                  <div className="px-6 py-3">
                    <Text size="small" className="text-ui-fg-subtle">
                      {t("reports.problems.more", {
                        shown: report.problems.length,
                        count: report.problems_count,
                      })}{" "}
                      <Link to="/fiscal-receipts" className={LINK}>
                        {t("reports.problems.openReceipts")}
                      </Link>
                    </Text>
                  </div>
                )}
              </>
            )}
          </Container>

          <Container className="divide-y p-0">
            <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
              <div className="flex flex-col gap-y-1">
                <Heading level="h2">{t("reports.unreceipted.title")}</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  {t("reports.unreceipted.hint")}
                </Text>
                {report.unreconciled_days.length > 0 && (
                  <Text
                    size="small"
                    className="text-ui-fg-subtle"
                    data-testid="report-unreconciled"
                  >
                    {t("reports.unreceipted.unreconciled", {
                      days: days(report.unreconciled_days),
                    })}
                  </Text>
                )}
              </div>
              <Link
                to="/fiscal-reconciliation"
                className={LINK}
                data-testid="report-open-reconciliation"
              >
                {t("reports.unreceipted.openReconciliation")}
              </Link>
            </div>
            {report.unreceipted.length === 0 ? (
              <div className="px-6 py-8 text-center">
                <Text
                  size="small"
                  className="text-ui-fg-subtle"
                  data-testid="report-no-unreceipted"
                >
                  {t("reports.unreceipted.empty")}
                </Text>
              </div>
            ) : (
              <>
                <UnreceiptedTable rows={report.unreceipted} />
                {report.unreceipted_count > report.unreceipted.length && (
                  <div className="px-6 py-3">
                    <Text size="small" className="text-ui-fg-subtle">
                      {t("reports.unreceipted.more", {
                        shown: report.unreceipted.length,
                        count: report.unreceipted_count,
                      })}
                    </Text>
                  </div>
                )}
              </>
            )}
          </Container>
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "reports.menu",
  // a string literal: the admin bundler reads it from the source, not at run time
  translationNs: "medusa-fiscal",
  icon: ChartBar,
})

export default FiscalReportsPage
