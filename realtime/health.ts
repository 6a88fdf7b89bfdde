import type postgres from "postgres";
import type { HttpResponse } from "uWebSockets.js";

const healthTimeoutMs = 2000;

/** GET /healthz: 200 {"ok":true} when the database answers in time, else 503. */
export function answerHealth(res: HttpResponse, sql: postgres.Sql): void {
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  void databaseAnswers(sql).then((ok) => {
    if (aborted) return;
    res.cork(() => {
      res
        .writeStatus(ok ? "200 OK" : "503 Service Unavailable")
        .writeHeader("content-type", "application/json")
        .writeHeader("cache-control", "no-store")
        .end(JSON.stringify(ok ? { ok: true } : { ok: false }));
    });
  });
}

async function databaseAnswers(sql: postgres.Sql): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), healthTimeoutMs);
  });
  const query = sql`select 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
