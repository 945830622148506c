import { Fragment } from "react"
import { GS, GS_MARK } from "../../lib/marking"

/**
 * A marking code in monospace, each invisible group separator (U+001D) drawn as "␝" so
 * staff see where the scanner put it.
 */
export const CodeText = ({ code }: { code: string }) => (
  <span className="break-all font-mono">
    {code.split(GS).map((part, i) => (
      <Fragment key={i}>
        {i > 0 && (
          <span className="text-ui-fg-muted" title="GS (U+001D)">
            {GS_MARK}
          </span>
        )}
        {part}
      </Fragment>
    ))}
  </span>
)
