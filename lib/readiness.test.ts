import assert from "node:assert/strict";
import { test } from "node:test";
import { isDraining, markDraining } from "./drain-flag";
import { livenessResponse, readinessResponse } from "./readiness";

test("readiness: 503 {ok:false,draining:true} once draining, without asking the database; liveness stays 200", async () => {
  assert.equal(isDraining(), false);
  markDraining();
  assert.equal(isDraining(), true);
  const ready = await readinessResponse();
  assert.equal(ready.status, 503);
  assert.equal(ready.headers.get("cache-control"), "no-store");
  assert.deepEqual(await ready.json(), { ok: false, draining: true });
  const live = livenessResponse();
  assert.equal(live.status, 200);
  assert.deepEqual(await live.json(), { ok: true });
});

test("the drain flag is one per process: a second copy of the module (as Next.js compiles its own) sees it", async () => {
  markDraining();
  const copy = (await import(`./drain-flag.ts?copy=${Date.now()}`)) as typeof import("./drain-flag");
  assert.equal(copy.isDraining(), true);
});
