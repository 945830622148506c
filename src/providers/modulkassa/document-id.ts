import { createHash } from "node:crypto"

/**
 * Namespace of the name-based UUIDs this plugin derives from external ids. Fixed forever:
 * changing it would give every document in flight a new id and break exactly-once.
 */
const DOCUMENT_ID_NAMESPACE = "ac244a97-1df8-4579-8218-f25cdad2be46"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a canonical UUID string. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/**
 * RFC 4122 version 5 (SHA-1, name-based) UUID of `name`. The same external id always yields
 * the same document id, so a resend or a status lookup after a lost answer finds the document.
 */
export function uuidV5(
  name: string,
  namespace = DOCUMENT_ID_NAMESPACE
): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = (bytes[6] & 0x0f) | 0x50
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString("hex")
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join("-")
}

/** The МодульКасса document `id` of an external id under the configured format. */
export function modulDocumentId(
  externalId: string,
  format: "uuid" | "external_id"
): string {
  return format === "uuid" ? uuidV5(externalId) : externalId
}
