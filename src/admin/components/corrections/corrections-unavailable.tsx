import { Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useFiscalTranslation } from "../../lib/i18n"
import { fiscalKeys } from "../../lib/query-keys"
import { fiscalFetch } from "../../lib/sdk"
import type { AdminFiscalProviderListResponse } from "../../../types/http"

/** The muted line of a service that registers no corrections, or of none set up. */
export const CorrectionsUnavailable = ({
  providerId,
}: {
  providerId: string | null
}) => {
  const { t } = useFiscalTranslation()
  const providers = useQuery({
    queryKey: fiscalKeys.providers(),
    enabled: !!providerId,
    queryFn: () =>
      fiscalFetch<AdminFiscalProviderListResponse>("/admin/fiscal/providers"),
  })
  const title =
    providers.data?.providers.find((p) => p.id === providerId)?.title ??
    providerId
  return (
    <Text
      size="small"
      className="text-ui-fg-muted"
      data-testid="corrections-unavailable"
    >
      {providerId
        ? t("correction.unsupported", { service: title })
        : t("correction.noProvider")}
    </Text>
  )
}
