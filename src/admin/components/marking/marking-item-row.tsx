import { XMark } from "@medusajs/icons"
import { Badge, Button, IconButton, Text, toast, usePrompt } from "@medusajs/ui"
import { useFiscalTranslation } from "../../lib/i18n"
import { enteredCount, showCode } from "../../lib/marking"
import type { useRemoveMarkingCode } from "../../lib/use-order-marking"
import type { AdminFiscalMarkingItem } from "../../../types/http"
import { CodeText } from "./code-text"

type Props = {
  item: AdminFiscalMarkingItem
  /** Scans go to this line now. */
  isTarget: boolean
  /** The order has more than one marked line, so staff may pick where scans go. */
  canPick: boolean
  onPick: () => void
  remove: ReturnType<typeof useRemoveMarkingCode>
  /** Called once a removal is confirmed or dismissed, to give the scan input its focus back. */
  onDone: () => void
}

/** One marked line: how many of its units have codes, the codes, each removable. */
export const MarkingItemRow = ({
  item,
  isTarget,
  canPick,
  onPick,
  remove,
  onDone,
}: Props) => {
  const { t } = useFiscalTranslation()
  const prompt = usePrompt()
  const entered = enteredCount(item)
  const complete = item.missing === 0

  const confirmRemove = async (codeId: string, code: string) => {
    const confirmed = await prompt({
      title: t("marking.removeTitle"),
      description: t("marking.removeDescription", {
        code: showCode(code),
        title: item.title,
      }),
      confirmText: t("marking.removeConfirm"),
      cancelText: t("marking.removeCancel"),
      variant: "danger",
    })
    if (confirmed) {
      try {
        await remove.mutateAsync(codeId)
        toast.success(t("marking.removed"))
      } catch (e) {
        toast.error(t("marking.removeRefused"), {
          description: (e as Error).message,
        })
      }
    }
    onDone()
  }

  return (
    <div
      className="flex flex-col gap-y-2 px-6 py-4"
      data-testid="marking-item"
      data-item-id={item.item_id}
      data-missing={item.missing}
      data-target={isTarget || undefined}
    >
      <div className="flex items-start justify-between gap-x-4">
        <div className="flex min-w-0 flex-col">
          <Text size="small" weight="plus">
            {item.title}
          </Text>
          {item.variant_title && (
            <Text size="small" className="text-ui-fg-subtle">
              {item.variant_title}
            </Text>
          )}
        </div>
        <div className="flex shrink-0 items-center gap-x-2">
          {canPick &&
            (isTarget ? (
              <Badge size="2xsmall" color="blue">
                {t("marking.scanningHere")}
              </Badge>
            ) : (
              <Button size="small" variant="transparent" onClick={onPick}>
                {t("marking.scanHere")}
              </Button>
            ))}
          <Badge
            size="2xsmall"
            color={complete ? "green" : "orange"}
            data-testid="marking-count"
          >
            {t("marking.count", { entered, count: item.quantity })}
          </Badge>
        </div>
      </div>
      {item.codes.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted">
          {t("marking.noCodes")}
        </Text>
      ) : (
        <ol className="flex flex-col gap-y-1">
          {item.codes.map((c) => (
            <li
              key={c.id}
              className="bg-ui-bg-subtle flex items-center justify-between gap-x-2 rounded-md px-3 py-1.5"
              data-testid="marking-code"
              data-code-id={c.id}
            >
              <Text size="xsmall" className="text-ui-fg-base min-w-0">
                <CodeText code={c.code} />
              </Text>
              <IconButton
                size="2xsmall"
                variant="transparent"
                aria-label={t("marking.remove")}
                title={t("marking.remove")}
                isLoading={remove.isPending && remove.variables === c.id}
                onClick={() => confirmRemove(c.id, c.code)}
              >
                <XMark />
              </IconButton>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
