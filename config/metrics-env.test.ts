import assert from "node:assert/strict";
import { test } from "node:test";
import { launcherEnv } from "./launcher";
import { parseEnv } from "./parse-env";
import { realtimeEnv } from "./realtime";
import { problems, required } from "./test-env";
import { webEnv } from "./web";

/* The metrics variables: off unless a port is given, loopback by default, and bad values stop the process. */

test("metrics are off unless a port is set (blank counts as unset), on 127.0.0.1 unless METRICS_HOST says otherwise", () => {
  const sidecar = parseEnv(realtimeEnv, { ...required, REALTIME_METRICS_PORT: " " });
  assert.equal(sidecar.REALTIME_METRICS_PORT, undefined);
  assert.equal(sidecar.METRICS_HOST, "127.0.0.1");
  const web = parseEnv(webEnv, { ...required, WEB_METRICS_PORT: "0", METRICS_HOST: "10.0.0.5" });
  assert.equal(web.WEB_METRICS_PORT, 0);
  assert.equal(web.METRICS_HOST, "10.0.0.5");
});

test("a bad metrics port stops the process naming the variable", () => {
  assert.deepEqual(problems(realtimeEnv, { ...required, REALTIME_METRICS_PORT: "metrics" }), ["REALTIME_METRICS_PORT: must be a whole number"]);
  assert.deepEqual(problems(webEnv, { ...required, WEB_METRICS_PORT: "70000" }), ["WEB_METRICS_PORT: must be at most 65535"]);
});

test("the launcher refuses sidecar metrics ports that fall on the app's own ports", () => {
  const base = { SIDECARS: "3", REDIS_URL: "redis://127.0.0.1:6379", REALTIME_PORT: "3001", WEB_PORT: "3000" };
  const clash = ["REALTIME_METRICS_PORT: the sidecars' metrics ports (it and the SIDECARS-1 after it) must not be WEB_PORT, REALTIME_PORT or a sidecar's port"];
  assert.deepEqual(problems(launcherEnv, { ...base, REALTIME_METRICS_PORT: "3003" }), clash);
  assert.deepEqual(problems(launcherEnv, { ...base, REALTIME_METRICS_PORT: "2998" }), clash);
  assert.deepEqual(problems(launcherEnv, { ...base, REALTIME_METRICS_PORT: "9401" }), []);
  assert.deepEqual(problems(launcherEnv, { ...base, REALTIME_METRICS_PORT: "0" }), []);
});
