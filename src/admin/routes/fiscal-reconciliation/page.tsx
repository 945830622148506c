import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ListCheckbox } from "@medusajs/icons"
import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { CorrectionDrawer } from "../../components/corrections/correction-form"
import { CheckState } from "../../components/reconciliation/check-state"
import { DaysTable } from "../../components/reconciliation/days-table"
import { FindingsTable } from "../../components/reconciliation/findings-table"
import { RangeBar } from "../../components/reconciliation/range-bar"
import { ReconciliationSummary } from "../../components/reconciliation/summary"
import { SelectInput } from "../../components/settings/select-input"
import { ListPagination } from "../../components/list-pagination"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  canShow,
  FINDING_KINDS,
  moscowDay,
  presetRange,
  rangeProblem,
  type CorrectionPrefill,
  type DayRange,
  type FindingKind,
  type ReconciliationFinding,
} from "../../lib/reconciliation"
import { useReceiptActions } from "../../lib/use-receipt-actions"
import {
  useCheckReconciliation,
  useReconciliation,
} from "../../lib/use-reconciliation"

const PAGE_SIZE = 20
/** Radix Select has no empty value; this one stands for "every kind". */
const ALL = "all"

type Correcting = CorrectionPrefill & {
  orderNumber: number | string | null
  findingId: string
}

/**
 * Reconciliation (docs/fiscal-rules.md, "Reconciliation"): for a range of Moscow days, the
 * money Medusa moved against the receipts registered, the money at risk, and each finding
 * with the action that fixes it.
 */
const FiscalReconciliationPage = () => {
  const { t } = useFiscalTranslation()
  const today = moscowDay(new Date())
  const [range, setRange] = useState<DayRange>(() =>
    presetRange("last30", today)
  )
  const [kind, setKind] = useState<FindingKind | "">("")
  const [pageIndex, setPageIndex] = useState(0)
  const [acted, setActed] = useState<Set<string>>(new Set())
  const [correcting, setCorrecting] = useState<Correcting | null>(null)
  const actions = useReceiptActions()
  const check = useCheckReconciliation()

  const problem = rangeProblem(range, today)
  const report = useReconciliation(
    {
      from: range.from,
      to: range.to,
      kind: kind || undefined,
      offset: pageIndex * PAGE_SIZE,
      limit: PAGE_SIZE,
    },
    canShow(problem)
  )
  const data = canShow(problem) ? report.data : undefined
  const count = data?.count ?? 0

  // another range or kind starts from the first page
  useEffect(() => {
    setPageIndex(0)
  }, [range.from, range.to, kind])

  const markActed = (f: ReconciliationFinding) =>
    setActed((s) => new Set(s).add(f.id))

  return (
    <div className="flex flex-col gap-y-3" data-testid="reconciliation-page">
      <Container className="flex flex-col gap-y-4 px-6 py-4">
        <div>
          <Heading level="h1">{t("reconciliation.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("reconciliation.description")}
          </Text>
        </div>
        <RangeBar
          range={range}
          today={today}
          problem={problem}
          onChange={setRange}
          checking={check.isPending}
          onCheck={() =>
            check.mutate(range, { onSuccess: () => setActed(new Set()) })
          }
        />
        {data && <CheckState report={data} />}
      </Container>

      {report.isError && canShow(problem) && (
        <Container className="flex items-center justify-between gap-x-4 px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {t("reconciliation.loadError", {
              message: (report.error as Error).message,
            })}
          </Text>
          <Button
            size="small"
            variant="secondary"
            onClick={() => report.refetch()}
          >
            {t("common.retry")}
          </Button>
        </Container>
      )}

      {report.isLoading && canShow(problem) && (
        <Container className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
          <Skeleton className="h-10 w-48" />
          <Skeleton className="h-5 w-full" />
          <Skeleton className="h-5 w-2/3" />
        </Container>
      )}

      {data && data.checked_at && (
        <>
          <Container className="px-6 py-4">
            <ReconciliationSummary
              summary={data.summary}
              activeKind={kind}
              onKind={setKind}
            />
          </Container>

          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">{t("reconciliation.daysTitle")}</Heading>
            </div>
            <DaysTable days={data.days} />
          </Container>

          <Container className="divide-y p-0">
            <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
              <Heading level="h2">{t("reconciliation.findingsTitle")}</Heading>
              <div style={{ minWidth: 220 }}>
                <SelectInput
                  id="reconciliation-kind"
                  value={kind || ALL}
                  onChange={(v) => setKind(v === ALL ? "" : (v as FindingKind))}
                  options={[
                    { value: ALL, label: t("reconciliation.allKinds") },
                    ...FINDING_KINDS.map((k) => ({
                      value: k,
                      label: t(`reconciliation.kinds.${k}`),
                    })),
                  ]}
                />
              </div>
            </div>
            {data.findings.length === 0 ? (
              <div className="px-6 py-8 text-center">
                <Text
                  size="small"
                  className="text-ui-fg-subtle"
                  data-testid="reconciliation-no-findings"
                >
                  {kind
                    ? t("reconciliation.noFindingsOfKind", {
                        kind: t(`reconciliation.kinds.${kind}`),
                      })
                    : t("reconciliation.noFindings")}
                </Text>
              </div>
            ) : (
              <>
                <FindingsTable
                  findings={data.findings}
                  actions={actions}
                  acted={acted}
                  onActed={markActed}
                  onCorrect={(prefill, f) =>
                    setCorrecting({
                      ...prefill,
                      orderNumber: f.order_display_id,
                      findingId: f.id,
                    })
                  }
                />
                <ListPagination
                  count={count}
                  pageSize={PAGE_SIZE}
                  pageIndex={pageIndex}
                  setPageIndex={setPageIndex}
                  resultsLabel={t("reconciliation.pagination.results")}
                />
              </>
            )}
          </Container>
        </>
      )}

      <CorrectionDrawer
        orderId={correcting?.orderId ?? ""}
        orderNumber={correcting?.orderNumber}
        target={correcting?.target}
        open={!!correcting}
        onOpenChange={(open) => {
          if (!open) setCorrecting(null)
        }}
        onCreated={() => {
          if (correcting) {
            setActed((s) => new Set(s).add(correcting.findingId))
          }
        }}
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "menu.reconciliation",
  // a string literal: the admin bundler reads it from the source, not at run time
  translationNs: "medusa-fiscal",
  icon: ListCheckbox,
})

export default FiscalReconciliationPage
