import { Table } from "@medusajs/ui"
import type { Dispatch, SetStateAction } from "react"
import { useFiscalTranslation } from "../lib/i18n"

/** The pager under a paged list of the fiscal admin, in the admin's language. */
export function ListPagination({
  count,
  pageSize,
  pageIndex,
  setPageIndex,
  resultsLabel,
}: {
  count: number
  pageSize: number
  pageIndex: number
  setPageIndex: Dispatch<SetStateAction<number>>
  /** What the rows are, e.g. "receipts"; the list's own word by default. */
  resultsLabel?: string
}) {
  const { t } = useFiscalTranslation()
  const pageCount = Math.ceil(count / pageSize)
  return (
    <Table.Pagination
      count={count}
      pageSize={pageSize}
      pageIndex={pageIndex}
      pageCount={pageCount}
      canPreviousPage={pageIndex > 0}
      canNextPage={pageIndex + 1 < pageCount}
      previousPage={() => setPageIndex((i) => Math.max(0, i - 1))}
      nextPage={() => setPageIndex((i) => i + 1)}
      translations={{
        of: t("list.pagination.of"),
        results: resultsLabel ?? t("list.pagination.results"),
        pages: t("list.pagination.pages"),
        prev: t("list.pagination.prev"),
        next: t("list.pagination.next"),
      }}
    />
  )
}
