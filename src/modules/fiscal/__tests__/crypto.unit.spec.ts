import { randomBytes } from "node:crypto"
import {
  decryptJson,
  encryptJson,
  parseEncryptionKey,
  secretsEqual,
} from "../utils/crypto"

describe("credential encryption", () => {
  const key = randomBytes(32)

  it("round-trips and never stores the plain text", () => {
    const text = encryptJson(key, { password: "zUr0OxfI" })
    expect(text).toMatch(/^v1:/)
    expect(text).not.toContain("zUr0OxfI")
    expect(decryptJson(key, text)).toEqual({ password: "zUr0OxfI" })
  })

  it("refuses a wrong key or a tampered text with a message that says why", () => {
    const text = encryptJson(key, { password: "p" })
    expect(() => decryptJson(randomBytes(32), text)).toThrow(
      /encryption key differs/
    )
    const [v, iv, tag, data] = text.split(":")
    const flipped = Buffer.from(data, "base64")
    flipped[0] ^= 1
    expect(() =>
      decryptJson(key, [v, iv, tag, flipped.toString("base64")].join(":"))
    ).toThrow()
  })

  it("reads hex and base64 keys and explains a wrong one without echoing it", () => {
    const hex = key.toString("hex")
    expect(parseEncryptionKey(hex).equals(key)).toBe(true)
    expect(parseEncryptionKey(key.toString("base64")).equals(key)).toBe(true)
    expect(() => parseEncryptionKey("short-secret")).toThrow(/32 bytes/)
    try {
      parseEncryptionKey("short-secret")
    } catch (e) {
      expect((e as Error).message).not.toContain("short-secret")
    }
  })

  it("compares secrets of any length", () => {
    expect(secretsEqual("abc", "abc")).toBe(true)
    expect(secretsEqual("abc", "abd")).toBe(false)
    expect(secretsEqual("abc", "abcd")).toBe(false)
  })
})
