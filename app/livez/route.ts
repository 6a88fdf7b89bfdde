import { livenessResponse } from "@/lib/readiness";

export const dynamic = "force-dynamic";

/** GET /livez: 200 while the process serves requests; never asks the database. */
export function GET(): Response {
  return livenessResponse();
}
