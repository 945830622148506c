import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  issueCorrection,
  orderCorrections,
} from "../../../../../../pipeline/corrections"
import type {
  AdminCreateCorrectionResponse,
  AdminOrderCorrectionsResponse,
} from "../../../../../../types/http/corrections"
import { parseBody } from "../../../helpers"
import { AdminCreateCorrection } from "./validators"

/**
 * What "Issue correction" offers on the order: its captures and refunds with whether each
 * may be corrected now, its registered sale receipts that may be taken back, and which
 * corrections the active service registers.
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  res.json(
    (await orderCorrections(
      req.scope,
      req.params.id
    )) satisfies AdminOrderCorrectionsResponse<Date>
  )
}

/** "Issue correction": records the correction receipt and queues it. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const body = parseBody(AdminCreateCorrection, req.body)
  const receipt = await issueCorrection(req.scope, req.params.id, body)
  res.json({ receipt } satisfies AdminCreateCorrectionResponse<Date>)
}
