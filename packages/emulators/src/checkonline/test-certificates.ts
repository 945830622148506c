/**
 * PUBLIC TEST MATERIAL for the Checkonline emulator only. These keys are published with the
 * package and are worthless for anything real: never trust this CA outside a test, never use
 * these certificates against the real Checkonline service.
 *
 * Checkonline authenticates with a TLS client certificate
 * (docs/vendors/checkonline.md, "Authentication"), so the emulator is an `https` server that
 * requires one. Generating X.509 certificates needs openssl, which a user's
 * machine may not have, and `.pem` files are not copied by the TypeScript build, so one set was
 * generated once with the `openssl` CLI and is embedded here:
 *
 * - a test CA (ECDSA P-256) that signed both certificates below; its key was discarded;
 * - the emulator's server certificate for `127.0.0.1` and `localhost` (subjectAltName);
 * - a client certificate whose CN is the test group {@link CHECKONLINE_TEST_GROUP}: Checkonline
 *   takes the enterprise (Group) from the client certificate when a request names none.
 *
 * All are valid from 2000-01-01 to 2126-01-01 (UTC), so clock skew never makes them "not yet valid".
 */

/** CN of the test client certificate, and the group the emulator registers for it. */
export const CHECKONLINE_TEST_GROUP = "TEST-ENTERPRISE"

/** The emulator's test CA; give it to the provider as `ca_certificate`. */
export const CHECKONLINE_TEST_CA_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIB8jCCAZigAwIBAgICEAAwCgYIKoZIzj0EAwIwXzE2MDQGA1UECgwtbWVkdXNh
LWZpc2NhbCBlbXVsYXRvciAocHVibGljIHRlc3QgbWF0ZXJpYWwpMSUwIwYDVQQD
DBxDaGVja29ubGluZSBlbXVsYXRvciB0ZXN0IENBMCAXDTAwMDEwMTAwMDAwMFoY
DzIxMjYwMTAxMDAwMDAwWjBfMTYwNAYDVQQKDC1tZWR1c2EtZmlzY2FsIGVtdWxh
dG9yIChwdWJsaWMgdGVzdCBtYXRlcmlhbCkxJTAjBgNVBAMMHENoZWNrb25saW5l
IGVtdWxhdG9yIHRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATn9Sq+
wIcyOsbvyEXrS4o+gNLXXKbw4NUBpElvaBQqtcbGterDl1GEwwVfymQPoyYVJkkO
z+VUFv5lYpnW3b0Io0IwQDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIB
BjAdBgNVHQ4EFgQUWbJs5WGTMiGhZ9CByOXWoIVjytQwCgYIKoZIzj0EAwIDSAAw
RQIgA9whWwEWh0wo2F5h7YFys6m2V1032xhkxGeNApvHTEwCIQCEn9lI3HRaeMLN
asTSmkSyxigPK2zlgFdH/qbo9HeZ2w==
-----END CERTIFICATE-----
`

/** The emulator's server certificate (127.0.0.1, localhost), signed by the test CA. */
export const CHECKONLINE_TEST_SERVER_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIICMDCCAdagAwIBAgICEAEwCgYIKoZIzj0EAwIwXzE2MDQGA1UECgwtbWVkdXNh
LWZpc2NhbCBlbXVsYXRvciAocHVibGljIHRlc3QgbWF0ZXJpYWwpMSUwIwYDVQQD
DBxDaGVja29ubGluZSBlbXVsYXRvciB0ZXN0IENBMCAXDTAwMDEwMTAwMDAwMFoY
DzIxMjYwMTAxMDAwMDAwWjBMMTYwNAYDVQQKDC1tZWR1c2EtZmlzY2FsIGVtdWxh
dG9yIChwdWJsaWMgdGVzdCBtYXRlcmlhbCkxEjAQBgNVBAMMCWxvY2FsaG9zdDBZ
MBMGByqGSM49AgEGCCqGSM49AwEHA0IABI88LunL44QgeJ6uFTuEKhLnppRQx3uI
1JhrO0YvH0KFsSM/Vtnob8+Jy8fpvWXDP62CJ1XJ8+itzc7LQUp3k4OjgZIwgY8w
DAYDVR0TAQH/BAIwADAOBgNVHQ8BAf8EBAMCB4AwEwYDVR0lBAwwCgYIKwYBBQUH
AwEwGgYDVR0RBBMwEYcEfwAAAYIJbG9jYWxob3N0MB0GA1UdDgQWBBTCKdvGaPYk
SJk7HqhQpJuWQaFPJTAfBgNVHSMEGDAWgBRZsmzlYZMyIaFn0IHI5daghWPK1DAK
BggqhkjOPQQDAgNIADBFAiBcRPqw/G5ybd55XlcwIXt8qqnEAUSTHDJgMqiIzLVS
HwIhAOA6o+yJf8MxNMZdo9MbFNvm+54VwT7TS2xfPPZ2hji2
-----END CERTIFICATE-----
`

/** The key of the server certificate (public test material). */
export const CHECKONLINE_TEST_SERVER_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgp1+ZgmBKkx4C38tY
UMK/Ih1UAp8Sh6/Ps0s1NI/dY7yhRANCAASPPC7py+OEIHierhU7hCoS56aUUMd7
iNSYaztGLx9ChbEjP1bZ6G/PicvH6b1lwz+tgidVyfPorc3Oy0FKd5OD
-----END PRIVATE KEY-----
`

/** The test client certificate (CN = {@link CHECKONLINE_TEST_GROUP}), signed by the test CA. */
export const CHECKONLINE_TEST_CLIENT_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIICFzCCAb6gAwIBAgICEAIwCgYIKoZIzj0EAwIwXzE2MDQGA1UECgwtbWVkdXNh
LWZpc2NhbCBlbXVsYXRvciAocHVibGljIHRlc3QgbWF0ZXJpYWwpMSUwIwYDVQQD
DBxDaGVja29ubGluZSBlbXVsYXRvciB0ZXN0IENBMCAXDTAwMDEwMTAwMDAwMFoY
DzIxMjYwMTAxMDAwMDAwWjBSMTYwNAYDVQQKDC1tZWR1c2EtZmlzY2FsIGVtdWxh
dG9yIChwdWJsaWMgdGVzdCBtYXRlcmlhbCkxGDAWBgNVBAMMD1RFU1QtRU5URVJQ
UklTRTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABLq2LH7fFiynW0HMin/2QI4l
ErHYXjz8LGb9demo487H9CR2ZySDDOMkdiyB3ieMa9mwbaPhpI/tRs5+LYMO0SCj
dTBzMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgeAMBMGA1UdJQQMMAoGCCsG
AQUFBwMCMB0GA1UdDgQWBBT3bb7Iw7XA/FjiS1SccupRtOd4JzAfBgNVHSMEGDAW
gBRZsmzlYZMyIaFn0IHI5daghWPK1DAKBggqhkjOPQQDAgNHADBEAiBCc4AaIp4g
EttHlUFFPPfECKIR6zhAuBFaIx+bnlvMDgIgP3hB6ZBAQF/DURw5M5J5IV7jvwgq
/JHlWmJLvFXVq5I=
-----END CERTIFICATE-----
`

/** The key of the test client certificate (public test material). */
export const CHECKONLINE_TEST_CLIENT_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgajVKLQgJF5zpHJLM
qRrBT5BLUHE1FMFncziTQ/c3GFihRANCAAS6tix+3xYsp1tBzIp/9kCOJRKx2F48
/Cxm/XXpqOPOx/QkdmckgwzjJHYsgd4njGvZsG2j4aSP7UbOfi2DDtEg
-----END PRIVATE KEY-----
`
