import { defineMiddlewares } from "@medusajs/framework/http"

export default defineMiddlewares({
  routes: [
    {
      // vendor callbacks: the raw body is what the provider parses; a result notice is
      // a few kilobytes, so anything larger is refused before it is read
      matcher: "/hooks/fiscal/*",
      methods: ["POST"],
      bodyParser: { preserveRawBody: true, sizeLimit: "64kb" },
    },
  ],
})
