import type postgres from "postgres";
import type { HttpResponse } from "uWebSockets.js";
import type { BrokerState } from "./broker/broker";

const healthTimeoutMs = 2000;

/** What /healthz says about the broker: `degraded` while Redis is down (local clients are still served). */
export type BrokerHealth = "local" | "up" | "degraded";

export const brokerHealth = (state: BrokerState): BrokerHealth => (state === "down" ? "degraded" : state);

/**
 * GET /healthz: 200 {"ok":true,"broker"} when the database answers in time
 * (the sidecar can serve, broker or not), else 503 {"ok":false,"broker"}.
 */
export function answerHealth(res: HttpResponse, sql: postgres.Sql, broker: () => BrokerHealth): void {
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
        .end(JSON.stringify({ ok, broker: broker() }));
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
