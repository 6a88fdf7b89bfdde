import { databaseAnswers } from "@/db/queries/health";
import { getDb } from "@/lib/db";
import { isDraining } from "@/lib/drain-flag";
import { logger } from "@/lib/logger";

const timeoutMs = 2000;

const answer = (ok: boolean, body: object) =>
  Response.json(body, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });

/**
 * GET /readyz (and /healthz, the same): 503 {"ok":false,"draining":true} at
 * once while the server drains; else 200 {"ok":true} when the database
 * answers `select 1` in time, 503 {"ok":false} when it does not.
 */
export async function readinessResponse(): Promise<Response> {
  if (isDraining()) return answer(false, { ok: false, draining: true });
  const ok = await databaseAnswers(getDb(), timeoutMs);
  if (!ok) logger.warn("readiness: the database did not answer");
  return answer(ok, { ok });
}

/** GET /livez: 200 while the process serves requests; no database call (an outage must not get it restarted). */
export function livenessResponse(): Response {
  return answer(true, { ok: true });
}
