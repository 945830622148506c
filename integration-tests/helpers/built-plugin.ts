import path from "node:path"

/** The built plugin (`npx medusa plugin:build`), the copy the host app loads. */
const BUILT = path.resolve(__dirname, "../../.medusa/server/src")

/**
 * The pipeline as the host app runs it. Tests drive the queue with this copy, not the
 * sources: the connections come from the app's fiscal module, so their error classes are
 * the built ones, and a pipeline from another copy would not recognise them.
 */
export const { processFiscalQueue } = require(
  path.join(BUILT, "pipeline/process-queue")
) as typeof import("../../src/pipeline/process-queue")

/** The sweep of missed causes, as the host app's job runs it. */
export const { sweepMissedReceipts } = require(
  path.join(BUILT, "pipeline/sweep")
) as typeof import("../../src/pipeline/sweep")
