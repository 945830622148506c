import { Fragment, type CSSProperties } from "react"
import { GS, GS_MARK } from "../../lib/marking"

/** A small boxed "GS", drawn as a picture: fonts often have no glyph for "␝". */
const GS_PICTURE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="12" viewBox="0 0 18 12">' +
  '<rect x="0.5" y="0.5" width="17" height="11" rx="2.5" fill="none" stroke="#a1a1aa"/>' +
  '<text x="9" y="8.75" font-family="Inter,Arial,sans-serif" font-size="7.5" ' +
  'font-weight="600" text-anchor="middle" fill="#71717a">GS</text></svg>'

/**
 * The separator's place in the text holds "␝" itself (so copying the code, or reading
 * the page's text, gives "␝"), at size 0 under the picture.
 */
const GS_STYLE: CSSProperties = {
  display: "inline-block",
  verticalAlign: "middle",
  width: 18,
  height: 12,
  margin: "0 1px",
  backgroundImage: `url("data:image/svg+xml,${encodeURIComponent(GS_PICTURE)}")`,
  backgroundSize: "100% 100%",
  fontSize: 0,
}

/**
 * A marking code in monospace, each invisible group separator (U+001D) shown as a boxed
 * "GS" mark, so staff see where the scanner put it.
 */
export const CodeText = ({ code }: { code: string }) => (
  <span className="break-all font-mono">
    {code.split(GS).map((part, i) => (
      <Fragment key={i}>
        {i > 0 && (
          <span style={GS_STYLE} title="GS (U+001D)" data-gs="">
            {GS_MARK}
          </span>
        )}
        {part}
      </Fragment>
    ))}
  </span>
)
