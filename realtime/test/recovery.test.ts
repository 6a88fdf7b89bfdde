import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack, type TestUser } from "./helpers";

let stack: Stack;
let alice: TestUser;
let bob: TestUser;

// Above the 13 changes of the replay test, whichever way its subscribe and sends race.
const recoverMax = 20;

before(async () => {
  stack = await startStack({ limits: { recoverMaxChanges: recoverMax, sendRateLimit: 1000 } });
  [alice, bob] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob")]);
});
afterEach(closeClients);
after(() => stopStack(stack));

test("since replays exactly the changes missed while away, in seq order, then live", async () => {
  const room = await makeRoom(stack, alice);
  const a = await TestClient.connect(stack.port, alice);
  let b = await TestClient.connect(stack.port, bob);
  await a.subscribe(room.id);
  await b.subscribe(room.id);
  await a.sendMessage(room.id, "seen 1");
  const seen = await a.sendMessage(room.id, "seen 2");
  await b.next("message", (f) => f.seq === seen.seq);
  b.close();
  await b.waitClosed();

  const missed: { seq: number }[] = [];
  for (let i = 1; i <= 4; i++) missed.push(await a.sendMessage(room.id, `missed ${i}`));
  b = await TestClient.connect(stack.port, bob);
  const subscribed = await b.subscribe(room.id, seen.seq);
  assert.deepEqual(subscribed, { type: "subscribed", room: room.id, lastSeq: missed.at(-1)!.seq, recovered: true });
  await b.next("message", (f) => f.seq === missed.at(-1)!.seq);
  const live = await a.sendMessage(room.id, "live");
  await b.next("message", (f) => f.seq === live.seq);
  assert.deepEqual(
    b.all("message").map((f) => [f.seq, f.message.body]),
    [...missed.map((m, i) => [m.seq, `missed ${i + 1}`]), [live.seq, "live"]],
  );
  // subscribed came before every replayed frame.
  const order = b.frames.map((f) => f.type).filter((t) => t === "subscribed" || t === "message");
  assert.equal(order[0], "subscribed");
  a.close();
  b.close();
});

test("recovered:false when the gap is over the limit or since is beyond lastSeq; nothing replayed", async () => {
  const room = await makeRoom(stack, alice);
  const a = await TestClient.connect(stack.port, alice);
  const last = recoverMax + 2;
  for (let i = 1; i <= last; i++) await a.sendMessage(room.id, `m${i}`);
  const b = await TestClient.connect(stack.port, bob);
  assert.deepEqual(await b.subscribe(room.id, 1), { type: "subscribed", room: room.id, lastSeq: last, recovered: false });
  b.send({ type: "unsubscribe", room: room.id });
  await b.next("unsubscribed");
  b.frames.length = 0;
  assert.equal((await b.subscribe(room.id, 99)).recovered, false);
  b.frames.length = 0;
  assert.equal((await b.subscribe(room.id, 2)).recovered, true);
  await b.next("message", (f) => f.seq === last);
  assert.deepEqual(b.all("message").map((f) => f.seq), Array.from({ length: recoverMax }, (_, i) => i + 3));
  a.close();
  b.close();
});

test("messages sent while a subscribe is replaying are neither lost nor doubled", async () => {
  const room = await makeRoom(stack, alice);
  const a = await TestClient.connect(stack.port, alice);
  for (let i = 1; i <= 3; i++) await a.sendMessage(room.id, `before ${i}`);
  const b = await TestClient.connect(stack.port, bob);
  b.send({ type: "subscribe", room: room.id, since: 0 });
  const acks = await Promise.all(Array.from({ length: 10 }, (_, i) => a.sendMessage(room.id, `during ${i}`)));
  const top = Math.max(...acks.map((x) => x.seq));
  await b.next("message", (f) => f.seq === top);
  const seqs = b.all("message").map((f) => f.seq);
  assert.deepEqual(seqs, Array.from({ length: top }, (_, i) => i + 1));
  a.close();
  b.close();
});
