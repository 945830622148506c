import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt as ReceiptIcon } from "@medusajs/icons"
import {
  Button,
  CommandBar,
  Container,
  Heading,
  Skeleton,
  Text,
} from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import {
  endOfDay,
  NO_FILTERS,
  type ReceiptFilters,
} from "../../components/receipts/filters"
import { ReceiptFilterBar } from "../../components/receipts/receipt-filter-bar"
import { ReceiptsTable } from "../../components/receipts/receipts-table"
import { StatusCounts } from "../../components/receipts/status-counts"
import { ListPagination } from "../../components/list-pagination"
import { useFiscalTranslation } from "../../lib/i18n"
import { fiscalKeys } from "../../lib/query-keys"
import { isSettling } from "../../lib/receipts"
import { fiscalFetch } from "../../lib/sdk"
import type { AdminFiscalReceiptListResponse } from "../../../types/http"
import { useOrderNumbers, useOrdersByNumber } from "../../lib/use-order-numbers"
import { useReceiptActions } from "../../lib/use-receipt-actions"

const PAGE_SIZE = 20

/** Every receipt of the shop: filters, counts by status, and retry or check many at once. */
const FiscalReceiptsPage = () => {
  const { t } = useFiscalTranslation()
  const actions = useReceiptActions()
  const [filters, setFilters] = useState<ReceiptFilters>(NO_FILTERS)
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())

  const ordersByNumber = useOrdersByNumber(filters.order)
  const orderIds = filters.order ? ordersByNumber.data : undefined
  const noSuchOrder =
    !!filters.order && orderIds !== undefined && orderIds.length === 0
  const params = {
    status: filters.status || undefined,
    type: filters.type || undefined,
    order_id: orderIds?.join(","),
    needs_attention: filters.needsAttention ? "true" : undefined,
    created_after: filters.from?.toISOString(),
    created_before: filters.to ? endOfDay(filters.to).toISOString() : undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  }
  const list = useQuery({
    queryKey: fiscalKeys.receiptList(params),
    enabled: !filters.order || (orderIds !== undefined && orderIds.length > 0),
    placeholderData: keepPreviousData,
    queryFn: () =>
      fiscalFetch<AdminFiscalReceiptListResponse>("/admin/fiscal/receipts", {
        query: params,
      }),
    refetchInterval: (query) =>
      query.state.data?.receipts.some((r) => isSettling(r)) ? 3_000 : false,
  })
  const receipts = noSuchOrder ? [] : (list.data?.receipts ?? [])
  const count = noSuchOrder ? 0 : (list.data?.count ?? 0)
  const orderNumbers = useOrderNumbers(receipts.map((r) => r.order_id))

  // a new filter starts from the first page with nothing selected
  useEffect(() => {
    setPageIndex(0)
    setSelected(new Set())
  }, [filters])

  const selectedIds = [...selected]
  const afterBulk = { onSuccess: () => setSelected(new Set()) }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <div>
          <Heading level="h1">{t("list.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("list.description")}
          </Text>
        </div>
        <StatusCounts
          active={filters.status}
          onSelect={(status) => setFilters({ ...filters, status })}
          onNeedsAttention={() =>
            setFilters({ ...NO_FILTERS, needsAttention: true })
          }
        />
      </Container>
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <ReceiptFilterBar filters={filters} onChange={setFilters} />
        </div>
        {list.isError && (
          <div className="flex items-center justify-between gap-x-4 px-6 py-4">
            <Text size="small" className="text-ui-fg-error">
              {t("list.loadError", { message: (list.error as Error).message })}
            </Text>
            <Button
              size="small"
              variant="secondary"
              onClick={() => list.refetch()}
            >
              {t("common.retry")}
            </Button>
          </div>
        )}
        {(list.isLoading || ordersByNumber.isLoading) && (
          <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-2/3" />
          </div>
        )}
        {!list.isLoading && !list.isError && receipts.length === 0 && (
          <div className="px-6 py-8 text-center">
            <Text size="small" className="text-ui-fg-subtle">
              {noSuchOrder
                ? t("list.noSuchOrder", { number: filters.order })
                : t("list.empty")}
            </Text>
          </div>
        )}
        {receipts.length > 0 && (
          <>
            <ReceiptsTable
              receipts={receipts}
              orderNumbers={orderNumbers}
              selected={selected}
              onSelectedChange={setSelected}
            />
            <ListPagination
              count={count}
              pageSize={PAGE_SIZE}
              pageIndex={pageIndex}
              setPageIndex={setPageIndex}
            />
          </>
        )}
      </Container>
      <CommandBar open={selectedIds.length > 0}>
        <CommandBar.Bar>
          <CommandBar.Value>
            {t("list.selected", { count: selectedIds.length })}
          </CommandBar.Value>
          <CommandBar.Seperator />
          <CommandBar.Command
            action={() => actions.checkMany.mutate(selectedIds, afterBulk)}
            label={t("actions.checkStatus")}
            shortcut="c"
          />
          <CommandBar.Seperator />
          <CommandBar.Command
            action={() => actions.retryMany.mutate(selectedIds, afterBulk)}
            label={t("actions.retry")}
            shortcut="r"
          />
        </CommandBar.Bar>
      </CommandBar>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "menu.receipts",
  // a string literal: the admin bundler reads it from the source, not at run time
  translationNs: "medusa-fiscal",
  icon: ReceiptIcon,
})

export default FiscalReceiptsPage
