import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useCallback, useEffect, useRef, useState } from "react"
import type {
  AdminFiscalMarkingItem,
  AdminFiscalMarkingItemResponse,
  AdminFiscalOrderMarkingResponse,
} from "../../types/http"
import { rejectionsOf, targetItem, withItem, type Rejection } from "./marking"
import { fiscalKeys } from "./query-keys"
import { FiscalApiError, fiscalFetch } from "./sdk"

/**
 * After codes change, a receipt held back for missing codes is put back in the queue by the
 * server, a moment later: the receipts are looked at again now and after these delays, and
 * the receipts widget keeps polling from there while the receipt is on its way.
 */
const RECEIPT_RECHECK_MS = [1_500, 4_000]

const markingPath = (orderId: string) =>
  `/admin/fiscal/orders/${encodeURIComponent(orderId)}/marking`

/** The order's marked lines with their codes, and what the cash register can send of them. */
export function useOrderMarking(orderId: string) {
  return useQuery({
    queryKey: fiscalKeys.marking(orderId),
    queryFn: () =>
      fiscalFetch<AdminFiscalOrderMarkingResponse>(markingPath(orderId)),
    // a refusal (no such order, no route) will not change by asking again
    retry: (count, e) =>
      !(e instanceof FiscalApiError && e.status < 500) && count < 2,
  })
}

/** Puts a changed line into the cached marking and refreshes the receipts that wait for it. */
function useAfterChange(orderId: string) {
  const queryClient = useQueryClient()
  const timers = useRef<ReturnType<typeof setTimeout>[]>([])
  useEffect(() => () => timers.current.forEach(clearTimeout), [])
  return useCallback(
    (item: AdminFiscalMarkingItem) => {
      queryClient.setQueryData<AdminFiscalOrderMarkingResponse>(
        fiscalKeys.marking(orderId),
        (data) => (data ? withItem(data, item) : data)
      )
      const refresh = () => {
        void queryClient.invalidateQueries({ queryKey: fiscalKeys.receipts() })
        void queryClient.invalidateQueries({ queryKey: fiscalKeys.stats() })
      }
      refresh()
      timers.current.forEach(clearTimeout)
      timers.current = RECEIPT_RECHECK_MS.map((ms) => setTimeout(refresh, ms))
    },
    [orderId, queryClient]
  )
}

/** Removes one entered code; refused once the code is on a registered receipt. */
export function useRemoveMarkingCode(orderId: string) {
  const afterChange = useAfterChange(orderId)
  return useMutation({
    mutationFn: (codeId: string) =>
      fiscalFetch<AdminFiscalMarkingItemResponse>(
        `${markingPath(orderId)}/${encodeURIComponent(codeId)}`,
        { method: "DELETE" }
      ),
    onSuccess: ({ item }) => afterChange(item),
  })
}

/** What became of one scan or paste. */
export type ScanOutcome =
  | { ok: true; item: AdminFiscalMarkingItem }
  | { ok: false; rejections: Rejection[] }

type Batch = {
  seq: number
  codes: string[]
  done: (outcome: ScanOutcome) => void
}

/**
 * Scans of one order, saved one request after the other in the order they came: a scanner
 * types faster than the server answers, so each scan waits for the one before it and goes
 * to the line that misses codes once that one is saved (or to the line the staff picked).
 * `rejections` are those of the latest refused request; they stay until a scan made after
 * they were shown is saved.
 */
export function useMarkingScanner(orderId: string, pickedId: string | null) {
  const queryClient = useQueryClient()
  const afterChange = useAfterChange(orderId)
  const queue = useRef<Batch[]>([])
  const running = useRef(false)
  const seq = useRef(0)
  // rejections on screen were shown when scans up to this one had been made
  const shownAfter = useRef(0)
  const picked = useRef(pickedId)
  picked.current = pickedId
  const [pending, setPending] = useState(0)
  const [rejections, setRejections] = useState<Rejection[]>([])

  const drain = useCallback(async () => {
    if (running.current) {
      return
    }
    running.current = true
    try {
      while (queue.current.length) {
        const batch = queue.current[0]
        const items =
          queryClient.getQueryData<AdminFiscalOrderMarkingResponse>(
            fiscalKeys.marking(orderId)
          )?.items ?? []
        const target = targetItem(items, picked.current)
        let outcome: ScanOutcome
        try {
          if (!target) {
            throw new Error("The order has no marked items.")
          }
          const { item } = await fiscalFetch<AdminFiscalMarkingItemResponse>(
            markingPath(orderId),
            {
              method: "POST",
              body: { item_id: target.item_id, codes: batch.codes },
            }
          )
          afterChange(item)
          if (batch.seq > shownAfter.current) {
            setRejections([])
          }
          outcome = { ok: true, item }
        } catch (e) {
          const found = rejectionsOf(e, batch.codes)
          shownAfter.current = seq.current
          setRejections(found)
          outcome = { ok: false, rejections: found }
        }
        queue.current.shift()
        setPending(queue.current.length)
        batch.done(outcome)
      }
    } finally {
      running.current = false
    }
  }, [afterChange, orderId, queryClient])

  /** Saves the codes of one scan (one code) or paste (several) for the current line. */
  const submit = useCallback(
    (codes: string[]) =>
      new Promise<ScanOutcome>((done) => {
        seq.current += 1
        queue.current.push({ seq: seq.current, codes, done })
        setPending(queue.current.length)
        void drain()
      }),
    [drain]
  )

  return { submit, pending, rejections }
}
