import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, generateJwtToken } from "@medusajs/framework/utils"

/** The jwtSecret of integration-tests/app/medusa-config.js. */
const JWT_SECRET = "integration-jwt-secret"

/** Creates an admin user and returns headers that authenticate as them. */
export async function adminHeaders(
  container: MedusaContainer,
  email = "admin@fiscal.test"
): Promise<{ headers: { authorization: string } }> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const [existing] = await userModule.listUsers({ email })
  const user = existing ?? (await userModule.createUsers({ email }))
  const identity = await authModule.createAuthIdentities({
    provider_identities: [
      { provider: "emailpass", entity_id: `${user.id}@id` },
    ],
    app_metadata: { user_id: user.id },
  })
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: identity.id,
      app_metadata: { user_id: user.id },
    },
    { secret: JWT_SECRET, expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}` } }
}
