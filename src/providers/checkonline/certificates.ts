import { X509Certificate, createPrivateKey, type KeyObject } from "node:crypto"

/**
 * The TLS client certificate Checkonline authenticates a shop with
 * (docs/vendors/checkonline.md, "Authentication"). Parsed with node:crypto only; messages never
 * quote the key or the PEM text.
 */

const PEM_CERTIFICATE =
  /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** Normalizes pasted PEM text: Windows line ends, stray spaces around lines. */
export function normalizePem(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .trim()
}

/** Every certificate of a PEM bundle, parsed; throws when the text holds none or a broken one. */
export function parseCertificates(pem: string): X509Certificate[] {
  const blocks = normalizePem(pem).match(PEM_CERTIFICATE) ?? []
  if (blocks.length === 0) {
    throw new Error("no PEM certificate found")
  }
  return blocks.map((block) => new X509Certificate(block))
}

/** The private key; throws for garbage and for an encrypted key (no passphrase can be given). */
export function parsePrivateKey(pem: string): KeyObject {
  return createPrivateKey({ key: normalizePem(pem), format: "pem" })
}

/** What a shop owner needs to recognize a certificate. */
export type CertificateSummary = {
  /** Subject CN: the enterprise (Group) Checkonline takes by default. */
  commonName: string
  issuer: string
  validFrom: Date
  validTo: Date
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint: string
}

function commonNameOf(distinguishedName: string): string {
  const match = /(?:^|\n)CN=([^\n]*)/.exec(distinguishedName)
  return match ? match[1] : distinguishedName.replace(/\n/g, ", ")
}

/** Subject, issuer, validity and fingerprint of the first certificate of `pem`. */
export function summarizeCertificate(pem: string): CertificateSummary {
  const [certificate] = parseCertificates(pem)
  return {
    commonName: commonNameOf(certificate.subject),
    issuer: commonNameOf(certificate.issuer),
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
    fingerprint: certificate.fingerprint256,
  }
}

/** Why a certificate/key pair cannot work, per field; empty when it can. */
export function certificateProblems(input: {
  certificate: string
  private_key: string
  ca_certificate?: string
}): {
  field: "certificate" | "private_key" | "ca_certificate"
  message: string
}[] {
  const problems: ReturnType<typeof certificateProblems> = []
  let certificate: X509Certificate | undefined
  try {
    certificate = parseCertificates(input.certificate)[0]
  } catch {
    problems.push({
      field: "certificate",
      message:
        "must be an X.509 certificate in PEM (-----BEGIN CERTIFICATE-----)",
    })
  }
  let key: KeyObject | undefined
  try {
    key = parsePrivateKey(input.private_key)
  } catch {
    problems.push({
      field: "private_key",
      message:
        "must be an unencrypted private key in PEM (-----BEGIN PRIVATE KEY----- or BEGIN RSA/EC PRIVATE KEY)",
    })
  }
  if (certificate && key && !certificate.checkPrivateKey(key)) {
    problems.push({
      field: "private_key",
      message: "does not belong to the certificate",
    })
  }
  if (input.ca_certificate !== undefined) {
    try {
      parseCertificates(input.ca_certificate)
    } catch {
      problems.push({
        field: "ca_certificate",
        message: "must be one or more X.509 certificates in PEM",
      })
    }
  }
  return problems
}
