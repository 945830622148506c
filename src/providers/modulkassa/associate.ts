import {
  AuthError,
  ConfigError,
  IndeterminateError,
  VendorFailedError,
  isFiscalProviderError,
} from "../../modules/fiscal/errors"
import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import { ModulKassaClient, type ModulCredentials } from "./client"
import { fromTransportFailure, toModulProviderError } from "./errors"
import {
  modulKassaApiBase,
  modulKassaOptionsSchema,
  type ModulKassaOptions,
} from "./options"
import type { ModulRetailPointAssociation } from "./types"

/**
 * The service credentials an association issued, ready to be stored (encrypted) in the
 * connection settings as `service_user` and `service_password`.
 */
export type ModulKassaAssociation = {
  service_user: string
  service_password: string
  /** Name and address of the retail point, for the admin to confirm the right one. */
  retail_point: { id: string; name?: string; address?: string }
}

function asOptions(config: ModulKassaOptions | unknown): ModulKassaOptions {
  const parsed = modulKassaOptionsSchema.safeParse(config)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new ConfigError({
      provider: "modulkassa",
      operation: "associate",
      message:
        `МодульКасса settings are invalid: ${first?.path.join(".") || "config"} ${first?.message ?? ""}`.trim(),
    })
  }
  return parsed.data
}

/**
 * `POST /v1/associate/{retailPointId}`: exchanges the account's login and password for the
 * service credentials of one retail point
 * (docs/vendors/modulkassa.md, "Authentication and association"). Calling it again issues a
 * new service password and the previous one stops working, so the result must be stored and
 * used everywhere the connection is used.
 *
 * Throws `AuthError` (401 wrong account credentials, 403 no rights to the point),
 * `ConfigError` (404 unknown retail point, missing login/password), `RetryableError`
 * (unreachable, 5xx) or `IndeterminateError` (the request may have rotated the password
 * but its answer was lost: associate again).
 */
export async function associate(
  config: ModulKassaOptions | unknown,
  ctx?: ProviderCallContext,
  client?: ModulKassaClient
): Promise<ModulKassaAssociation> {
  const options = asOptions(config)
  if (!options.login || !options.password) {
    throw new ConfigError({
      provider: "modulkassa",
      operation: "associate",
      message:
        "Associating needs the МодульКасса account login and password; set them and try again.",
    })
  }
  const http =
    client ??
    new ModulKassaClient({
      apiBase: modulKassaApiBase(options),
      timeoutMs: options.timeout_ms,
    })
  const account: ModulCredentials = {
    user: options.login,
    password: options.password,
  }
  const result = await http.associate(
    options.retail_point_id,
    options.client_id,
    account,
    ctx
  )
  const context = { operation: "associate", credentials: "account" as const }
  if (result.kind === "no_answer") {
    const error = fromTransportFailure(
      { ...context, mayHaveRegistered: true },
      result.failure
    )
    if (error instanceof IndeterminateError) {
      throw new IndeterminateError({
        provider: "modulkassa",
        operation: "associate",
        code: error.code,
        message: `${error.message}. The association may have issued a new password that was lost; associate again.`,
      })
    }
    throw error
  }
  const { answer } = result
  if (answer.status === 404) {
    throw new ConfigError({
      provider: "modulkassa",
      operation: "associate",
      code: "404",
      httpStatus: 404,
      message: `МодульКасса has no retail point "${options.retail_point_id}" (404). Copy its id from my.modulkassa.ru → Розничные точки; the test host has its own associations.`,
    })
  }
  if (answer.status !== 200) {
    throw toModulProviderError(context, answer)
  }
  const body = (answer.body ?? {}) as ModulRetailPointAssociation
  if (
    typeof body.userName !== "string" ||
    body.userName === "" ||
    typeof body.password !== "string" ||
    body.password === ""
  ) {
    throw new VendorFailedError({
      provider: "modulkassa",
      operation: "associate",
      httpStatus: 200,
      message:
        "МодульКасса associated the retail point but answered without userName and password; associate again.",
    })
  }
  const association: ModulKassaAssociation = {
    service_user: body.userName,
    service_password: body.password,
    retail_point: { id: options.retail_point_id },
  }
  if (typeof body.name === "string" && body.name !== "") {
    association.retail_point.name = body.name
  }
  if (typeof body.address === "string" && body.address !== "") {
    association.retail_point.address = body.address
  }
  return association
}

/**
 * Service credentials obtained on the fly (`auto_associate`), one per retail point and
 * account, shared by every provider instance of the process so a burst of receipts
 * associates once, not once per receipt.
 */
class AssociationCache {
  private readonly entries_ = new Map<string, Promise<ModulCredentials>>()

  get(
    key: string,
    fetch: () => Promise<ModulCredentials>
  ): Promise<ModulCredentials> {
    let entry = this.entries_.get(key)
    if (!entry) {
      entry = fetch()
      this.entries_.set(key, entry)
      entry.catch(() => {
        if (this.entries_.get(key) === entry) {
          this.entries_.delete(key)
        }
      })
    }
    return entry
  }

  /** Forgets `credentials` if they are still the cached ones (another caller may have refreshed). */
  async invalidate(key: string, credentials: ModulCredentials): Promise<void> {
    const entry = this.entries_.get(key)
    if (!entry) {
      return
    }
    const current = await entry.catch(() => undefined)
    if (!current || current.password === credentials.password) {
      if (this.entries_.get(key) === entry) {
        this.entries_.delete(key)
      }
    }
  }

  clear(): void {
    this.entries_.clear()
  }
}

/** The process-wide cache of on-the-fly associations. */
export const modulAssociationCache = new AssociationCache()

/** Explains an association failure to a shop owner. */
export function explainAssociationError(
  error: unknown,
  options: Pick<ModulKassaOptions, "login" | "retail_point_id">
): string {
  if (!isFiscalProviderError(error)) {
    return `МодульКасса association failed: ${String((error as Error)?.message ?? error)}`
  }
  if (error instanceof AuthError && error.httpStatus === 401) {
    return `МодульКасса rejected the account login "${options.login}" or its password (401). Use the login and password of my.modulkassa.ru.`
  }
  if (error instanceof AuthError && error.httpStatus === 403) {
    return `The account "${options.login}" has no rights to retail point "${options.retail_point_id}" (403), or the point does not take online-store documents. Switch on "Использовать для печати документов интернет-магазина" for the point.`
  }
  return error.message
}
