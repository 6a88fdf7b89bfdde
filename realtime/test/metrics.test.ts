import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { moved, scrape, valueOf, type Scrape } from "../../test/support/metrics";
import { freePort } from "../../test/support/ports";
import { startSidecarProcess, type SidecarProcess } from "../../test/support/sidecar";
import { waitFor } from "../../test/wait-for";
import { closeClients, makeRoom, makeUser, secret, TestClient, upgradeStatus, webOrigin, type TestUser } from "./helpers";

/*
 * The sidecar's /metrics, scraped from a real sidecar process: on a port of
 * its own (the public port has none), and moving as a real client
 * subscribes, sends, errs and closes.
 */
let database: TestDatabase;
let sidecar: SidecarProcess;
let metricsPort: number;
let alice: TestUser;
let bob: TestUser;

before(async () => {
  database = await createTestDatabase("chat_metrics");
  metricsPort = await freePort();
  sidecar = await startSidecarProcess({
    databaseUrl: database.url,
    secret,
    env: { REALTIME_METRICS_PORT: String(metricsPort), LOG_LEVEL: "silent" },
  });
  [alice, bob] = await Promise.all([makeUser({ db: database }, "alice"), makeUser({ db: database }, "bob")]);
});
afterEach(closeClients);
after(async () => {
  await sidecar?.stop();
  await database?.drop();
});

const metricsNow = () => scrape(metricsPort);

test("metrics are served on their own loopback port only, with the process metrics", async () => {
  assert.notEqual(metricsPort, sidecar.port);
  const publicPort = await fetch(`http://127.0.0.1:${sidecar.port}/metrics`);
  assert.equal(publicPort.status, 404);
  const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
  assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status, 404);
  const s = await metricsNow();
  for (const name of ["process_cpu_user_seconds_total", "process_resident_memory_bytes", "nodejs_eventloop_lag_seconds"]) {
    assert.ok(s.names.has(name), `${name} is exposed`);
  }
  assert.equal(valueOf(s, 'chat_broker_state{state="local"}'), 1);
  assert.equal(valueOf(s, 'chat_broker_state{state="up"}'), 0);
});

const sendKeys = [
  'chat_frames_in_total{type="subscribe"}',
  'chat_frames_in_total{type="send"}',
  'chat_frames_in_total{type="invalid"}',
  'chat_frames_out_total{type="ready"}',
  'chat_frames_out_total{type="subscribed"}',
  'chat_frames_out_total{type="ack"}',
  'chat_frames_out_total{type="message"}',
  'chat_frames_out_total{type="error"}',
  'chat_errors_total{code="bad_request"}',
  "chat_send_ack_seconds_count",
  "chat_batch_size_count",
  "chat_batch_size_sum",
  "chat_batch_commit_seconds_count",
  "chat_sockets_open",
  "chat_presence_entries",
];

test("a subscribe, a send and a bad frame move the frame, ack, batch, socket and presence metrics", async () => {
  const room = await makeRoom({ db: database }, alice);
  const start = await metricsNow();
  const a = await TestClient.connect(sidecar.port, alice);
  const b = await TestClient.connect(sidecar.port, bob);
  for (const client of [a, b]) {
    await client.subscribe(room.id);
    await client.next("presence");
  }
  await a.sendMessage(room.id, "hello metrics");
  await b.next("message");
  a.send("not json");
  await a.next("error");
  const expected = {
    'chat_frames_in_total{type="subscribe"}': 2,
    'chat_frames_in_total{type="send"}': 1,
    'chat_frames_in_total{type="invalid"}': 1,
    'chat_frames_out_total{type="ready"}': 2,
    'chat_frames_out_total{type="subscribed"}': 2,
    'chat_frames_out_total{type="ack"}': 1,
    // One publish to the room's topic, though two sockets got it.
    'chat_frames_out_total{type="message"}': 1,
    'chat_frames_out_total{type="error"}': 1,
    'chat_errors_total{code="bad_request"}': 1,
    chat_send_ack_seconds_count: 1,
    chat_batch_size_count: 1,
    chat_batch_size_sum: 1,
    chat_batch_commit_seconds_count: 1,
    chat_sockets_open: 2,
    chat_presence_entries: 2,
  };
  assert.deepEqual(moved(start, await metricsNow(), sendKeys), expected);
});

test("closes are counted by code and the open sockets go back down", async () => {
  const start = await metricsNow();
  const a = await TestClient.connect(sidecar.port, alice);
  assert.equal(valueOf(await metricsNow(), "chat_sockets_open"), valueOf(start, "chat_sockets_open") + 1);
  a.ws.close(1000);
  await a.waitClosed();
  const closed = await waitFor(async () => {
    const s = await metricsNow();
    assert.equal(valueOf(s, "chat_sockets_open"), valueOf(start, "chat_sockets_open"));
    return s;
  });
  assert.equal(moved(start, closed, ['chat_socket_closes_total{code="1000"}'])['chat_socket_closes_total{code="1000"}'], 1);
});

test("refused upgrades are counted by reason, and open no socket", async () => {
  const start = await metricsNow();
  assert.equal(await upgradeStatus(sidecar.port, { token: alice.token, origin: "https://evil.example" }), 403);
  assert.equal(await upgradeStatus(sidecar.port, { origin: webOrigin }), 401);
  assert.equal(await upgradeStatus(sidecar.port, { token: "not-a-token" }), 401);
  const end: Scrape = await metricsNow();
  assert.deepEqual(
    moved(start, end, ["origin", "no_token", "bad_token"].map((reason) => `chat_upgrades_refused_total{reason="${reason}"}`).concat("chat_sockets_open")),
    {
      'chat_upgrades_refused_total{reason="origin"}': 1,
      'chat_upgrades_refused_total{reason="no_token"}': 1,
      'chat_upgrades_refused_total{reason="bad_token"}': 1,
      chat_sockets_open: 0,
    },
  );
});
