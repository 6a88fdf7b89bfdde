import { readinessResponse } from "@/lib/readiness";

export const dynamic = "force-dynamic";

/** GET /readyz: 503 while draining or while the database does not answer; 200 otherwise. */
export function GET(): Promise<Response> {
  return readinessResponse();
}
