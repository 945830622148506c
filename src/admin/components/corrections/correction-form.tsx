import {
  Alert,
  Button,
  Drawer,
  Input,
  RadioGroup,
  Skeleton,
  Text,
} from "@medusajs/ui"
import { useState, type FormEvent } from "react"
import {
  correctionBody,
  correctionOptions,
  initialOption,
  supportsCorrections,
  validateCorrection,
  type CorrectionFormValues,
  type CorrectionOption,
  type CorrectionTarget,
} from "../../lib/corrections"
import { formatRubles } from "../../lib/format"
import { useFiscalTranslation, type FiscalT } from "../../lib/i18n"
import { formatDay, moscowDay } from "../../lib/reconciliation"
import {
  useCreateCorrection,
  useOrderCorrections,
} from "../../lib/use-order-corrections"
import type { AdminOrderCorrectionsResponse } from "../../../types/http"
import { Field } from "../settings/field"
import { CorrectionsUnavailable } from "./corrections-unavailable"

type Props = {
  orderId: string
  open: boolean
  onOpenChange: (open: boolean) => void
  /** What the form opens on (a finding's movement or receipt); else the first correctable. */
  target?: CorrectionTarget
  /** The order's number, for the title. */
  orderNumber?: number | string | null
  /** Called once the correction is recorded, before the form closes. */
  onCreated?: () => void
}

/**
 * "Issue correction": a correction receipt for a capture or refund that missed its
 * receipt, or one taking a registered sale receipt back (docs/fiscal-rules.md,
 * "Corrections"). Used on the order page and by the reconciliation's findings.
 */
export const CorrectionDrawer = ({
  orderId,
  open,
  onOpenChange,
  target,
  orderNumber,
  onCreated,
}: Props) => {
  const { t } = useFiscalTranslation()
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="correction-form">
        <Drawer.Header>
          <Drawer.Title>
            {orderNumber !== undefined && orderNumber !== null
              ? t("correction.titleOrder", { number: orderNumber })
              : t("correction.title")}
          </Drawer.Title>
          <Drawer.Description className="sr-only">
            {t("correction.description")}
          </Drawer.Description>
        </Drawer.Header>
        {open && (
          <CorrectionLoader
            orderId={orderId}
            target={target}
            onDone={() => {
              onCreated?.()
              onOpenChange(false)
            }}
          />
        )}
      </Drawer.Content>
    </Drawer>
  )
}

const CorrectionLoader = ({
  orderId,
  target,
  onDone,
}: {
  orderId: string
  target?: CorrectionTarget
  onDone: () => void
}) => {
  const { t } = useFiscalTranslation()
  const { data, isPending, isError, error, refetch } =
    useOrderCorrections(orderId)
  if (isPending) {
    return (
      <Drawer.Body className="flex flex-col gap-y-3" aria-busy="true">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-8 w-1/2" />
      </Drawer.Body>
    )
  }
  if (isError) {
    return (
      <Drawer.Body className="flex flex-col items-start gap-y-3">
        <Text size="small" className="text-ui-fg-error">
          {t("correction.loadError", { message: (error as Error).message })}
        </Text>
        <Button size="small" variant="secondary" onClick={() => refetch()}>
          {t("common.retry")}
        </Button>
      </Drawer.Body>
    )
  }
  if (!supportsCorrections(data.supported)) {
    return (
      <Drawer.Body>
        <CorrectionsUnavailable providerId={data.provider_id} />
      </Drawer.Body>
    )
  }
  return (
    <CorrectionFields
      orderId={orderId}
      data={data}
      target={target}
      onDone={onDone}
    />
  )
}

/** The label of an entry of "What to correct". */
function optionLabel(o: CorrectionOption, t: FiscalT, language: string) {
  const amount = formatRubles(o.amount, language)
  const day = formatDay(o.day, language)
  switch (o.target.kind) {
    case "capture":
      return t("correction.target.capture", { amount, day })
    case "refund":
      return t("correction.target.refund", { amount, day })
    case "receipt":
      return t("correction.target.receipt", {
        amount,
        day,
        fd: o.fiscalDocumentNumber ?? "—",
      })
  }
}

function optionDescription(o: CorrectionOption, t: FiscalT) {
  if (o.enabled) {
    return o.target.kind === "receipt"
      ? t("correction.takesBack")
      : t(`type.${o.type}`)
  }
  if (o.unsupported) {
    return t("correction.typeUnsupported", { type: t(`type.${o.type}`) })
  }
  return o.reason ?? t("correction.notCorrectable")
}

const CorrectionFields = ({
  orderId,
  data,
  target,
  onDone,
}: {
  orderId: string
  data: AdminOrderCorrectionsResponse
  target?: CorrectionTarget
  onDone: () => void
}) => {
  const { t, language } = useFiscalTranslation()
  const options = correctionOptions(data)
  const first = initialOption(options, target)
  const today = moscowDay(new Date())
  const [values, setValues] = useState<CorrectionFormValues>({
    key: first?.key ?? "",
    type: "self",
    baseNumber: "",
    baseDate: first?.day ?? today,
  })
  const [submitted, setSubmitted] = useState(false)
  const create = useCreateCorrection(orderId)
  const option = options.find((o) => o.key === values.key && o.enabled)
  const errors = validateCorrection(
    { ...values, key: option ? values.key : "" },
    today
  )
  const shown = submitted ? errors : {}
  const set = (patch: Partial<CorrectionFormValues>) =>
    setValues((v) => ({ ...v, ...patch }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    if (!option || Object.keys(errors).length > 0) {
      return
    }
    create.mutate(correctionBody(option, values), { onSuccess: onDone })
  }

  const errorText = (key: keyof typeof shown) =>
    shown[key] ? t(`correction.errors.${shown[key]}`) : undefined

  if (options.length === 0) {
    return (
      <Drawer.Body>
        <Text size="small" className="text-ui-fg-subtle">
          {t("correction.nothing")}
        </Text>
      </Drawer.Body>
    )
  }

  return (
    <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
      <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
        <div className="flex flex-col gap-y-2" data-field="correction-target">
          <Text size="small" weight="plus">
            {t("correction.what")}
          </Text>
          <RadioGroup
            value={values.key}
            onValueChange={(key) =>
              set({
                key,
                baseDate: options.find((o) => o.key === key)?.day ?? today,
              })
            }
            aria-label={t("correction.what")}
          >
            {options.map((o) => (
              <RadioGroup.ChoiceBox
                key={o.key}
                value={o.key}
                disabled={!o.enabled}
                data-target={o.key}
                label={optionLabel(o, t, language)}
                description={optionDescription(o, t)}
              />
            ))}
          </RadioGroup>
          {errorText("key") && (
            <Text size="small" className="text-ui-fg-error" role="alert">
              {errorText("key")}
            </Text>
          )}
        </div>

        <div className="flex flex-col gap-y-2" data-field="correction-type">
          <Text size="small" weight="plus">
            {t("correction.type")}
          </Text>
          <RadioGroup
            value={values.type}
            onValueChange={(type) =>
              set({ type: type as CorrectionFormValues["type"] })
            }
            aria-label={t("correction.type")}
          >
            <RadioGroup.ChoiceBox
              value="self"
              label={t("correction.self")}
              description={t("correction.selfHint")}
            />
            <RadioGroup.ChoiceBox
              value="instruction"
              label={t("correction.instruction")}
              description={t("correction.instructionHint")}
            />
          </RadioGroup>
        </div>

        {values.type === "instruction" && (
          <Field
            id="correction-base-number"
            label={t("correction.baseNumber")}
            hint={t("correction.baseNumberHint")}
            error={errorText("baseNumber")}
          >
            <Input
              id="correction-base-number"
              value={values.baseNumber}
              aria-invalid={!!shown.baseNumber || undefined}
              onChange={(e) => set({ baseNumber: e.target.value })}
            />
          </Field>
        )}

        <Field
          id="correction-base-date"
          label={t("correction.baseDate")}
          hint={t("correction.baseDateHint")}
          error={errorText("baseDate")}
        >
          <Input
            id="correction-base-date"
            type="date"
            max={today}
            value={values.baseDate}
            aria-invalid={!!shown.baseDate || undefined}
            onChange={(e) => set({ baseDate: e.target.value })}
          />
        </Field>

        {option && (
          <div
            className="bg-ui-bg-subtle shadow-borders-base flex flex-col gap-y-1 rounded-lg px-4 py-3"
            data-testid="correction-summary"
          >
            <Text size="small" weight="plus">
              {t("correction.willRegister", {
                type: t(`type.${option.type}`),
                amount: formatRubles(option.amount, language),
              })}
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {[
                option.target.kind === "receipt"
                  ? t("correction.summaryReceipt", {
                      fd: option.fiscalDocumentNumber ?? "—",
                    })
                  : t(`correction.summary.${option.target.kind}`),
                values.type === "instruction"
                  ? t("correction.summaryInstruction", {
                      number: values.baseNumber.trim() || "—",
                    })
                  : t("correction.summarySelf"),
                t("correction.summaryDate", {
                  day: formatDay(values.baseDate, language),
                }),
              ].join(" · ")}
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {t("correction.summaryNote")}
            </Text>
          </div>
        )}

        {create.isError && (
          <Alert variant="error" data-testid="correction-error">
            {(create.error as Error).message}
          </Alert>
        )}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button">
            {t("correction.cancel")}
          </Button>
        </Drawer.Close>
        <Button
          size="small"
          type="submit"
          isLoading={create.isPending}
          disabled={!option}
        >
          {t("correction.submit")}
        </Button>
      </Drawer.Footer>
    </form>
  )
}
