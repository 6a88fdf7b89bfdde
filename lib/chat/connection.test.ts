import { test } from "node:test";
import assert from "node:assert/strict";
import { CloseCode } from "../../protocol/index";
import { ChatConnection } from "./connection";
import { FakeClock, FakeSocket } from "./test-fakes";
import type { WakeReason } from "./wake";
import type { SocketLike } from "./wire";

function setup() {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  let wake: (reason: WakeReason) => void = () => {};
  const client = new ChatConnection("ws://test/ws", {
    clock,
    random: () => 0.5,
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s as unknown as SocketLike;
    },
    wake: (fn) => ((wake = fn), () => {}),
  });
  const latest = () => sockets.at(-1)!;
  return { clock, sockets, client, latest, wake: (r: WakeReason) => wake(r) };
}

/** What a room does when asked to rejoin (room-writes.ts): subscribe from its cursor as it is at that moment. */
const subscribeFrom = (client: ChatConnection, room: string, cursor: () => number) =>
  () => void client.send({ type: "subscribe", room, since: cursor() });

test("on ready it rejoins every watched room, which subscribes from that room's cursor", () => {
  const { client, clock, latest } = setup();
  let cursor = 7;
  client.watchRoom("r1", subscribeFrom(client, "r1", () => cursor));
  client.start();
  assert.equal(client.state, "connecting");
  assert.deepEqual(latest().sent, [], "nothing is sent before ready");
  latest().ready();
  assert.equal(client.state, "online");
  assert.deepEqual(latest().sent, [{ type: "subscribe", room: "r1", since: 7 }]);
  cursor = 9;
  latest().drop(1006);
  clock.advance(1_000);
  latest().ready();
  assert.deepEqual(latest().sent.at(-1), { type: "subscribe", room: "r1", since: 9 });
});

test("a room watched while online rejoins at once; unwatching it unsubscribes", () => {
  const { client, latest } = setup();
  client.start();
  latest().ready();
  const unwatch = client.watchRoom("r2", subscribeFrom(client, "r2", () => 3));
  assert.deepEqual(latest().sent, [{ type: "subscribe", room: "r2", since: 3 }]);
  unwatch();
  assert.deepEqual(latest().sent.at(-1), { type: "unsubscribe", room: "r2" });
});

test("inbound frames are parsed with the protocol schema; invalid ones are dropped", () => {
  const { client, latest } = setup();
  const types: string[] = [];
  client.onFrame((f) => types.push(f.type));
  client.start();
  latest().ready();
  latest().receive({ type: "typing", room: "r1" }); // no user: invalid
  latest().onmessage?.call(latest() as never, { data: "not json" } as MessageEvent);
  latest().receive({ type: "typing", room: "r1", user: { id: "u2", username: "bob" } });
  assert.deepEqual(types, ["ready", "typing"]);
});

test("an ordinary close reconnects after a jittered backoff that grows", () => {
  const { client, clock, sockets, latest } = setup();
  client.start();
  latest().drop(1006);
  assert.equal(client.state, "offline");
  clock.advance(124); // random 0.5 of a 250 ms ceiling = 125 ms
  assert.equal(sockets.length, 1);
  clock.advance(1);
  assert.equal(sockets.length, 2);
  latest().drop(1006);
  clock.advance(249); // second attempt: 0.5 of 500 ms
  assert.equal(sockets.length, 2);
  clock.advance(1);
  assert.equal(sockets.length, 3);
  assert.equal(client.state, "connecting");
});

test("4009 (slow consumer) and 1001 (shutdown) reconnect; 4001 and 4008 do not", () => {
  const { slowConsumer, goingAway, sessionExpired, abuse } = CloseCode;
  for (const [{ code }, reconnects] of [[slowConsumer, true], [goingAway, true], [sessionExpired, false], [abuse, false]] as const) {
    const { client, clock, sockets, latest } = setup();
    const terminal: number[] = [];
    client.onTerminal((c) => terminal.push(c));
    client.start();
    latest().ready();
    latest().drop(code);
    clock.advance(60_000);
    assert.equal(sockets.length > 1, reconnects, `close ${code}`);
    assert.deepEqual(terminal, reconnects ? [] : [code]);
    assert.equal(client.terminalCode, reconnects ? null : code);
  }
});

test("coming back online reconnects at once instead of waiting out the backoff", () => {
  const { client, sockets, latest, wake } = setup();
  client.start();
  latest().drop(1006);
  wake({ kind: "online" });
  assert.equal(sockets.length, 2);
});

test("a long sleep probes the socket; silence past the liveness timeout replaces it", () => {
  const { client, clock, sockets, latest, wake } = setup();
  client.watchRoom("r1", subscribeFrom(client, "r1", () => 3));
  client.start();
  latest().ready();
  wake({ kind: "visible", hiddenForMs: 5_000 });
  assert.equal(latest().sent.length, 1, "a short absence is not probed");
  wake({ kind: "visible", hiddenForMs: 3_600_000 });
  assert.deepEqual(latest().sent.at(-1), { type: "subscribe", room: "r1", since: 3 });
  clock.advance(10_000);
  assert.equal(sockets[0]?.closed, true);
  assert.equal(sockets.length, 2);
});

test("stop closes the socket and never reconnects", () => {
  const { client, clock, sockets, latest } = setup();
  client.start();
  latest().ready();
  client.stop();
  clock.advance(60_000);
  assert.equal(sockets[0]?.closed, true);
  assert.equal(sockets.length, 1);
  assert.equal(client.state, "offline");
});

test("a second wake-up restarts the liveness probe instead of leaving the first one running", () => {
  const { client, clock, sockets, latest, wake } = setup();
  client.watchRoom("r1", subscribeFrom(client, "r1", () => 3));
  client.start();
  latest().ready();
  wake({ kind: "online" });
  clock.advance(5_000);
  wake({ kind: "online" });
  latest().receive({ type: "subscribed", room: "r1", lastSeq: 3, recovered: true }); // alive
  clock.advance(60_000);
  assert.equal(sockets.length, 1, "the answered probe leaves the socket alone");
  assert.equal(clock.pending(), 0);
});
