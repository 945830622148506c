import { Input, Label, Text } from "@medusajs/ui"
import {
  forwardRef,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
} from "react"
import { useFiscalTranslation } from "../../lib/i18n"
import {
  GS,
  cleanCode,
  isMultiLine,
  pastedCodes,
  type Rejection,
} from "../../lib/marking"
import type { ScanOutcome } from "../../lib/use-order-marking"
import { CodeText } from "./code-text"

type Props = {
  /** Saves the codes for the current line; resolves with what became of them. */
  submit: (codes: string[]) => Promise<ScanOutcome>
  /** Title of the line the next scan goes to. */
  targetTitle: string | undefined
  /** Every unit of every line has its code. */
  allEntered: boolean
  /** Scans still being saved. */
  pending: number
  rejections: Rejection[]
}

export type MarkingScanInputHandle = { focus: () => void }

/** A scanner's Ctrl+] (also "Ctrl+ъ" in the Russian layout): the GS separator. */
const isGsChord = (e: KeyboardEvent<HTMLInputElement>) =>
  e.ctrlKey &&
  !e.altKey &&
  !e.metaKey &&
  (e.key === "]" || e.code === "BracketRight")

/**
 * The one input scans go into. A scanner types the code and presses Enter: the code is
 * sent, the input cleared and left focused, so the next scan follows at once while the
 * previous one is still being saved. A paste of several lines is sent as one request.
 * Refused codes are listed under the input with the reason; a refused scan comes back into
 * the input selected, so the next scan replaces it.
 */
export const MarkingScanInput = forwardRef<MarkingScanInputHandle, Props>(
  ({ submit, targetTitle, allEntered, pending, rejections }, ref) => {
    const { t } = useFiscalTranslation()
    const input = useRef<HTMLInputElement>(null)
    const [value, setValue] = useState("")
    // a caret position or a selection to restore after React writes the value
    const [caret, setCaret] = useState<number | "all" | null>(null)

    useImperativeHandle(ref, () => ({
      focus: () => input.current?.focus({ preventScroll: true }),
    }))

    useLayoutEffect(() => {
      const el = input.current
      if (!el || caret === null) {
        return
      }
      if (caret === "all") {
        el.select()
      } else {
        el.setSelectionRange(caret, caret)
      }
      setCaret(null)
    }, [caret])

    const send = async (codes: string[]) => {
      const outcome = await submit(codes)
      // back for a re-scan, unless the next scan is already being typed
      if (
        !outcome.ok &&
        codes.length === 1 &&
        input.current &&
        input.current.value === ""
      ) {
        setValue(codes[0])
        setCaret("all")
      }
    }

    const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === "Enter") {
        e.preventDefault()
        const code = cleanCode(e.currentTarget.value)
        if (code) {
          setValue("")
          void send([code])
        }
        return
      }
      if (isGsChord(e)) {
        e.preventDefault()
        const el = e.currentTarget
        const start = el.selectionStart ?? el.value.length
        const end = el.selectionEnd ?? start
        setValue(el.value.slice(0, start) + GS + el.value.slice(end))
        setCaret(start + 1)
      }
    }

    const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
      const text = e.clipboardData.getData("text")
      if (!isMultiLine(text)) {
        // one code: it lands in the input like typed text, and Enter sends it
        return
      }
      e.preventDefault()
      const codes = pastedCodes(text)
      if (codes.length) {
        void send(codes)
      }
    }

    const reasonText = (r: Rejection) =>
      r.reason
        ? t(`marking.reasons.${r.reason}`, { defaultValue: r.message })
        : r.message

    return (
      <div className="flex flex-col gap-y-2">
        <Label htmlFor="marking-scan" size="small" weight="plus">
          {t("marking.inputLabel")}
        </Label>
        <Input
          ref={input}
          id="marking-scan"
          data-testid="marking-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={t("marking.placeholder")}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-invalid={rejections.length > 0 || undefined}
          aria-describedby="marking-scan-hint"
          className="font-mono"
        />
        <Text
          id="marking-scan-hint"
          size="small"
          className="text-ui-fg-subtle"
          aria-live="polite"
          data-testid="marking-target"
        >
          {pending > 0
            ? t("marking.saving", { count: pending })
            : allEntered
              ? t("marking.allEntered")
              : targetTitle
                ? t("marking.target", { title: targetTitle })
                : null}
        </Text>
        <Text size="xsmall" className="text-ui-fg-muted">
          {t("marking.pasteHint")}
        </Text>
        {rejections.length > 0 && (
          <ul
            className="flex flex-col gap-y-1"
            role="alert"
            data-testid="marking-errors"
          >
            {rejections.map((r, i) => {
              const text = reasonText(r)
              return (
                <li
                  key={`${r.index}-${i}`}
                  className="bg-ui-tag-red-bg flex flex-col rounded-md px-3 py-1.5"
                  data-testid="marking-error"
                  data-reason={r.reason || undefined}
                >
                  <Text size="small" className="text-ui-fg-error">
                    {text}
                  </Text>
                  {r.message && r.message !== text && (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {r.message}
                    </Text>
                  )}
                  {r.code && (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      <CodeText code={r.code} />
                    </Text>
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </div>
    )
  }
)
MarkingScanInput.displayName = "MarkingScanInput"
