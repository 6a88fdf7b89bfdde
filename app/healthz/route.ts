import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

const timeoutMs = 2000;

/** GET /healthz → 200 {"ok":true} when the database answers `select 1`, else 503. */
export async function GET(): Promise<Response> {
  try {
    await Promise.race([
      getDb().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), timeoutMs)),
    ]);
    return Response.json({ ok: true });
  } catch (err) {
    logger.warn({ err }, "health check failed");
    return Response.json({ ok: false }, { status: 503 });
  }
}
