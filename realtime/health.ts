import type { HttpResponse } from "uWebSockets.js";
import type { Db } from "../db/client";
import { databaseAnswers } from "../db/queries/health";
import type { BrokerState } from "./broker/broker";

const healthTimeoutMs = 2000;

/** What /healthz says about the broker: `degraded` while Redis is down (local clients are still served). */
export type BrokerHealth = "local" | "up" | "degraded";

export const brokerHealth = (state: BrokerState): BrokerHealth => (state === "down" ? "degraded" : state);

/**
 * GET /healthz: 200 {"ok":true,"broker"} when the database answers in time
 * (the sidecar can serve, broker or not), else 503 {"ok":false,"broker"}.
 */
export function answerHealth(res: HttpResponse, db: Db, broker: () => BrokerHealth): void {
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  void databaseAnswers(db, healthTimeoutMs).then((ok) => {
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
