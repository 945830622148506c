import {
  defineMiddlewares,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"

/**
 * The callback URL carries the installation's secret as a path segment (services such as
 * ATOL accept only a URL). Medusa's request log prints `originalUrl` when the response
 * ends; masking it here keeps the secret out of the log. Routing uses `req.url`, which
 * stays as it was.
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
      // vendor callbacks: the raw body is what the provider parses; a result notice is
      // a few kilobytes, so anything larger is refused before it is read
      matcher: "/hooks/fiscal/*",
      methods: ["POST"],
      bodyParser: { preserveRawBody: true, sizeLimit: "64kb" },
      middlewares: [maskCallbackSecret],
    },
  ],
})
