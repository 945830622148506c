import {
  createCipheriv,
  createHash,
  createDecipheriv,
  randomBytes,
  timingSafeEqual,
} from "node:crypto"

const PREFIX = "v1"

/**
 * Reads a 32-byte key written as 64 hex characters or as base64. The message says how to
 * make one and never echoes what was given.
 */
export function parseEncryptionKey(raw: string): Buffer {
  const trimmed = raw.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed, "base64")
  if (key.length !== 32) {
    throw new Error(
      "The fiscal encryption key must be 32 bytes, written as 64 hex characters or base64. " +
        "Make one with: openssl rand -hex 32"
    )
  }
  return key
}

/** Encrypts a JSON value with AES-256-GCM: `v1:<iv>:<tag>:<ciphertext>`, base64 parts. */
export function encryptJson(key: Buffer, value: unknown): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", key, iv)
  const data = Buffer.concat([
    cipher.update(JSON.stringify(value), "utf8"),
    cipher.final(),
  ])
  const tag = cipher.getAuthTag()
  return [PREFIX, iv, tag, data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64")))
    .join(":")
}

/** Decrypts what {@link encryptJson} wrote; a wrong key or tampered text throws. */
export function decryptJson<T = unknown>(key: Buffer, text: string): T {
  const [prefix, iv, tag, data] = text.split(":")
  if (prefix !== PREFIX || !iv || !tag || data === undefined) {
    throw new Error("Stored fiscal credentials are not in a known format.")
  }
  const decipher = createDecipheriv(
    "aes-256-gcm",
    key,
    Buffer.from(iv, "base64")
  )
  decipher.setAuthTag(Buffer.from(tag, "base64"))
  try {
    const plain = Buffer.concat([
      decipher.update(Buffer.from(data, "base64")),
      decipher.final(),
    ])
    return JSON.parse(plain.toString("utf8")) as T
  } catch {
    throw new Error(
      "Stored fiscal credentials cannot be decrypted: the encryption key differs from the one they were saved with."
    )
  }
}

/** Compares two secrets in constant time (for callback secrets). */
export function secretsEqual(a: string, b: string): boolean {
  // compared as digests of equal length, so the time taken says nothing of the secret's
  // length either
  const x = createHash("sha256").update(a).digest()
  const y = createHash("sha256").update(b).digest()
  return timingSafeEqual(x, y) && a === b
}
