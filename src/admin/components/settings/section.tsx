import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type Props = {
  id: string
  title: string
  description?: string
  actions?: ReactNode
  children: ReactNode
}

/** One block of the settings page. */
export const Section = ({
  id,
  title,
  description,
  actions,
  children,
}: Props) => (
  <Container className="divide-y p-0" data-section={id}>
    <div className="flex items-start justify-between gap-x-4 px-6 py-4">
      <div>
        <Heading level="h2">{title}</Heading>
        {description && (
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        )}
      </div>
      {actions}
    </div>
    <div className="flex flex-col gap-y-4 px-6 py-4">{children}</div>
  </Container>
)
