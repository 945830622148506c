import {
  defineMiddlewares,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import { readCallbackBody } from "./hooks/fiscal/callback-body"
import { maskCallbackPathsInLog } from "./hooks/fiscal/log-mask"

// Medusa logs request paths before the callback route's own middlewares can run
// (log-mask.ts); its logger hides the callback secret from the moment the routes load
maskCallbackPathsInLog()

/**
 * The callback URL carries the installation's secret as a path segment (services such as
 * ATOL accept only a URL). Medusa's request log prints `originalUrl` when the response
 * ends; masking it here, before the body is read, keeps the secret out of the log whatever
 * the body turns out to be. Routing uses `req.url`, which stays as it was.
 */
function maskCallbackSecret(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) {
  req.originalUrl = req.originalUrl.replace(
    /^(\/hooks\/fiscal\/[^/?]+\/)[^/?]+/,
    "$1***"
  )
  next()
}

export default defineMiddlewares({
  routes: [
    {
      // vendor callbacks, whatever the method: Medusa's body parser runs before any
      // middleware, and its failures are logged by Medusa's error handler with the path,
      // secret and all; the body is read by `readCallbackBody` instead, once the path is
      // masked (a result notice is a few kilobytes, anything larger is refused)
      matcher: "/hooks/fiscal/*",
      methods: ["ALL"],
      bodyParser: false,
      middlewares: [maskCallbackSecret, readCallbackBody],
    },
  ],
})
