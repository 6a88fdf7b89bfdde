import type { HttpResponse } from "uWebSockets.js";
import type { Db } from "../db/client";
import { databaseAnswers } from "../db/queries/health";
import type { BrokerState } from "./broker/broker";

const healthTimeoutMs = 2000;

/** What /readyz says about the broker: `degraded` while Redis is down (local clients are still served). */
export type BrokerHealth = "local" | "up" | "degraded";

export const brokerHealth = (state: BrokerState): BrokerHealth => (state === "down" ? "degraded" : state);

/** The sidecar's readiness besides its database: false from the moment a drain (SIGTERM) begins. */
export type Readiness = { draining: boolean };

/** GET /livez: 200 while the event loop turns. No database call: a database outage must not get a live process restarted. */
export function answerLiveness(res: HttpResponse): void {
  writeJson(res, true, { ok: true });
}

/**
 * GET /readyz (and /healthz, the same): 503 {"ok":false,"broker","draining":true}
 * at once while draining; else 200 {"ok":true,"broker"} when the database
 * answers in time (the sidecar can serve, broker or not), 503 {"ok":false,"broker"}
 * when it does not.
 */
export function answerReadiness(res: HttpResponse, db: Db, readiness: Readiness, broker: () => BrokerHealth): void {
  if (readiness.draining) return writeJson(res, false, { ok: false, broker: broker(), draining: true });
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  void databaseAnswers(db, healthTimeoutMs).then((ok) => {
    if (aborted) return;
    res.cork(() => writeJson(res, ok, { ok, broker: broker() }));
  });
}

function writeJson(res: HttpResponse, ok: boolean, body: object): void {
  res
    .writeStatus(ok ? "200 OK" : "503 Service Unavailable")
    .writeHeader("content-type", "application/json")
    .writeHeader("cache-control", "no-store")
    .end(JSON.stringify(body));
}
