import { readinessResponse } from "@/lib/readiness";

export const dynamic = "force-dynamic";

/** GET /healthz: the public contract's health check, the same as /readyz (lib/readiness.ts). */
export function GET(): Promise<Response> {
  return readinessResponse();
}
